// Amazon SNS events.
#ifndef LAMBDA_CORO_EVENTS_SNS_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_SNS_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
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
  // SNS spells these "...Url" in Lambda deliveries and "...URL" in others; each spelling has
  // its member, so what arrived is written back as it came. The functions read either.
  std::optional<std::string> signing_cert_url;           // SigningCertUrl
  std::optional<std::string> signing_cert_url_uppercase;  // SigningCertURL
  std::string message;
  std::optional<std::string> unsubscribe_url;            // UnsubscribeUrl
  std::optional<std::string> unsubscribe_url_uppercase;  // UnsubscribeURL
  std::optional<std::string> subject;

  std::string_view signing_certificate_location() const noexcept {
    return either(signing_cert_url, signing_cert_url_uppercase);
  }
  std::string_view unsubscribe_location() const noexcept { return either(unsubscribe_url, unsubscribe_url_uppercase); }

private:
  static std::string_view either(const std::optional<std::string>& a, const std::optional<std::string>& b) noexcept {
    if (a) return *a;
    return b ? std::string_view(*b) : std::string_view();
  }
};
BOOST_DESCRIBE_STRUCT(sns_entity, (),
                      (signature, message_id, type, topic_arn, message_attributes, signature_version, timestamp,
                       signing_cert_url, signing_cert_url_uppercase, message, unsubscribe_url,
                       unsubscribe_url_uppercase, subject))
constexpr auto json_options(const sns_entity*) {
  return json::object_options(json::naming::pascal_case, json::rename{"signing_cert_url", "SigningCertUrl"},
                              json::rename{"signing_cert_url_uppercase", "SigningCertURL"},
                              json::rename{"unsubscribe_url", "UnsubscribeUrl"},
                              json::rename{"unsubscribe_url_uppercase", "UnsubscribeURL"});
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
#endif  // LAMBDA_CORO_EVENTS_SNS_HPP_INCLUDED
