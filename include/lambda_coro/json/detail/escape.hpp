// JSON string escaping into a std::string, with no dependency beyond the standard library:
// the writer and the log lines share it.
#ifndef LAMBDA_CORO_JSON_DETAIL_ESCAPE_HPP_INCLUDED
#define LAMBDA_CORO_JSON_DETAIL_ESCAPE_HPP_INCLUDED

#include <lambda_coro/config.hpp>

#include <array>
#include <bit>
#include <cstddef>
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
  // The first `used` bytes of a fixed-size block, copied whole (the rest is overwritten later).
  template <std::size_t N>
  void append_block(const std::array<char, N>& block, std::size_t used) {
    reserve(N);
    std::memcpy(cursor_, block.data(), N);
    cursor_ += used;
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
    if (capacity < s_.capacity()) capacity = s_.capacity();  // a reused string: its room is free
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

// The n < 8 bytes at p as one word, the bytes after them spaces (ASCII that needs no
// escape), read with two overlapping loads: nothing past p + n is touched.
inline std::uint64_t load_short(const char* p, std::size_t n) noexcept {
  static_assert(std::endian::native == std::endian::little || std::endian::native == std::endian::big);
  std::uint64_t w = 0;
  if (n >= 4) {
    std::uint32_t first, last;
    std::memcpy(&first, p, 4);
    std::memcpy(&last, p + n - 4, 4);
    if constexpr (std::endian::native == std::endian::little)
      w = first | std::uint64_t{last} << (8 * (n - 4));
    else
      w = std::uint64_t{first} << 32 | std::uint64_t{last} << (8 * (8 - n));
  } else if (n >= 2) {
    std::uint16_t first, last;
    std::memcpy(&first, p, 2);
    std::memcpy(&last, p + n - 2, 2);
    if constexpr (std::endian::native == std::endian::little)
      w = first | std::uint64_t{last} << (8 * (n - 2));
    else
      w = std::uint64_t{first} << 48 | std::uint64_t{last} << (8 * (8 - n));
  } else if (n == 1) {
    w = static_cast<unsigned char>(*p);
    if constexpr (std::endian::native == std::endian::big) w <<= 56;
  }
  constexpr std::uint64_t all = ~std::uint64_t{0};
  std::uint64_t mask = 0;
  if (n != 0) mask = std::endian::native == std::endian::little ? all >> (8 * (8 - n)) : all << (8 * (8 - n));
  return (w & mask) | (0x2020202020202020ULL & ~mask);
}

inline bool is_ascii(std::string_view s) noexcept {
  std::size_t i = 0;
  std::uint64_t acc = 0;
  for (; i + 8 <= s.size(); i += 8) acc |= load_word(s.data() + i);
  for (; i < s.size(); ++i) acc |= static_cast<unsigned char>(s[i]);
  return (acc & 0x8080808080808080ULL) == 0;
}

// What follows the backslash for each byte that JSON requires escaped; 0 for the others.
inline constexpr auto escape_letters = [] {
  std::array<char, 256> letters{};
  for (int c = 0; c < 0x20; ++c) letters[static_cast<std::size_t>(c)] = 'u';
  letters['"'] = '"';
  letters['\\'] = '\\';
  letters['\b'] = 'b';
  letters['\f'] = 'f';
  letters['\n'] = 'n';
  letters['\r'] = 'r';
  letters['\t'] = 't';
  return letters;
}();

// Body of a string known to be valid UTF-8. Room for the worst case (every byte \u00XX) is
// made once, so the loop writes through a raw pointer: clean 8-byte words are copied whole,
// a word holding an escape byte by byte.
inline void write_escaped(output& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out.reserve(s.size() * 6);
  char* p = out.cursor();
  const char* in = s.data();
  const char* const end = in + s.size();
  while (in < end) {
    while (end - in >= 8) {
      const std::uint64_t w = load_word(in);
      if (word_needs_escape(w)) break;
      std::memcpy(p, &w, sizeof w);
      p += 8;
      in += 8;
    }
    const char* const stop = end - in >= 8 ? in + 8 : end;
    for (; in < stop; ++in) {
      const auto c = static_cast<unsigned char>(*in);
      const char letter = escape_letters[c];
      if (letter == 0) {
        *p++ = static_cast<char>(c);
        continue;
      }
      *p++ = '\\';
      *p++ = letter;
      if (letter == 'u') {
        *p++ = '0';
        *p++ = '0';
        *p++ = hex[c >> 4];
        *p++ = hex[c & 0xF];
      }
    }
  }
  out.cursor() = p;
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

}  // namespace detail
}  // namespace json
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_JSON_DETAIL_ESCAPE_HPP_INCLUDED
