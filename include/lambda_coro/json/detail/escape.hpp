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

#if defined(__SSE2__) && !defined(__OPTIMIZE_SIZE__)
#include <emmintrin.h>
#endif
#if defined(__SSSE3__) && !defined(__OPTIMIZE_SIZE__)
#include <tmmintrin.h>
#endif

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
  // The end of the room made so far.
  char* limit() const noexcept { return end_; }
  std::size_t size() const noexcept { return static_cast<std::size_t>(cursor_ - s_.data()); }
  char* at(std::size_t offset) noexcept { return s_.data() + offset; }

  void put(char c) {
    reserve(1);
    *cursor_++ = c;
  }
  // ',' and then the first `used` bytes of a member's key block, the block copied whole (a
  // fixed-size copy; the rest is overwritten later), leaving `room` more bytes free.
  template <std::size_t N>
  char* put_member_key(const std::array<char, N>& block, std::size_t used, std::size_t room = 0) {
    reserve(N + 1 + room);
    char* const p = cursor_;
    *p = ',';
    std::memcpy(p + 1, block.data(), N);
    return p + 1 + used;
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

// The high bit of each byte of w that JSON requires escaped ('"', '\\', a control
// character), exact byte by byte (no carry crosses a byte); bytes >= 0x80 are plain.
inline std::uint64_t escape_mask(std::uint64_t w) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t low7 = ones * 0x7F;
  const std::uint64_t seven = w & low7;
  const std::uint64_t not_quote = (seven ^ (ones * '"')) + low7;
  const std::uint64_t not_backslash = (seven ^ (ones * '\\')) + low7;
  const std::uint64_t not_control = (w & (ones * 0x60)) + low7;  // bit 5 or 6 set: >= 0x20
  return ~((not_quote & not_backslash & not_control) | w) & (ones * 0x80);
}

#if defined(__SSE2__) && !defined(__OPTIMIZE_SIZE__)
// The bytes of v at most 0x1F (their maximum with 0x1F is 0x1F), as 0xFF.
inline __m128i control_bytes(__m128i v) noexcept {
  const __m128i control_max = _mm_set1_epi8(0x1F);
  return _mm_cmpeq_epi8(_mm_max_epu8(v, control_max), control_max);
}
// escape_mask for 16 bytes: bit i set when byte i is '"', '\\' or a control character.
inline unsigned escape_mask(__m128i v) noexcept {
  const __m128i quote_or_backslash = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(quote_or_backslash, control_bytes(v))));
}
#endif

// Index of the first byte, in memory order, whose high bit is set in a non-zero mask.
inline int first_marked_byte(std::uint64_t mask) noexcept {
  if constexpr (std::endian::native == std::endian::little)
    return std::countr_zero(mask) >> 3;
  else
    return std::countl_zero(mask) >> 3;
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

// Writes c as its escape sequence; room for it and the rest of the string (plus the 8
// bytes a whole-word copy may write ahead) is made here, escapes being the rare case.
inline char* write_escape(output& out, char* p, unsigned char c, std::size_t rest) {
  static constexpr char hex[] = "0123456789abcdef";
  out.cursor() = p;
  out.reserve(rest + 16);
  p = out.cursor();
  const char letter = escape_letters[c];
  *p++ = '\\';
  *p++ = letter;
  if (letter == 'u') {
    std::memcpy(p, "00", 2);
    p[2] = hex[c >> 4];
    p[3] = hex[c & 0xF];
    p += 4;
  }
  return p;
}

#if defined(__SSSE3__) && !defined(__OPTIMIZE_SIZE__)
// For each set of marked bytes among 8 (bit i: byte i is '"' or '\\'), the shuffle that
// spreads the 8 bytes over 8 + marked bytes leaving a gap before each marked one, and the
// backslashes that fill the gaps.
struct spread_table {
  alignas(16) std::array<std::array<std::uint8_t, 16>, 256> shuffles;
  alignas(16) std::array<std::array<std::uint8_t, 16>, 256> backslashes;
};
inline constexpr spread_table spread = [] {
  spread_table t{};
  for (unsigned marked = 0; marked < 256; ++marked) {
    std::size_t j = 0;
    for (std::uint8_t i = 0; i < 8; ++i) {
      if (marked >> i & 1) {
        t.shuffles[marked][j] = 0x80;  // a zero byte, then or-ed with the backslash
        t.backslashes[marked][j++] = '\\';
      }
      t.shuffles[marked][j++] = i;
    }
    for (; j < 16; ++j) t.shuffles[marked][j] = 0x80;
  }
  return t;
}();

// Half a block (its 8 low bytes) with a backslash before each marked byte; returns the end.
inline char* put_spread(char* p, __m128i half, unsigned marked) noexcept {
  const __m128i shuffle = _mm_load_si128(reinterpret_cast<const __m128i*>(spread.shuffles[marked].data()));
  const __m128i backslashes = _mm_load_si128(reinterpret_cast<const __m128i*>(spread.backslashes[marked].data()));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(p), _mm_or_si128(_mm_shuffle_epi8(half, shuffle), backslashes));
  return p + 8 + std::popcount(marked);
}
#endif

