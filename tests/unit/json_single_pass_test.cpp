// The single-pass reader: what it takes it reads as On-Demand does; what it is unsure of it
// gives up on, and the public reads, On-Demand taking over, still come out right.
#include "../support/test_support.hpp"

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sp {

enum class colour { red, green };
BOOST_DESCRIBE_ENUM(colour, red, green)

struct leaf {
  std::string name;
  std::int64_t big = 0;
  std::uint64_t unsigned_big = 0;
  std::int8_t small = 0;
  double ratio = 0;
  float narrow = 0;
  bool flag = false;
  std::optional<colour> tint;
  std::vector<bool> bits;
  std::map<std::string, std::vector<int>> series;
  friend bool operator==(const leaf&, const leaf&) = default;
};
BOOST_DESCRIBE_STRUCT(leaf, (), (name, big, unsigned_big, small, ratio, narrow, flag, tint, bits, series))

struct tree {
  std::vector<tree> children;
  std::optional<leaf> payload;
  friend bool operator==(const tree&, const tree&) = default;
};
BOOST_DESCRIBE_STRUCT(tree, (), (children, payload))

// Names past the 16 bytes matched as words, alike up to their last byte.
struct long_names {
  int id = 0;
  int a_member_named_long_one = 0;
  int a_member_named_long_two = 0;
  friend bool operator==(const long_names&, const long_names&) = default;
};
BOOST_DESCRIBE_STRUCT(long_names, (), (id, a_member_named_long_one, a_member_named_long_two))

struct with_view {
  std::string_view name;
};
BOOST_DESCRIBE_STRUCT(with_view, (), (name))

}  // namespace sp

namespace {

// The single-pass reader takes `text`, and reads what On-Demand reads.
template <class T>
void check_taken(const std::string& text) {
  CAPTURE(text);
  const std::optional<T> single = test::read_single_pass<T>(text);
  REQUIRE(single.has_value());
  CHECK(*single == test::read_on_demand<T>(text));
}

// The single-pass reader gives `text` up, and the public read still gives On-Demand's result
// or error.
template <class T>
void check_given_up(const std::string& text) {
  CAPTURE(text);
  CHECK_FALSE(test::read_single_pass<T>(text).has_value());
  std::optional<T> on_demand;
  try {
    on_demand = test::read_on_demand<T>(text);
  } catch (const json::error&) {
  } catch (const simdjson::simdjson_error&) {
  }
  if (on_demand)
    CHECK(json::read<T>(text) == *on_demand);
  else
    CHECK(test::read_error<T>(text) != "no error");
}

// Where the single-pass reader takes `text`, On-Demand takes it too and reads the same.
template <class T>
void check_agrees(const std::string& text) {
  CAPTURE(text);
  if (const std::optional<T> single = test::read_single_pass<T>(text)) CHECK(*single == test::read_on_demand<T>(text));
}

}  // namespace

TEST_CASE("single pass: which types it reads") {
  static_assert(json::detail::single_pass_readable<sp::tree>());  // recursive
  static_assert(json::detail::single_pass_readable<lambda_coro::events::sqs_event>());
  static_assert(!json::detail::single_pass_readable<sp::with_view>());
  static_assert(!json::detail::single_pass_readable<json::value>());
  static_assert(!json::detail::single_pass_readable<std::vector<json::raw>>());
  static_assert(!json::detail::single_pass_readable<std::variant<int, std::string>>());
  static_assert(!json::detail::single_pass_readable<std::map<std::string_view, int>>());
}

TEST_CASE("single pass: every kind of member, spacing and order") {
  check_taken<sp::leaf>(R"({"name":"n","big":-9223372036854775808,"unsigned_big":18446744073709551,"small":-128,)"
                        R"("ratio":-0.0,"narrow":1.5e3,"flag":true,"tint":"green","bits":[true,false],)"
                        R"("series":{"a":[1,-2],"":[],"\u00e9\n":[0]}})");
  check_taken<sp::leaf>(" {\n \"series\" : { } , \"bits\" :[ ] ,\"flag\":false,\"tint\" : null,\"name\":\"\"\t}\r\n");
  check_taken<sp::leaf>(R"({"unknown":{"a":[1,2.5e-3,"x\"y",true,false,null,{}]},"name":"after","more":"z\\"})");
  check_taken<sp::leaf>(R"({"big":9223372036854775807,"small":127,"ratio":123,"narrow":-0.25,"name":"x","name":"y"})");
  check_taken<sp::leaf>(R"({"tint":"gr\u0065en","series":{"k\"ey":[1],"k\u00e9y":[2]}})");  // escapes in values and map keys
  check_taken<sp::tree>(R"({"children":[{"children":[{"payload":{"name":"deep"}}]},{"payload":null}]})");
  check_taken<std::vector<double>>("[0, 1, -1, 0.1, 1e300, 4.9e-324, 1E+2, 0.30000000000000004, 123456.7890123]");
  check_taken<std::vector<double>>("[18446744073709551615, 0.99999999999999999999, 1.0000000000000000000000001, 12345678901234567890]");
  check_taken<sp::long_names>(R"({"a_member_named_long_two":2,"a_member_named_long_one":1,"id":3})");
  check_taken<sp::long_names>(R"({"a_member_named_long_on":4,"a_member_named_long_three":5,"a_member_named_long_one_":6})");
  check_taken<std::optional<int>>("null");
  check_taken<int>(" 42 ");
  check_taken<std::string>(R"("")");
}

