// json::read: JSON text to C++ values with simdjson On-Demand, in one forward pass.
#ifndef LAMBDA_CORO_JSON_READ_HPP_INCLUDED
#define LAMBDA_CORO_JSON_READ_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/json/detail/decimal.hpp>
#include <lambda_coro/json/detail/escape.hpp>
#include <lambda_coro/json/detail/traits.hpp>
#include <lambda_coro/json/error.hpp>
#include <lambda_coro/json/naming.hpp>
#include <lambda_coro/json/value.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <bit>
#include <bitset>
#include <charconv>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace json {
namespace detail {

namespace od = simdjson::ondemand;

inline constexpr int max_depth = LAMBDA_CORO_JSON_MAX_DEPTH;

// Borrows: std::string_view results may view the parser's buffers. A json::reader's reads
// may; the free json::read functions, whose parser is a hidden per-thread one, may not.
// Overwrites: the read must leave every object as a fresh read would (members the input
// lacks reset to their defaults), reusing the memory it holds: vector elements are read in
// place and map nodes recycled. Otherwise the top object is patched and container elements
// are built fresh. A compile-time choice, so programs that never overwrite carry no
// recycling code.
template <bool Borrows, bool Overwrites = false>
struct read_context {
  static constexpr bool borrows = Borrows;
  static constexpr bool overwrites = Overwrites;
  int depth = 0;
  // Validates json::raw subtrees fully; On-Demand only checks their structure.
  simdjson::dom::parser* validator = nullptr;
};

class depth_guard {
public:
  explicit depth_guard(int& depth) : depth_(depth) {
    if (++depth_ > max_depth) {
      --depth_;
      throw error("nesting deeper than " + std::to_string(max_depth) + " levels");
    }
  }
  depth_guard(const depth_guard&) = delete;
  depth_guard& operator=(const depth_guard&) = delete;
  ~depth_guard() { --depth_; }

private:
  int& depth_;
};

inline constexpr std::string_view trailing_content_problem = "trailing content after the JSON document";

// simdjson's own words, but where they mislead: a misspelt literal ("nul") is reported as a
// type mismatch, and `{...} xyz` as an unbalanced document (see fail_malformed).
inline const char* describe_malformed(simdjson::error_code code) noexcept {
  switch (code) {
    case simdjson::N_ATOM_ERROR:
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR: return "not true, false or null";
    default: return simdjson::error_message(code);
  }
}

[[gnu::always_inline]] inline bool is_json_space(char c) noexcept { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// True when `text` holds a complete first value followed by more than whitespace (a
// bracket-and-string scan, run on the error path only).
inline bool has_trailing_content(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size() && is_json_space(text[i])) ++i;
  if (i < text.size() && text[i] != '{' && text[i] != '[' && text[i] != '"') {
    while (i < text.size() && !is_json_space(text[i]) && std::string_view(",:[]{}\"").find(text[i]) == std::string_view::npos)
      ++i;
  } else {
    std::size_t depth = 0;
    bool in_string = false, complete = false;
    for (; i < text.size() && !complete; ++i) {
      const char c = text[i];
      if (in_string) {
        if (c == '\\')
          ++i;
        else if (c == '"')
          in_string = false;
        complete = !in_string && depth == 0;
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if ((c == '}' || c == ']') && depth > 0) {
        complete = --depth == 0;
      }
    }
    if (!complete) return false;
  }
  while (i < text.size() && is_json_space(text[i])) ++i;
  return i < text.size();
}

// The document a reader on this thread is reading, for errors that must look at all of it.
inline thread_local std::string_view document_being_read;

[[noreturn]] inline void fail_malformed(simdjson::error_code code) {
  // simdjson reports `{...} xyz` as an unbalanced document.
  const bool structural = code == simdjson::INCOMPLETE_ARRAY_OR_OBJECT || code == simdjson::TAPE_ERROR;
  if (code == simdjson::TRAILING_CONTENT || (structural && has_trailing_content(document_being_read)))
    throw error(std::string(trailing_content_problem));
  throw error(std::string("malformed JSON: ") + describe_malformed(code));
}

inline const char* type_name(od::json_type t) noexcept {
  switch (t) {
    case od::json_type::array: return "array";
    case od::json_type::object: return "object";
    case od::json_type::number: return "number";
    case od::json_type::string: return "string";
    case od::json_type::boolean: return "boolean";
    case od::json_type::null: return "null";
  }
  return "unknown";
}

template <class V>
od::json_type type_of(V& v) {
  od::json_type t{};
  if (auto code = v.type().get(t)) fail_malformed(code);
  return t;
}

inline std::string_view trim_trailing_space(std::string_view s) noexcept {
  while (!s.empty() && is_json_space(s.back())) s.remove_suffix(1);
  return s;
}

// The current token's text (and the whitespace after it); the value is not consumed.
inline simdjson::error_code raw_token(od::value& v, std::string_view& out) {
  out = v.raw_json_token();
  return simdjson::SUCCESS;
}
inline simdjson::error_code raw_token(od::document& d, std::string_view& out) {
  return d.raw_json_token().get(out);
}

// The number's text as written, for messages.
template <class V>
std::string number_text(V& v) {
  std::string_view token;
  if (raw_token(v, token)) return "number";
  return std::string(trim_trailing_space(token));
}

// False for anything but a well-formed null ("nul" included).
template <class V>
bool read_null(V& v) {
  bool is_null = false;
  if (v.is_null().get(is_null)) return false;
  return is_null;
}

// A get_*() failed: say what was expected and what the input holds. A number is quoted
// when a number was expected (a range or integrality problem), otherwise named by its type.
template <class V>
[[noreturn]] void fail_expected(const std::string& expected, simdjson::error_code code, V& v,
                                bool number_expected = false) {
  if (code != simdjson::INCORRECT_TYPE && code != simdjson::NUMBER_OUT_OF_RANGE) fail_malformed(code);
  const od::json_type t = type_of(v);
  if (t == od::json_type::number && number_expected)
    throw error("expected " + expected + ", got " + number_text(v));
  // type() looks at one character only: "nul" or "tru" are malformed, not null or boolean.
  if (t == od::json_type::null && !read_null(v)) fail_malformed(simdjson::N_ATOM_ERROR);
  bool ignored = false;
  if (t == od::json_type::boolean && v.get_bool().get(ignored)) fail_malformed(simdjson::T_ATOM_ERROR);
  throw error("expected " + expected + ", got " + type_name(t));
}

// The field or element an iteration step produced, used where it lies: copying it out with
// get() stores it in two parts and reloads it whole, a store-forwarding stall per step.
template <class T>
T& checked(simdjson::simdjson_result<T>& result) {
  if (auto code = result.error()) fail_malformed(code);
  T&& inside = std::move(result).value_unsafe();
  return inside;
}

template <class I>
std::string integer_range() {
  return "integer in range [" + std::to_string(std::numeric_limits<I>::min()) + ", " +
         std::to_string(std::numeric_limits<I>::max()) + "]";
}

template <class I, class V>
void read_integer(V& v, I& out) {
  if constexpr (std::is_signed_v<I>) {
    std::int64_t x = 0;
    if (auto code = v.get_int64().get(x)) fail_expected(integer_range<I>(), code, v, true);
    if (x < std::numeric_limits<I>::min() || x > std::numeric_limits<I>::max())
      throw error("expected " + integer_range<I>() + ", got " + std::to_string(x));
    out = static_cast<I>(x);
  } else {
    std::uint64_t x = 0;
    if (auto code = v.get_uint64().get(x)) fail_expected(integer_range<I>(), code, v, true);
    if (x > std::numeric_limits<I>::max())
      throw error("expected " + integer_range<I>() + ", got " + std::to_string(x));
    out = static_cast<I>(x);
  }
}

inline bool is_decimal_digit(char c) noexcept { return static_cast<unsigned char>(c - '0') < 10; }

// The bytes that may follow a number in a JSON document.
inline constexpr auto ends_number = [] {
  std::array<bool, 256> table{};
  for (const unsigned char c : {',', '}', ']', ' ', '\n', '\r', '\t'}) table[c] = true;
  return table;
}();

// How many of a little-endian word's first bytes are digits (8 at most).
inline std::uint64_t leading_digit_count(std::uint64_t word) noexcept {
  const std::uint64_t values = word ^ 0x3030303030303030ULL;  // '0'..'9' become 0..9
  // The high bit of each byte that is not a digit. A carry out of such a byte reaches only
  // the bytes after it, and only the first one counts.
  const std::uint64_t not_digits = ((values + 0x7676767676767676ULL) | values) & 0x8080808080808080ULL;
  return static_cast<std::uint64_t>(std::countr_zero(not_digits)) / 8;
}

// The value of a word's first `count` (1 to 8) digits, converted pairwise in parallel.
inline std::uint64_t leading_digits_value(std::uint64_t word, std::uint64_t count) noexcept {
  std::uint64_t digits = (word ^ 0x3030303030303030ULL) << (64 - 8 * count);  // zeros lead
  digits = (digits * 10 + (digits >> 8)) & 0x00FF00FF00FF00FFULL;
  digits = (digits * 100 + (digits >> 16)) & 0x0000FFFF0000FFFFULL;
  return (digits * 10000 + (digits >> 32)) & 0xFFFFFFFFULL;
}

// The commonest JSON doubles — an optional minus, 1 to 7 integer digits, a point and
// decimals, 15 digits in all — read a word at a time. simdjson reads them a digit at a
// time, and the exits of its loops, as random as the numbers' lengths, are mispredicted.
// Returns the end of the number, or null for anything else (exponents, long mantissas,
// malformed text): simdjson decides. p is in simdjson's padded input, so a word can be read
// from any byte of it.
inline const char* read_short_decimal(const char* p, double& out) noexcept {
  if constexpr (std::endian::native != std::endian::little) {
    return nullptr;
  } else {
    const bool negative = *p == '-';
    p += negative;
    std::uint64_t integer_word;
    std::memcpy(&integer_word, p, 8);
    const std::uint64_t integer_digits = leading_digit_count(integer_word);
    if (integer_digits == 0 || integer_digits == 8 || ((integer_word & 0xFF) == '0' && integer_digits > 1) ||
        p[integer_digits] != '.')  // "01" is not JSON
      return nullptr;
    p += integer_digits + 1;
    std::uint64_t fraction_word;
    std::memcpy(&fraction_word, p, 8);
    std::uint64_t fraction_digits = leading_digit_count(fraction_word);
    if (fraction_digits == 0) return nullptr;
    std::uint64_t fraction = leading_digits_value(fraction_word, fraction_digits);
    if (fraction_digits == 8) {
      std::memcpy(&fraction_word, p + 8, 8);
      const std::uint64_t more = leading_digit_count(fraction_word);
      if (more != 0) fraction = fraction * decimal_powers[more] + leading_digits_value(fraction_word, more);
      fraction_digits += more;
    }
    if (integer_digits + fraction_digits > 15 || !ends_number[static_cast<unsigned char>(p[fraction_digits])])
      return nullptr;
    // Below 10^15 < 2^53, over an exact power of ten: one rounding (Clinger's fast path).
    const std::uint64_t mantissa = leading_digits_value(integer_word, integer_digits) * decimal_powers[fraction_digits] + fraction;
    const double magnitude = static_cast<double>(mantissa) / exact_decimal_powers[fraction_digits];
    out = negative ? -magnitude : magnitude;
    return p + fraction_digits;
  }
}

template <class F, class V>
void read_floating_with_simdjson(V& v, F& out);

// Whether a well-formed number's value rounds to zero: all its digits zero, or an exponent
// so negative that even its integer digits cannot lift it to the smallest double (~5e-324).
inline bool rounds_to_zero(std::string_view number) noexcept {
  const std::size_t e = number.find_first_of("eE");
  const std::string_view mantissa = number.substr(0, e);
  if (mantissa.find_first_of("123456789") == std::string_view::npos) return true;
  if (e == std::string_view::npos || e + 1 >= number.size() || number[e + 1] != '-') return false;
  const std::size_t integer_digits = std::min(mantissa.find('.'), mantissa.size());
  std::size_t exponent = 0;  // saturates: only "far beyond 400" matters
  for (const char c : number.substr(e + 2)) exponent = std::min<std::size_t>(exponent * 10 + static_cast<std::size_t>(c - '0'), 100000);
  return exponent > integer_digits + 400;
}

// Whether a number's text has more than 19 significant digits before its exponent.
inline bool has_long_mantissa(std::string_view number) noexcept {
  int significant = 0;
  for (const char c : number) {
    if (c == 'e' || c == 'E') break;
    if (is_decimal_digit(c) && (significant != 0 || c != '0') && ++significant > 19) return true;
  }
  return false;
}

template <class F, class V>
void read_floating(V& v, F& out) {
  // Left unconsumed: the enclosing object or array steps over it. (A document's root value
  // is consumed, for the trailing-content check.)
  if constexpr (std::is_same_v<V, od::value>) {
    double x;
    if (read_short_decimal(v.raw_json_token().data(), x) != nullptr) {
      out = static_cast<F>(x);  // below 10^7: within float's range
      return;
    }
  }
  read_floating_with_simdjson(v, out);
}

// Out of line: the short path above stays small where it is inlined.
template <class F, class V>
[[gnu::noinline]] void read_floating_with_simdjson(V& v, F& out) {
  std::string_view token;  // taken first: reading consumes the value
  const bool have_token = raw_token(v, token) == simdjson::SUCCESS;
  double x = 0;
  if (auto code = v.get_double().get(x)) {
    if (code == simdjson::NUMBER_ERROR && type_of(v) == od::json_type::number) {
      // A value that rounds to zero is a zero (simdjson's DOM agrees; On-Demand refuses it).
      if (have_token && rounds_to_zero(trim_trailing_space(token))) {
        out = token.front() == '-' ? -F{0} : F{0};
        return;
      }
      throw error("number out of range: " + number_text(v));
    }
    fail_expected("number", code, v, true);
  }
  // simdjson 3.0's On-Demand misreads mantissas of more than 19 significant digits
  // (0.99999999999999999999 comes back as 0.0777); std::from_chars reads them right.
  if (have_token && has_long_mantissa(token)) {
    token = trim_trailing_space(token);
    double exact = 0;
    if (std::from_chars(token.data(), token.data() + token.size(), exact).ec == std::errc{}) x = exact;
  }
  if constexpr (std::is_same_v<F, float>) {
    // Below 2^128 - 2^103 a double rounds to a finite float; from there on it overflows.
    if (x >= 0x1.ffffffp127 || x <= -0x1.ffffffp127)
      throw error("number out of range for float: " + number_text(v));
  }
  out = static_cast<F>(x);
}

template <class V>
std::string_view read_string_view(V& v) {
  std::string_view s;
  if (auto code = v.get_string().get(s)) fail_expected("string", code, v);
  return s;
}

template <class E, class V>
void read_enum(V& v, E& out) {
  const std::string_view name = read_string_view(v);
  bool found = false;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
    if (!found && name == d.name) {
      out = d.value;
      found = true;
    }
  });
  if (found) return;
  std::string expected;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
    expected += expected.empty() ? "one of \"" : ", \"";
    expected += d.name;
    expected += '"';
  });
  throw error("expected " + expected + ", got \"" + std::string(name) + "\"");
}

