#include "../support/test_support.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace shop {

enum class status { pending, shipped };
BOOST_DESCRIBE_ENUM(status, pending, shipped)

struct line_item {
  std::string sku;
  int quantity = 1;
  double unit_price = 0;
  friend bool operator==(const line_item&, const line_item&) = default;
};
BOOST_DESCRIBE_STRUCT(line_item, (), (sku, quantity, unit_price))
constexpr auto json_options(const line_item*) { return json::object_options(json::naming::camel_case); }

struct entity {
  std::string id;
  long created_at = 0;
  friend bool operator==(const entity&, const entity&) = default;
};
BOOST_DESCRIBE_STRUCT(entity, (), (id, created_at))

struct order : entity {
  std::vector<line_item> items;
  std::optional<std::string> note;
  status state = status::pending;
  std::map<std::string, std::string> tags;
  std::string event_source_arn;
  std::vector<order> children;
  friend bool operator==(const order&, const order&) = default;
};
BOOST_DESCRIBE_STRUCT(order, (entity), (items, note, state, tags, event_source_arn, children))
constexpr auto json_options(const order*) {
  return json::object_options(json::naming::camel_case, json::rename{"event_source_arn", "eventSourceARN"},
                              json::rename{"items", "Records"});
}

struct sns_like {
  std::string message_id;
  std::string topic_arn;
  friend bool operator==(const sns_like&, const sns_like&) = default;
};
BOOST_DESCRIBE_STRUCT(sns_like, (), (message_id, topic_arn))
constexpr auto json_options(const sns_like*) { return json::object_options(json::naming::pascal_case); }

}  // namespace shop

TEST_CASE("described structs write in declaration order with their wire names") {
  shop::order o;
  o.id = "o-1";
  o.created_at = 1700000000;
  o.items = {{"A1", 2, 9.5}};
  o.state = shop::status::shipped;
  o.tags = {{"k", "v"}};
  o.event_source_arn = "arn:x";
  CHECK(json::write(o) ==
        R"({"id":"o-1","created_at":1700000000,"Records":[{"sku":"A1","quantity":2,"unitPrice":9.5}],)"
        R"("state":"shipped","tags":{"k":"v"},"eventSourceARN":"arn:x","children":[]})");
  CHECK(test::round_trip(o) == o);
  o.note = "fragile";
  o.children = {o};
  CHECK(test::round_trip(o) == o);
}

TEST_CASE("naming policies") {
  CHECK(json::write(shop::sns_like{"m", "t"}) == R"({"MessageId":"m","TopicArn":"t"})");
  CHECK(json::read<shop::sns_like>(R"({"TopicArn":"t","MessageId":"m"})") == shop::sns_like{"m", "t"});
}

TEST_CASE("unknown keys are ignored / missing keys keep defaults / order does not matter") {
  const auto item = json::read<shop::line_item>(
      R"({"extra":{"deep":[1,{"x":null}]},"unitPrice":3.5,"sku":"Z","unknown":true})");
  CHECK(item == shop::line_item{"Z", 1, 3.5});
  shop::line_item existing{"keep", 5, 1.0};
  json::read(R"({"quantity":9})", existing);
  CHECK(existing == shop::line_item{"keep", 9, 1.0});
}

TEST_CASE("keys with escapes match their unescaped wire names") {
  CHECK(json::read<shop::line_item>(R"({"s\u006bu":"esc"})").sku == "esc");
  CHECK(json::read<shop::line_item>(R"({"sku\n":"no","sku":"yes"})").sku == "yes");
  CHECK(json::read<shop::line_item>(" { \"quantity\"\t:\n 7 ,\r\n \"sku\"  :  \"spaced\" } ") ==
        shop::line_item{"spaced", 7, 0});
}

TEST_CASE("empty optionals are omitted - null reads as empty") {
  shop::order o;
  CHECK(json::write(o).find("note") == std::string::npos);
  CHECK_FALSE(json::read<shop::order>(R"({"note":null})").note.has_value());
  CHECK(json::read<shop::order>(R"({"note":"n"})").note == "n");
  CHECK(json::read<shop::order>(R"({"tags":null,"Records":null})").tags.empty());
}

