// json::write: C++ values to JSON text, appended straight into a std::string.
#ifndef LAMBDA_CORO_JSON_WRITE_HPP_INCLUDED
#define LAMBDA_CORO_JSON_WRITE_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/json/detail/escape.hpp>
#include <lambda_coro/json/detail/traits.hpp>
#include <lambda_coro/json/error.hpp>
#include <lambda_coro/json/naming.hpp>
#include <lambda_coro/json/value.hpp>

#include <boost/describe/enum_to_string.hpp>
#include <boost/mp11/algorithm.hpp>
#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace json {
namespace detail {

inline void write_string(output& out, std::string_view s) {
  out.reserve(s.size() + 2);
  char* p = out.cursor();
  *p++ = '"';
  // One pass for the common case, 8 bytes at a time: ASCII that needs no escape is copied
  // as it is checked. The first word that is not hands the rest (which starts on a
  // character boundary, everything before it being ASCII) to the general path.
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    const std::uint64_t w = load_word(s.data() + i);
    if ((w & 0x8080808080808080ULL) != 0 || word_needs_escape(w)) break;
    std::memcpy(p, &w, sizeof w);
    p += 8;
  }
  out.cursor() = p;
  const std::string_view rest = s.substr(i);
  if (is_ascii(rest) || simdjson::validate_utf8(rest.data(), rest.size()))
    write_escaped(out, rest);
  else
    write_repaired(out, rest);
  out.put('"');
}

template <class I>
void write_integer(output& out, I i) {
  out.reserve(24);
  char*& p = out.cursor();
  p = std::to_chars(p, p + 24, i).ptr;
}

// Fast path for doubles with few decimals (prices, measurements): the smallest k for which
// n / 10^k rounds back to d, n an integer, is the shortest round-trip text. |n| < 2^50 makes
// the candidate unique (digit spacing above d's ulp) and the product's rounding too small to
// pick the wrong neighbour, so the digits are the ones std::to_chars would give. Writes
// nothing and returns nullptr when the value is not of that kind or when to_chars would
// choose scientific notation.
inline char* write_decimal_double(char* p, double d) noexcept {
  static constexpr double powers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
  constexpr double limit = 1125899906842624.0;  // 2^50
  const double magnitude = d < 0 ? -d : d;
  if (!(magnitude >= 1e-7) || magnitude >= 1e15) return nullptr;  // zero, -0 and the scientific range
  for (int k = 0; k < 9; ++k) {
    const double scaled = magnitude * powers[k];
    if (scaled >= limit) return nullptr;
    const auto n = static_cast<std::uint64_t>(scaled + 0.5);
    // A candidate that round-trips lies within about scaled * 2^-53 of `scaled`; skip the
    // division for the ones far from it (most steps of a full-precision value).
    const double distance = static_cast<double>(n) - scaled;
    if (distance > scaled * 0x1p-48 || -distance > scaled * 0x1p-48) continue;
    if (static_cast<double>(n) / powers[k] != magnitude) continue;
    char digits[24];
    const auto count = static_cast<int>(std::to_chars(digits, digits + sizeof digits, n).ptr - digits);
    // to_chars takes the shorter of fixed and scientific notation (fixed on a tie).
    int significant = count;
    while (significant > 1 && digits[significant - 1] == '0') --significant;
    const int exponent = count - 1 - k;
    const int scientific = significant + (significant > 1) + 2 + (exponent <= -100 || exponent >= 100 ? 3 : 2);
    const int fixed = k == 0 ? count : (count > k ? count + 1 : k + 2);
    if (fixed > scientific) return nullptr;
    if (d < 0) *p++ = '-';
    if (k == 0) {
      std::memcpy(p, digits, static_cast<std::size_t>(count));
      return p + count;
    }
    if (count > k) {
      std::memcpy(p, digits, static_cast<std::size_t>(count - k));
      p += count - k;
      *p++ = '.';
      std::memcpy(p, digits + count - k, static_cast<std::size_t>(k));
      return p + k;
    }
    *p++ = '0';
    *p++ = '.';
    for (int zeros = k - count; zeros > 0; --zeros) *p++ = '0';
    std::memcpy(p, digits, static_cast<std::size_t>(count));
    return p + count;
  }
  return nullptr;
}

// Shortest text that reads back to the same value. Integral values keep a ".0" so they
// read back as floating point into json::value. NaN and infinities have no JSON form and
// are written as null, as JavaScript's JSON.stringify does.
template <class F>
void write_floating(output& out, F f) {
  if (!std::isfinite(f)) {
    out.append("null");
    return;
  }
  out.reserve(32);
  char*& p = out.cursor();
  char* const start = p;
  if constexpr (std::is_same_v<F, double>) {
    if (char* end = write_decimal_double(p, f)) {
      p = end;
      for (const char* q = start; q < p; ++q)
        if (*q == '.') return;
      *p++ = '.';
      *p++ = '0';
      return;
    }
  }
  p = std::to_chars(p, p + 30, f).ptr;
  for (const char* q = start; q < p; ++q)
    if (*q == '.' || *q == 'e') return;
  *p++ = '.';
  *p++ = '0';
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
    out.put(',');
    out.append(member_wire_name<D>::quoted_key);
    try {
      write_value(out, member);
    } catch (error& e) {
      e.prepend_key(member_wire_name<D>::name);
      throw;
    }
  });
}

inline void write_generic(output& out, const value& v) {
  switch (v.type()) {
    case kind::null: out.append("null"); return;
    case kind::boolean: out.append(v.as_bool() ? "true" : "false"); return;
    case kind::integer: write_integer(out, v.as_int64()); return;
    case kind::unsigned_integer: write_integer(out, v.as_uint64()); return;
    case kind::floating: write_floating(out, v.as_double()); return;
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
  if constexpr (std::is_same_v<T, bool>) {
    out.append(v ? std::string_view("true") : std::string_view("false"));
  } else if constexpr (is_integer<T>) {
    write_integer(out, v);
  } else if constexpr (std::is_floating_point_v<T>) {
    write_floating(out, v);
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
