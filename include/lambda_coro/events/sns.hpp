// Amazon SNS events.
#pragma once

#include <lambda_coro/config.hpp>
#include <lambda_coro/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct sns_message_attribute {
  std::string type;  // String, Number, Binary, String.Array
  std::string value;
};
BOOST_DESCRIBE_STRUCT(sns_message_attribute, (), (type, value))
constexpr auto json_options(const sns_message_attribute*) { return json::object_options(json::naming::pascal_case); }

struct sns_entity {
  std::string signature;
  std::string message_id;
  std::string type;
  std::string topic_arn;
  std::map<std::string, sns_message_attribute> message_attributes;
  std::string signature_version;
  std::string timestamp;
  std::string signing_cert_url;
  std::string message;
  std::string unsubscribe_url;
  std::optional<std::string> subject;
};
BOOST_DESCRIBE_STRUCT(sns_entity, (),
                      (signature, message_id, type, topic_arn, message_attributes, signature_version, timestamp,
                       signing_cert_url, message, unsubscribe_url, subject))
constexpr auto json_options(const sns_entity*) {
  return json::object_options(json::naming::pascal_case, json::rename{"signing_cert_url", "SigningCertUrl"},
                              json::rename{"unsubscribe_url", "UnsubscribeUrl"});
}

struct sns_record {
  std::string event_version;
  std::string event_subscription_arn;
  std::string event_source;
  sns_entity sns;
};
BOOST_DESCRIBE_STRUCT(sns_record, (), (event_version, event_subscription_arn, event_source, sns))
constexpr auto json_options(const sns_record*) { return json::object_options(json::naming::pascal_case); }

struct sns_event {
  std::vector<sns_record> records;
};
BOOST_DESCRIBE_STRUCT(sns_event, (), (records))
constexpr auto json_options(const sns_event*) { return json::object_options(json::naming::pascal_case); }

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
