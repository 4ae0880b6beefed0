// reader::overwrite: the result is what a fresh read gives, whatever the object held before,
// and the memory it held is reused.
#include "../support/test_support.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace ow {

struct part {
  std::string name;
  int count = 7;  // a non-zero default: an absent member must come back to it, not to 0
  std::optional<std::string> note;
  std::vector<std::string> labels;
  friend bool operator==(const part&, const part&) = default;
};
BOOST_DESCRIBE_STRUCT(part, (), (name, count, note, labels))

struct assembly {
  std::string id = "unnamed";
  std::vector<part> parts;
  std::map<std::string, part> by_slot;
  std::unordered_map<std::string, std::vector<int>> series;
  std::map<std::string, std::map<std::string, std::string>> nested;
  std::vector<bool> flags;
  std::optional<part> spare;
  friend bool operator==(const assembly&, const assembly&) = default;
};
BOOST_DESCRIBE_STRUCT(assembly, (), (id, parts, by_slot, series, nested, flags, spare))

}  // namespace ow

namespace {

const std::string full = R"({"id":"A1","parts":[{"name":"bolt","count":3,"note":"zinc","labels":["m6","steel"]},
  {"name":"nut","count":4,"labels":["m6"]},{"name":"washer","count":9,"labels":[]}],
  "by_slot":{"left":{"name":"hinge","count":2,"labels":["x"]},"right":{"name":"latch","count":1}},
  "series":{"a":[1,2,3],"b":[4]},"nested":{"outer":{"k1":"v1","k2":"v2"},"other":{"z":"y"}},
  "flags":[true,false,true],"spare":{"name":"pin","labels":["p"]}})";

// Overwrites `target` with each document in turn and checks it against a fresh read.
void check_sequence(ow::assembly& target, const std::vector<std::string>& documents) {
  json::reader reader;
  for (const auto& text : documents) {
    reader.overwrite(text, target);
    CHECK(target == json::read<ow::assembly>(text));
  }
}

}  // namespace

TEST_CASE("overwrite: absent members come back to their defaults, as in a fresh read") {
  ow::assembly target;
  check_sequence(target, {full, R"({"parts":[{"name":"only"}]})", "{}", full});
  json::reader reader;
  reader.overwrite(R"({"parts":[{"name":"only"}]})", target);
  CHECK(target.id == "unnamed");
  REQUIRE(target.parts.size() == 1);
  CHECK(target.parts[0].count == 7);
  CHECK(target.parts[0].labels.empty());
  CHECK_FALSE(target.parts[0].note.has_value());
  CHECK(target.by_slot.empty());
  CHECK_FALSE(target.spare.has_value());
}

TEST_CASE("overwrite: vectors grow and shrink, maps gain, lose and rename keys") {
  ow::assembly target;
  check_sequence(target, {
      full,
      R"({"parts":[{"name":"a"},{"name":"b"},{"name":"c"},{"name":"d","labels":["1","2","3"]}],"flags":[false]})",
      R"({"by_slot":{"middle":{"name":"m"},"left":{"name":"l2","count":5}},"series":{"c":[],"a":[9]}})",
      R"({"by_slot":{"k":{"name":"first"},"k":{"name":"second"}},"nested":{"outer":{"k3":"v3"}}})",
      R"({"parts":null,"by_slot":null,"flags":[true,true,true,true,true,true,true,true,true,true]})",
      full,
  });
}

TEST_CASE("overwrite: a repeated map key keeps the last value, whole") {
  ow::assembly target;
  json::reader reader;
  reader.overwrite(full, target);
  reader.overwrite(R"({"by_slot":{"k":{"name":"first","count":1,"labels":["a"]},"k":{"name":"second"}}})", target);
  REQUIRE(target.by_slot.size() == 1);
  CHECK(target.by_slot["k"] == ow::part{"second", 7, std::nullopt, {}});
}

TEST_CASE("overwrite after a failed read gives the fresh result of the next document") {
  ow::assembly target;
  json::reader reader;
  reader.overwrite(full, target);
  CHECK_THROWS_AS(reader.overwrite(R"({"parts":[{"name":"a"},{"name":5}],"by_slot":{"x":{"count":"no"}}})", target),
                  json::error);
  CHECK_THROWS_AS(reader.overwrite(R"({"by_slot":{"x":{"name":"ok"},"y":{"count":"no"}}})", target), json::error);
  const std::string next = R"({"parts":[{"name":"z"}],"by_slot":{"q":{"name":"r"}}})";
  reader.overwrite(next, target);
  CHECK(target == json::read<ow::assembly>(next));
}

TEST_CASE("read(json, out) still patches: members the input lacks keep their values") {
  ow::assembly target;
  json::reader reader;
  reader.read(full, target);
  reader.read(R"({"parts":[{"name":"only"}]})", target);
  CHECK(target.id == "A1");
  CHECK(target.by_slot.size() == 2);
  REQUIRE(target.parts.size() == 1);
  CHECK(target.parts[0] == ow::part{"only", 7, std::nullopt, {}});  // elements are read fresh
}