// A key as written between its quotes, escapes and all. Its end is found backwards from the
// value, whose position the structural index already holds: no scan over the key itself.
inline std::string_view raw_field_key(od::field& field) {
  const char* begin = field.key().raw();
  const char* end = field.value().raw_json_token().data();
  do --end;
  while (is_json_space(*end));  // now on ':'
  do --end;
  while (is_json_space(*end));  // now on the closing quote
  return {begin, static_cast<std::size_t>(end - begin)};
}

template <class T, class V, class Ctx>
void read_value(V& v, T& out, Ctx& ctx);

// Whether a T read from JSON can hold a std::string_view (a view of the input). A type met
// again on its own path adds nothing, which ends recursive types.
template <class T, class... Outer>
constexpr bool can_borrow() {
  if constexpr ((std::is_same_v<T, Outer> || ...)) {
    return false;
  } else if constexpr (std::is_same_v<T, std::string_view>) {
    return true;
  } else if constexpr (is_optional<T> || is_vector<T>) {
    return can_borrow<typename T::value_type, T, Outer...>();
  } else if constexpr (is_map<T>) {
    return can_borrow<typename T::key_type, T, Outer...>() || can_borrow<typename T::mapped_type, T, Outer...>();
  } else if constexpr (is_variant<T>) {
    return []<class... A>(std::variant<A...>*) {
      return (can_borrow<A, T, Outer...>() || ...);
    }(static_cast<T*>(nullptr));
  } else if constexpr (is_described_struct<T>) {
    return []<template <class...> class L, class... D>(L<D...>*) {
      return (can_borrow<std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>, T, Outer...>() || ...);
    }(static_cast<described_members<T>*>(nullptr));
  } else {
    return false;
  }
}

