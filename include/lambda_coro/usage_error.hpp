// usage_error: a misuse of lambda-coro's API, reported instead of undefined behaviour.
#ifndef LAMBDA_CORO_USAGE_ERROR_HPP_INCLUDED
#define LAMBDA_CORO_USAGE_ERROR_HPP_INCLUDED

#include <lambda_coro/config.hpp>

#include <stdexcept>

LAMBDA_CORO_BEGIN_NAMESPACE

// Answering an invocation twice or after the next one was asked for, awaiting an empty or
// already awaited task, awaiting lambda-coro I/O where no event loop runs.
class usage_error : public std::logic_error {
public:
  using std::logic_error::logic_error;
};

namespace detail {
// Out of line, so that the checks that guard it stay small where they are inlined.
[[noreturn, gnu::noinline, gnu::cold]] inline void throw_usage_error(const char* what) { throw usage_error(what); }
}  // namespace detail

LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_USAGE_ERROR_HPP_INCLUDED
