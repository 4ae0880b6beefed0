// Real AWS sample events bound to test-local structs and to json::value.
#include "../support/test_support.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sample {

struct sqs_attribute {
  std::optional<std::string> string_value;
  std::optional<std::string> binary_value;
  std::vector<std::string> string_list_values;
  std::vector<std::string> binary_list_values;
  std::string data_type;
};
BOOST_DESCRIBE_STRUCT(sqs_attribute, (), (string_value, binary_value, string_list_values, binary_list_values, data_type))
constexpr auto json_options(const sqs_attribute*) { return json::object_options(json::naming::camel_case); }

struct sqs_message {
  std::string message_id;
  std::string receipt_handle;
  std::string body;
  std::string md5_of_body;
  std::map<std::string, std::string> attributes;
  std::map<std::string, sqs_attribute> message_attributes;
  std::string event_source_arn;
  std::string event_source;
  std::string aws_region;
};
BOOST_DESCRIBE_STRUCT(sqs_message, (),
                      (message_id, receipt_handle, body, md5_of_body, attributes, message_attributes,
                       event_source_arn, event_source, aws_region))
constexpr auto json_options(const sqs_message*) {
  return json::object_options(json::naming::camel_case, json::rename{"event_source_arn", "eventSourceARN"});
}

struct sqs_event {
  std::vector<sqs_message> records;
};
BOOST_DESCRIBE_STRUCT(sqs_event, (), (records))
constexpr auto json_options(const sqs_event*) { return json::object_options(json::naming::pascal_case); }

struct http_description {
  std::string method;
  std::string path;
  std::string protocol;
  std::string source_ip;
  std::string user_agent;
};
BOOST_DESCRIBE_STRUCT(http_description, (), (method, path, protocol, source_ip, user_agent))
constexpr auto json_options(const http_description*) { return json::object_options(json::naming::camel_case); }

struct http_request_context {
  std::string account_id;
  std::string api_id;
  std::string domain_name;
  http_description http;
  std::string request_id;
  std::string route_key;
  std::string stage;
  std::int64_t time_epoch = 0;
  std::optional<json::value> authorizer;
};
BOOST_DESCRIBE_STRUCT(http_request_context, (),
                      (account_id, api_id, domain_name, http, request_id, route_key, stage, time_epoch, authorizer))
constexpr auto json_options(const http_request_context*) { return json::object_options(json::naming::camel_case); }

struct http_api_request {
  std::string version;
  std::string route_key;
  std::string raw_path;
  std::string raw_query_string;
  std::vector<std::string> cookies;
  std::map<std::string, std::string> headers;
  std::map<std::string, std::string> query_string_parameters;
  std::map<std::string, std::string> path_parameters;
  http_request_context request_context;
  std::optional<std::string> body;
  bool is_base64_encoded = false;
};
BOOST_DESCRIBE_STRUCT(http_api_request, (),
                      (version, route_key, raw_path, raw_query_string, cookies, headers, query_string_parameters,
                       path_parameters, request_context, body, is_base64_encoded))
constexpr auto json_options(const http_api_request*) { return json::object_options(json::naming::camel_case); }

struct sns_entity {
  std::string message_id;
  std::string type;
  std::string topic_arn;
  std::string message;
  std::optional<std::string> subject;
  std::map<std::string, json::value> message_attributes;
};
BOOST_DESCRIBE_STRUCT(sns_entity, (), (message_id, type, topic_arn, message, subject, message_attributes))
constexpr auto json_options(const sns_entity*) { return json::object_options(json::naming::pascal_case); }

struct sns_record {
  std::string event_source;
  sns_entity sns;
};
BOOST_DESCRIBE_STRUCT(sns_record, (), (event_source, sns))
constexpr auto json_options(const sns_record*) { return json::object_options(json::naming::pascal_case); }

struct sns_event {
  std::vector<sns_record> records;
};
BOOST_DESCRIBE_STRUCT(sns_event, (), (records))
constexpr auto json_options(const sns_event*) { return json::object_options(json::naming::pascal_case); }

struct dynamodb_stream_record {
  std::int64_t approximate_creation_date_time = 0;
  std::map<std::string, json::value> keys;
  std::map<std::string, json::value> new_image;
  std::string sequence_number;
  std::int64_t size_bytes = 0;
  std::string stream_view_type;
};
BOOST_DESCRIBE_STRUCT(dynamodb_stream_record, (),
                      (approximate_creation_date_time, keys, new_image, sequence_number, size_bytes, stream_view_type))
constexpr auto json_options(const dynamodb_stream_record*) { return json::object_options(json::naming::pascal_case); }