template <class T, class D, class Ctx>
void read_member(T& object, od::value& v, Ctx& ctx) {
  try {
    read_value(v, object.*D::pointer, ctx);
  } catch (error& e) {
    e.prepend_key(member_wire_name<D>::name);
    throw;
  }
}

// A default-constructed T, the source of member defaults when a read overwrites.
template <class T>
const T& default_object() {
  static const T defaults{};
  return defaults;
}

// Gives a member the value a fresh object has, keeping the memory it owns where the type
// allows (a string's or vector's copy assignment from an empty one keeps its capacity).
template <class T, class D>
void reset_member(T& object) {
  using M = std::remove_cvref_t<decltype(object.*D::pointer)>;
  if constexpr (std::is_default_constructible_v<T> && std::is_copy_assignable_v<M>)
    object.*D::pointer = default_object<T>().*D::pointer;
}

// Per-struct dispatch tables, built at compile time: wire names and member readers by index.
template <class T, class Ctx>
struct struct_binding {
  using reader = void (*)(T&, od::value&, Ctx&);
  using resetter = void (*)(T&);

  template <template <class...> class L, class... D>
  static constexpr auto names(L<D...>*) {
    return std::array<std::string_view, sizeof...(D)>{member_wire_name<D>::name...};
  }
  template <template <class...> class L, class... D>
  static constexpr auto readers(L<D...>*) {
    return std::array<reader, sizeof...(D)>{&read_member<T, D, Ctx>...};
  }

  template <template <class...> class L, class... D>
  static constexpr auto resetters(L<D...>*) {
    return std::array<resetter, sizeof...(D)>{&reset_member<T, D>...};
  }

  // Bytes [at, at + 8) of a name as one word (zero-filled), and the mask of the bytes it has
  // there: a key in the padded input is matched with a load and compare per 8 bytes.
  static constexpr std::uint64_t name_word(std::string_view name, std::size_t at) {
    std::uint64_t word = 0;
    for (std::size_t i = 0; at + i < name.size() && i < 8; ++i) {
      const auto byte = static_cast<std::uint64_t>(static_cast<unsigned char>(name[at + i]));
      word |= byte << (std::endian::native == std::endian::little ? 8 * i : 56 - 8 * i);
    }
    return word;
  }
  static constexpr std::uint64_t name_mask(std::size_t size, std::size_t at) {
    const std::size_t bytes = size <= at ? 0 : std::min<std::size_t>(size - at, 8);
    if (bytes == 8) return ~std::uint64_t{0};
    const std::uint64_t low = (std::uint64_t{1} << (8 * bytes)) - 1;
    return std::endian::native == std::endian::little ? low : low << (64 - 8 * bytes);
  }
  template <std::size_t... I>
  static constexpr auto name_words_at([[maybe_unused]] std::size_t at, std::index_sequence<I...>) {
    return std::array<std::uint64_t, sizeof...(I)>{name_word(wire_names[I], at)...};
  }
  template <std::size_t... I>
  static constexpr auto name_masks_at([[maybe_unused]] std::size_t at, std::index_sequence<I...>) {
    return std::array<std::uint64_t, sizeof...(I)>{name_mask(wire_names[I].size(), at)...};
  }

  static constexpr auto wire_names = names(static_cast<described_members<T>*>(nullptr));
  static constexpr auto member_readers = readers(static_cast<described_members<T>*>(nullptr));
  static constexpr auto member_resetters = resetters(static_cast<described_members<T>*>(nullptr));
  static constexpr std::size_t count = wire_names.size();
  static constexpr auto first_words = name_words_at(0, std::make_index_sequence<count>());
  static constexpr auto first_masks = name_masks_at(0, std::make_index_sequence<count>());
  static constexpr auto second_words = name_words_at(8, std::make_index_sequence<count>());
  static constexpr auto second_masks = name_masks_at(8, std::make_index_sequence<count>());

  // Whether a raw key (in simdjson's padded input, so 16 bytes can be read from its start)
  // is member i's wire name.
  static bool raw_key_is(std::string_view key, const std::uint64_t (&key_words)[2], std::size_t i) noexcept {
    if (key.size() != wire_names[i].size() || (key_words[0] & first_masks[i]) != first_words[i]) return false;
    if (key.size() <= 8) return true;
    if ((key_words[1] & second_masks[i]) != second_words[i]) return false;
    for (std::size_t j = 16; j < wire_names[i].size(); ++j)  // the name's own size: the same, and GCC sees it
      if (key[j] != wire_names[i][j]) return false;
    return true;
  }

  // Whether the key whose text starts at `key` (after its opening quote, before the end of
  // the document) is member i's wire name: its bytes, then the closing quote. Names hold no
  // quote, backslash or control character, so no scan for the key's end is needed.
  static bool quoted_key_is(const char* key, const char* end, const std::uint64_t (&key_words)[2], std::size_t i) noexcept {
    constexpr std::size_t longest = std::ranges::max(wire_names, {}, &std::string_view::size).size();
    if (longest >= 16 && static_cast<std::size_t>(end - key) <= wire_names[i].size()) return false;
    if (key[wire_names[i].size()] != '"' || (key_words[0] & first_masks[i]) != first_words[i]) return false;
    if (wire_names[i].size() <= 8) return true;
    if ((key_words[1] & second_masks[i]) != second_words[i]) return false;
    if constexpr (longest > 16) {  // no tail to compare (and no GCC -Warray-bounds on one) otherwise
      const std::string_view name = wire_names[i];
      if (name.size() > 16 && std::memcmp(key + 16, name.data() + 16, name.size() - 16) != 0) return false;
    }
    return true;
  }
};

template <class T, class V, class Ctx>
void read_struct(V& v, T& out, Ctx& ctx) {
  od::object object;
  if (auto code = v.get_object().get(object)) fail_expected("object", code, v);
  depth_guard guard(ctx.depth);
  using binding = struct_binding<T, Ctx>;
  [[maybe_unused]] std::bitset<binding::count> seen;
  // Members usually arrive in declaration order: start each search after the last match,
  // so in-order input costs one comparison per key and any order stays linear in input.
  std::size_t next = 0;
  const auto find = [&]([[maybe_unused]] auto&& matches) -> std::size_t {
    if constexpr (binding::count > 0) {  // no loop to compile (and warn about) for an empty struct
      for (std::size_t tried = 0; tried < binding::count; ++tried) {
        std::size_t i = next + tried;
        if (i >= binding::count) i -= binding::count;
        if (matches(i)) return i;
      }
    }
    return binding::count;
  };
  for (auto field_result : object) {
    od::field& field = checked(field_result);
    // Wire names hold no backslash (naming.hpp checks), so a raw key that equals one is that
    // name; only a key with escapes needs unescaping before it can match.
    const std::string_view raw_key = raw_field_key(field);
    std::uint64_t raw_key_words[2];
    std::memcpy(raw_key_words, raw_key.data(), sizeof raw_key_words);
    std::size_t i = find([&](std::size_t member) { return binding::raw_key_is(raw_key, raw_key_words, member); });
    if (i == binding::count && std::memchr(raw_key.data(), '\\', raw_key.size()) != nullptr) {
      std::string_view key;
      if (auto code = field.unescaped_key().get(key)) fail_malformed(code);
      i = find([&](std::size_t member) { return binding::wire_names[member] == key; });
    }
    if (i == binding::count) continue;  // unknown key: On-Demand skips the value when the loop advances
    binding::member_readers[i](out, field.value(), ctx);
    if constexpr (Ctx::overwrites) seen.set(i);
    next = i + 1 == binding::count ? 0 : i + 1;
  }
  if constexpr (Ctx::overwrites) {
    if (!seen.all())
      for (std::size_t i = 0; i < binding::count; ++i)
        if (!seen.test(i)) binding::member_resetters[i](out);
  }
}

