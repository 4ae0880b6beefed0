// Benchmark bootstrap: a typed handler that binds a whole SQS batch into structs and
// answers with a small summary — the per-invocation cost of a realistic typed function.
#include <lambda_coro/lambda_coro.hpp>

#include <map>
#include <string>
#include <vector>

namespace json = lambda_coro::json;

struct message_attribute {
  std::string string_value;
  std::string data_type;
};
BOOST_DESCRIBE_STRUCT(message_attribute, (), (string_value, data_type))
constexpr auto json_options(const message_attribute*) { return json::object_options(json::naming::camel_case); }

struct sqs_message {
  std::string message_id;
  std::string receipt_handle;
  std::string body;
  std::string md5_of_body;
  std::string event_source_arn;
  std::string event_source;
  std::string aws_region;
  std::map<std::string, std::string> attributes;
  std::map<std::string, message_attribute> message_attributes;
};
BOOST_DESCRIBE_STRUCT(sqs_message, (),
                      (message_id, receipt_handle, body, md5_of_body, event_source_arn, event_source, aws_region,
                       attributes, message_attributes))
constexpr auto json_options(const sqs_message*) {
  return json::object_options(json::naming::camel_case, json::rename{"event_source_arn", "eventSourceARN"});
}

struct sqs_event {
  std::vector<sqs_message> records;
};
BOOST_DESCRIBE_STRUCT(sqs_event, (), (records))
constexpr auto json_options(const sqs_event*) { return json::object_options(json::naming::pascal_case); }

struct summary {
  std::size_t records = 0;
  std::size_t body_bytes = 0;
};
BOOST_DESCRIBE_STRUCT(summary, (), (records, body_bytes))

summary handler(const sqs_event& event) {
  summary s{event.records.size(), 0};
  for (const auto& m : event.records) s.body_bytes += m.body.size();
  return s;
}

int main() { return lambda_coro::start(handler); }
