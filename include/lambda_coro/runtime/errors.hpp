// How failures become Lambda error reports: {"errorMessage","errorType","stackTrace"}.
#ifndef LAMBDA_CORO_RUNTIME_ERRORS_HPP_INCLUDED
#define LAMBDA_CORO_RUNTIME_ERRORS_HPP_INCLUDED

#include <lambda_coro/config.hpp>
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

// Names an exception type from its Itanium-mangled typeid name without __cxa_demangle, whose
// demangler costs ~48 KiB of a static bootstrap. Covers what exceptions are: builtin types,
// pointers, and namespace- or class-nested names with ABI tags. Anything else (templates,
// local classes) keeps its mangled spelling, which still identifies the type.
class type_name_demangler {
public:
  explicit type_name_demangler(std::string_view mangled) : in_(mangled) {}

  std::string run() {
    std::string out;
    if (!type(out) || !in_.empty()) return {};
    return out;
  }

private:
  bool type(std::string& out) {
    if (consume('P')) {
      if (!type(out)) return false;
      out += '*';
      return true;
    }
    if (consume('K')) {
      if (!type(out)) return false;
      out += " const";
      return true;
    }
    if (const char* builtin = builtin_type()) {
      out += builtin;
      return true;
    }
    return name(out);
  }

  const char* builtin_type() {
    if (in_.empty()) return nullptr;
    const char* name = nullptr;
    switch (in_.front()) {
      case 'v': name = "void"; break;
      case 'b': name = "bool"; break;
      case 'c': name = "char"; break;
      case 'a': name = "signed char"; break;
      case 'h': name = "unsigned char"; break;
      case 's': name = "short"; break;
      case 't': name = "unsigned short"; break;
      case 'i': name = "int"; break;
      case 'j': name = "unsigned int"; break;
      case 'l': name = "long"; break;
      case 'm': name = "unsigned long"; break;
      case 'x': name = "long long"; break;
      case 'y': name = "unsigned long long"; break;
      case 'f': name = "float"; break;
      case 'd': name = "double"; break;
      case 'e': name = "long double"; break;
      case 'w': name = "wchar_t"; break;
      default: return nullptr;
    }
    in_.remove_prefix(1);
    return name;
  }

  // A plain or N...E-nested name; "St" (std::) may open either.
  bool name(std::string& out) {
    const bool nested = consume('N');
    if (in_.starts_with("St")) {
      in_.remove_prefix(2);
      out += "std::";
    }
    if (!nested) return unqualified_name(out);
    for (bool first = true; first || !consume('E'); first = false) {
      if (!first) out += "::";
      if (!unqualified_name(out)) return false;
    }
    return true;
  }

  // <length><identifier>, then any [abi:tag]s.
  bool unqualified_name(std::string& out) {
    std::string_view id;
    if (!source_name(id)) return false;
    if (id.starts_with("_GLOBAL__N"))
      out += "(anonymous namespace)";
    else
      out += id;
    while (consume('B')) {
      if (!source_name(id)) return false;
      out.append("[abi:").append(id).append("]");
    }
    return true;
  }

  bool source_name(std::string_view& id) {
    std::size_t length = 0, digits = 0;
    while (digits < in_.size() && in_[digits] >= '0' && in_[digits] <= '9' && digits < 6)
      length = length * 10 + static_cast<std::size_t>(in_[digits++] - '0');
    if (digits == 0 || length == 0 || length > in_.size() - digits) return false;
    id = in_.substr(digits, length);
    in_.remove_prefix(digits + length);
    return true;
  }

  bool consume(char c) {
    if (in_.empty() || in_.front() != c) return false;
    in_.remove_prefix(1);
    return true;
  }

  std::string_view in_;
};

inline std::string demangle(const char* mangled) {
  std::string result = type_name_demangler(mangled).run();
  if (result.empty()) return mangled;
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
