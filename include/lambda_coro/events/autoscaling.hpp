// Amazon EC2 Auto Scaling: lifecycle actions and launch/terminate results (EventBridge).
#ifndef LAMBDA_CORO_EVENTS_AUTOSCALING_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_AUTOSCALING_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/eventbridge.hpp>
#include <lambda_coro/events/naming.hpp>

#include <map>
#include <optional>
#include <string>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

// "EC2 Instance-launch Lifecycle Action" and "EC2 Instance-terminate Lifecycle Action" fill
// the lifecycle members; "EC2 Instance Launch/Terminate Successful/Unsuccessful" the activity ones.
struct autoscaling_detail {
  std::string auto_scaling_group_name;
  std::optional<std::string> ec2_instance_id;
  std::optional<std::string> lifecycle_action_token;
  std::optional<std::string> lifecycle_hook_name;
  std::optional<std::string> lifecycle_transition;  // autoscaling:EC2_INSTANCE_LAUNCHING
  std::optional<std::string> notification_metadata;
  std::optional<std::string> origin;       // EC2, AutoScalingGroup, WarmPool
  std::optional<std::string> destination;
  std::optional<std::string> status_code;  // InProgress, Failed…
  std::optional<std::string> status_message;
  std::optional<std::string> description;
  std::optional<std::string> activity_id;
  std::optional<std::string> request_id;
  std::optional<std::string> cause;
  std::optional<std::string> start_time;
  std::optional<std::string> end_time;
  std::map<std::string, std::string> details;  // "Availability Zone", "Subnet ID"
};
BOOST_DESCRIBE_STRUCT(autoscaling_detail, (),
                      (auto_scaling_group_name, ec2_instance_id, lifecycle_action_token, lifecycle_hook_name,
                       lifecycle_transition, notification_metadata, origin, destination, status_code, status_message,
                       description, activity_id, request_id, cause, start_time, end_time, details))
constexpr auto json_options(const autoscaling_detail*) {
  return json::object_options(json::naming::pascal_case, json::rename{"ec2_instance_id", "EC2InstanceId"});
}

using autoscaling_event = eventbridge_event<autoscaling_detail>;

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_AUTOSCALING_HPP_INCLUDED