// Overwriting, elements are read over the ones already there, so their memory is reused;
// the surplus is erased.
template <class Vector, class V, class Ctx>
void read_vector(V& v, Vector& out, Ctx& ctx) {
  if (read_null(v)) {
    out.clear();
    return;
  }
  od::array array;
  if (auto code = v.get_array().get(array)) fail_expected("array", code, v);
  depth_guard guard(ctx.depth);
  if constexpr (!Ctx::overwrites) out.clear();
  std::size_t index = 0;
  for (auto element_result : array) {
    od::value& element = checked(element_result);
    try {
      if constexpr (std::is_same_v<typename Vector::value_type, bool>) {
        bool b = false;
        read_value(element, b, ctx);
        if (index < out.size())
          out[index] = b;
        else
          out.push_back(b);
      } else {
        read_value(element, index < out.size() ? out[index] : out.emplace_back(), ctx);
      }
    } catch (error& e) {
      out.erase(out.begin() + static_cast<std::ptrdiff_t>(std::min(index + 1, out.size())), out.end());
      e.prepend_index(index);
      throw;
    }
    ++index;
  }
  out.erase(out.begin() + static_cast<std::ptrdiff_t>(index), out.end());
}

// Nodes of maps of one type whose keys an overwrite did not see again, kept on this thread
// for the keys a later read adds (a node's key is reassigned, its value read over): maps
// whose keys change between invocations reuse their memory too. At most a few hundred.
template <class Map>
std::vector<typename Map::node_type>& spare_nodes() {
  thread_local std::vector<typename Map::node_type> nodes;
  return nodes;
}
inline constexpr std::size_t spare_nodes_kept = 256;

// The values an overwrite of one map has read, on a per-thread stack (a nested map's sit
// above its parent's): at the end, the map's other nodes are the keys the input lacked.
class seen_map_values {
public:
  seen_map_values() : values_(stack()), base_(values_.size()) {}
  seen_map_values(const seen_map_values&) = delete;
  seen_map_values& operator=(const seen_map_values&) = delete;
  ~seen_map_values() { values_.resize(base_); }

  void add(const void* value) { values_.push_back(value); }

  // Takes out of `map` the nodes whose values were not seen, keeping some as spares.
  template <class Map>
  void remove_unseen(Map& map) {
    const auto first = values_.begin() + static_cast<std::ptrdiff_t>(base_);
    if (static_cast<std::size_t>(values_.end() - first) == map.size()) return;  // every key once
    std::sort(first, values_.end(), std::less<>());
    const auto last = std::unique(first, values_.end());
    if (static_cast<std::size_t>(last - first) == map.size()) return;  // keys repeated, none missing
    auto& spare = spare_nodes<Map>();
    for (auto it = map.begin(); it != map.end();) {
      const auto next = std::next(it);
      if (!std::binary_search(first, last, static_cast<const void*>(&it->second), std::less<>())) {
        if (spare.size() < spare_nodes_kept)
          spare.push_back(map.extract(it));
        else
          map.erase(it);
      }
      it = next;
    }
  }

private:
  static std::vector<const void*>& stack() {
    thread_local std::vector<const void*> values;
    return values;
  }
  std::vector<const void*>& values_;
  std::size_t base_;
};

// A key as the map's key_type: a std::string is built in a buffer kept per thread, so that
// finding a key in a std::map<std::string, ...> costs no allocation.
template <class Map>
decltype(auto) lookup_key(std::string_view key) {
  using key_type = typename Map::key_type;
  if constexpr (std::is_same_v<key_type, std::string_view>) {
    return key;
  } else {
    thread_local key_type scratch;
    scratch.assign(key);
    return static_cast<const key_type&>(scratch);
  }
}

// The value of `key` in a map read afresh (cleared first): a repeated key is read over, so
// the last one wins whole.
template <class Map>
typename Map::mapped_type& new_map_slot(Map& map, std::string_view key) {
  auto [position, inserted] = map.try_emplace(typename Map::key_type(key));
  if (!inserted) position->second = typename Map::mapped_type{};
  return position->second;
}

// How a map read fills the map: slot(key) is where the value of each key read goes, then
// finish(). Afresh, the map is cleared first.
template <class Map, bool Overwrites>
class map_filling {
public:
  explicit map_filling(Map& map) : map_(map) { map.clear(); }
  typename Map::mapped_type& slot(std::string_view key) { return new_map_slot(map_, key); }
  void finish() {}

private:
  Map& map_;
};

// Overwriting, a key the map holds is read over in place (no node moves, so a document with
// the keys of the last one touches no node) and a new key takes a spare node or a new one;
// finish() takes out the nodes of the keys the input lacked.
template <class Map>
class map_filling<Map, true> {
public:
  explicit map_filling(Map& map) : map_(map) {
    if constexpr (std::is_same_v<typename Map::key_type, std::string_view>) {
      // Borrowed keys view the previous document, which is gone: nothing to match them with.
      auto& spare = spare_nodes<Map>();
      while (!map.empty()) {
        auto node = map.extract(map.begin());
        if (spare.size() < spare_nodes_kept) spare.push_back(std::move(node));
      }
    }
    next_ = map.begin();
  }

  typename Map::mapped_type& slot(std::string_view key) {
    auto& value = reused_slot(key);
    seen_.add(&value);  // also a repeated key: read over, so the last one wins whole
    return value;
  }
  void finish() { seen_.remove_unseen(map_); }

private:
  typename Map::mapped_type& reused_slot(std::string_view key) {
    if (auto found = find(key); found != map_.end()) return found->second;
    if (auto& spare = spare_nodes<Map>(); !spare.empty()) {
      typename Map::node_type node = std::move(spare.back());
      spare.pop_back();
      node.key() = key;
      return map_.insert(std::move(node)).position->second;
    }
    return new_map_slot(map_, key);
  }

  // Keys tend to come as they came last time and often sorted (HTTP headers), so a std::map
  // first tries the node after the last one found; a small one is then scanned comparing
  // lengths first, one string comparison per key where a tree search makes three or four.
  typename Map::iterator find(std::string_view key) {
    if constexpr (is_specialization<Map, std::map>::value) {
      const auto is_key = [key](const auto& node) {
        return node.first.size() == key.size() && std::memcmp(node.first.data(), key.data(), key.size()) == 0;
      };
      auto it = next_;
      if (it == map_.end() || !is_key(*it))
        it = map_.size() <= 8 ? std::ranges::find_if(map_, is_key) : map_.find(lookup_key<Map>(key));
      if (it != map_.end()) next_ = std::next(it);
      return it;
    } else {
      return map_.find(lookup_key<Map>(key));
    }
  }

  Map& map_;
  typename Map::iterator next_;
  seen_map_values seen_;
};

template <class Map, class V, class Ctx>
void read_map(V& v, Map& out, Ctx& ctx) {
  if (read_null(v)) {
    out.clear();
    return;
  }
  od::object object;
  if (auto code = v.get_object().get(object)) fail_expected("object", code, v);
  depth_guard guard(ctx.depth);
  map_filling<Map, Ctx::overwrites> filling(out);
  for (auto field_result : object) {
    od::field& field = checked(field_result);
    std::string_view key;
    if (auto code = field.unescaped_key().get(key)) fail_malformed(code);
    auto& slot = filling.slot(key);
    try {
      read_value(field.value(), slot, ctx);
    } catch (error& e) {
      e.prepend_key(key);
      throw;
    }
  }
  filling.finish();
}