TEST_CASE("single pass: strings unescaped as On-Demand does, UTF-8 checked") {
  for (const std::string text :
       {R"("plain")", R"("a\"b\\c\/d\b\f\n\r\t")", R"("\u0041\u00e9\u20ac\ud83d\ude00")", R"("\uD83D\uDE00 upper hex")",
        "\"Caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80\"", R"("a long string of more than sixteen bytes, \"quoted\" inside")"}) {
    check_taken<std::string>(text);
    check_taken<std::map<std::string, std::string>>("{" + text + ":" + text + "}");
  }
  for (const std::string text :
       {"\"\xc3\"", "\"\xff\"", "\"\xed\xa0\x80\"", "\"a\x01\"", R"("\ud800")", R"("\udc00")", R"("\ud800\u0041")",
        R"("\x")", R"("\u12G4")", R"("unterminated)"}) {
    check_given_up<std::string>(text);
    check_agrees<sp::leaf>(R"({"unknown":)" + text + "}");  // escapes of skipped strings go unchecked
  }
}

TEST_CASE("single pass: numbers it is unsure of go to On-Demand") {
  for (const char* text : {"01", "-", "1.", ".5", "1e", "+1", "1e400", "-1e400", "1e-400",
                           "0x10", "Infinity", "NaN", "1.5x", "- 1"}) {
    check_given_up<double>(text);
    check_given_up<std::vector<double>>(std::string("[") + text + "]");
  }
  check_taken<std::vector<std::int8_t>>("[-0, 0, -128, 127]");
  for (const char* text : {"1.0", "1e2", "9223372036854775808", "-9223372036854775809", "128", "01"})
    check_given_up<std::vector<std::int8_t>>(std::string("[") + text + "]");
  check_given_up<std::vector<std::uint64_t>>("[-1]");
  check_given_up<std::vector<float>>("[1e39]");
}

TEST_CASE("single pass: malformed documents are given up, and refused") {
  for (const char* text :
       {"", " ", "{", "[", "{\"name\":\"x\"", "{\"name\" \"x\"}", "{name:1}", "{\"name\":\"x\",}", "[1,]", "[1 2]",
        "{\"name\":\"x\"} x", "{\"name\":\"x\"}}", "{\"flag\":tru}", "{\"flag\":truex}", "{\"tint\":\"blue\"}",
        "{\"tint\":nul}", "{\"bits\":{}}", "{\"series\":[]}", "{\"name\":null}", "{\"n\\u0061me\":\"escaped key\"}", "{\"x\\u0061\":1}",
        "{\"unknown\":[1,{\"a\":}]}", "{\"unknown\":\"\\u00e9\xff\"}", "[]", "null"}) {
    check_given_up<sp::leaf>(text);
  }
  // A skipped string's escaped byte is still text to simdjson: a control character or bad
  // UTF-8 there fails the whole document (found by json_fuzz).
  for (const char escaped : {'\0', '\x01', '\x1f', '\xff', '\xc3'})
    check_given_up<sp::leaf>(R"({"unknown":"a\)" + std::string(1, escaped) + R"(b","name":"x"})");
  check_taken<sp::leaf>("{\"unknown\":\"\\\xc3\xa9\",\"name\":\"x\"}");
}

TEST_CASE("single pass: never reads past the end of the document") {
  const std::string full = R"({"name":"n\u00e9","big":12,"ratio":0.5,"bits":[true],"series":{"k":[1]}})";
  for (std::size_t n = 0; n < full.size(); ++n) {
    CAPTURE(n);
    CHECK_FALSE(test::read_single_pass<sp::leaf>(full.substr(0, n)).has_value());
  }
  check_taken<sp::leaf>(full);
  for (const char* prefix : {"1", "12", "0.5", "tru", "\"ab", "nul"}) {
    CAPTURE(prefix);
    const bool whole = std::string_view(prefix) == "1" || std::string_view(prefix) == "12" ||
                       std::string_view(prefix) == "0.5";
    CHECK(test::read_single_pass<double>(prefix).has_value() == whole);
    CHECK_FALSE(test::read_single_pass<std::string>(prefix).has_value());
  }
}

TEST_CASE("single pass: nesting deeper than the limit is given up, and refused") {
  std::string deep;
  for (int i = 0; i < LAMBDA_CORO_JSON_MAX_DEPTH + 1; ++i) deep += R"({"children":[)";
  for (int i = 0; i < LAMBDA_CORO_JSON_MAX_DEPTH + 1; ++i) deep += "]}";
  CHECK_FALSE(test::read_single_pass<sp::tree>(deep).has_value());
  CHECK(test::read_error<sp::tree>(deep).find("nesting deeper than") != std::string::npos);
  std::string skipped = R"({"unknown":)";
  for (int i = 0; i < LAMBDA_CORO_JSON_MAX_DEPTH + 1; ++i) skipped += "[";
  for (int i = 0; i < LAMBDA_CORO_JSON_MAX_DEPTH + 1; ++i) skipped += "]";
  check_given_up<sp::leaf>(skipped + "}");
}

TEST_CASE("single pass: overwriting reads as On-Demand's overwrite does") {
  const std::vector<std::string> documents = {
      R"({"name":"first","bits":[true,true,false],"series":{"a":[1,2],"b":[3]},"tint":"red"})",
      R"({"series":{"b":[4,5,6],"c":[]},"bits":[false]})", "{}",
      R"({"name":"last","series":{"a":[7]},"narrow":2.5})"};
  sp::leaf single, on_demand;
  for (const auto& text : documents) {
    CAPTURE(text);
    const std::optional<sp::leaf> next = test::read_single_pass<sp::leaf, true>(text, single);
    REQUIRE(next.has_value());
    single = *next;
    on_demand = test::read_on_demand<sp::leaf, true>(text, on_demand);
    CHECK(single == on_demand);
    CHECK(single == json::read<sp::leaf>(text));
  }
}
