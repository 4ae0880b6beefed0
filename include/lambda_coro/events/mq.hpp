// Amazon MQ events: ActiveMQ and RabbitMQ brokers.
#ifndef LAMBDA_CORO_EVENTS_MQ_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_MQ_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct activemq_destination {
  std::string physical_name;
};
BOOST_DESCRIBE_STRUCT(activemq_destination, (), (physical_name))

struct activemq_message {
  std::string message_id;
  std::string message_type;  // jms/text-message, jms/bytes-message
  std::int64_t timestamp = 0;
  std::int64_t delivery_mode = 0;
  std::string correlation_id;
  std::optional<std::string> reply_to;
  activemq_destination destination;
  bool redelivered = false;
  std::string type;
  std::int64_t expiration = 0;
  std::int64_t priority = 0;
  std::string data;  // base64
  std::int64_t broker_in_time = 0;
  std::int64_t broker_out_time = 0;
  std::map<std::string, std::string> properties;
};
BOOST_DESCRIBE_STRUCT(activemq_message, (),
                      (message_id, message_type, timestamp, delivery_mode, correlation_id, reply_to, destination,
                       redelivered, type, expiration, priority, data, broker_in_time, broker_out_time, properties))
constexpr auto json_options(const activemq_message*) {
  return json::object_options(json::naming::camel_case, json::rename{"message_id", "messageID"},
                              json::rename{"correlation_id", "correlationID"});
}

struct activemq_event {
  std::string event_source;  // aws:mq
  std::string event_source_arn;
  std::vector<activemq_message> messages;
};
BOOST_DESCRIBE_STRUCT(activemq_event, (), (event_source, event_source_arn, messages))

struct rabbitmq_basic_properties {
  std::optional<std::string> content_type;
  std::optional<std::string> content_encoding;
  std::map<std::string, json::value> headers;  // values: {"bytes": [...]}, numbers, strings
  std::int64_t delivery_mode = 0;
  std::int64_t priority = 0;
  std::optional<std::string> correlation_id;
  std::optional<std::string> reply_to;
  std::optional<std::string> expiration;
  std::optional<std::string> message_id;
  std::optional<std::string> timestamp;
  std::optional<std::string> type;
  std::optional<std::string> user_id;
  std::optional<std::string> app_id;
  std::optional<std::string> cluster_id;
  std::int64_t body_size = 0;
};
BOOST_DESCRIBE_STRUCT(rabbitmq_basic_properties, (),
                      (content_type, content_encoding, headers, delivery_mode, priority, correlation_id, reply_to,
                       expiration, message_id, timestamp, type, user_id, app_id, cluster_id, body_size))

struct rabbitmq_message {
  rabbitmq_basic_properties basic_properties;
  bool redelivered = false;
  std::string data;  // base64
};
BOOST_DESCRIBE_STRUCT(rabbitmq_message, (), (basic_properties, redelivered, data))

struct rabbitmq_event {
  std::string event_source;  // aws:rmq
  std::string event_source_arn;
  std::map<std::string, std::vector<rabbitmq_message>> rmq_messages_by_queue;  // "queue::virtual-host"
};
BOOST_DESCRIBE_STRUCT(rabbitmq_event, (), (event_source, event_source_arn, rmq_messages_by_queue))

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_MQ_HPP_INCLUDED
