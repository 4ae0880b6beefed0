// json::write: C++ values to JSON text, appended straight into a std::string.
#ifndef LAMBDA_CORO_JSON_WRITE_HPP_INCLUDED
#define LAMBDA_CORO_JSON_WRITE_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/json/detail/decimal.hpp>
#include <lambda_coro/json/detail/escape.hpp>
#include <lambda_coro/json/detail/traits.hpp>
#include <lambda_coro/json/error.hpp>
#include <lambda_coro/json/naming.hpp>
#include <lambda_coro/json/value.hpp>

#include <boost/describe/enum_to_string.hpp>
#include <boost/mp11/algorithm.hpp>
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace json {
namespace detail {

// From this length on, simdjson's vectorized UTF-8 check beats the scalar one.
inline constexpr std::size_t simd_utf8_min_size = 64;

// Non-ASCII text is checked after it is written (most strings are ASCII and skip the
// check); text that is not UTF-8 is written again, repaired.
inline void write_string(output& out, std::string_view s) {
#ifndef __OPTIMIZE_SIZE__
  // Short ASCII strings without escapes (keys, ids, header values): one or two words,
  // checked and copied in line.
  if (const std::size_t n = s.size(); n != 0 && n <= 16) {
    constexpr std::uint64_t high_bits = 0x8080808080808080ULL;
    const std::uint64_t first = n >= 8 ? load_word(s.data()) : load_short(s.data(), n);
    const std::uint64_t last = n >= 8 ? load_word(s.data() + n - 8) : first;
    if ((escape_mask(first) | escape_mask(last) | ((first | last) & high_bits)) == 0) {
      out.reserve(n + 2 + 8);
      char* const p = out.cursor();
      *p = '"';
      std::memcpy(p + 1, &first, 8);
      if (n >= 8) std::memcpy(p + 1 + n - 8, &last, 8);
      p[n + 1] = '"';
      out.cursor() = p + n + 2;
      return;
    }
  }
#endif
  const std::size_t start = out.size();
  out.put('"');
  if (write_escaped(out, s) &&
      !(s.size() < simd_utf8_min_size ? is_utf8(s) : simdjson::validate_utf8(s.data(), s.size()))) {
    out.cursor() = out.at(start + 1);
    write_repaired(out, s);
  }
  out.put('"');
}

// Decimal digits in v (1 for 0).
inline int decimal_digit_count(std::uint64_t v) noexcept {
  int count = 1;
  while (count < 20 && v >= decimal_powers[count]) ++count;
  return count;
}

// Writes the `count` lowest decimal digits of v, leading zeros included, ending at `end`,
// two at a time.
inline void write_digits_backwards(char* end, std::uint64_t v, int count) noexcept {
  static constexpr char pairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  for (; count >= 2; count -= 2) {
    end -= 2;
    std::memcpy(end, pairs + 2 * (v % 100), 2);
    v /= 100;
  }
  if (count == 1) *--end = static_cast<char>('0' + v % 10);
}

// Fast path for doubles of up to about 15 significant digits (prices, measurements, values
// printed with %.15g): with K the most decimals for which d * 10^K < 2^50, at most one
// integer N has N / 10^K rounding to d (their spacing exceeds d's rounding interval), so if
// round(d * 10^K) reads back to d it is that N, and N without its trailing zeros is the
// shortest round-trip text: the digits std::to_chars gives, with ".0" when integral as
// write_floating_at writes. Returns the end, or nullptr, having written nothing, when d has
// more digits than that or when to_chars would choose scientific notation.
inline char* write_decimal_double(char* p, double d) noexcept {
  constexpr double limit = 1125899906842624.0;  // 2^50
  const double magnitude = d < 0 ? -d : d;
  if (!(magnitude >= 1e-7) || magnitude >= limit) return nullptr;  // zero, -0 and the scientific range
  std::uint64_t n = 0;
  int k = 2;
  // Two decimals first (prices, most measurements): the same argument with K = 2, and no
  // 15-digit N to strip a dozen zeros off.
  if (const auto hundredths = static_cast<std::uint64_t>(magnitude * 100 + 0.5);
      magnitude < limit / 100 && static_cast<double>(hundredths) / 100 == magnitude) {
    n = hundredths;
  } else {
    // magnitude < 2^(e + 1), so magnitude * 10^K < 2^50 for K <= (49 - e) * log10(2); one
    // more decimal may still fit.
    std::uint64_t bits = 0;
    std::memcpy(&bits, &magnitude, sizeof bits);
    const int e = static_cast<int>(bits >> 52) - 1023;
    k = std::min((49 - e) * 78913 >> 18, 22);  // 78913 / 2^18 is just under log10(2)
    if (k < 22 && magnitude * exact_decimal_powers[k + 1] < limit) ++k;
    n = static_cast<std::uint64_t>(magnitude * exact_decimal_powers[k] + 0.5);
    if (static_cast<double>(n) / exact_decimal_powers[k] != magnitude) return nullptr;
    while (k >= 8 && n % 100000000 == 0) n /= 100000000, k -= 8;
    if (k >= 4 && n % 10000 == 0) n /= 10000, k -= 4;
  }
  if (k >= 2 && n % 100 == 0) n /= 100, k -= 2;
  if (k >= 1 && n % 10 == 0) n /= 10, k -= 1;
  // The integer part is the truncated magnitude (an integer between it and N / 10^k would be
  // the unique candidate itself); k > 0 leaves a fraction of exactly k digits.
  const auto integer_part = static_cast<std::uint64_t>(magnitude);
  const int integer_digits = decimal_digit_count(integer_part);
  // to_chars takes the shorter of fixed and scientific notation (fixed on a tie): scientific
  // can only win for integers with trailing zeros and for 0.0000ddd.
  if (k == 0 && integer_digits > 5) {
    int significant = integer_digits;
    for (std::uint64_t rest = integer_part; rest % 10 == 0; rest /= 10) --significant;
    if (integer_digits > significant + (significant > 1) + 4) return nullptr;
  }
  if (integer_part == 0) {
    const int significant = decimal_digit_count(n);
    if (k + 2 > significant + (significant > 1) + 4) return nullptr;
  }
  if (d < 0) *p++ = '-';
  p += integer_digits;
  write_digits_backwards(p, integer_part, integer_digits);
  *p++ = '.';
  if (k == 0) {
    *p++ = '0';
    return p;
  }
  p += k;
  write_digits_backwards(p, n - integer_part * decimal_powers[k], k);
  return p;
}

// Shortest text that reads back to the same value. Integral values keep a ".0" so they
// read back as floating point into json::value. NaN and infinities have no JSON form and
// are written as null, as JavaScript's JSON.stringify does.
template <class F>
char* write_floating_at(char* start, F f) noexcept {
  if (!std::isfinite(f)) {
    std::memcpy(start, "null", 4);
    return start + 4;
  }
  if constexpr (std::is_same_v<F, double>) {
    if (char* end = write_decimal_double(start, f)) return end;
  }
  char* p = std::to_chars(start, start + 30, f).ptr;
  bool fraction_or_exponent = false;
  for (const char* q = start; q < p; ++q)
    if (*q == '.' || *q == 'e') fraction_or_exponent = true;
  if (!fraction_or_exponent) {
    *p++ = '.';
    *p++ = '0';
  }
  return p;
}

// Booleans and numbers, written at a cursor with room_for_scalar bytes free: the caller
// makes room once for a member's key and its value.
inline constexpr std::size_t room_for_scalar = 64;

template <class T>
inline constexpr bool is_scalar_value = std::is_same_v<T, bool> || is_integer<T> || std::is_floating_point_v<T>;

template <class T>
inline constexpr bool is_optional_scalar = false;
template <class T>
inline constexpr bool is_optional_scalar<std::optional<T>> = is_scalar_value<T>;
template <class T>
inline constexpr bool is_scalar_vector = false;
template <class T, class A>
inline constexpr bool is_scalar_vector<std::vector<T, A>> = is_scalar_value<T>;

template <class T>
char* write_scalar_at(char* p, T v) noexcept {
  if constexpr (std::is_same_v<T, bool>) {
    std::memcpy(p, v ? "true" : "false", 5);  // "true" copies its terminator, overwritten later
    return p + (v ? 4 : 5);
  } else if constexpr (is_integer<T>) {
    return std::to_chars(p, p + 24, v).ptr;
  } else {
    return write_floating_at(p, v);
  }
}

template <class T>
void write_scalar(output& out, T v) {
  out.reserve(room_for_scalar);
  out.cursor() = write_scalar_at(out.cursor(), v);  // a local cursor: stores cannot alias it
}

// Closes a sequence written as ",a,b,c": the first comma becomes the opening bracket.
inline void close_sequence(output& out, std::size_t start, char open, char close) {
  if (out.size() == start) {
    out.put(open);
  } else {
    *out.at(start) = open;
  }
  out.put(close);
}

template <class T>
void write_value(output& out, const T& v);

template <class T>
void write_members(output& out, const T& v) {
  boost::mp11::mp_for_each<described_members<T>>([&](auto d) {
    using D = decltype(d);
    const auto& member = v.*D::pointer;
    if constexpr (is_optional<member_type<D>>) {
      if (!member.has_value()) return;  // empty optionals are omitted
    }
    using M = member_type<D>;
    if constexpr (is_scalar_value<M> || is_optional_scalar<M>) {
      // Key and value under one capacity check, through a local cursor.
      char* const p = out.put_member_key(member_wire_name<D>::key, member_wire_name<D>::quoted_key.size(),
                                         room_for_scalar);
      if constexpr (is_optional<M>)
        out.cursor() = write_scalar_at(p, *member);
      else
        out.cursor() = write_scalar_at(p, member);
    } else {
      out.cursor() = out.put_member_key(member_wire_name<D>::key, member_wire_name<D>::quoted_key.size());
      try {
        write_value(out, member);
      } catch (error& e) {
        e.prepend_key(member_wire_name<D>::name);
        throw;
      }
    }
  });
}

inline void write_generic(output& out, const value& v) {
  switch (v.type()) {
    case kind::null: out.append("null"); return;
    case kind::boolean: write_scalar(out, v.as_bool()); return;
    case kind::integer: write_scalar(out, v.as_int64()); return;
    case kind::unsigned_integer: write_scalar(out, v.as_uint64()); return;
    case kind::floating: write_scalar(out, v.as_double()); return;
    case kind::string: write_string(out, v.as_string()); return;
    case kind::array: {
      const std::size_t start = out.size();
      for (const value& element : v.as_array()) {
        out.put(',');
        write_generic(out, element);
      }
      close_sequence(out, start, '[', ']');
      return;
    }
    case kind::object: {
      const std::size_t start = out.size();
      for (const auto& [key, member] : v.as_object()) {
        out.put(',');
        write_string(out, key);
        out.put(':');
        write_generic(out, member);
      }
      close_sequence(out, start, '{', '}');
      return;
    }
  }
}

template <class T>
void write_value(output& out, const T& v) {
  if constexpr (is_scalar_value<T>) {
    write_scalar(out, v);
  } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>) {
    write_string(out, v);
  } else if constexpr (is_described_enum<T>) {
    const char* name = boost::describe::enum_to_string(v, nullptr);
    if (name == nullptr)
      throw error("cannot write enum value " +
                  std::to_string(static_cast<std::underlying_type_t<T>>(v)) +
                  ": it is not a described enumerator");
    write_string(out, name);
  } else if constexpr (is_optional<T>) {
    if (v.has_value())
      write_value(out, *v);
    else
      out.append("null");
  } else if constexpr (is_scalar_vector<T>) {
    const std::size_t start = out.size();
    for (const auto element : v) {
      out.reserve(1 + room_for_scalar);
      char* const p = out.cursor();
      *p = ',';
      out.cursor() = write_scalar_at(p + 1, static_cast<typename T::value_type>(element));
    }
    close_sequence(out, start, '[', ']');
  } else if constexpr (is_vector<T>) {
    const std::size_t start = out.size();
    std::size_t index = 0;
    for (const auto& element : v) {
      out.put(',');
      try {
        write_value(out, static_cast<const typename T::value_type&>(element));
      } catch (error& e) {
        e.prepend_index(index);
        throw;
      }
      ++index;
    }
    close_sequence(out, start, '[', ']');
  } else if constexpr (is_map<T>) {
    static_assert(has_string_key<T>, LAMBDA_CORO_DETAIL_MAP_KEY);
    const std::size_t start = out.size();
    for (const auto& [key, element] : v) {
      out.put(',');
      write_string(out, key);
      out.put(':');
      try {
        write_value(out, element);
      } catch (error& e) {
        e.prepend_key(key);
        throw;
      }
    }
    close_sequence(out, start, '{', '}');
  } else if constexpr (is_variant<T>) {
    static_assert(variant_check<T>::ok);
    std::visit([&](const auto& alternative) { write_value(out, alternative); }, v);
  } else if constexpr (std::is_same_v<T, std::monostate> || std::is_same_v<T, std::nullptr_t>) {
    out.append("null");
  } else if constexpr (std::is_same_v<T, value>) {
    write_generic(out, v);
  } else if constexpr (std::is_same_v<T, raw>) {
    out.append(v.text.empty() ? std::string_view("null") : std::string_view(v.text));
  } else if constexpr (is_described_struct<T>) {
    const std::size_t start = out.size();
    write_members(out, v);
    close_sequence(out, start, '{', '}');
  } else {
    static_assert(always_false<T>, LAMBDA_CORO_DETAIL_UNBINDABLE);
  }
}

}  // namespace detail

// Appends the JSON text of `v` to `out`. On a json::error `out` is left as it was.
template <class T>
void write(const T& v, std::string& out) {
  detail::output sink(out);
  detail::write_value(sink, v);
  sink.commit();
}

template <class T>
std::string write(const T& v) {
  std::string out;
  write(v, out);
  return out;
}

}  // namespace json
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_JSON_WRITE_HPP_INCLUDED
