// AWS CodeBuild build state and phase changes: EventBridge events with a typed detail
// (kebab-case members).
#ifndef LAMBDA_CORO_EVENTS_CODEBUILD_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_CODEBUILD_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/eventbridge.hpp>
#include <lambda_coro/events/naming.hpp>

#include <optional>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct codebuild_artifact {
  std::string md5sum;
  std::string sha256sum;
  std::string location;
};
BOOST_DESCRIBE_STRUCT(codebuild_artifact, (), (md5sum, sha256sum, location))

struct codebuild_environment_variable {
  std::string name;
  std::string type;  // PLAINTEXT, PARAMETER_STORE, SECRETS_MANAGER
  std::string value;
};
BOOST_DESCRIBE_STRUCT(codebuild_environment_variable, (), (name, type, value))

struct codebuild_environment {
  std::string image;
  bool privileged_mode = false;
  std::string compute_type;
  std::string type;
  std::vector<codebuild_environment_variable> environment_variables;
};
BOOST_DESCRIBE_STRUCT(codebuild_environment, (),
                      (image, privileged_mode, compute_type, type, environment_variables))
constexpr auto json_options(const codebuild_environment*) { return json::object_options(json::naming::kebab_case); }

struct codebuild_source {
  std::optional<std::string> location;
  std::string type;  // S3, CODECOMMIT, GITHUB…
  std::optional<std::string> buildspec;
};
BOOST_DESCRIBE_STRUCT(codebuild_source, (), (location, type, buildspec))

struct codebuild_logs {
  std::optional<std::string> group_name;
  std::optional<std::string> stream_name;
  std::optional<std::string> deep_link;
};
BOOST_DESCRIBE_STRUCT(codebuild_logs, (), (group_name, stream_name, deep_link))
constexpr auto json_options(const codebuild_logs*) { return json::object_options(json::naming::kebab_case); }

struct codebuild_phase {
  std::vector<std::string> phase_context;
  std::string start_time;
  std::optional<std::string> end_time;
  std::optional<double> duration_in_seconds;
  std::string phase_type;  // SUBMITTED, QUEUED, PROVISIONING, BUILD, COMPLETED…
  std::optional<std::string> phase_status;
};
BOOST_DESCRIBE_STRUCT(codebuild_phase, (),
                      (phase_context, start_time, end_time, duration_in_seconds, phase_type, phase_status))
constexpr auto json_options(const codebuild_phase*) { return json::object_options(json::naming::kebab_case); }

struct codebuild_additional_information {
  std::optional<codebuild_artifact> artifact;
  codebuild_environment environment;
  double timeout_in_minutes = 0;
  bool build_complete = false;
  double build_number = 0;
  std::string initiator;
  std::string build_start_time;
  codebuild_source source;
  std::optional<std::string> source_version;
  codebuild_logs logs;
  std::vector<codebuild_phase> phases;
};
BOOST_DESCRIBE_STRUCT(codebuild_additional_information, (),
                      (artifact, environment, timeout_in_minutes, build_complete, build_number, initiator,
                       build_start_time, source, source_version, logs, phases))
constexpr auto json_options(const codebuild_additional_information*) {
  return json::object_options(json::naming::kebab_case);
}

// detail-type "CodeBuild Build State Change" fills build_status and current_phase;
// "CodeBuild Build Phase Change" fills the completed_phase members.
struct codebuild_detail {
  std::optional<std::string> build_status;  // IN_PROGRESS, SUCCEEDED, FAILED, STOPPED
  std::string project_name;
  std::string build_id;
  codebuild_additional_information additional_information;
  std::optional<std::string> current_phase;
  std::optional<std::string> current_phase_context;
  std::optional<std::string> completed_phase;
  std::optional<std::string> completed_phase_status;
  std::optional<double> completed_phase_duration_seconds;
  std::optional<std::string> completed_phase_context;
  std::optional<std::string> completed_phase_start;
  std::optional<std::string> completed_phase_end;
  std::string version;
};
BOOST_DESCRIBE_STRUCT(codebuild_detail, (),
                      (build_status, project_name, build_id, additional_information, current_phase,
                       current_phase_context, completed_phase, completed_phase_status,
                       completed_phase_duration_seconds, completed_phase_context, completed_phase_start,
                       completed_phase_end, version))
constexpr auto json_options(const codebuild_detail*) { return json::object_options(json::naming::kebab_case); }

using codebuild_event = eventbridge_event<codebuild_detail>;

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_CODEBUILD_HPP_INCLUDED
