// Small EventBridge notifications of AWS services, typed: EC2 instance state changes, KMS
// key events, tag changes, Trusted Advisor checks, Server Migration jobs, AWS Health events.
#ifndef LAMBDA_CORO_EVENTS_SERVICE_NOTIFICATIONS_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_SERVICE_NOTIFICATIONS_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/eventbridge.hpp>
#include <lambda_coro/events/naming.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

// "EC2 Instance State-change Notification".
struct ec2_instance_state_change {
  std::string instance_id;
  std::string state;  // pending, running, stopping, stopped, shutting-down, terminated
};
BOOST_DESCRIBE_STRUCT(ec2_instance_state_change, (), (instance_id, state))
constexpr auto json_options(const ec2_instance_state_change*) { return json::object_options(json::naming::kebab_case); }
using ec2_instance_state_change_event = eventbridge_event<ec2_instance_state_change>;

// "KMS CMK Rotation", "KMS Imported Key Material Expiration", "KMS CMK Deletion".
struct kms_key_event {
  std::string key_id;
};
BOOST_DESCRIBE_STRUCT(kms_key_event, (), (key_id))
constexpr auto json_options(const kms_key_event*) { return json::object_options(json::naming::kebab_case); }
using kms_event = eventbridge_event<kms_key_event>;

// "Tag Change on Resource".
struct tag_change {
  std::vector<std::string> changed_tag_keys;
  std::string service;
  std::string resource_type;
  std::int64_t version = 0;
  std::map<std::string, std::string> tags;
};
BOOST_DESCRIBE_STRUCT(tag_change, (), (changed_tag_keys, service, resource_type, version, tags))
constexpr auto json_options(const tag_change*) { return json::object_options(json::naming::kebab_case); }
using tag_change_event = eventbridge_event<tag_change>;

// "Trusted Advisor Check Item Refresh Notification".
struct trusted_advisor_check_item {
  std::string check_name;
  std::map<std::string, std::optional<std::string>> check_item_detail;
  std::string status;  // OK, WARN, ERROR
  std::string resource_id;
  std::string uuid;
};
BOOST_DESCRIBE_STRUCT(trusted_advisor_check_item, (), (check_name, check_item_detail, status, resource_id, uuid))
constexpr auto json_options(const trusted_advisor_check_item*) {
  return json::object_options(json::naming::kebab_case, json::rename{"resource_id", "resource_id"});
}
using trusted_advisor_event = eventbridge_event<trusted_advisor_check_item>;

// "Server Migration Job State Change".
struct sms_job_state_change {
  std::string state;
  std::string replication_run_id;
  std::string replication_job_id;
  std::optional<std::string> ami_id;
  std::string version;
};
BOOST_DESCRIBE_STRUCT(sms_job_state_change, (), (state, replication_run_id, replication_job_id, ami_id, version))
constexpr auto json_options(const sms_job_state_change*) { return json::object_options(json::naming::kebab_case); }
using sms_event = eventbridge_event<sms_job_state_change>;

// "AWS Health Event".
struct health_event_description {
  std::string language;
  std::string latest_description;
};
BOOST_DESCRIBE_STRUCT(health_event_description, (), (language, latest_description))

struct health_affected_entity {
  std::string entity_value;
  std::map<std::string, std::string> tags;
};
BOOST_DESCRIBE_STRUCT(health_affected_entity, (), (entity_value, tags))

struct health_event_detail {
  std::string event_arn;
  std::string service;
  std::string event_type_code;
  std::string event_type_category;  // issue, accountNotification, scheduledChange
  std::optional<std::string> event_scope_code;
  std::string start_time;
  std::optional<std::string> end_time;
  std::vector<health_event_description> event_description;
  std::vector<health_affected_entity> affected_entities;
};
BOOST_DESCRIBE_STRUCT(health_event_detail, (),
                      (event_arn, service, event_type_code, event_type_category, event_scope_code, start_time,
                       end_time, event_description, affected_entities))
using health_event = eventbridge_event<health_event_detail>;

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_SERVICE_NOTIFICATIONS_HPP_INCLUDED
