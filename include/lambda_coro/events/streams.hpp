// What stream and queue events share: partial batch responses and tumbling windows.
#ifndef LAMBDA_CORO_EVENTS_STREAMS_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_STREAMS_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

// Partial batch response (ReportBatchItemFailures): only the listed items are retried.
struct batch_item_failure {
  std::string item_identifier;  // the SQS messageId, or the Kinesis/DynamoDB sequence number
};
BOOST_DESCRIBE_STRUCT(batch_item_failure, (), (item_identifier))

struct batch_response {
  std::vector<batch_item_failure> batch_item_failures;
};
BOOST_DESCRIBE_STRUCT(batch_response, (), (batch_item_failures))

// Tumbling windows for Kinesis and DynamoDB Streams.
struct time_window {
  std::string start;
  std::string end;
};
BOOST_DESCRIBE_STRUCT(time_window, (), (start, end))

// What Kinesis and DynamoDB Streams events add when the function aggregates over windows.
struct tumbling_window_fields {
  std::optional<time_window> window;
  std::map<std::string, std::string> state;
  std::optional<std::string> shard_id;
  std::optional<std::string> event_source_arn;
  std::optional<bool> is_final_invoke_for_window;
  std::optional<bool> is_window_terminated_early;
};
BOOST_DESCRIBE_STRUCT(tumbling_window_fields, (),
                      (window, state, shard_id, event_source_arn, is_final_invoke_for_window, is_window_terminated_early))
constexpr auto json_options(const tumbling_window_fields*) {
  return json::object_options(json::naming::camel_case, json::rename{"event_source_arn", "eventSourceARN"});
}

// The state carried to the next invocation of the window, and the failed items.
struct time_window_response {
  std::map<std::string, std::string> state;
  std::vector<batch_item_failure> batch_item_failures;
};
BOOST_DESCRIBE_STRUCT(time_window_response, (), (state, batch_item_failures))

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_STREAMS_HPP_INCLUDED
