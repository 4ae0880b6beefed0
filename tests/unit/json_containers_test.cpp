#include "../support/test_support.hpp"

#include <map>
#include <optional>
#include <unordered_map>
#include <variant>
#include <vector>

TEST_CASE("optional: null and absence are empty") {
  CHECK_FALSE(json::read<std::optional<int>>("null").has_value());
  CHECK(json::read<std::optional<int>>("5") == 5);
  CHECK(json::write(std::optional<int>{}) == "null");
  CHECK(json::write(std::optional<std::string>{"x"}) == R"("x")");
  CHECK(test::read_error<std::optional<int>>("nul").find("$: malformed JSON") == 0);
}

TEST_CASE("vector: elements / empty / null / errors with index") {
  CHECK(json::read<std::vector<int>>("[1, 2, 3]") == std::vector<int>{1, 2, 3});
  CHECK(json::read<std::vector<int>>("[]").empty());
  CHECK(json::read<std::vector<int>>("null").empty());
  CHECK(json::write(std::vector<int>{}) == "[]");
  CHECK(json::write(std::vector<std::string>{"a", "b"}) == R"(["a","b"])");
  CHECK(json::read<std::vector<bool>>("[true,false]") == std::vector<bool>{true, false});
  CHECK(json::write(std::vector<bool>{true, false}) == "[true,false]");
  CHECK(json::read<std::vector<std::vector<int>>>("[[1],[],[2,3]]") ==
        std::vector<std::vector<int>>{{1}, {}, {2, 3}});
  CHECK(test::read_error<std::vector<int>>("[1, \"x\"]") ==
        "$[1]: expected integer in range [-2147483648, 2147483647], got string");
  CHECK(test::read_error<std::vector<int>>("{}") == "$: expected array, got object");
}

TEST_CASE("maps with string keys") {
  const auto m = json::read<std::map<std::string, int>>(R"({"b":2,"a":1,"k\"ey":3})");
  CHECK(m == std::map<std::string, int>{{"a", 1}, {"b", 2}, {"k\"ey", 3}});
  CHECK(json::write(m) == R"({"a":1,"b":2,"k\"ey":3})");
  CHECK(json::read<std::map<std::string, int>>("null").empty());
  CHECK(json::write(std::map<std::string, int>{}) == "{}");
  const auto u = json::read<std::unordered_map<std::string, std::vector<std::string>>>(R"({"x":["1","2"],"y":[]})");
  CHECK(u.at("x") == std::vector<std::string>{"1", "2"});
  CHECK(u.at("y").empty());
  CHECK(test::round_trip(u) == u);
  CHECK(json::read<std::map<std::string, int>>(R"({"a":1,"a":2})").at("a") == 2);
  CHECK(test::read_error<std::map<std::string, int>>(R"({"ok":1,"bad key":"x"})") ==
        R"($["bad key"]: expected integer in range [-2147483648, 2147483647], got string)");
}

using scalar_variant = std::variant<std::monostate, bool, std::int64_t, double, std::string,
                                    std::vector<int>, std::map<std::string, int>>;

TEST_CASE("variant: the JSON type picks the alternative") {
  CHECK(json::read<scalar_variant>("null").index() == 0);
  CHECK(std::get<bool>(json::read<scalar_variant>("true")) == true);
  CHECK(std::get<std::int64_t>(json::read<scalar_variant>("-7")) == -7);
  CHECK(std::get<double>(json::read<scalar_variant>("7.5")) == 7.5);
  CHECK(std::get<double>(json::read<scalar_variant>("1e3")) == 1000.0);
  CHECK(std::get<std::string>(json::read<scalar_variant>(R"("s")")) == "s");
  CHECK(std::get<std::vector<int>>(json::read<scalar_variant>("[1]")) == std::vector<int>{1});
  CHECK(std::get<std::map<std::string, int>>(json::read<scalar_variant>(R"({"a":1})")).at("a") == 1);
  for (const char* text : {"null", "true", "-7", "7.5", R"("s")", "[1,2]", R"({"a":1})"})
    CHECK(json::write(json::read<scalar_variant>(text)) == text);
}

TEST_CASE("variant: a JSON type no alternative takes is an error") {
  using v = std::variant<int, std::string>;
  CHECK(test::read_error<v>("[1]") == "$: expected integer or string, got array");
  CHECK(test::read_error<v>("1.5") == "$: expected integer in range [-2147483648, 2147483647], got 1.5");
  CHECK(std::get<int>(json::read<v>("3")) == 3);
  using w = std::variant<double, std::string>;
  CHECK(std::get<double>(json::read<w>("3")) == 3.0);
}