TEST_CASE("errors name the full JSON path") {
  CHECK(test::read_error<shop::order>(R"({"Records":[{"sku":"a"},{"sku":"b","quantity":"2"}]})") ==
        "$.Records[1].quantity: expected integer in range [-2147483648, 2147483647], got string");
  CHECK(test::read_error<shop::order>(R"({"children":[{"children":[{"state":"lost"}]}]})") ==
        R"($.children[0].children[0].state: expected one of "pending", "shipped", got "lost")");
  CHECK(test::read_error<shop::order>(R"({"id":null})") == "$.id: expected string, got null");
  CHECK(test::read_error<shop::order>(R"({"created_at":1.5})") ==
        "$.created_at: expected integer in range [-9223372036854775808, 9223372036854775807], got 1.5");
  CHECK(test::read_error<shop::order>(R"({"tags":{"a b":7}})") == R"($.tags["a b"]: expected string, got number)");
  CHECK(test::read_error<shop::order>("[]") == "$: expected object, got array");
}

struct attribute_value {
  std::string data_type;
};
BOOST_DESCRIBE_STRUCT(attribute_value, (), (data_type))
constexpr auto json_options(const attribute_value*) { return json::object_options(json::naming::camel_case); }
struct queue_message {
  std::map<std::string, attribute_value> message_attributes;
};
BOOST_DESCRIBE_STRUCT(queue_message, (), (message_attributes))
constexpr auto json_options(const queue_message*) { return json::object_options(json::naming::camel_case); }
struct queue_event {
  std::vector<queue_message> records;
};
BOOST_DESCRIBE_STRUCT(queue_event, (), (records))
constexpr auto json_options(const queue_event*) { return json::object_options(json::naming::pascal_case); }

TEST_CASE("the error path for a deep SQS-like mistake") {
  CHECK(test::read_error<queue_event>(
            R"({"Records":[{},{},{"messageAttributes":{"foo":{"dataType":5}}}]})") ==
        "$.Records[2].messageAttributes.foo.dataType: expected string, got number");
}

TEST_CASE("errors keep their path and problem separately") {
  try {
    (void)json::read<shop::order>(R"({"Records":[{"quantity":true}]})");
    FAIL("expected json::error");
  } catch (const json::error& e) {
    CHECK(e.path() == "$.Records[0].quantity");
    CHECK(e.problem() == "expected integer in range [-2147483648, 2147483647], got boolean");
  }
}

TEST_CASE("many out-of-order keys stay linear") {
  // 20000 unknown keys before the known ones: a quadratic scan would take seconds.
  std::string text = "{";
  for (int i = 0; i < 20000; ++i) text += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  text += R"("unitPrice":2.5,"quantity":3,"sku":"last"})";
  CHECK(json::read<shop::line_item>(text) == shop::line_item{"last", 3, 2.5});
}

struct node {
  std::vector<node> kids;
};
BOOST_DESCRIBE_STRUCT(node, (), (kids))

TEST_CASE("nesting deeper than the limit is an error / not a stack overflow") {
  auto nested = [](int depth) {
    std::string s;
    for (int i = 0; i < depth; ++i) s += R"({"kids":[)";
    for (int i = 0; i < depth; ++i) s += "]}";
    return s;
  };
  CHECK_NOTHROW((void)json::read<node>(nested(LAMBDA_CORO_JSON_MAX_DEPTH / 2)));
  CHECK(test::read_error<node>(nested(100000)).find("nesting deeper than 256 levels") != std::string::npos);
  CHECK(test::read_error<json::value>(std::string(100000, '[') + std::string(100000, ']'))
            .find("nesting deeper than 256 levels") != std::string::npos);
}

namespace {
struct borrowed_attribute {
  std::optional<std::string_view> string_value;
  std::string_view data_type;
};
BOOST_DESCRIBE_STRUCT(borrowed_attribute, (), (string_value, data_type))
constexpr auto json_options(const borrowed_attribute*) { return json::object_options(json::naming::camel_case); }

struct borrowed_message {
  std::string_view message_id;
  std::string_view body;
  std::vector<std::string_view> tags;
  std::map<std::string_view, std::string_view> attributes;
  std::map<std::string_view, borrowed_attribute> message_attributes;
  std::string owned;
};
BOOST_DESCRIBE_STRUCT(borrowed_message, (), (message_id, body, tags, attributes, message_attributes, owned))
constexpr auto json_options(const borrowed_message*) { return json::object_options(json::naming::camel_case); }
}  // namespace

