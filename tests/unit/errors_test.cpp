// Error reports: the errorType names lambda-coro derives from exception types without libstdc++'s
// demangler, checked against that demangler.
#include "../support/test_support.hpp"

#include <doctest/doctest.h>

#include <cxxabi.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <exception>
#include <utility>

#include <cstdlib>
#include <ios>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>
#include <typeinfo>

namespace errors_test {
struct plain_error {};
namespace inner {
struct nested_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};
}  // namespace inner
struct outer {
  struct member_error {};
};
}  // namespace errors_test

namespace {
struct hidden_error {};

std::string reference_demangle(const char* mangled) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> name(abi::__cxa_demangle(mangled, nullptr, nullptr, &status), std::free);
  REQUIRE(status == 0);
  return name.get();
}

template <class T>
void check_matches_reference() {
  const char* mangled = typeid(T).name();
  CAPTURE(mangled);
  CHECK(lambda_coro::detail::type_name_demangler(mangled).run() == reference_demangle(mangled));
}

template <class Exception>
lambda_coro::detail::error_report report_of(Exception e) {
  try {
    throw e;
  } catch (...) {
    return lambda_coro::detail::report_current_exception();
  }
}
}  // namespace

TEST_CASE("exception type names match the C++ demangler") {
  check_matches_reference<std::runtime_error>();
  check_matches_reference<std::out_of_range>();
  check_matches_reference<std::bad_alloc>();
  check_matches_reference<std::system_error>();
  check_matches_reference<std::ios_base::failure>();  // an [abi:cxx11] tag
  check_matches_reference<errors_test::plain_error>();
  check_matches_reference<errors_test::inner::nested_error>();
  check_matches_reference<errors_test::outer::member_error>();
  check_matches_reference<hidden_error>();  // (anonymous namespace)
  check_matches_reference<int>();
  check_matches_reference<unsigned long long>();
  check_matches_reference<const char*>();
  check_matches_reference<const errors_test::plain_error* const*>();
  check_matches_reference<double>();
}

TEST_CASE("type names outside the supported grammar keep their mangled spelling") {
  using lambda_coro::detail::demangle;
  const char* template_name = typeid(std::map<int, int>).name();
  CHECK(demangle(template_name) == template_name);
  CHECK(demangle("") == "");
  CHECK(demangle("N3fooE3bar") == "N3fooE3bar");     // trailing input
  CHECK(demangle("N99fooE") == "N99fooE");           // length past the end
  CHECK(demangle("N3foo") == "N3foo");               // unterminated nested name
  CHECK(demangle("3fooB") == "3fooB");               // ABI tag without a name
  CHECK(demangle("NStE") == "NStE");                 // std:: with no name after it
}

TEST_CASE("error reports name exception types as users spell them") {
  CHECK(report_of(std::runtime_error("boom")).errorType == "std::runtime_error");
  CHECK(report_of(std::runtime_error("boom")).errorMessage == "boom");
  CHECK(report_of(errors_test::inner::nested_error("deep")).errorType == "errors_test::inner::nested_error");
  CHECK(report_of(lambda_coro::runtime_api_error("gone")).errorType == "lambda_coro::runtime_api_error");
  CHECK(report_of(lambda_coro::function_error("Function.Custom", "m")).errorType == "Function.Custom");
  const auto not_std = report_of(42);
  CHECK(not_std.errorType == "int");
  CHECK(not_std.errorMessage == "an exception of type int (not derived from std::exception)");
  CHECK(report_of(hidden_error{}).errorType == "(anonymous namespace)::hidden_error");
}

namespace {
// Runs `body` in a child process with report_terminate installed; returns what it wrote to stderr
// and whether it died of SIGABRT.
template <class Body>
std::pair<std::string, bool> terminate_in_child(Body body) {
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::dup2(pipe_fds[1], STDERR_FILENO);
    std::set_terminate(lambda_coro::detail::report_terminate);
    body();
    ::_exit(0);
  }
  ::close(pipe_fds[1]);
  std::string output;
  char buffer[256];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) output.append(buffer, static_cast<std::size_t>(n));
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  return {output, WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT};
}

[[noreturn]] void throw_nested() { throw errors_test::inner::nested_error("escaped"); }
void throw_through_noexcept() noexcept { throw_nested(); }
}  // namespace

TEST_CASE("the bootstraps' terminate handler names the escaping exception and aborts") {
  const auto [thrown, thrown_aborted] = terminate_in_child([] { throw_through_noexcept(); });
  CHECK(thrown == "[lambda-coro] terminate called after throwing errors_test::inner::nested_error: escaped\n");
  CHECK(thrown_aborted);
  const auto [plain, plain_aborted] = terminate_in_child([] { std::terminate(); });
  CHECK(plain == "[lambda-coro] terminate called without an active exception\n");
  CHECK(plain_aborted);
}
