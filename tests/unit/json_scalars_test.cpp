#include "../support/test_support.hpp"

#include <cmath>
#include <cstdlib>
#include <vector>
#include <string>
#include <map>
#include <cstdint>
#include <limits>

TEST_CASE("bool reads and writes") {
  CHECK(json::read<bool>("true") == true);
  CHECK(json::read<bool>(" false ") == false);
  CHECK(json::write(true) == "true");
  CHECK(test::read_error<bool>("1") == "$: expected boolean, got number");
  CHECK(test::read_error<bool>("null") == "$: expected boolean, got null");
}

TEST_CASE_TEMPLATE("integers round-trip at their limits", I, std::int8_t, std::uint8_t, std::int16_t,
                   std::uint16_t, std::int32_t, std::uint32_t, std::int64_t, std::uint64_t, long long,
                   unsigned long) {
  for (I v : {std::numeric_limits<I>::min(), std::numeric_limits<I>::max(), I{0}, I{1}, I{42}}) {
    CHECK(json::write(v) == std::to_string(v));
    CHECK(json::read<I>(json::write(v)) == v);
  }
}

TEST_CASE("integers are range-checked / never wrapped") {
  CHECK(test::read_error<std::uint8_t>("300") == "$: expected integer in range [0, 255], got 300");
  CHECK(test::read_error<std::uint8_t>("-1") == "$: expected integer in range [0, 255], got -1");
  CHECK(test::read_error<std::int8_t>("-129") == "$: expected integer in range [-128, 127], got -129");
  CHECK(test::read_error<std::int32_t>("2147483648") ==
        "$: expected integer in range [-2147483648, 2147483647], got 2147483648");
  CHECK(test::read_error<std::int64_t>("9223372036854775808") ==
        "$: expected integer in range [-9223372036854775808, 9223372036854775807], got 9223372036854775808");
  CHECK(test::read_error<std::uint64_t>("18446744073709551616") ==
        "$: expected integer in range [0, 18446744073709551615], got 18446744073709551616");
  CHECK(test::read_error<int>("1.5") == "$: expected integer in range [-2147483648, 2147483647], got 1.5");
  CHECK(test::read_error<int>("1e2") == "$: expected integer in range [-2147483648, 2147483647], got 1e2");
  CHECK(test::read_error<int>("\"7\"") == "$: expected integer in range [-2147483648, 2147483647], got string");
  CHECK(json::read<std::uint64_t>("18446744073709551615") == std::numeric_limits<std::uint64_t>::max());
  CHECK(json::read<std::int64_t>("-9223372036854775808") == std::numeric_limits<std::int64_t>::min());
}

TEST_CASE("doubles round-trip exactly") {
  for (double v : {0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3.0, 1e300, 5e-324, 2.2250738585072014e-308,
                   std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest(),
                   123456789012345678.0, 9007199254740993.0}) {
    const double back = json::read<double>(json::write(v));
    CHECK(back == v);
    CHECK(std::signbit(back) == std::signbit(v));
  }
  CHECK(json::write(1.0) == "1.0");
  CHECK(json::write(0.1) == "0.1");
  CHECK(json::write(1e300) == "1e+300");
  CHECK(json::write(-0.0) == "-0.0");
  CHECK(json::read<double>("3") == 3.0);
  CHECK(json::read<double>("18446744073709551616") == 18446744073709551616.0);
}

// Short decimals are read a word at a time, the rest by simdjson: both must give what
// strtod gives, in every position a number can stand, and malformed numbers stay errors.
TEST_CASE("decimals read word-wide agree with strtod; malformed ones are errors") {
  test::random_numbers next(0x9E3779B97F4A7C15ULL);
  std::vector<std::string> numbers = {"0.0", "-0.0", "9999999.99999999", "1234567.12345678", "12345678.5",
                                      "0.1234567890123456", "1.5e3", "-2.25E-3", "7", "-0", "0.5", "123.456"};
  for (int i = 0; i < 20000; ++i) {
    std::string n = (next() & 1) ? "-" : "";
    const std::size_t integer_digits = 1 + next() % 9, fraction_digits = 1 + next() % 17;
    for (std::size_t d = 0; d < integer_digits; ++d)
      n += static_cast<char>('0' + (d == 0 && integer_digits > 1 ? 1 + next() % 9 : next() % 10));
    n += '.';
    for (std::size_t d = 0; d < fraction_digits; ++d) n += static_cast<char>('0' + next() % 10);
    numbers.push_back(n);
  }
  std::string array = "[", object = "{";
  const char* separators[] = {",", " ,", "\n,", "\t, "};
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    array += (i ? separators[i % 4] : "") + numbers[i];
    object += (i ? "," : "") + std::string("\"k") + std::to_string(i) + "\":" + numbers[i] + (i % 3 ? "" : " ");
  }
  array += "]";
  object += "}";
  const auto from_array = json::read<std::vector<double>>(array);
  const auto from_object = json::read<std::map<std::string, double>>(object);
  REQUIRE(from_array.size() == numbers.size());
  int mismatches = 0;
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    const double expected = std::strtod(numbers[i].c_str(), nullptr);
    const double in_object = from_object.at("k" + std::to_string(i));
    if ((from_array[i] != expected || in_object != expected || std::signbit(from_array[i]) != std::signbit(expected)) &&
        ++mismatches < 5)
      CHECK(numbers[i] == std::to_string(from_array[i]));
  }
  CHECK(mismatches == 0);
  CHECK(std::signbit(json::read<std::vector<double>>("[-0.0]").at(0)));
  // More than 19 significant digits, which simdjson 3.0's On-Demand misreads, wherever a
  // number can stand.
  for (const char* long_mantissa : {"0.99999999999999999999", "-0.99999999999999999999", "123456789012345678901234.5",
                                    "1.0000000000000000000000001e5", "0.000000000000000000001234567890123456789012",
                                    "98765432109876543210987654321"}) {
    const double expected = std::strtod(long_mantissa, nullptr);
    CHECK(json::read<double>(long_mantissa) == expected);
    CHECK(json::read<std::vector<double>>(std::string("[") + long_mantissa + "]").at(0) == expected);
    CHECK(json::read<json::value>(std::string("{\"n\":") + long_mantissa + "}")["n"].as_double() == expected);
  }
  CHECK(json::read<std::vector<float>>("[1.5,-3.25]") == std::vector<float>{1.5F, -3.25F});
  for (const char* malformed : {"[01.5]", "[1.]", "[.5]", "[-]", "[1.5x]", "[-01.0]", "[1.2.3]", "[- 1.0]", "[1.5",
                                "[1.5-]", "[+1.5]", "[1.5e]", "[00.5]"})
    CHECK_THROWS_AS((void)json::read<std::vector<double>>(malformed), json::error);
}

