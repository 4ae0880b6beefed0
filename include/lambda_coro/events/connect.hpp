// Amazon Connect contact flows invoking a function, and Amazon Chime bots (both PascalCase).
#ifndef LAMBDA_CORO_EVENTS_CONNECT_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_CONNECT_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <map>
#include <optional>
#include <string>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct connect_endpoint {
  std::string type;  // TELEPHONE_NUMBER
  std::optional<std::string> address;
};
BOOST_DESCRIBE_STRUCT(connect_endpoint, (), (type, address))
constexpr auto json_options(const connect_endpoint*) { return json::object_options(json::naming::pascal_case); }

struct connect_queue {
  std::string name;
  std::string arn;
  std::optional<std::string> outbound_caller_id;
};
BOOST_DESCRIBE_STRUCT(connect_queue, (), (name, arn, outbound_caller_id))
constexpr auto json_options(const connect_queue*) {
  return json::object_options(json::naming::pascal_case, json::rename{"arn", "ARN"});
}

struct connect_contact_data {
  std::map<std::string, std::string> attributes;
  std::string channel;  // VOICE, CHAT, TASK
  std::string contact_id;
  std::optional<connect_endpoint> customer_endpoint;
  std::string initial_contact_id;
  std::string initiation_method;  // INBOUND, OUTBOUND, TRANSFER, CALLBACK, API
  std::string instance_arn;
  std::optional<std::string> previous_contact_id;
  std::optional<connect_queue> queue;
  std::optional<connect_endpoint> system_endpoint;
  std::optional<std::string> language_code;
  json::value media_streams;
  std::map<std::string, std::string> tags;
  json::value segment_attributes;
};
BOOST_DESCRIBE_STRUCT(connect_contact_data, (),
                      (attributes, channel, contact_id, customer_endpoint, initial_contact_id, initiation_method,
                       instance_arn, previous_contact_id, queue, system_endpoint, language_code, media_streams, tags,
                       segment_attributes))
constexpr auto json_options(const connect_contact_data*) {
  return json::object_options(json::naming::pascal_case, json::rename{"instance_arn", "InstanceARN"});
}

struct connect_details {
  connect_contact_data contact_data;
  std::map<std::string, std::string> parameters;
};
BOOST_DESCRIBE_STRUCT(connect_details, (), (contact_data, parameters))
constexpr auto json_options(const connect_details*) { return json::object_options(json::naming::pascal_case); }

struct connect_event {
  connect_details details;
  std::string name;  // ContactFlowEvent
};
BOOST_DESCRIBE_STRUCT(connect_event, (), (details, name))
constexpr auto json_options(const connect_event*) { return json::object_options(json::naming::pascal_case); }

// What the flow receives back: a flat map of strings ($.External.key).
using connect_response = std::map<std::string, std::string>;

struct chime_bot_sender {
  std::string sender_id;
  std::string sender_type;  // user
};
BOOST_DESCRIBE_STRUCT(chime_bot_sender, (), (sender_id, sender_type))
constexpr auto json_options(const chime_bot_sender*) { return json::object_options(json::naming::pascal_case); }

struct chime_bot_discussion {
  std::string discussion_id;
  std::string discussion_type;  // chat_room or conversation
};
BOOST_DESCRIBE_STRUCT(chime_bot_discussion, (), (discussion_id, discussion_type))
constexpr auto json_options(const chime_bot_discussion*) { return json::object_options(json::naming::pascal_case); }

struct chime_bot_inbound_https_endpoint {
  std::string endpoint_type;  // POST
  std::string url;
};
BOOST_DESCRIBE_STRUCT(chime_bot_inbound_https_endpoint, (), (endpoint_type, url))
constexpr auto json_options(const chime_bot_inbound_https_endpoint*) {
  return json::object_options(json::naming::pascal_case);
}

struct chime_bot_event {
  chime_bot_sender sender;
  chime_bot_discussion discussion;
  std::string event_type;  // Invite, Mention, Remove
  std::optional<chime_bot_inbound_https_endpoint> inbound_https_endpoint;
  std::string event_timestamp;
  std::optional<std::string> message;
};
BOOST_DESCRIBE_STRUCT(chime_bot_event, (),
                      (sender, discussion, event_type, inbound_https_endpoint, event_timestamp, message))
constexpr auto json_options(const chime_bot_event*) { return json::object_options(json::naming::pascal_case); }

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_CONNECT_HPP_INCLUDED