TEST_CASE("a json::reader binds std::string_view members into its own buffers") {
  json::reader r;
  const std::string text =
      R"({"messageId":"m-1","body":"{\"orderId\":7}\n\u00e9","tags":["a","b\tc"],)"
      R"("attributes":{"Sent\u0054imestamp":"1545082649183","SenderId":"AIDA"},)"
      R"("messageAttributes":{"tenant":{"stringValue":"acme","dataType":"String"}},"owned":"kept"})";
  const auto m = r.read<borrowed_message>(text);
  CHECK(m.message_id == "m-1");
  CHECK(m.body == "{\"orderId\":7}\n\xc3\xa9");
  CHECK(m.tags == std::vector<std::string_view>{"a", "b\tc"});
  CHECK(m.attributes.at("SentTimestamp") == "1545082649183");
  CHECK(m.attributes.at("SenderId") == "AIDA");
  CHECK(m.message_attributes.at("tenant").string_value == "acme");
  CHECK(m.message_attributes.at("tenant").data_type == "String");
  CHECK(m.owned == "kept");
  // The views point into the reader, not into the input: the input may go away.
  const char* reader_owned = m.message_id.data();
  CHECK((reader_owned < text.data() || reader_owned >= text.data() + text.size()));
  // They stay valid until the reader's next read.
  const auto again = r.read<borrowed_message>(std::string(R"({"messageId":"m-2"})"));
  CHECK(again.message_id == "m-2");
  // Written back, views are ordinary strings.
  CHECK(json::read<json::value>(json::write(m))["body"].as_string() == m.body);
}

TEST_CASE("a std::string input with spare capacity: same values, views still in the reader") {
  std::string text = R"({"messageId":"m-1","body":"b","tags":["a"],"owned":"kept"})";
  text.reserve(text.size() + 4096);  // simdjson's padding fits: owning reads need no copy
  json::reader r;
  const auto m = r.read<borrowed_message>(text);
  CHECK(m.message_id == "m-1");
  CHECK(m.owned == "kept");
  // A type that can hold views is still read from the reader's copy: they outlive `text`.
  CHECK((m.message_id.data() < text.data() || m.message_id.data() >= text.data() + text.capacity()));
  text.replace(text.find("m-1"), 3, "XYZ");
  CHECK(m.message_id == "m-1");

  const auto owned = json::read<shop::order>(std::string(R"({"id":"o-1","items":[{"sku":"s","quantity":2}]})") +
                                             std::string(4096, ' '));
  CHECK(owned.id == "o-1");
  std::string exact = R"({"id":"o-2"})";
  exact.shrink_to_fit();  // no spare capacity: copied
  shop::order patched;
  r.overwrite(exact, patched);
  CHECK(patched.id == "o-2");
}

namespace {
struct recursive_node {
  std::vector<recursive_node> kids;
  std::optional<std::string> name;
};
BOOST_DESCRIBE_STRUCT(recursive_node, (), (kids, name))
struct viewing_node {
  std::vector<viewing_node> kids;
  std::variant<std::monostate, std::string_view> label;
};
BOOST_DESCRIBE_STRUCT(viewing_node, (), (kids, label))
}  // namespace

// Which types can hold views decides whether a std::string input is read in place.
static_assert(!json::detail::can_borrow<shop::order>());
static_assert(!json::detail::can_borrow<recursive_node>());
static_assert(json::detail::can_borrow<viewing_node>());
static_assert(json::detail::can_borrow<borrowed_message>());
static_assert(json::detail::can_borrow<std::map<std::string_view, int>>());
static_assert(json::detail::can_borrow<std::optional<std::vector<borrowed_attribute>>>());
static_assert(!json::detail::can_borrow<json::value>());

TEST_CASE("borrowed reads report errors with their JSON path like owned ones") {
  json::reader r;
  try {
    (void)r.read<borrowed_message>(R"({"messageAttributes":{"tenant":{"dataType":5}}})");
    FAIL("no error");
  } catch (const json::error& e) {
    CHECK(std::string(e.what()) == "$.messageAttributes.tenant.dataType: expected string, got number");
  }
}