// Body of a string, escaped, bytes >= 0x80 copied as they are. Each 8-byte word is copied
// before it is checked, and an escape found restarts the scan right after it, so the copy
// never goes byte by byte; the last few bytes are one short word. Returns whether a byte
// >= 0x80 was seen (the caller then checks the text is UTF-8).
inline bool write_escaped(output& out, std::string_view s) {
  out.reserve(s.size() + 16);
  char* p = out.cursor();
  const char* in = s.data();
  const char* const end = in + s.size();
  std::uint64_t seen = 0;
#if defined(__SSE2__) && !defined(__OPTIMIZE_SIZE__)
  // The same scan 16 bytes at a time: escapes are bytes equal to '"' or '\\' or at most 0x1F.
  __m128i high = _mm_setzero_si128();
  while (end - in >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v);
    high = _mm_or_si128(high, v);
    const unsigned mask = escape_mask(v);
    if (mask == 0) {
      p += 16;
      in += 16;
      continue;
    }
#if defined(__SSSE3__) && !defined(__OPTIMIZE_SIZE__)
    // Quotes and backslashes only (JSON inside JSON escapes every few bytes): the block is
    // written in two spread halves, no branch per escape. Room: 32 bytes of stores, and
    // the rest of the string plus 16 still free afterwards, as the other paths keep it.
    if (_mm_movemask_epi8(control_bytes(v)) == 0) {
      const auto rest = static_cast<std::size_t>(end - in);
      if (static_cast<std::size_t>(out.limit() - p) < rest + 32) {
        out.cursor() = p;
        out.reserve(rest + 32);
        p = out.cursor();
      }
      p = put_spread(p, v, mask & 0xFF);
      p = put_spread(p, _mm_srli_si128(v, 8), mask >> 8);
      in += 16;
      continue;
    }
#endif
    const int clean = std::countr_zero(mask);
    in += clean;
    p = write_escape(out, p + clean, static_cast<unsigned char>(*in), static_cast<std::size_t>(end - in));
    ++in;
  }
  if (_mm_movemask_epi8(high) != 0) seen = 0x80;
#endif
  while (end - in >= 8) {
    const std::uint64_t w = load_word(in);
    std::memcpy(p, &w, sizeof w);
    seen |= w;
    const std::uint64_t mask = escape_mask(w);
    if (mask == 0) {
      p += 8;
      in += 8;
      continue;
    }
    const int clean = first_marked_byte(mask);
    in += clean;
    p = write_escape(out, p + clean, static_cast<unsigned char>(*in), static_cast<std::size_t>(end - in));
    ++in;
  }
#ifdef __OPTIMIZE_SIZE__  // bootstraps built for size take the last bytes one by one
  for (; in < end; ++in) {
    const auto c = static_cast<unsigned char>(*in);
    seen |= c;
    if (escape_letters[c] == 0)
      *p++ = static_cast<char>(c);
    else
      p = write_escape(out, p, c, static_cast<std::size_t>(end - in));
  }
#else
  while (in < end) {
    const auto left = static_cast<std::size_t>(end - in);
    const std::uint64_t w = load_short(in, left);
    std::memcpy(p, &w, sizeof w);
    seen |= w;
    const std::uint64_t mask = escape_mask(w);
    if (mask == 0) {
      p += left;
      break;
    }
    const int clean = first_marked_byte(mask);
    in += clean;
    p = write_escape(out, p + clean, static_cast<unsigned char>(*in), left - static_cast<std::size_t>(clean));
    ++in;
  }
#endif
  out.cursor() = p;
  return (seen & 0x8080808080808080ULL) != 0;
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

// Whether s is UTF-8, ASCII runs skipped a word at a time: for short strings, where a call
// into a SIMD validator costs more than the check.
inline bool is_utf8(std::string_view s) noexcept {
  constexpr std::uint64_t highs = 0x8080808080808080ULL;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s.size() - i >= 8) {
      const std::uint64_t high = load_word(s.data() + i) & highs;
      if (high == 0) {
        i += 8;
        continue;
      }
      i += static_cast<std::size_t>(first_marked_byte(high));
    } else if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence_length(s, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
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
