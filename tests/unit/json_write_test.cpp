#include "../support/test_support.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct point {
  int x = 0;
  int y = 0;
};
BOOST_DESCRIBE_STRUCT(point, (), (x, y))

struct sparse {
  std::optional<int> a;
  std::optional<int> b;
};
BOOST_DESCRIBE_STRUCT(sparse, (), (a, b))

struct empty_struct {};
BOOST_DESCRIBE_STRUCT(empty_struct, (), ())

TEST_CASE("write appends to an existing string") {
  std::string out = "prefix:";
  json::write(point{1, 2}, out);
  CHECK(out == R"(prefix:{"x":1,"y":2})");
}

TEST_CASE("objects with every member omitted or none at all") {
  CHECK(json::write(sparse{}) == "{}");
  CHECK(json::write(sparse{std::nullopt, 2}) == R"({"b":2})");
  CHECK(json::write(empty_struct{}) == "{}");
  CHECK(json::write(std::vector<empty_struct>(2)) == "[{},{}]");
}

enum class level { low };
BOOST_DESCRIBE_ENUM(level, low)
struct holder {
  std::vector<std::map<std::string, level>> levels;
};
BOOST_DESCRIBE_STRUCT(holder, (), (levels))

TEST_CASE("a failed write names the path and leaves the output untouched") {
  holder h{{{{"ok", level::low}}, {{"bad", static_cast<level>(4)}}}};
  std::string out = "keep";
  CHECK_THROWS_WITH_AS(json::write(h, out), "$.levels[1].bad: cannot write enum value 4: it is not a described enumerator",
                       json::error);
  CHECK(out == "keep");
}

TEST_CASE("large outputs grow the buffer correctly") {
  std::vector<point> points(100000, point{123456, -7});
  const std::string text = json::write(points);
  CHECK(text.size() == 100000 * std::string(R"({"x":123456,"y":-7},)").size() + 1);
  CHECK(json::read<std::vector<point>>(text).size() == 100000);
}

// The decimal fast path must give exactly the digits std::to_chars gives (and the writer's
// ".0" rule on top), or decline: checked on values of every kind, boundaries included.
TEST_CASE("doubles: the decimal fast path writes what std::to_chars writes") {
  test::random_numbers next(0x9E3779B97F4A7C15ULL);
  const auto expected = [](double x) {
    char buffer[64];
    std::string text(buffer, std::to_chars(buffer, buffer + sizeof buffer, x).ptr);
    if (text.find_first_of(".e") == std::string::npos) text += ".0";
    return text;
  };
  std::vector<double> values = {0.1, 0.3, 1.5, 100.0, 1e5, 1e6, 123456.0, 1e15, 999999999999999.0, 1e-7, 1.5e-7,
                                0.001, 0.0001, 12.0, 4503599627370495.5, 5e-324, 0.0, -0.0, 1e300, 19.99,
                                0.5, 0.25, 0.125, 2.0, 1024.0, 0x1p-20, 0x1p40, std::nextafter(0.5, 1.0), std::nextafter(0.5, 0.0),
                                99999999.5, 12345678.125, 99999.0, 0.00123, 0.0099, 0.999, 0.001953125, 7.0000000000001};
  for (int i = 0; i < 20000; ++i) {
    const double scale = static_cast<double>(std::uint64_t{1} << (next() % 30)) * 1e-3;
    const double decimal = static_cast<double>(next() % 100000000) / scale;
    values.push_back(decimal);
    values.push_back(static_cast<double>(next() % 100000) / 100.0);
    values.push_back(std::nextafter(static_cast<double>(next() % 100000) / 100.0, (next() & 1) ? 1e300 : -1e300));
    values.push_back(static_cast<double>(next() % 1000000) / 7919.0);
    // Two decimals up to 2e13, across the bound of the two-decimal path (2^50 / 100).
    values.push_back(static_cast<double>(next() % 2000000000000000) / 100.0);
    values.push_back(static_cast<double>(next() % 1000) / 1000.0);
    // 14 to 17 significant digits: the edge of the fast path's reach.
    char printed[40];
    std::snprintf(printed, sizeof printed, "%.*g", 14 + static_cast<int>(next() % 4),
                  static_cast<double>(next() % 1000000) / 7919.0 * std::pow(10.0, static_cast<double>(next() % 24) - 12));
    values.push_back(std::strtod(printed, nullptr));
    std::uint64_t bits = next();
    double any = 0;
    std::memcpy(&any, &bits, sizeof any);
    if (std::isfinite(any)) values.push_back(any);
  }
  int mismatches = 0;
  for (const double v : values)
    for (const double x : {v, -v})
      if (json::write(x) != expected(x) && ++mismatches < 5) CHECK(json::write(x) == expected(x));
  CHECK(mismatches == 0);
}

