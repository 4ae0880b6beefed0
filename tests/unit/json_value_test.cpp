#include "../support/test_support.hpp"

#include <cstdint>
#include <limits>

TEST_CASE("json::value holds any document / keeping order and number kinds") {
  const auto v = json::read<json::value>(
      R"({"s":"x","i":-3,"u":18446744073709551615,"d":2.5,"b":true,"n":null,"a":[1,[]],"o":{"z":1,"a":2}})");
  CHECK(v["s"].as_string() == "x");
  CHECK(v["i"].as_int64() == -3);
  CHECK(v["u"].as_uint64() == std::numeric_limits<std::uint64_t>::max());
  CHECK(v["u"].type() == json::kind::unsigned_integer);
  CHECK(v["d"].as_double() == 2.5);
  CHECK(v["b"].as_bool());
  CHECK(v["n"].is_null());
  CHECK(v["a"][0].as_int64() == 1);
  CHECK(v["a"][1].size() == 0);
  CHECK(v["o"].as_object()[0].first == "z");
  CHECK(v.find("missing") == nullptr);
  CHECK(json::write(v) ==
        R"({"s":"x","i":-3,"u":18446744073709551615,"d":2.5,"b":true,"n":null,"a":[1,[]],"o":{"z":1,"a":2}})");
  CHECK(test::round_trip(v) == v);
}

TEST_CASE("json::value at the root may be any scalar") {
  CHECK(json::read<json::value>(R"( "hello" )").as_string() == "hello");
  CHECK(json::read<json::value>("42").as_int64() == 42);
  CHECK(json::read<json::value>("null").is_null());
  CHECK(json::read<json::value>("1.0").type() == json::kind::floating);
  CHECK(json::read<json::value>("1e2").as_double() == 100.0);
  CHECK(json::read<json::value>("123456789012345678901234567890").as_double() == 1.2345678901234568e29);
}

TEST_CASE("json::value accessors report the wrong kind or a missing member") {
  const auto v = json::read<json::value>(R"({"a":[-1]})");
  CHECK_THROWS_WITH_AS((void)v["a"].as_string(), "$: expected string, got array", json::error);
  CHECK_THROWS_WITH_AS((void)v["b"], "$.b: missing member", json::error);
  CHECK_THROWS_WITH_AS((void)v["a"][3], "$[3]: index out of range (size 1)", json::error);
  CHECK_THROWS_WITH_AS((void)v["a"][0].as_uint64(), "$: expected an integer in uint64 range, got number",
                       json::error);
}

TEST_CASE("json::value builds documents for writing") {
  json::value doc = json::value::object{
      {"name", "lambda"}, {"count", 3}, {"ratio", 0.5}, {"tags", json::value::array{"a", nullptr, false}}};
  CHECK(json::write(doc) == R"({"name":"lambda","count":3,"ratio":0.5,"tags":["a",null,false]})");
  CHECK(json::value(std::uint64_t{5}).type() == json::kind::integer);
}

struct envelope {
  std::string kind;
  json::raw detail;
  json::value meta;
};
BOOST_DESCRIBE_STRUCT(envelope, (), (kind, detail, meta))

TEST_CASE("json::raw keeps a subtree's exact text and writes it verbatim") {
  const auto e = json::read<envelope>(R"({"detail": {"b" : [1, 2.50, "x"] } ,"kind":"k","meta":{"m":1}})");
  CHECK(e.detail.text == R"({"b" : [1, 2.50, "x"] })");
  CHECK(json::write(e) == R"({"kind":"k","detail":{"b" : [1, 2.50, "x"] },"meta":{"m":1}})");
  CHECK(json::read<envelope>(R"({"detail":"s"})").detail.text == R"("s")");
  CHECK(json::read<envelope>(R"({"detail":12 })").detail.text == "12");
  CHECK(json::read<json::raw>(" [1, 2] ").text == "[1, 2]");
  CHECK(json::write(envelope{}) == R"({"kind":"","detail":null,"meta":null})");
}

TEST_CASE("json::raw content is validated / not just bracket-matched") {
  CHECK(test::read_error<envelope>(R"({"detail":{"a":tru}})").find("$.detail: malformed JSON") == 0);
  CHECK(test::read_error<envelope>(R"({"detail":[1,,2]})").find("$.detail: malformed JSON") == 0);
}
