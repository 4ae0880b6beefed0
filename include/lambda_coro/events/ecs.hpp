// Amazon ECS container instance state changes (EventBridge).
#ifndef LAMBDA_CORO_EVENTS_ECS_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_ECS_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/eventbridge.hpp>
#include <lambda_coro/events/naming.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct ecs_attribute {
  std::string name;
  std::optional<std::string> value;
};
BOOST_DESCRIBE_STRUCT(ecs_attribute, (), (name, value))

struct ecs_resource {
  std::string name;  // CPU, MEMORY, PORTS, PORTS_UDP
  std::string type;  // INTEGER, STRINGSET…
  std::optional<std::int64_t> integer_value;
  std::optional<std::int64_t> long_value;
  std::optional<double> double_value;
  std::optional<std::vector<std::string>> string_set_value;
};
BOOST_DESCRIBE_STRUCT(ecs_resource, (), (name, type, integer_value, long_value, double_value, string_set_value))

struct ecs_version_info {
  std::string agent_hash;
  std::string agent_version;
  std::string docker_version;
};
BOOST_DESCRIBE_STRUCT(ecs_version_info, (), (agent_hash, agent_version, docker_version))

// detail-type "ECS Container Instance State Change".
struct ecs_container_instance_detail {
  bool agent_connected = false;
  std::optional<std::string> agent_update_status;
  std::vector<ecs_attribute> attributes;
  std::string cluster_arn;
  std::string container_instance_arn;
  std::string ec2_instance_id;
  std::vector<ecs_resource> registered_resources;
  std::vector<ecs_resource> remaining_resources;
  std::string status;  // ACTIVE, DRAINING, INACTIVE
  std::optional<std::string> status_reason;
  std::int64_t version = 0;
  ecs_version_info version_info;
  std::string updated_at;
};
BOOST_DESCRIBE_STRUCT(ecs_container_instance_detail, (),
                      (agent_connected, agent_update_status, attributes, cluster_arn, container_instance_arn,
                       ec2_instance_id, registered_resources, remaining_resources, status, status_reason, version,
                       version_info, updated_at))

using ecs_container_instance_event = eventbridge_event<ecs_container_instance_detail>;

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_ECS_HPP_INCLUDED
