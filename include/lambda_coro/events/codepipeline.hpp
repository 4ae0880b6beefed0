// AWS CodePipeline: the job a Lambda invoke action receives, and the pipeline, stage and
// action execution changes EventBridge delivers.
#ifndef LAMBDA_CORO_EVENTS_CODEPIPELINE_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_CODEPIPELINE_HPP_INCLUDED

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

struct codepipeline_s3_location {
  std::string bucket_name;
  std::string object_key;
};
BOOST_DESCRIBE_STRUCT(codepipeline_s3_location, (), (bucket_name, object_key))

struct codepipeline_artifact_location {
  std::optional<codepipeline_s3_location> s3_location;
  std::string type;  // S3
};
BOOST_DESCRIBE_STRUCT(codepipeline_artifact_location, (), (s3_location, type))

struct codepipeline_artifact {
  codepipeline_artifact_location location;
  std::optional<std::string> revision;
  std::string name;
};
BOOST_DESCRIBE_STRUCT(codepipeline_artifact, (), (location, revision, name))

struct codepipeline_action_configuration {
  std::map<std::string, std::string> configuration;  // FunctionName, UserParameters
};
BOOST_DESCRIBE_STRUCT(codepipeline_action_configuration, (), (configuration))

struct codepipeline_artifact_credentials {
  std::string secret_access_key;
  std::string session_token;
  std::string access_key_id;
};
BOOST_DESCRIBE_STRUCT(codepipeline_artifact_credentials, (), (secret_access_key, session_token, access_key_id))

struct codepipeline_encryption_key {
  std::string id;
  std::string type;  // KMS
};
BOOST_DESCRIBE_STRUCT(codepipeline_encryption_key, (), (id, type))

struct codepipeline_job_data {
  codepipeline_action_configuration action_configuration;
  std::vector<codepipeline_artifact> input_artifacts;
  std::vector<codepipeline_artifact> output_artifacts;
  codepipeline_artifact_credentials artifact_credentials;
  std::optional<std::string> continuation_token;
  std::optional<codepipeline_encryption_key> encryption_key;
};
BOOST_DESCRIBE_STRUCT(codepipeline_job_data, (),
                      (action_configuration, input_artifacts, output_artifacts, artifact_credentials,
                       continuation_token, encryption_key))

struct codepipeline_job {
  std::string id;  // report back with PutJobSuccessResult / PutJobFailureResult
  std::string account_id;
  codepipeline_job_data data;
};
BOOST_DESCRIBE_STRUCT(codepipeline_job, (), (id, account_id, data))

struct codepipeline_job_event {
  codepipeline_job job;
};
BOOST_DESCRIBE_STRUCT(codepipeline_job_event, (), (job))
constexpr auto json_options(const codepipeline_job_event*) {
  return json::object_options(json::naming::as_written, json::rename{"job", "CodePipeline.job"});
}

struct codepipeline_action_type {
  std::string owner;
  std::string category;
  std::string provider;
  std::int64_t version = 0;
};
BOOST_DESCRIBE_STRUCT(codepipeline_action_type, (), (owner, category, provider, version))

// detail-type "CodePipeline Pipeline/Stage/Action Execution State Change".
struct codepipeline_detail {
  std::string pipeline;
  std::int64_t version = 0;
  std::string execution_id;
  std::optional<std::string> stage;
  std::optional<std::string> action;
  std::string state;  // STARTED, SUCCEEDED, FAILED, CANCELED, RESUMED, SUPERSEDED…
  std::optional<std::string> region;
  std::optional<codepipeline_action_type> type;
};
BOOST_DESCRIBE_STRUCT(codepipeline_detail, (), (pipeline, version, execution_id, stage, action, state, region, type))
constexpr auto json_options(const codepipeline_detail*) { return json::object_options(json::naming::kebab_case); }

using codepipeline_event = eventbridge_event<codepipeline_detail>;

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_CODEPIPELINE_HPP_INCLUDED
