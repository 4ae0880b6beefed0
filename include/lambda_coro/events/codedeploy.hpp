// AWS CodeDeploy deployment and instance state changes (EventBridge), and the lifecycle
// hook a deployment invokes a function for.
#ifndef LAMBDA_CORO_EVENTS_CODEDEPLOY_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_CODEDEPLOY_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/eventbridge.hpp>
#include <lambda_coro/events/naming.hpp>

#include <optional>
#include <string>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct codedeploy_detail {
  std::string instance_group_id;
  std::optional<std::string> instance_id;  // instance notifications
  std::string region;
  std::string application;
  std::string deployment_id;
  std::string state;  // START, SUCCESS, FAILURE, READY
  std::string deployment_group;
};
BOOST_DESCRIBE_STRUCT(codedeploy_detail, (),
                      (instance_group_id, instance_id, region, application, deployment_id, state, deployment_group))

using codedeploy_event = eventbridge_event<codedeploy_detail>;

// A BeforeAllowTraffic / AfterAllowTraffic hook; report the outcome with
// PutLifecycleEventHookExecutionStatus.
struct codedeploy_lifecycle_event {
  std::string deployment_id;
  std::string lifecycle_event_hook_execution_id;
};
BOOST_DESCRIBE_STRUCT(codedeploy_lifecycle_event, (), (deployment_id, lifecycle_event_hook_execution_id))
constexpr auto json_options(const codedeploy_lifecycle_event*) {
  return json::object_options(json::naming::pascal_case);
}

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_CODEDEPLOY_HPP_INCLUDED