template <class V, class Ctx>
void read_generic(V& v, value& out, Ctx& ctx) {
  switch (type_of(v)) {
    case od::json_type::null:
      if (!read_null(v)) fail_malformed(simdjson::N_ATOM_ERROR);
      out = nullptr;
      return;
    case od::json_type::boolean: {
      bool b = false;
      if (auto code = v.get_bool().get(b)) fail_malformed(code);
      out = b;
      return;
    }
    case od::json_type::number: {
      od::number_type nt{};
      if (v.get_number_type().get(nt) == simdjson::SUCCESS) {
        if (nt == od::number_type::signed_integer) {
          std::int64_t i = 0;
          if (v.get_int64().get(i) == simdjson::SUCCESS) {
            out = i;
            return;
          }
        } else if (nt == od::number_type::unsigned_integer) {
          std::uint64_t u = 0;
          if (v.get_uint64().get(u) == simdjson::SUCCESS) {
            out = u;
            return;
          }
        }
      }
      double d = 0;  // a fraction, an exponent, or an integer beyond 64 bits
      read_floating(v, d);
      out = d;
      return;
    }
    case od::json_type::string:
      out = std::string(read_string_view(v));
      return;
    case od::json_type::array: {
      od::array array;
      if (auto code = v.get_array().get(array)) fail_malformed(code);
      depth_guard guard(ctx.depth);
      value::array elements;
      for (auto element_result : array) {
        od::value& element = checked(element_result);
        try {
          read_generic(element, elements.emplace_back(), ctx);
        } catch (error& e) {
          e.prepend_index(elements.size() - 1);
          throw;
        }
      }
      out = std::move(elements);
      return;
    }
    case od::json_type::object: {
      od::object object;
      if (auto code = v.get_object().get(object)) fail_malformed(code);
      depth_guard guard(ctx.depth);
      value::object members;
      for (auto field_result : object) {
        od::field& field = checked(field_result);
        std::string_view key;
        if (auto code = field.unescaped_key().get(key)) fail_malformed(code);
        auto& member = members.emplace_back(std::string(key), value{});
        try {
          read_generic(field.value(), member.second, ctx);
        } catch (error& e) {
          e.prepend_key(member.first);
          throw;
        }
      }
      out = std::move(members);
      return;
    }
  }
}

template <class V, class Ctx>
void read_raw(V& v, raw& out, Ctx& ctx) {
  std::string_view text;
  if constexpr (std::is_same_v<V, od::document>) {
    if (auto code = v.raw_json().get(text)) fail_malformed(code);
  } else {
    const od::json_type t = type_of(v);
    if (t == od::json_type::object) {
      od::object object;
      if (auto code = v.get_object().get(object)) fail_malformed(code);
      if (auto code = object.raw_json().get(text)) fail_malformed(code);
    } else if (t == od::json_type::array) {
      od::array array;
      if (auto code = v.get_array().get(array)) fail_malformed(code);
      if (auto code = array.raw_json().get(text)) fail_malformed(code);
    } else {
      if (auto code = raw_token(v, text)) fail_malformed(code);
    }
  }
  text = trim_trailing_space(text);
  // The text lies inside the caller's padded buffer, so the validator may read past it.
  simdjson::dom::element ignored;
  if (auto code = ctx.validator->parse(text.data(), text.size(), false).get(ignored))
    fail_malformed(code);
  out.text.assign(text);
}

template <class Variant, class V, class Ctx>
void read_variant(V& v, Variant& out, Ctx& ctx) {
  static_assert(variant_check<Variant>::ok);
  constexpr std::size_t integer_index = alternative_for<Variant>(variant_slot::integer);
  constexpr std::size_t floating_index = alternative_for<Variant>(variant_slot::floating);
  variant_slot slot = variant_slot::ambiguous;
  switch (type_of(v)) {
    case od::json_type::null: slot = variant_slot::null; break;
    case od::json_type::boolean: slot = variant_slot::boolean; break;
    case od::json_type::string: slot = variant_slot::string; break;
    case od::json_type::array: slot = variant_slot::array; break;
    case od::json_type::object: slot = variant_slot::object; break;
    case od::json_type::number:
      if constexpr (integer_index != std::variant_npos && floating_index != std::variant_npos) {
        od::number_type nt{};
        const bool integral = v.get_number_type().get(nt) == simdjson::SUCCESS &&
                              nt != od::number_type::floating_point_number;
        slot = integral ? variant_slot::integer : variant_slot::floating;
      } else {
        slot = integer_index != std::variant_npos ? variant_slot::integer : variant_slot::floating;
      }
      break;
  }
  std::size_t index = std::variant_npos;
  std::string accepted;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    ((slot_of<std::variant_alternative_t<I, Variant>>() == slot ? void(index = I) : void()), ...);
  }(std::make_index_sequence<std::variant_size_v<Variant>>{});
  if (index == std::variant_npos) {
    static constexpr const char* slot_names[] = {"null",   "boolean", "integer", "number",
                                                 "string", "array",   "object"};
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((accepted += (I == 0 ? "" : " or "),
        accepted += slot_names[static_cast<int>(slot_of<std::variant_alternative_t<I, Variant>>())]),
       ...);
    }(std::make_index_sequence<std::variant_size_v<Variant>>{});
    throw error("expected " + accepted + ", got " + type_name(type_of(v)));
  }
  boost::mp11::mp_with_index<std::variant_size_v<Variant>>(index, [&](auto I) {
    read_value(v, out.template emplace<I>(), ctx);
  });
}

template <class T, class V, class Ctx>
void read_value(V& v, T& out, Ctx& ctx) {
  if constexpr (std::is_same_v<T, bool>) {
    if (auto code = v.get_bool().get(out)) fail_expected("boolean", code, v);
  } else if constexpr (is_integer<T>) {
    read_integer(v, out);
  } else if constexpr (std::is_floating_point_v<T>) {
    read_floating(v, out);
  } else if constexpr (std::is_same_v<T, std::string>) {
    // clear + append: a plain copy into the capacity held, where assign goes through
    // replace (which allows for overlap).
    const std::string_view text = read_string_view(v);
    out.clear();
    out.append(text);
  } else if constexpr (std::is_same_v<T, std::string_view>) {
    static_assert(Ctx::borrows, LAMBDA_CORO_DETAIL_BORROWED);
    out = read_string_view(v);
  } else if constexpr (is_described_enum<T>) {
    read_enum(v, out);
  } else if constexpr (is_optional<T>) {
    if (read_null(v)) {
      out.reset();
      return;
    }
    if (!out.has_value()) out.emplace();
    read_value(v, *out, ctx);
  } else if constexpr (is_vector<T>) {
    read_vector(v, out, ctx);
  } else if constexpr (is_map<T>) {
    static_assert(has_string_key<T>, LAMBDA_CORO_DETAIL_MAP_KEY);
    static_assert(!std::is_same_v<typename T::key_type, std::string_view> || Ctx::borrows, LAMBDA_CORO_DETAIL_BORROWED);
    read_map(v, out, ctx);
  } else if constexpr (is_variant<T>) {
    read_variant(v, out, ctx);
  } else if constexpr (std::is_same_v<T, std::monostate> || std::is_same_v<T, std::nullptr_t>) {
    if (!read_null(v)) fail_expected("null", simdjson::INCORRECT_TYPE, v);
  } else if constexpr (std::is_same_v<T, value>) {
    read_generic(v, out, ctx);
  } else if constexpr (std::is_same_v<T, raw>) {
    read_raw(v, out, ctx);
  } else if constexpr (is_described_struct<T>) {
    read_struct(v, out, ctx);
  } else {
    static_assert(always_false<T>, LAMBDA_CORO_DETAIL_UNBINDABLE);
  }
}

// ---------------------------------------------------------------------------------------
// The single-pass reader. On-Demand passes over a document twice (stage 1 indexes it, then
// values are read through the index) and unescapes each string into its own buffer before
// it is copied into the destination. For documents bound wholly into owning types, reading
// the text once, straight into the destination, is faster. It accepts a strict subset of
// what On-Demand accepts: anything else (malformed input, a key with escapes, a number it
// cannot read exactly, too deep a nesting) makes it give up, and On-Demand reads the
// document from the start. So values, and every error and its message, are On-Demand's.

// Thrown to give up; caught where the single-pass read began.
struct single_pass_gave_up {};
[[noreturn]] inline void give_up() { throw single_pass_gave_up{}; }

// Whether every type in T can be read in one pass: no views of the input, no json::value,
// json::raw or std::variant. A type met again on its own path adds nothing.
template <class T, class... Outer>
constexpr bool single_pass_readable() {
  if constexpr ((std::is_same_v<T, Outer> || ...)) {
    return true;
  } else if constexpr (std::is_same_v<T, bool> || is_integer<T> || std::is_floating_point_v<T> ||
                       std::is_same_v<T, std::string> || is_described_enum<T>) {
    return true;
  } else if constexpr (is_optional<T> || is_vector<T>) {
    return single_pass_readable<typename T::value_type, T, Outer...>();
  } else if constexpr (is_map<T>) {
    return std::is_same_v<typename T::key_type, std::string> &&
           single_pass_readable<typename T::mapped_type, T, Outer...>();
  } else if constexpr (is_described_struct<T>) {
    return []<template <class...> class L, class... D>(L<D...>*) {
      return (single_pass_readable<std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>, T, Outer...>() && ...);
    }(static_cast<described_members<T>*>(nullptr));
  } else {
    return false;
  }
}