struct dynamodb_record {
  std::string event_id;
  std::string event_name;
  dynamodb_stream_record dynamodb;
};
BOOST_DESCRIBE_STRUCT(dynamodb_record, (), (event_id, event_name, dynamodb))
constexpr auto json_options(const dynamodb_record*) {
  return json::object_options(json::naming::camel_case, json::rename{"event_id", "eventID"});
}

struct dynamodb_event {
  std::vector<dynamodb_record> records;
};
BOOST_DESCRIBE_STRUCT(dynamodb_event, (), (records))
constexpr auto json_options(const dynamodb_event*) { return json::object_options(json::naming::pascal_case); }

}  // namespace sample

TEST_CASE("SQS sample event binds to structs") {
  const auto e = json::read<sample::sqs_event>(test::event("sqs-event.json"));
  REQUIRE(e.records.size() == 1);
  const auto& m = e.records[0];
  CHECK(m.message_id == "MessageID_1");
  CHECK(m.event_source_arn == "arn:aws:sqs:us-west-2:123456789012:SQSQueue");
  CHECK(m.attributes.at("ApproximateReceiveCount") == "2");
  CHECK(m.message_attributes.at("Attribute3").binary_value == "MTEwMA==");
  CHECK(m.message_attributes.at("Attribute3").string_list_values == std::vector<std::string>{"abc", "123"});
  CHECK(m.message_attributes.at("Attribute2").data_type == "Number");
  const auto again = json::read<sample::sqs_event>(json::write(e));
  CHECK(json::write(again) == json::write(e));
}

TEST_CASE("API Gateway HTTP API sample events bind to structs") {
  for (const char* name : {"apigw-v2-request-no-authorizer.json", "apigw-v2-request-jwt-authorizer.json",
                           "apigw-v2-request-iam.json", "apigw-v2-request-lambda-authorizer.json"}) {
    CAPTURE(name);
    const auto r = json::read<sample::http_api_request>(test::event(name));
    CHECK(r.version == "2.0");
    CHECK(r.request_context.http.method.size() > 0);
    CHECK(r.headers.size() > 0);
    CHECK(json::write(json::read<sample::http_api_request>(json::write(r))) == json::write(r));
  }
  const auto r = json::read<sample::http_api_request>(test::event("apigw-v2-request-no-authorizer.json"));
  CHECK(r.request_context.http.source_ip == "1.2.3.4");
  CHECK(r.headers.at("user-agent") == "curl/7.58.0");
  const auto jwt = json::read<sample::http_api_request>(test::event("apigw-v2-request-jwt-authorizer.json"));
  REQUIRE(jwt.request_context.authorizer.has_value());
  CHECK(jwt.request_context.authorizer->contains("jwt"));
}

TEST_CASE("SNS sample event binds with PascalCase names") {
  const auto e = json::read<sample::sns_event>(test::event("sns-event.json"));
  REQUIRE(e.records.size() == 1);
  CHECK(e.records[0].event_source == "aws:sns");
  CHECK(e.records[0].sns.message == "Hello from SNS!");
  CHECK(e.records[0].sns.message_attributes.at("Test")["Value"].as_string() == "TestString");
}

TEST_CASE("DynamoDB sample events: attribute values as json::value") {
  const auto e = json::read<sample::dynamodb_event>(test::event("dynamodb-event.json"));
  REQUIRE(!e.records.empty());
  CHECK(e.records[0].event_name == "INSERT");
  CHECK(!e.records[0].dynamodb.keys.empty());
  // This sample is deliberately cut short: a clean error, never a crash.
  CHECK(test::read_error<sample::dynamodb_event>(test::event("dynamodb-event-malformed.2.json"))
            .find("$: malformed JSON") == 0);
  CHECK(test::read_error<json::value>(test::event("dynamodb-event-malformed.2.json")).find("$: malformed JSON") == 0);
}

TEST_CASE("every sample event reads into json::value and round-trips") {
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(LAMBDA_CORO_TEST_DATA_DIR) + "/events")) {
    if (entry.path().extension() != ".json" || entry.path().filename() == "dynamodb-event-malformed.2.json") continue;
    CAPTURE(entry.path().filename().string());
    const std::string text = test::event(entry.path().filename().string());
    const auto v = json::read<json::value>(text);
    CHECK((v.is_object() || v.is_array()));
    CHECK(json::read<json::value>(json::write(v)) == v);
    CHECK(json::read<json::raw>(text).text.size() > 0);
    ++count;
  }
  CHECK(count >= 100);
}
