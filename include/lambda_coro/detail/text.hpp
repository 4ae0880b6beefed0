// Small text helpers shared by the Runtime API client, the HTTP adapter and the event types.
#ifndef LAMBDA_CORO_DETAIL_TEXT_HPP_INCLUDED
#define LAMBDA_CORO_DETAIL_TEXT_HPP_INCLUDED

#include <lambda_coro/config.hpp>

#include <cstddef>
#include <string>
#include <string_view>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace detail {

// ASCII case-insensitive equality, as HTTP header names compare.
inline bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Percent-decoding ('+' is a space in query strings and S3 keys when plus_is_space);
// malformed escapes stay as they are.
inline std::string percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace detail
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_DETAIL_TEXT_HPP_INCLUDED