template <bool Overwrites>
struct single_pass_context {
  static constexpr bool overwrites = Overwrites;
  const char* end;  // of the document; the padding after it is not part of it
  int depth = 0;
};

// At the next token, which must come before the end of the document. Always in line: the
// usual gaps are none and one space after a colon, and a call costs more than they do.
[[gnu::always_inline]] inline const char* skip_space(const char* p, const char* end) {
  if (p < end && static_cast<unsigned char>(*p) > ' ') return p;
  if (p + 1 < end && *p == ' ' && static_cast<unsigned char>(p[1]) > ' ') return p + 1;
#if defined(__SSE2__) && !defined(__OPTIMIZE_SIZE__)
  for (; p < end; p += 16) {  // indentation, 16 bytes at a time (the input is padded)
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i space = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
                                       _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))));
    if (const unsigned other = ~static_cast<unsigned>(_mm_movemask_epi8(space)) & 0xFFFF; other != 0) {
      p += std::countr_zero(other);
      break;
    }
  }
#else
  while (p < end && is_json_space(*p)) ++p;
#endif
  if (p >= end) give_up();
  return p;
}

// Past a literal that p must hold, followed by the end of the document or what ends a value.
inline const char* skip_literal(const char* p, const char* end, std::string_view literal) {
  if (std::memcmp(p, literal.data(), literal.size()) != 0) give_up();
  p += literal.size();
  if (p > end || (p < end && !ends_number[static_cast<unsigned char>(*p)])) give_up();
  return p;
}

// Past a number in JSON's grammar, which must end before the end of the document.
inline const char* skip_number(const char* p, const char* end) {
  const auto digits = [end](const char* q) {
    const char* first = q;
    while (q < end && is_decimal_digit(*q)) ++q;
    if (q == first) give_up();
    return q;
  };
  if (p < end && *p == '-') ++p;
  if (p < end && *p == '0')
    ++p;
  else
    p = digits(p);
  if (p < end && *p == '.') p = digits(p + 1);
  if (p < end && (*p == 'e' || *p == 'E')) {
    ++p;
    if (p < end && (*p == '+' || *p == '-')) ++p;
    p = digits(p);
  }
  if (p < end && !ends_number[static_cast<unsigned char>(*p)]) give_up();
  return p;
}

template <class I>
const char* single_pass_integer(const char* p, const char* end, I& out) {
  const bool negative = std::is_signed_v<I> && *p == '-';
  p += negative;
  const char* const first = p;
  std::uint64_t magnitude = 0;
  while (p < end && is_decimal_digit(*p) && p - first < 19)  // below 10^19: no overflow
    magnitude = magnitude * 10 + static_cast<std::uint64_t>(*p++ - '0');
  const std::ptrdiff_t count = p - first;
  // "-", "01", a fraction, an exponent, 19 digits and more: On-Demand decides.
  if (count == 0 || (*first == '0' && count > 1) || (p < end && !ends_number[static_cast<unsigned char>(*p)]))
    give_up();
  if constexpr (std::is_signed_v<I>) {
    using U = std::make_unsigned_t<I>;
    const auto limit = static_cast<std::uint64_t>(static_cast<U>(std::numeric_limits<I>::max())) + negative;
    if (magnitude > limit) give_up();
    out = negative ? static_cast<I>(U{0} - static_cast<U>(magnitude)) : static_cast<I>(magnitude);
  } else {
    if (magnitude > std::numeric_limits<I>::max()) give_up();
    out = static_cast<I>(magnitude);
  }
  return p;
}

template <class F>
const char* single_pass_floating(const char* p, const char* end, F& out) {
  double x;
  if (const char* after = read_short_decimal(p, x); after != nullptr && after <= end) {
    out = static_cast<F>(x);  // below 10^7: within float's range
    return after;
  }
  const char* after = skip_number(p, end);
  const auto [last, ec] = std::from_chars(p, after, x);  // correctly rounded, as simdjson's
  if (ec != std::errc{} || last != after) give_up();    // out of range: On-Demand decides
  if constexpr (std::is_same_v<F, float>) {
    if (x >= 0x1.ffffffp127 || x <= -0x1.ffffffp127) give_up();
  }
  out = static_cast<F>(x);
  return after;
}

inline int hex_digit(char c) noexcept {
  if (is_decimal_digit(c)) return c - '0';
  const char lower = static_cast<char>(c | 0x20);
  return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
}

// The code unit of the four hex digits at p.
inline std::uint32_t utf16_unit(const char* p) {
  std::uint32_t unit = 0;
  for (int i = 0; i < 4; ++i) {
    const int digit = hex_digit(p[i]);
    if (digit < 0) give_up();
    unit = unit << 4 | static_cast<std::uint32_t>(digit);
  }
  return unit;
}

// Appends the character of the escape at p (just after its backslash); returns its end.
inline const char* unescape(const char* p, const char* end, std::string& out) {
  static constexpr std::array<char, 128> simple = [] {
    std::array<char, 128> table{};
    table['"'] = '"';
    table['\\'] = '\\';
    table['/'] = '/';
    table['b'] = '\b';
    table['f'] = '\f';
    table['n'] = '\n';
    table['r'] = '\r';
    table['t'] = '\t';
    return table;
  }();
  const auto c = static_cast<unsigned char>(*p);
  if (c < 128 && simple[c] != 0) {
    out.push_back(simple[c]);
    return p + 1;
  }
  if (c != 'u' || end - p < 5) give_up();
  std::uint32_t code = utf16_unit(p + 1);
  p += 5;
  if (code >= 0xD800 && code < 0xE000) {  // only a high surrogate, then a low one: a pair
    if (code >= 0xDC00 || end - p < 6 || p[0] != '\\' || p[1] != 'u') give_up();
    const std::uint32_t low = utf16_unit(p + 2);
    if (low < 0xDC00 || low >= 0xE000) give_up();
    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    p += 6;
  }
  char bytes[4];
  std::size_t n;
  if (code < 0x80) {
    bytes[0] = static_cast<char>(code);
    n = 1;
  } else if (code < 0x800) {
    bytes[0] = static_cast<char>(0xC0 | code >> 6);
    bytes[1] = static_cast<char>(0x80 | (code & 0x3F));
    n = 2;
  } else if (code < 0x10000) {
    bytes[0] = static_cast<char>(0xE0 | code >> 12);
    bytes[1] = static_cast<char>(0x80 | (code >> 6 & 0x3F));
    bytes[2] = static_cast<char>(0x80 | (code & 0x3F));
    n = 3;
  } else {
    bytes[0] = static_cast<char>(0xF0 | code >> 18);
    bytes[1] = static_cast<char>(0x80 | (code >> 12 & 0x3F));
    bytes[2] = static_cast<char>(0x80 | (code >> 6 & 0x3F));
    bytes[3] = static_cast<char>(0x80 | (code & 0x3F));
    n = 4;
  }
  out.append(bytes, n);
  return p;
}

// The first byte from p on that ends a run of plain string text ('"', '\\' or a control
// character); `high` collects the high bits of the bytes before it. Gives up past the end.
inline const char* string_run_end(const char* p, const char* end, std::uint64_t& high) {
#if defined(__SSE2__) && !defined(__OPTIMIZE_SIZE__)
  for (;;) {  // 16 bytes at a time (the input is padded)
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const auto highs = static_cast<unsigned>(_mm_movemask_epi8(v));
    if (const unsigned stops = escape_mask(v); stops != 0) {
      const int plain = std::countr_zero(stops);
      if ((highs & ((1u << plain) - 1)) != 0) high |= 0x80;
      p += plain;
      break;
    }
    if (highs != 0) high |= 0x80;
    p += 16;
    if (p >= end) give_up();
  }
#else
  for (;;) {
    const std::uint64_t word = load_word(p);
    if (const std::uint64_t stops = escape_mask(word); stops != 0) {
      const int plain = first_marked_byte(stops);
      const std::uint64_t before = std::endian::native == std::endian::little
                                       ? (std::uint64_t{1} << (8 * plain)) - 1
                                       : ~(~std::uint64_t{0} >> (8 * plain));
      high |= word & before;
      p += plain;
      break;
    }
    high |= word;
    p += 8;
    if (p >= end) give_up();
  }
#endif
  if (p >= end) give_up();
  return p;
}