TEST_CASE("floats round-trip and are range-checked") {
  for (float v : {0.1f, 3.4028235e38f, 1.17549435e-38f, -2.5f}) CHECK(json::read<float>(json::write(v)) == v);
  CHECK(json::write(0.1f) == "0.1");
  CHECK(test::read_error<float>("1e39") == "$: number out of range for float: 1e39");
}

TEST_CASE("NaN and infinities are written as null") {
  CHECK(json::write(std::numeric_limits<double>::quiet_NaN()) == "null");
  CHECK(json::write(std::numeric_limits<double>::infinity()) == "null");
  CHECK(json::write(-std::numeric_limits<float>::infinity()) == "null");
  CHECK(test::read_error<double>("NaN").find("$: malformed JSON") == 0);
  CHECK(test::read_error<double>("1e400").find("$: number out of range: 1e400") == 0);
  // Values that round to zero are zeros, with their sign; so are zero mantissas with any exponent.
  CHECK(json::read<double>("1e-400") == 0.0);
  CHECK(std::signbit(json::read<std::vector<double>>("[-2.5E-64444444567456756782]").at(0)));
  CHECK(json::read<std::vector<float>>("[0.0e99999999999999999999]").at(0) == 0.0F);
  CHECK(json::read<double>("4.9e-324") > 0.0);  // the smallest double is not rounded away
}

TEST_CASE("strings unescape on read and escape on write") {
  CHECK(json::read<std::string>(R"("a\"b\\c\/d\n\t\u00e9\ud83d\ude00")") == "a\"b\\c/d\n\t\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(json::write(std::string("quote\" backslash\\ newline\n tab\t")) ==
        R"("quote\" backslash\\ newline\n tab\t")");
  CHECK(json::write(std::string("\x01\x1f\b\f\r")) == R"("\u0001\u001f\b\f\r")");
  CHECK(json::write(std::string("\0x", 2)) == R"("\u0000x")");
  CHECK(json::write(std::string("h\xC3\xA9llo \xF0\x9F\x98\x80")) == "\"h\xC3\xA9llo \xF0\x9F\x98\x80\"");
  CHECK(json::write(std::string_view("view")) == R"("view")");
  CHECK(test::read_error<std::string>("12") == "$: expected string, got number");
  CHECK(test::read_error<std::string>("null") == "$: expected string, got null");
}

TEST_CASE("long strings escape correctly across 8-byte blocks") {
  std::string s;
  for (int i = 0; i < 200; ++i) s += static_cast<char>(i % 96 + (i % 7 == 0 ? 0 : 32));
  CHECK(json::read<std::string>(json::write(s)) == s);
}

TEST_CASE("invalid UTF-8 in output strings becomes U+FFFD / byte by byte") {
  CHECK(json::write(std::string("a\xFF" "b")) == "\"a\xEF\xBF\xBD" "b\"");
  CHECK(json::write(std::string("\xC3")) == "\"\xEF\xBF\xBD\"");                       // truncated
  CHECK(json::write(std::string("\xC0\xAF")) == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");        // overlong
  CHECK(json::write(std::string("\xED\xA0\x80")) == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // surrogate
  CHECK(json::write(std::string("ok\"\xF5")) == "\"ok\\\"\xEF\xBF\xBD\"");
  CHECK(json::read<std::string>(json::write(std::string("x\xFE\xC3\xA9"))) == "x\xEF\xBF\xBD\xC3\xA9");
}

TEST_CASE("invalid UTF-8 in input is an error") {
  CHECK(test::read_error<std::string>("\"\xFF\"").find("$: malformed JSON") == 0);
}

enum class shade { light, dark, very_dark };
BOOST_DESCRIBE_ENUM(shade, light, dark, very_dark)

TEST_CASE("described enums bind as their names") {
  CHECK(json::read<shade>(R"("very_dark")") == shade::very_dark);
  CHECK(json::write(shade::dark) == R"("dark")");
  CHECK(test::read_error<shade>(R"("pale")") == R"($: expected one of "light", "dark", "very_dark", got "pale")");
  CHECK(test::read_error<shade>("1") == "$: expected string, got number");
  CHECK_THROWS_WITH_AS(json::write(static_cast<shade>(9)), "$: cannot write enum value 9: it is not a described enumerator",
                       json::error);
}
