// Amazon ECR image actions and image scans (EventBridge, kebab-case detail).
#ifndef LAMBDA_CORO_EVENTS_ECR_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_ECR_HPP_INCLUDED

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

// detail-type "ECR Image Action": PUSH or DELETE.
struct ecr_image_action_detail {
  std::string result;  // SUCCESS or FAILURE
  std::string repository_name;
  std::string image_digest;
  std::string action_type;
  std::optional<std::string> image_tag;
};
BOOST_DESCRIBE_STRUCT(ecr_image_action_detail, (), (result, repository_name, image_digest, action_type, image_tag))
constexpr auto json_options(const ecr_image_action_detail*) { return json::object_options(json::naming::kebab_case); }

// detail-type "ECR Image Scan".
struct ecr_image_scan_detail {
  std::string scan_status;  // COMPLETE or FAILED
  std::string repository_name;
  std::map<std::string, std::int64_t> finding_severity_counts;  // CRITICAL, HIGH, MEDIUM, LOW…
  std::string image_digest;
  std::vector<std::string> image_tags;
};
BOOST_DESCRIBE_STRUCT(ecr_image_scan_detail, (),
                      (scan_status, repository_name, finding_severity_counts, image_digest, image_tags))
constexpr auto json_options(const ecr_image_scan_detail*) { return json::object_options(json::naming::kebab_case); }

using ecr_image_action_event = eventbridge_event<ecr_image_action_detail>;
using ecr_image_scan_event = eventbridge_event<ecr_image_scan_detail>;

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_ECR_HPP_INCLUDED