TEST_CASE("overwrite keeps the capacity of the strings and vectors it reuses") {
  ow::assembly target;
  json::reader reader;
  reader.overwrite(full, target);
  const std::string* bolt_labels = target.parts[0].labels.data();
  const ow::part* left = &target.by_slot.at("left");
  const ow::part* right = &target.by_slot.at("right");
  reader.overwrite(full, target);
  CHECK(target.parts[0].labels.data() == bolt_labels);
  CHECK(&target.by_slot.at("left") == left);  // the same map nodes, for the same keys
  CHECK(&target.by_slot.at("right") == right);
}

TEST_CASE("overwrite on AWS sample events: same as a fresh read, in any order") {
  namespace ev = lambda_coro::events;
  const std::vector<std::string> sqs = {test::event("sqs-event.json"), R"({"Records":[]})",
                                        test::event("sqs-event.json")};
  ev::sqs_event event;
  json::reader reader;
  for (const auto& text : sqs) {
    reader.overwrite(text, event);
    CHECK(json::write(event) == json::write(json::read<ev::sqs_event>(text)));
  }
  ev::http_api_request request;
  for (const char* name : {"apigw-v2-request-jwt-authorizer.json", "apigw-v2-request-no-authorizer.json",
                           "apigw-v2-request-iam.json", "apigw-v2-request-lambda-authorizer.json"}) {
    const std::string text = test::event(name);
    reader.overwrite(text, request);
    CHECK(json::write(request) == json::write(json::read<ev::http_api_request>(text)));
  }
}

TEST_CASE("overwrite: a map's nodes stay with their keys, and those of keys gone serve new keys") {
  std::map<std::string, std::string> target;
  json::reader reader;
  reader.overwrite(R"({"a":"1","b":"2","c":"3"})", target);
  const std::string* a = &target.at("a");
  const std::string* b = &target.at("b");
  const std::string* c = &target.at("c");
  reader.overwrite(R"({"c":"three","d":"4","c":"3 again"})", target);
  CHECK(target == std::map<std::string, std::string>{{"c", "3 again"}, {"d", "4"}});
  CHECK(&target.at("c") == c);
  reader.overwrite(R"({"f":"6","g":"7","c":"3"})", target);
  CHECK(target == std::map<std::string, std::string>{{"c", "3"}, {"f", "6"}, {"g", "7"}});
  const std::set<const std::string*> spares = {a, b};
  CHECK(spares.count(&target.at("f")) == 1);
  CHECK(spares.count(&target.at("g")) == 1);
  CHECK(&target.at("c") == c);
}

TEST_CASE("overwrite: maps with borrowed keys and values") {
  std::map<std::string_view, std::string_view> target;
  json::reader reader;
  reader.overwrite(R"({"a":"1","b":"2"})", target);
  CHECK(target == std::map<std::string_view, std::string_view>{{"a", "1"}, {"b", "2"}});
  reader.overwrite(R"({"b":"two","c":"3"})", target);
  CHECK(target == std::map<std::string_view, std::string_view>{{"b", "two"}, {"c", "3"}});
  // The keys held view the last document: a larger one, read into a new buffer, must not
  // compare against them.
  const std::string large = R"({"c":"three","d":")" + std::string(100000, 'x') + R"("})";
  reader.overwrite(large, target);
  REQUIRE(target.size() == 2);
  CHECK(target.at("c") == "three");
  CHECK(target.at("d").size() == 100000);
}

TEST_CASE("overwrite: a map's keys are found in any order, by both readers, each node kept with its key") {
  using string_map = std::map<std::string, std::string>;
  for (const std::size_t size : {3U, 12U}) {  // a small map is scanned, a larger one searched
    CAPTURE(size);
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < size; ++i) keys.push_back("key-" + std::to_string(100 + i));  // sorted
    const auto document = [](const std::vector<std::string>& in_order) {
      std::string text = "{";
      for (const auto& key : in_order) text += (text.size() > 1 ? ",\"" : "\"") + key + "\":\"" + key + "!\"";
      return text + "}";
    };
    std::vector<std::string> reversed(keys.rbegin(), keys.rend());
    std::vector<std::string> rotated = keys;
    std::rotate(rotated.begin(), rotated.begin() + static_cast<std::ptrdiff_t>(size / 2), rotated.end());
    std::vector<std::string> repeated = keys;
    repeated.push_back(keys[1]);
    const std::vector<std::string> same_keys = {document(keys), document(reversed), document(rotated), document(repeated)};
    std::vector<std::string> changed = keys;
    changed[size / 2] = "key-1005";  // sorts after key-100, before key-101
    changed.push_back("key-000");
    const std::vector<std::string> readers = {"single pass", "On-Demand"};
    for (const std::string& which : readers) {
      CAPTURE(which);
      json::reader reader;
      const auto overwrite = [&](const std::string& text, string_map& target) {
        if (which == "single pass")
          reader.overwrite(text, target);
        else
          target = test::read_on_demand<string_map, true>(text, std::move(target));  // a move keeps the nodes
      };
      string_map target;
      overwrite(document(keys), target);
      std::map<std::string, const std::string*> nodes;
      for (const auto& [key, value] : target) nodes[key] = &value;
      for (const std::string& text : same_keys) {
        CAPTURE(text);
        overwrite(text, target);
        CHECK(target == json::read<string_map>(text));
        for (const auto& [key, value] : target) CHECK(&value == nodes[key]);
      }
      for (const std::string& text : {document(changed), document(keys), document({}), document(rotated)}) {
        CAPTURE(text);
        overwrite(text, target);
        CHECK(target == json::read<string_map>(text));
      }
    }
  }
}
