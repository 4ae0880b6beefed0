// Exception type names for error reports and logs.
#ifndef LAMBDA_CORO_DETAIL_DEMANGLE_HPP_INCLUDED
#define LAMBDA_CORO_DETAIL_DEMANGLE_HPP_INCLUDED

#include <lambda_coro/config.hpp>

#include <cstddef>
#include <string>
#include <string_view>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace detail {

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

}  // namespace detail
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_DETAIL_DEMANGLE_HPP_INCLUDED