inline bool has_high_bit(std::uint64_t bits) noexcept { return (bits & 0x8080808080808080ULL) != 0; }

// p at an opening quote: the text up to the closing one, unescaped, into `out`.
inline const char* single_pass_string(const char* p, const char* end, std::string& out) {
  out.clear();
  std::uint64_t high = 0;
  const char* run = p + 1;
  for (;;) {
    p = string_run_end(run, end, high);
    out.append(run, static_cast<std::size_t>(p - run));
    if (*p == '"') break;
    if (*p != '\\') give_up();  // a control character
    run = unescape(p + 1, end, out);
  }
  // Escapes make whole characters, so the text is valid UTF-8 exactly when the input was.
  if (has_high_bit(high) && !simdjson::validate_utf8(out.data(), out.size())) give_up();
  return p + 1;
}

// A buffer for the unescaped keys and enum names of this thread's single-pass reads.
inline std::string& single_pass_scratch() {
  thread_local std::string scratch;
  return scratch;
}

// p at an opening quote: the text up to the closing one, unescaped; a view of the input when
// it has no escape (the common case, no copy), else of single_pass_scratch(). Moves p past it.
inline std::string_view single_pass_string_view(const char*& p, const char* end) {
  std::uint64_t high = 0;
  const char* const first = p + 1;
  const char* const last = string_run_end(first, end, high);
  if (*last != '"') {
    std::string& scratch = single_pass_scratch();
    p = single_pass_string(p, end, scratch);
    return scratch;
  }
  const std::string_view text(first, static_cast<std::size_t>(last - first));
  if (has_high_bit(high) && !simdjson::validate_utf8(text.data(), text.size())) give_up();
  p = last + 1;
  return text;
}

template <class Ctx>
class single_pass_depth {
public:
  explicit single_pass_depth(Ctx& ctx) : depth_(ctx.depth) {
    if (++depth_ > max_depth) give_up();
  }
  single_pass_depth(const single_pass_depth&) = delete;
  single_pass_depth& operator=(const single_pass_depth&) = delete;
  ~single_pass_depth() { --depth_; }

private:
  int& depth_;
};

// Reads the members of an object or the elements of an array (p at its opening bracket):
// item(p) reads one from p and returns its end. Returns the end of the closing bracket.
template <char Close, class Ctx, class Item>
const char* single_pass_items(const char* p, Ctx& ctx, Item&& item) {
  single_pass_depth<Ctx> depth(ctx);
  p = skip_space(p + 1, ctx.end);
  if (*p == Close) return p + 1;
  for (;;) {
    p = skip_space(item(p), ctx.end);
    if (*p == Close) return p + 1;
    if (*p != ',') give_up();
    p = skip_space(p + 1, ctx.end);
  }
}

// p at a key's opening quote: past its colon to the value, the key as written in `key`.
template <class Ctx>
const char* single_pass_key(const char* p, Ctx& ctx, std::string_view& key) {
  if (*p != '"') give_up();
  key = single_pass_string_view(p, ctx.end);
  p = skip_space(p, ctx.end);
  if (*p != ':') give_up();
  return skip_space(p + 1, ctx.end);
}

template <class Ctx>
const char* single_pass_skip(const char* p, Ctx& ctx) {
  switch (*p) {
    case '"': {
      std::uint64_t high = 0;
      const char* const first = p + 1;
      for (p = first;; p += 2) {  // an escape's character is not checked as an escape...
        p = string_run_end(p, ctx.end, high);
        if (*p == '"') break;
        if (*p != '\\') give_up();
        // ...but as text: simdjson rejects a control character or bad UTF-8 even there.
        const auto escaped = static_cast<unsigned char>(p[1]);
        if (escaped < 0x20) give_up();
        high |= escaped;
      }
      if (has_high_bit(high) && !simdjson::validate_utf8(first, static_cast<std::size_t>(p - first))) give_up();
      return p + 1;
    }
    case '{':
      return single_pass_items<'}'>(p, ctx, [&ctx](const char* q) {
        std::string_view key;
        q = single_pass_key(q, ctx, key);
        return single_pass_skip(q, ctx);
      });
    case '[':
      return single_pass_items<']'>(p, ctx, [&ctx](const char* q) { return single_pass_skip(q, ctx); });
    case 't':
      return skip_literal(p, ctx.end, "true");
    case 'f':
      return skip_literal(p, ctx.end, "false");
    case 'n':
      return skip_literal(p, ctx.end, "null");
    default:
      return skip_number(p, ctx.end);
  }
}

template <class T, class Ctx>
const char* single_pass_value(const char* p, T& out, Ctx& ctx);

template <class T, class D, class Ctx>
const char* single_pass_member(T& object, const char* p, Ctx& ctx) {
  return single_pass_value(p, object.*D::pointer, ctx);
}

template <class T, class Ctx>
struct single_pass_binding {
  using reader = const char* (*)(T&, const char*, Ctx&);
  template <template <class...> class L, class... D>
  static constexpr auto readers(L<D...>*) {
    return std::array<reader, sizeof...(D)>{&single_pass_member<T, D, Ctx>...};
  }
  static constexpr auto member_readers = readers(static_cast<described_members<T>*>(nullptr));
};

template <class T, class Ctx>
const char* single_pass_struct(const char* p, T& out, Ctx& ctx) {
  if (*p != '{') give_up();
  using binding = struct_binding<T, read_context<false, Ctx::overwrites>>;
  [[maybe_unused]] std::bitset<binding::count> seen;
  std::size_t next = 0;  // members usually arrive in declaration order, as in read_struct
  p = single_pass_items<'}'>(p, ctx, [&](const char* q) {
    if (*q != '"') give_up();
    if constexpr (binding::count > 0) {
      std::uint64_t key_words[2];
      std::memcpy(key_words, q + 1, sizeof key_words);
      for (std::size_t tried = 0; tried < binding::count; ++tried) {
        std::size_t i = next + tried;
        if (i >= binding::count) i -= binding::count;
        if (binding::quoted_key_is(q + 1, ctx.end, key_words, i)) {
          q = skip_space(q + 2 + binding::wire_names[i].size(), ctx.end);
          if (*q != ':') give_up();
          q = single_pass_binding<T, Ctx>::member_readers[i](out, skip_space(q + 1, ctx.end), ctx);
          if constexpr (Ctx::overwrites) seen.set(i);
          next = i + 1 == binding::count ? 0 : i + 1;
          return q;
        }
      }
    }
    std::string_view key;  // an unknown key: skipped
    const char* const key_text = q + 1;
    q = single_pass_key(q, ctx, key);
    if (key.data() != key_text) give_up();  // it had escapes: unescaped, it may name a member
    return single_pass_skip(q, ctx);
  });
  if constexpr (Ctx::overwrites) {
    if (!seen.all())
      for (std::size_t i = 0; i < binding::count; ++i)
        if (!seen.test(i)) binding::member_resetters[i](out);
  }
  return p;
}

template <class T, class Ctx>
const char* single_pass_value(const char* p, T& out, Ctx& ctx) {
  const char* const end = ctx.end;
  if constexpr (std::is_same_v<T, bool>) {
    if (*p == 't') {
      out = true;
      return skip_literal(p, end, "true");
    }
    out = false;
    return skip_literal(p, end, "false");
  } else if constexpr (is_integer<T>) {
    return single_pass_integer(p, end, out);
  } else if constexpr (std::is_floating_point_v<T>) {
    return single_pass_floating(p, end, out);
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (*p != '"') give_up();
    return single_pass_string(p, end, out);
  } else if constexpr (is_described_enum<T>) {
    if (*p != '"') give_up();
    const std::string_view name = single_pass_string_view(p, end);
    bool found = false;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<T>>([&](auto d) {
      if (!found && name == d.name) {
        out = d.value;
        found = true;
      }
    });
    if (!found) give_up();
    return p;
  } else if constexpr (is_optional<T>) {
    if (*p == 'n') {
      out.reset();
      return skip_literal(p, end, "null");
    }
    if (!out.has_value()) out.emplace();
    return single_pass_value(p, *out, ctx);
  } else if constexpr (is_vector<T>) {
    if (*p == 'n') {
      out.clear();
      return skip_literal(p, end, "null");
    }
    if (*p != '[') give_up();
    if constexpr (!Ctx::overwrites) out.clear();
    std::size_t index = 0;
    p = single_pass_items<']'>(p, ctx, [&](const char* q) {
      if constexpr (std::is_same_v<typename T::value_type, bool>) {
        bool b = false;
        q = single_pass_value(q, b, ctx);
        if (index < out.size())
          out[index] = b;
        else
          out.push_back(b);
      } else {
        q = single_pass_value(q, index < out.size() ? out[index] : out.emplace_back(), ctx);
      }
      ++index;
      return q;
    });
    out.erase(out.begin() + static_cast<std::ptrdiff_t>(index), out.end());
    return p;
  } else if constexpr (is_map<T>) {
    if (*p == 'n') {
      out.clear();
      return skip_literal(p, end, "null");
    }
    if (*p != '{') give_up();
    map_filling<T, Ctx::overwrites> filling(out);
    p = single_pass_items<'}'>(p, ctx, [&](const char* q) {
      std::string_view key;
      q = single_pass_key(q, ctx, key);
      return single_pass_value(q, filling.slot(key), ctx);
    });
    filling.finish();
    return p;
  } else {
    static_assert(is_described_struct<T>);
    return single_pass_struct(p, out, ctx);
  }
}

