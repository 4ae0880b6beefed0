// Small text helpers shared by the Runtime API client and the HTTP adapter.
#ifndef LAMBDA_CORO_DETAIL_TEXT_HPP_INCLUDED
#define LAMBDA_CORO_DETAIL_TEXT_HPP_INCLUDED

#include <lambda_coro/config.hpp>

#include <cstddef>
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

}  // namespace detail
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_DETAIL_TEXT_HPP_INCLUDED
