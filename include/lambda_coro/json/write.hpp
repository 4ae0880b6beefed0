// json::write: C++ values to JSON text, appended straight into a std::string.
#ifndef LAMBDA_CORO_JSON_WRITE_HPP_INCLUDED
#define LAMBDA_CORO_JSON_WRITE_HPP_INCLUDED

#include <lambda_coro/config.hpp>
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

// Appends to a std::string through a raw cursor: one capacity check per token instead of
// one per character. The string's size is settled when the output is destroyed; after an
// exception it is restored to what it was.
class output {
public:
  explicit output(std::string& s) : s_(s), original_size_(s.size()) {
    cursor_ = s_.data() + s_.size();
    end_ = cursor_;
  }
  output(const output&) = delete;
  output& operator=(const output&) = delete;
  ~output() { s_.resize(committed_ ? size() : original_size_); }

  void commit() noexcept { committed_ = true; }

  // Makes room for n more bytes; cursor() stays valid until the next reserve.
  void reserve(std::size_t n) {
    if (static_cast<std::size_t>(end_ - cursor_) < n) grow(n);
  }
  char*& cursor() noexcept { return cursor_; }
  std::size_t size() const noexcept { return static_cast<std::size_t>(cursor_ - s_.data()); }
  char* at(std::size_t offset) noexcept { return s_.data() + offset; }

  void put(char c) {
    reserve(1);
    *cursor_++ = c;
  }
  void append(std::string_view text) {
    reserve(text.size());
    std::memcpy(cursor_, text.data(), text.size());
    cursor_ += text.size();
  }

private:
  void grow(std::size_t n) {
    const std::size_t used = size();
    std::size_t capacity = s_.size() * 2;
    if (capacity < used + n) capacity = used + n;
    if (capacity < 256) capacity = 256;
    s_.resize(capacity);
    cursor_ = s_.data() + used;
    end_ = s_.data() + s_.size();
  }

  std::string& s_;
  std::size_t original_size_;
  char* cursor_;
  char* end_;
  bool committed_ = false;
};

inline std::uint64_t load_word(const char* p) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

// True when one of the 8 bytes is '"', '\\' or a control character (SWAR, exact as a test).
inline bool word_needs_escape(std::uint64_t w) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t highs = 0x8080808080808080ULL;
  const std::uint64_t control = (w - ones * 0x20) & ~w & highs;
  const std::uint64_t q = w ^ (ones * '"');
  const std::uint64_t quote = (q - ones) & ~q & highs;
  const std::uint64_t b = w ^ (ones * '\\');
  const std::uint64_t backslash = (b - ones) & ~b & highs;
  return (control | quote | backslash) != 0;
}

inline bool is_ascii(std::string_view s) noexcept {
  std::size_t i = 0;
  std::uint64_t acc = 0;
  for (; i + 8 <= s.size(); i += 8) acc |= load_word(s.data() + i);
  for (; i < s.size(); ++i) acc |= static_cast<unsigned char>(s[i]);
  return (acc & 0x8080808080808080ULL) == 0;
}

inline void write_escape(output& out, unsigned char c) {
  static constexpr char hex[] = "0123456789abcdef";
  out.reserve(6);
  char*& p = out.cursor();
  *p++ = '\\';
  switch (c) {
    case '"': *p++ = '"'; return;
    case '\\': *p++ = '\\'; return;
    case '\b': *p++ = 'b'; return;
    case '\f': *p++ = 'f'; return;
    case '\n': *p++ = 'n'; return;
    case '\r': *p++ = 'r'; return;
    case '\t': *p++ = 't'; return;
    default:
      *p++ = 'u';
      *p++ = '0';
      *p++ = '0';
      *p++ = hex[c >> 4];
      *p++ = hex[c & 0xF];
  }
}

// Body of a string known to be valid UTF-8.
inline void write_escaped(output& out, std::string_view s) {
  const char* p = s.data();
  const char* const end = p + s.size();
  while (p < end) {
    const char* run = p;
    while (end - p >= 8 && !word_needs_escape(load_word(p))) p += 8;
    while (p < end) {
      const unsigned char c = static_cast<unsigned char>(*p);
      if (c < 0x20 || c == '"' || c == '\\') break;
      ++p;
    }
    out.append(std::string_view(run, static_cast<std::size_t>(p - run)));
    if (p < end) write_escape(out, static_cast<unsigned char>(*p++));
  }
}

// Length of the valid UTF-8 sequence at s[i], or 0 if the bytes there are not one.
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  const std::size_t left = s.size() - i;
  auto cont = [&](std::size_t k) { return (byte(k) & 0xC0) == 0x80; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !cont(i + 1) || !cont(i + 2)) return 0;
    const unsigned char c1 = byte(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 > 0x9F) return 0;  // UTF-16 surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    const unsigned char c1 = byte(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// Invalid UTF-8 is written with each offending byte replaced by U+FFFD, so the output is
// always valid JSON that any consumer accepts.
inline void write_repaired(output& out, std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    std::size_t len;
    while (i < s.size() && (len = utf8_sequence_length(s, i)) != 0) i += len;
    write_escaped(out, s.substr(start, i - start));
    if (i < s.size()) {
      out.append("\xEF\xBF\xBD");
      ++i;
    }
  }
}

inline void write_string(output& out, std::string_view s) {
  out.reserve(s.size() + 2);
  *out.cursor()++ = '"';
  if (is_ascii(s) || simdjson::validate_utf8(s.data(), s.size()))
    write_escaped(out, s);
  else
    write_repaired(out, s);
  out.put('"');
}

template <class I>
void write_integer(output& out, I i) {
  out.reserve(24);
  char*& p = out.cursor();
  p = std::to_chars(p, p + 24, i).ptr;
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
    out.append(v ? "true" : "false");
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
