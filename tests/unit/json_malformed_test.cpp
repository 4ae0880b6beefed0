#include "../support/test_support.hpp"

#include <simdjson.h>

#include <map>
#include <vector>

struct item {
  int id = 0;
  std::string name;
};
BOOST_DESCRIBE_STRUCT(item, (), (id, name))

TEST_CASE("malformed input is a json::error") {
  for (const char* bad : {"", " ", "{", "}", "[1,2", R"({"id":1,)", R"({"id":1} x)", R"({"id" 1})", R"({id:1})",
                          R"({"id":01})", R"({"name":"unterminated})", R"({"name":"\x"})", R"({"id":-})",
                          "[1] [2]", "\"\\ud800\"", "tru", "nul"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS((void)json::read<item>(bad), json::error);
    CHECK_THROWS_AS((void)json::read<json::value>(bad), json::error);
  }
}

TEST_CASE("truncations of a valid document never crash") {
  const std::string full = R"({"id":12,"name":"n\u00e9","extra":[1,{"a":null}]})";
  for (std::size_t n = 0; n < full.size(); ++n) {
    CAPTURE(n);
    CHECK_THROWS_AS((void)json::read<json::value>(full.substr(0, n)), json::error);
    CHECK_THROWS_AS((void)json::read<item>(full.substr(0, n)), json::error);
  }
}

TEST_CASE("trailing content after the value is rejected") {
  CHECK(test::read_error<item>(R"({"id":1} {"id":2})").find("$:") == 0);
  CHECK(test::read_error<int>("1 2").find("$:") == 0);
  CHECK(json::read<item>(" \n{\"id\":1}\n ").id == 1);
}

TEST_CASE("reading from a caller-owned padded buffer") {
  simdjson::padded_string padded(std::string_view(R"({"id":5,"name":"p"})"));
  CHECK(json::read<item>(padded).id == 5);
  std::string buffer = R"({"id":6,"name":"q"})";
  buffer.reserve(buffer.size() + simdjson::SIMDJSON_PADDING);
  CHECK(json::read<item>(simdjson::padded_string_view(buffer.data(), buffer.size(), buffer.capacity())).id == 6);
  // Too little padding falls back to a copy instead of reading past the buffer.
  std::string tight = R"({"id":7})";
  tight.shrink_to_fit();
  CHECK(json::read<item>(simdjson::padded_string_view(tight.data(), tight.size(), tight.size())).id == 7);
}

TEST_CASE("a reader can be reused across documents") {
  json::reader r;
  for (int i = 0; i < 3; ++i) {
    const std::string text = R"({"id":)" + std::to_string(i) + "}";
    CHECK(r.read<item>(text).id == i);
    CHECK_THROWS_AS((void)r.read<item>(std::string_view("{")), json::error);
  }
}

TEST_CASE("error texts say what is wrong and where") {
  CHECK(test::read_error<item>(R"({"name":"t"} xyz)") == "$: trailing content after the JSON document");
  CHECK(test::read_error<json::value>(R"({"name":"t"} xyz)") == "$: trailing content after the JSON document");
  CHECK(test::read_error<item>(std::string(R"({"name":"t"})") + '\0') == "$: trailing content after the JSON document");
  CHECK(test::read_error<item>(R"({"name":nul})") == "$.name: malformed JSON: not true, false or null");
  CHECK(test::read_error<json::value>(R"({"name":nul})").find("not true, false or null") != std::string::npos);
  CHECK(test::read_error<item>(R"({"id":tru})") == "$.id: malformed JSON: not true, false or null");
}

// Found by fuzzing: simdjson 3.0 took "null;" followed by whitespace for a null document,
// and refused "null" followed by one.
TEST_CASE("a null document is null alone, whitespace aside") {
  for (const char* text : {"null;\n\n", "null;  ", "\nnull;\t\n"}) {
    CHECK_THROWS_AS((void)json::read<json::value>(text), json::error);
    CHECK_THROWS_AS((void)json::read<std::optional<double>>(text), json::error);
    CHECK_THROWS_AS((void)json::read<std::vector<double>>(text), json::error);
  }
  CHECK(json::read<json::value>(" null\n\n").is_null());
  for (const char* text : {"null", "null\t", "null \n", " null\n\n"}) {
    CHECK(json::read<json::value>(text).is_null());
    CHECK_FALSE(json::read<std::optional<double>>(text).has_value());
    CHECK(json::read<std::vector<double>>(text).empty());
  }
}
