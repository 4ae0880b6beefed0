#include "../support/test_support.hpp"

#include <map>
#include <optional>
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