// Reads a whole document (trailing whitespace trimmed) into `out`, or gives up.
template <bool Overwrites, class T>
void single_pass_read(std::string_view json, T& out) {
  while (!json.empty() && is_json_space(json.back())) json.remove_suffix(1);
  single_pass_context<Overwrites> ctx{json.data() + json.size()};
  const char* p = skip_space(json.data(), ctx.end);
  if (single_pass_value(p, out, ctx) != ctx.end) give_up();  // trailing content
}

}  // namespace detail

// Reads JSON into C++ values, keeping its parsers (and their buffers) between calls.
// One reader serves one thread at a time. With Borrows, std::string_view members (and map
// keys) view the reader's buffers: valid until its next read, no copy, no allocation.
template <bool Borrows>
class basic_reader {
public:
  // Copies `json` into an internal padded buffer first.
  template <class T>
  void read(std::string_view json, T& out) {
    read_padded(padded(json), out);
  }
  // No copy when the caller's buffer already has SIMDJSON_PADDING readable bytes past the end.
  template <class T>
  void read(simdjson::padded_string_view json, T& out) {
    read_padded(padded(json), out);
  }
  // No copy either when the string's spare capacity is that padding (and no string_view in
  // `out` would then view `json` rather than the reader's buffer).
  template <class T, std::same_as<std::string> String>
  void read(const String& json, T& out) {
    read_padded(padded<T>(json), out);
  }
  // A template so that std::string, which converts to padded_string too, stays unambiguous.
  template <class T, std::same_as<simdjson::padded_string> Padded>
  void read(const Padded& json, T& out) {
    read_padded(simdjson::padded_string_view(json), out);
  }

  template <class T, class Input>
  T read(const Input& json) {
    static_assert(std::is_default_constructible_v<T>,
                  "lambda_coro::json::read<T> needs a default-constructible T; "
                  "use read(json, out) to fill an existing object");
    T out{};
    read(json, out);
    return out;
  }

  // Makes `out` what read<T>(json) would return, reusing the memory its strings, vectors and
  // maps already own: reading similar documents into one object allocates almost nothing.
  // (read(json, out) patches instead: members the input lacks keep their values.)
  template <class T>
  void overwrite(std::string_view json, T& out) {
    read_padded<true>(padded(json), out);
  }
  template <class T>
  void overwrite(simdjson::padded_string_view json, T& out) {
    read_padded<true>(padded(json), out);
  }
  template <class T, std::same_as<std::string> String>
  void overwrite(const String& json, T& out) {
    read_padded<true>(padded<T>(json), out);
  }

private:
  // `json` in the reader's padded buffer.
  simdjson::padded_string_view padded(std::string_view json) {
    buffer_.reserve(json.size() + simdjson::SIMDJSON_PADDING);
    buffer_.assign(json);
    return simdjson::padded_string_view(buffer_.data(), buffer_.size(), buffer_.capacity());
  }
  // The caller's buffer when it has SIMDJSON_PADDING readable bytes past the end, else a copy.
  simdjson::padded_string_view padded(simdjson::padded_string_view json) {
    return json.padding() < simdjson::SIMDJSON_PADDING ? padded(static_cast<std::string_view>(json)) : json;
  }
  // The bytes between a std::string's size and capacity are its own: readable padding. Views
  // a T can hold stay in the reader's buffer, valid until the next read as documented.
  template <class T>
  simdjson::padded_string_view padded(const std::string& json) {
    if constexpr (Borrows && detail::can_borrow<T>())
      return padded(std::string_view(json));
    else
      return padded(simdjson::padded_string_view(json));
  }

  using read_function = void (*)(simdjson::ondemand::document&, void*, simdjson::dom::parser*);

  template <bool Overwrites = false, class T>
  void read_padded(simdjson::padded_string_view json, T& out) {
#if LAMBDA_CORO_JSON_SINGLE_PASS
    if constexpr (detail::single_pass_readable<T>()) {
      try {
        detail::single_pass_read<Overwrites>(json, out);
        return;
      } catch (const detail::single_pass_gave_up&) {  // On-Demand decides, from the start
      }
    }
#endif
    read_document(json, &out, [](simdjson::ondemand::document& doc, void* target, simdjson::dom::parser* validator) {
      detail::read_context<Borrows, Overwrites> ctx{0, validator};
      detail::read_value(doc, *static_cast<T*>(target), ctx);
    });
  }

  // Not a template: one copy of the document-level checks, whatever is read and however.
  void read_document(simdjson::padded_string_view json, void* target, read_function read) {
    // Whitespace after the value means nothing, and without it simdjson 3.0 reads a null
    // document right: its check of the byte after "null" looks one byte too far ("null\n"
    // was refused, and "null;\n" taken).
    std::size_t size = json.size();
    while (size > 0 && detail::is_json_space(json[size - 1])) --size;
    json = simdjson::padded_string_view(json.data(), size, json.capacity());
    detail::document_being_read = json;  // every parse error is raised inside this call
    simdjson::ondemand::document doc;
    if (auto code = parser_.iterate(json).get(doc)) detail::fail_malformed(code);
    read(doc, target, &validator_);
    // simdjson 3.0 also takes "null;" for a null document when a space or bracket follows in
    // memory: a document that starts as null must end as one.
    const char* first = json.data();  // read without error: whitespace, then the value
    while (static_cast<unsigned char>(*first) <= ' ') ++first;  // (the shorter test: every bootstrap links this)
    if (*first == 'n' && std::memcmp(json.data() + size - 4, "null", 4) != 0)
      detail::fail_malformed(simdjson::N_ATOM_ERROR);
    const char* rest = nullptr;
    if (doc.current_location().get(rest) != simdjson::OUT_OF_BOUNDS) detail::fail_malformed(simdjson::TRAILING_CONTENT);
  }

  simdjson::ondemand::parser parser_;
  simdjson::dom::parser validator_;
  std::string buffer_;
};

using reader = basic_reader<true>;

namespace detail {
// The free json::read functions' parser; what they return must own its strings.
inline basic_reader<false>& thread_reader() {
  thread_local basic_reader<false> r;
  return r;
}
}  // namespace detail

// Parses `json` into a T. Throws json::error naming the path of the first problem.
template <class T>
T read(std::string_view json) {
  return detail::thread_reader().read<T>(json);
}
// Zero-copy form for buffers that already carry simdjson's padding.
template <class T>
T read(simdjson::padded_string_view json) {
  return detail::thread_reader().read<T>(json);
}
// No copy when the string's spare capacity holds simdjson's padding.
template <class T, std::same_as<std::string> String>  // a template: string literals stay unambiguous
T read(const String& json) {
  return detail::thread_reader().read<T>(json);
}
template <class T, std::same_as<simdjson::padded_string> Padded>
T read(const Padded& json) {
  return detail::thread_reader().read<T>(json);
}
// Fills an existing object (members absent from the input keep their values).
template <class T>
void read(std::string_view json, T& out) {
  detail::thread_reader().read(json, out);
}
template <class T, std::same_as<std::string> String>
void read(const String& json, T& out) {
  detail::thread_reader().read(json, out);
}

}  // namespace json
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_JSON_READ_HPP_INCLUDED
