// DynamoDB items bound to described structs and written back: AWS's stream sample, every
// attribute type, and every way an item can disagree with the struct.
#include "../support/event_check.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ev = lambda_coro::events;

namespace ddb_app {

struct person {
  std::string name;
  int age = 0;
  friend bool operator==(const person&, const person&) = default;
};
BOOST_DESCRIBE_STRUCT(person, (), (name, age))
constexpr auto json_options(const person*) { return json::object_options(json::naming::pascal_case); }

// The second record of AWS's dynamodb-event.json, member for member.
struct sample_image {
  std::string val;
  std::string key;
  ev::dynamodb_bytes asdf1;
  ev::dynamodb_bytes b2;
  std::vector<ev::dynamodb_bytes> asdf2;
  ev::dynamodb_bytes binary;
  bool boolean = false;
  std::set<ev::dynamodb_bytes> binary_set;
  std::vector<ev::dynamodb_attribute_value> list;
  person map;
  double float_number = 0;
  std::int64_t integer_number = 0;
  std::set<double> number_set;
  std::optional<std::string> null;
  std::set<std::string> string_set;
  std::vector<std::string> empty_string_set;
};
BOOST_DESCRIBE_STRUCT(sample_image, (),
                      (val, key, asdf1, b2, asdf2, binary, boolean, binary_set, list, map, float_number,
                       integer_number, number_set, null, string_set, empty_string_set))
constexpr auto json_options(const sample_image*) {
  return json::object_options(json::naming::pascal_case, json::rename{"val", "val"}, json::rename{"key", "key"},
                              json::rename{"asdf1", "asdf1"}, json::rename{"b2", "b2"}, json::rename{"asdf2", "asdf2"});
}

enum class tier { free, pro };
BOOST_DESCRIBE_ENUM(tier, free, pro)

struct account {
  std::string id;
  tier plan = tier::free;
  std::uint8_t level = 0;
  std::uint64_t big = 0;
  float ratio = 0;
  std::optional<std::int32_t> quota;
  std::vector<std::optional<int>> history;
  std::set<std::int64_t> lucky;
  std::map<std::string, person> contacts;
  std::vector<std::vector<std::string>> groups;
  std::optional<person> owner;
  friend bool operator==(const account&, const account&) = default;
};
BOOST_DESCRIBE_STRUCT(account, (), (id, plan, level, big, ratio, quota, history, lucky, contacts, groups, owner))

}  // namespace ddb_app

namespace {

ev::dynamodb_item item(const char* json_text) { return json::read<ev::dynamodb_item>(json_text); }

// The message read_item<T> throws for the item in `json_text`, or "no error".
template <class T>
std::string item_error(const char* json_text) {
  try {
    (void)ev::read_item<T>(item(json_text));
  } catch (const json::error& e) {
    return e.what();
  }
  return "no error";
}

ev::dynamodb_bytes bytes(std::initializer_list<int> values) {
  ev::dynamodb_bytes b;
  for (int v : values) b.push_back(static_cast<std::byte>(v));
  return b;
}

}  // namespace

TEST_CASE("AWS's stream sample: NewImage of every attribute type into a struct") {
  const auto e = test::check_event<ev::dynamodb_event>("dynamodb-event.json");
  const auto image = ev::read_item<ddb_app::sample_image>(e.records.at(1).dynamodb.new_image);
  CHECK(image.val == "data");
  CHECK(image.asdf1 == bytes({0x00, 0x01, 0x2a, 0x41}));
  CHECK(image.asdf2.size() == 3);
  CHECK(image.binary_set.size() == 1);  // a set: the sample repeats one value
  CHECK(image.boolean);
  CHECK(image.list.at(2).n == "3.14159");
  CHECK(image.map == ddb_app::person{"Joe", 35});
  CHECK(image.float_number == 123.45);
  CHECK(image.integer_number == 123);
  CHECK(image.number_set == std::set<double>{567.8, 1234});
  CHECK(!image.null);
  CHECK(image.string_set == std::set<std::string>{"Giraffe", "Zebra"});
  CHECK(image.empty_string_set.empty());
  const auto keys = ev::read_item<ddb_app::sample_image>(e.records.at(1).dynamodb.keys);
  CHECK(keys.key == "binary");
}

