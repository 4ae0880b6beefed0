// Powers of ten, shared by the number reader and the number writer.
#ifndef LAMBDA_CORO_JSON_DETAIL_DECIMAL_HPP_INCLUDED
#define LAMBDA_CORO_JSON_DETAIL_DECIMAL_HPP_INCLUDED

#include <lambda_coro/config.hpp>

#include <cstdint>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace json {
namespace detail {

// 10^0 to 10^19, every one a uint64_t holds.
inline constexpr std::uint64_t decimal_powers[] = {1ULL,
                                                   10ULL,
                                                   100ULL,
                                                   1000ULL,
                                                   10000ULL,
                                                   100000ULL,
                                                   1000000ULL,
                                                   10000000ULL,
                                                   100000000ULL,
                                                   1000000000ULL,
                                                   10000000000ULL,
                                                   100000000000ULL,
                                                   1000000000000ULL,
                                                   10000000000000ULL,
                                                   100000000000000ULL,
                                                   1000000000000000ULL,
                                                   10000000000000000ULL,
                                                   100000000000000000ULL,
                                                   1000000000000000000ULL,
                                                   10000000000000000000ULL};

// 10^0 to 10^22, every one a double holds exactly (Clinger's fast path, both ways).
inline constexpr double exact_decimal_powers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                  1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                                  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

}  // namespace detail
}  // namespace json
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_JSON_DETAIL_DECIMAL_HPP_INCLUDED
