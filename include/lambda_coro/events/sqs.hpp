// Amazon SQS events and the partial batch response.
#ifndef LAMBDA_CORO_EVENTS_SQS_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_SQS_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/streams.hpp>
#include <lambda_coro/events/naming.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct sqs_message_attribute {
  std::optional<std::string> string_value;
  std::optional<std::string> binary_value;  // base64
  std::vector<std::string> string_list_values;
  std::vector<std::string> binary_list_values;
  std::string data_type;
};
BOOST_DESCRIBE_STRUCT(sqs_message_attribute, (),
                      (string_value, binary_value, string_list_values, binary_list_values, data_type))

struct sqs_message {
  std::string message_id;
  std::string receipt_handle;
  std::string body;
  std::string md5_of_body;
  std::optional<std::string> md5_of_message_attributes;
  std::map<std::string, std::string> attributes;  // ApproximateReceiveCount, SentTimestamp, MessageGroupId…
  std::map<std::string, sqs_message_attribute> message_attributes;
  std::string event_source_arn;
  std::string event_source;
  std::string aws_region;
};
BOOST_DESCRIBE_STRUCT(sqs_message, (),
                      (message_id, receipt_handle, body, md5_of_body, md5_of_message_attributes, attributes,
                       message_attributes, event_source_arn, event_source, aws_region))
constexpr auto json_options(const sqs_message*) {
  return json::object_options(json::naming::camel_case, json::rename{"event_source_arn", "eventSourceARN"});
}

struct sqs_event {
  std::vector<sqs_message> records;
};
BOOST_DESCRIBE_STRUCT(sqs_event, (), (records))
constexpr auto json_options(const sqs_event*) { return json::object_options(json::naming::pascal_case); }

using sqs_batch_response = batch_response;

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_SQS_HPP_INCLUDED
