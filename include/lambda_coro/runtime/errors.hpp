// How failures become Lambda error reports: {"errorMessage","errorType","stackTrace"}.
#pragma once

#include <lambda_coro/config.hpp>
#include <lambda_coro/json/write.hpp>

#include <boost/describe/class.hpp>

#include <cxxabi.h>
#include <errno.h>
#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <memory>
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

inline std::string demangle(const char* mangled) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> name(abi::__cxa_demangle(mangled, nullptr, nullptr, &status), std::free);
  std::string result = status == 0 && name ? name.get() : mangled;
  // Users know lambda_coro::x, not the versioned inline namespace.
  const std::string versioned = "lambda_coro::" LAMBDA_CORO_DETAIL_STRINGIFY(LAMBDA_CORO_ABI_NAMESPACE) "::";
  for (auto at = result.find(versioned); at != std::string::npos; at = result.find(versioned, at))
    result.replace(at, versioned.size(), "lambda_coro::");
  return result;
}

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

inline void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      return;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

// One line on stderr, written with a single system call so lines never interleave.
inline void log_line(std::string_view text) {
  std::string line;
  line.reserve(text.size() + 15);
  line.append("[lambda-coro] ").append(text).append("\n");
  write_all(STDERR_FILENO, line);
}

}  // namespace detail
LAMBDA_CORO_END_NAMESPACE