namespace {
// How a byte-by-byte escaper writes a string of the characters the string tests use.
std::string escaped_by_byte(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\x01') out += "\\u0001";
    else out += c;
  }
  return out + "\"";
}
}  // namespace

// Strings are copied a word at a time, the last few bytes assembled from overlapping loads:
// every length around the word size, with a character that needs escaping (or is not ASCII)
// at every position, must come out as a byte-by-byte escaper writes it.
TEST_CASE("strings of every short length with an escape at every position") {
  int mismatches = 0;
  for (std::size_t length = 0; length <= 25; ++length)
    for (const std::string_view special : {"\"", "\\", "\n", "\x01", "\xC3\xA9", "~"})
      for (std::size_t at = 0; at <= length; ++at) {
        std::string s(length, 'a');
        for (std::size_t i = 0; i < length; ++i) s[i] = static_cast<char>('a' + i % 26);
        s.insert(at, special);
        // Held in a buffer of its exact size: reading past the end would show under ASan.
        const auto exact = std::make_unique<char[]>(s.size());
        std::memcpy(exact.get(), s.data(), s.size());
        const std::string_view view(exact.get(), s.size());
        if (json::write(view) != escaped_by_byte(s) && ++mismatches < 5) CHECK(json::write(view) == escaped_by_byte(s));
      }
  CHECK(mismatches == 0);
}

// UTF-8 is checked after the copy, by a scalar check for short strings and simdjson's for
// long ones: both sides of the switch, every position, valid and invalid sequences.
// JSON inside JSON: quotes and backslashes every few bytes, whole blocks of them, mixed with
// control characters and non-ASCII text; each string written into outputs of every fill
// level, so that the room left at its start varies too.
TEST_CASE("strings dense with escapes, at every output fill level") {
  test::random_numbers next(0x2545F4914F6CDD1DULL);
  // Each string drawn from one set of pieces: quotes and backslashes only, mostly quotes,
  // with control characters, with non-ASCII text.
  const std::vector<std::vector<std::string_view>> piece_sets = {
      {"\"", "\\", "a", "b"}, {"\"", "\"", "\"", "x"}, {"\"", "a", "\\", "b", "\n", "c", "\x01"}, {"\"", "x", "{", ":", "\xC3\xA9"}};
  int mismatches = 0;
  for (int round = 0; round < 3000; ++round) {
    const auto& pieces = piece_sets[static_cast<std::size_t>(round) % piece_sets.size()];
    std::string s;
    for (std::size_t n = next() % 300; n > 0; --n) s += pieces[next() % pieces.size()];
    const auto exact = std::make_unique<char[]>(s.size());
    std::memcpy(exact.get(), s.data(), s.size());
    const std::string_view view(exact.get(), s.size());
    std::string out(next() % 600, '.');
    out.shrink_to_fit();
    const std::string before = out;
    json::write(view, out);
    if (out != before + escaped_by_byte(s) && ++mismatches < 5) CHECK(out == before + escaped_by_byte(s));
  }
  CHECK(mismatches == 0);
}

TEST_CASE("strings of every length up to 80 with valid and invalid UTF-8 at every position") {
  struct insertion {
    std::string_view bytes, written;
  };
  const insertion insertions[] = {
      {"\xC3\xA9", "\xC3\xA9"},
      {"\xE2\x80\x94", "\xE2\x80\x94"},
      {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},
      {"\x80", "\xEF\xBF\xBD"},                                        // lone continuation byte
      {"\xC3", "\xEF\xBF\xBD"},                                        // truncated sequence
      {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},                        // overlong
      {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},        // UTF-16 surrogate
      {"\xC3\"", "\xEF\xBF\xBD\\\""},                                  // truncated, then an escape
  };
  int mismatches = 0;
  for (std::size_t length = 0; length <= 80; ++length)
    for (const insertion& insert : insertions)
      for (std::size_t at = 0; at <= length; at += (length > 20 ? 3 : 1)) {
        std::string s(length, 'a');
        for (std::size_t i = 0; i < length; ++i) s[i] = static_cast<char>('a' + i % 26);
        std::string expected = "\"";
        expected.append(s, 0, at).append(insert.written).append(s, at).append("\"");
        s.insert(at, insert.bytes);
        const auto exact = std::make_unique<char[]>(s.size());
        std::memcpy(exact.get(), s.data(), s.size());
        const std::string_view view(exact.get(), s.size());
        if (json::write(view) != expected && ++mismatches < 5) CHECK(json::write(view) == expected);
      }
  CHECK(mismatches == 0);
}
