// Amazon CloudWatch Logs subscription events. The payload arrives gzipped and base64
// encoded in awslogs.data; events/cloudwatch_logs_zlib.hpp decodes it for programs that
// link zlib, so that functions which never see logs do not carry it.
#ifndef LAMBDA_CORO_EVENTS_CLOUDWATCH_LOGS_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_CLOUDWATCH_LOGS_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <cstdint>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct cloudwatch_logs_raw_data {
  std::string data;  // base64 of gzip of a cloudwatch_logs_data document
};
BOOST_DESCRIBE_STRUCT(cloudwatch_logs_raw_data, (), (data))

struct cloudwatch_logs_event {
  cloudwatch_logs_raw_data awslogs;
};
BOOST_DESCRIBE_STRUCT(cloudwatch_logs_event, (), (awslogs))

struct cloudwatch_log_event {
  std::string id;
  std::int64_t timestamp = 0;  // epoch milliseconds
  std::string message;
};
BOOST_DESCRIBE_STRUCT(cloudwatch_log_event, (), (id, timestamp, message))

// The decoded payload.
struct cloudwatch_logs_data {
  std::string owner;
  std::string log_group;
  std::string log_stream;
  std::vector<std::string> subscription_filters;
  std::string message_type;  // DATA_MESSAGE, or CONTROL_MESSAGE when CloudWatch checks the destination
  std::vector<cloudwatch_log_event> log_events;
};
BOOST_DESCRIBE_STRUCT(cloudwatch_logs_data, (),
                      (owner, log_group, log_stream, subscription_filters, message_type, log_events))

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_CLOUDWATCH_LOGS_HPP_INCLUDED
