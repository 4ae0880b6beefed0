// How failures become Lambda error reports: {"errorMessage","errorType","stackTrace"}.
#ifndef LAMBDA_CORO_RUNTIME_ERRORS_HPP_INCLUDED
#define LAMBDA_CORO_RUNTIME_ERRORS_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/detail/demangle.hpp>
#include <lambda_coro/detail/log.hpp>
#include <lambda_coro/json/write.hpp>
#include <lambda_coro/usage_error.hpp>

#include <boost/describe/class.hpp>

#include <cxxabi.h>  // __cxa_current_exception_type
#include <errno.h>
#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE

// Throw from a handler to choose the errorType Lambda reports (e.g. "Function.NotFound").
class function_error : public std::runtime_error {
public:
  function_error(std::string type, const std::string& message)
      : std::runtime_error(message), type_(std::move(type)) {}
  const std::string& type() const noexcept { return type_; }

private:
  std::string type_;
};

// The Runtime API said the environment cannot go on (HTTP 500), or stayed unreachable:
// the process must exit. Let it propagate out of a run() loop.
class runtime_api_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

namespace detail {

struct error_report {
  std::string errorMessage;
  std::string errorType;
  std::vector<std::string> stackTrace;  // C++ has no portable stack trace at throw; kept empty
};
BOOST_DESCRIBE_STRUCT(error_report, (), (errorMessage, errorType, stackTrace))

// errorType for an event that does not bind to the handler's parameter type.
inline constexpr std::string_view invalid_event_type = "Runtime.InvalidEvent";

// Describes the exception being handled (call inside a catch block).
inline error_report report_current_exception() {
  error_report report;
  try {
    throw;
  } catch (const function_error& e) {
    report.errorType = e.type();
    report.errorMessage = e.what();
  } catch (const std::exception& e) {
    report.errorType = demangle(typeid(e).name());
    report.errorMessage = e.what();
  } catch (...) {
    const std::type_info* type = abi::__cxa_current_exception_type();
    report.errorType = type ? demangle(type->name()) : std::string("Runtime.UnknownReason");
    report.errorMessage = "an exception of type " + report.errorType + " (not derived from std::exception)";
  }
  return report;
}

// A terminate handler that names the escaping exception like an error report does; bootstraps
// built by lambda_coro_add_bootstrap install it in place of libstdc++'s verbose handler.
[[noreturn]] inline void report_terminate() noexcept {
  if (std::current_exception()) {
    try {
      const error_report report = report_current_exception();
      log_line("terminate called after throwing " + report.errorType + ": " + report.errorMessage);
    } catch (...) {
      log_line("terminate called after throwing an exception");
    }
  } else {
    log_line("terminate called without an active exception");
  }
  std::abort();
}

}  // namespace detail
LAMBDA_CORO_END_NAMESPACE

// In the one translation unit of a static bootstrap that defines LAMBDA_CORO_DEFINE_TERMINATE_HANDLER
// (the CMake and Meson helpers and tools/bootstrap/lambda-coro-bootstrap do it for you):
// libstdc++'s verbose terminate handler, replaced by report_terminate. That keeps libstdc++'s
// own handler and its C++ demangler (~48 KiB) out of the static link.
#if defined(LAMBDA_CORO_DEFINE_TERMINATE_HANDLER) && defined(__GLIBCXX__)
namespace __gnu_cxx {
void __verbose_terminate_handler() { lambda_coro::detail::report_terminate(); }
}  // namespace __gnu_cxx
#endif

#endif  // LAMBDA_CORO_RUNTIME_ERRORS_HPP_INCLUDED