TEST_CASE("written items read back to the same struct, and take DynamoDB's shapes") {
  ddb_app::account a;
  a.id = "a-1";
  a.plan = ddb_app::tier::pro;
  a.level = 200;
  a.big = std::numeric_limits<std::uint64_t>::max();
  a.ratio = 0.1f;
  a.history = {1, std::nullopt, -3};
  a.lucky = {7, 13};
  a.contacts["boss"] = {"Ann", 51};
  a.groups = {{"x", "y"}, {}};
  const ev::dynamodb_item written = ev::write_item(a);
  CHECK(ev::read_item<ddb_app::account>(written) == a);
  CHECK(written.at("plan").s == "pro");
  CHECK(written.at("big").n == "18446744073709551615");
  CHECK(written.at("ratio").n == "0.1");
  CHECK(written.at("lucky").ns == std::vector<std::string>{"7", "13"});
  CHECK(written.at("history").l->at(1).null == true);
  CHECK(written.at("contacts").m->at("boss").m->at("Age").n == "51");
  CHECK(!written.contains("quota"));  // empty optionals are left out
  CHECK(!written.contains("owner"));
  a.lucky.clear();
  CHECK(!ev::write_item(a).contains("lucky"));  // DynamoDB has no empty sets
  const auto through_json = json::read<ev::dynamodb_item>(json::write(written));
  CHECK(ev::read_item<ddb_app::account>(through_json).contacts.at("boss").name == "Ann");
}

TEST_CASE("numbers: exact integers in any spelling, range-checked, floats finite") {
  CHECK(ev::read_item<ddb_app::account>(item(R"({"level":{"N":"1E+2"}})")).level == 100);
  CHECK(ev::read_item<ddb_app::account>(item(R"({"level":{"N":"255.0"}})")).level == 255);
  CHECK(ev::read_item<ddb_app::account>(item(R"({"quota":{"N":"-2147483648"}})")).quota == INT32_MIN);
  auto error_of = [](const char* json_text) { return item_error<ddb_app::account>(json_text); };
  CHECK(error_of(R"({"level":{"N":"256"}})") == "$.level: N 256 is out of range for this integer type");
  CHECK(error_of(R"({"level":{"N":"-1"}})") == "$.level: N -1 is out of range for this integer type");
  CHECK(error_of(R"({"level":{"N":"1.5"}})") == "$.level: N 1.5 is not an integer");
  CHECK(error_of(R"({"big":{"N":"18446744073709551616"}})") ==
        "$.big: N 18446744073709551616 is out of range for this integer type");
  CHECK(error_of(R"({"ratio":{"N":"1e999"}})") == "$.ratio: N 1e999 is out of range for this floating-point type");
  CHECK(error_of(R"({"ratio":{"N":"abc"}})") == "$.ratio: N \"abc\" is not a number");
  CHECK(error_of(R"({"ratio":{"N":"nan"}})") == "$.ratio: N \"nan\" is not a number");
  CHECK(error_of(R"({"level":{"N":"inf"}})") == "$.level: N \"inf\" is not a number");
  CHECK(error_of(R"({"id":{"N":"1"}})") == "$.id: expected DynamoDB S, found N");
  CHECK(error_of(R"({"id":{"NULL":true}})") == "$.id: expected DynamoDB S, found NULL");
  CHECK(error_of(R"({"plan":{"S":"gold"}})") == "$.plan: \"gold\" names no enumerator of this enum");
  CHECK(error_of(R"({"history":{"L":[{"N":"1"},{"S":"x"}]}})") == "$.history[1]: expected DynamoDB N, found S");
  CHECK(error_of(R"({"lucky":{"SS":["1"]}})") == "$.lucky: expected DynamoDB NS or L, found SS");
  CHECK(error_of(R"({"lucky":{"NS":["1","x"]}})") == "$.lucky[1]: N \"x\" is not a number");
  CHECK(error_of(R"({"contacts":{"M":{"boss":{"M":{"Age":{"S":"old"}}}}}})") ==
        "$.contacts.boss.Age: expected DynamoDB N, found S");
  CHECK(error_of(R"({"groups":{"L":[{"SS":["a"]},{"M":{}}]}})") == "$.groups[1]: expected DynamoDB SS or L, found M");
  CHECK(error_of(R"({"owner":{}})") == "$.owner: expected DynamoDB M, found an empty attribute value");
  auto sample_error = [](const char* json_text) { return item_error<ddb_app::sample_image>(json_text); };
  CHECK(sample_error(R"({"Binary":{"B":"***"}})") == "$.Binary: B is not base64");
  CHECK(sample_error(R"({"null":{"NULL":true}})") == "no error");
  ddb_app::account nan;
  nan.ratio = std::numeric_limits<float>::quiet_NaN();
  CHECK_THROWS_WITH_AS(ev::write_item(nan), "$.ratio: DynamoDB numbers are finite: cannot write NaN or infinity",
                       json::error);
}

TEST_CASE("NULL and absent attributes leave optionals empty; read_item into an object keeps what the item lacks") {
  const auto a = ev::read_item<ddb_app::account>(item(R"({"id":{"S":"x"},"quota":{"NULL":true},"owner":{"NULL":true}})"));
  CHECK(!a.quota);
  CHECK(!a.owner);
  ddb_app::account kept;
  kept.level = 9;
  ev::read_item(item(R"({"id":{"S":"y"}})"), kept);
  CHECK(kept.id == "y");
  CHECK(kept.level == 9);
}
