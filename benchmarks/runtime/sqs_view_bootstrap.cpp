// Benchmark bootstrap: the SQS batch of sqs_bootstrap.cpp bound the way a function that cares
// about per-invocation cost would bind it: strings as std::string_view into the runtime's parser
// (valid for the call, no allocation), the system attributes as a struct of the names SQS
// documents; only messageAttributes, whose names are the sender's, stays a map.
#include <lambda_coro/lambda_coro.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

namespace json = lambda_coro::json;

struct message_attribute_view {
  std::optional<std::string_view> string_value;
  std::optional<std::string_view> binary_value;
  std::string_view data_type;
};
BOOST_DESCRIBE_STRUCT(message_attribute_view, (), (string_value, binary_value, data_type))
constexpr auto json_options(const message_attribute_view*) { return json::object_options(json::naming::camel_case); }

struct system_attributes_view {
  std::string_view ApproximateReceiveCount;
  std::string_view ApproximateFirstReceiveTimestamp;
  std::string_view SentTimestamp;
  std::string_view SenderId;
  std::string_view SequenceNumber;
  std::string_view MessageGroupId;
  std::string_view MessageDeduplicationId;
  std::string_view DeadLetterQueueSourceArn;
  std::string_view AWSTraceHeader;
};
BOOST_DESCRIBE_STRUCT(system_attributes_view, (),
                      (ApproximateReceiveCount, ApproximateFirstReceiveTimestamp, SentTimestamp, SenderId,
                       SequenceNumber, MessageGroupId, MessageDeduplicationId, DeadLetterQueueSourceArn,
                       AWSTraceHeader))

struct message_view {
  std::string_view message_id;
  std::string_view receipt_handle;
  std::string_view body;
  std::string_view md5_of_body;
  system_attributes_view attributes;
  std::map<std::string_view, message_attribute_view> message_attributes;
  std::string_view event_source_arn;
  std::string_view event_source;
  std::string_view aws_region;
};
BOOST_DESCRIBE_STRUCT(message_view, (),
                      (message_id, receipt_handle, body, md5_of_body, attributes, message_attributes, event_source_arn,
                       event_source, aws_region))
constexpr auto json_options(const message_view*) {
  return json::object_options(json::naming::camel_case, json::rename{"event_source_arn", "eventSourceARN"});
}

struct batch_view {
  std::vector<message_view> records;
};
BOOST_DESCRIBE_STRUCT(batch_view, (), (records))
constexpr auto json_options(const batch_view*) { return json::object_options(json::naming::pascal_case); }

struct summary {
  std::size_t records = 0;
  std::size_t body_bytes = 0;
};
BOOST_DESCRIBE_STRUCT(summary, (), (records, body_bytes))

summary handler(const batch_view& event) {
  summary s{event.records.size(), 0};
  for (const auto& m : event.records) s.body_bytes += m.body.size();
  return s;
}

int main() { return lambda_coro::start(handler); }
