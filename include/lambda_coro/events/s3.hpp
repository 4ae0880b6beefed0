// Amazon S3 event notifications and S3 Batch Operations jobs.
#ifndef LAMBDA_CORO_EVENTS_S3_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_S3_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/detail/text.hpp>
#include <lambda_coro/events/naming.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct s3_user_identity {
  std::string principal_id;
};
BOOST_DESCRIBE_STRUCT(s3_user_identity, (), (principal_id))

struct s3_request_parameters {
  std::string source_ip_address;
};
BOOST_DESCRIBE_STRUCT(s3_request_parameters, (), (source_ip_address))
constexpr auto json_options(const s3_request_parameters*) {
  return json::object_options(json::naming::as_written, json::rename{"source_ip_address", "sourceIPAddress"});
}

struct s3_bucket {
  std::string name;
  s3_user_identity owner_identity;
  std::string arn;
};
BOOST_DESCRIBE_STRUCT(s3_bucket, (), (name, owner_identity, arn))

// An object key as S3 event notifications spell it (form-encoded: '+' for a space, %XX for
// other bytes) decoded to the key itself. A '%' not followed by two hex digits stays as is.
inline std::string s3_decode_key(std::string_view encoded) {
  return ::lambda_coro::detail::percent_decode(encoded, true);
}

struct s3_object {
  std::string key;  // URL-encoded, as S3 sends it: decoded_key() gives the real one
  std::int64_t size = 0;
  std::optional<std::string> url_decoded_key;
  std::optional<std::string> version_id;
  std::optional<std::string> e_tag;
  std::string sequencer;

  std::string decoded_key() const { return s3_decode_key(key); }
};
BOOST_DESCRIBE_STRUCT(s3_object, (), (key, size, url_decoded_key, version_id, e_tag, sequencer))

struct s3_entity {
  std::string schema_version;
  std::string configuration_id;
  s3_bucket bucket;
  s3_object object;
};
BOOST_DESCRIBE_STRUCT(s3_entity, (), (schema_version, configuration_id, bucket, object))
constexpr auto json_options(const s3_entity*) {
  return json::object_options(json::naming::camel_case, json::rename{"schema_version", "s3SchemaVersion"});
}

struct s3_event_record {
  std::string event_version;
  std::string event_source;
  std::string aws_region;
  std::string event_time;
  std::string event_name;
  s3_user_identity user_identity;
  s3_request_parameters request_parameters;
  std::map<std::string, std::string> response_elements;  // x-amz-request-id, x-amz-id-2
  s3_entity s3;
  // Present for the event types that carry them (restores, tiering, lifecycle, replication).
  std::optional<json::value> glacier_event_data;
  std::optional<json::value> restore_event_data;
  std::optional<json::value> intelligent_tiering_event_data;
  std::optional<json::value> lifecycle_event_data;
  std::optional<json::value> replication_event_data;
};
BOOST_DESCRIBE_STRUCT(s3_event_record, (),
                      (event_version, event_source, aws_region, event_time, event_name, user_identity,
                       request_parameters, response_elements, s3, glacier_event_data, restore_event_data,
                       intelligent_tiering_event_data, lifecycle_event_data, replication_event_data))

struct s3_event {
  std::vector<s3_event_record> records;
};
BOOST_DESCRIBE_STRUCT(s3_event, (), (records))
constexpr auto json_options(const s3_event*) { return json::object_options(json::naming::pascal_case); }

// S3 Batch Operations: schema 1.0 names the bucket by ARN, 2.0 by name with user arguments.
struct s3_batch_job {
  std::string id;
  std::map<std::string, std::string> user_arguments;
};
BOOST_DESCRIBE_STRUCT(s3_batch_job, (), (id, user_arguments))

struct s3_batch_job_task {
  std::string task_id;
  std::string s3_key;
  std::optional<std::string> s3_version_id;
  std::optional<std::string> s3_bucket_arn;
  std::optional<std::string> s3_bucket;
};
BOOST_DESCRIBE_STRUCT(s3_batch_job_task, (), (task_id, s3_key, s3_version_id, s3_bucket_arn, s3_bucket))
constexpr auto json_options(const s3_batch_job_task*) {
  return json::object_options(json::naming::camel_case, json::rename{"s3_key", "s3Key"},
                              json::rename{"s3_version_id", "s3VersionId"}, json::rename{"s3_bucket_arn", "s3BucketArn"},
                              json::rename{"s3_bucket", "s3Bucket"});
}

struct s3_batch_job_event {
  std::string invocation_schema_version;
  std::string invocation_id;
  s3_batch_job job;
  std::vector<s3_batch_job_task> tasks;
};
BOOST_DESCRIBE_STRUCT(s3_batch_job_event, (), (invocation_schema_version, invocation_id, job, tasks))

struct s3_batch_job_result {
  std::string task_id;
  std::string result_code;  // Succeeded, TemporaryFailure, PermanentFailure
  std::string result_string;
};
BOOST_DESCRIBE_STRUCT(s3_batch_job_result, (), (task_id, result_code, result_string))

struct s3_batch_job_response {
  std::string invocation_schema_version;
  std::string treat_missing_keys_as;
  std::string invocation_id;
  std::vector<s3_batch_job_result> results;
};
BOOST_DESCRIBE_STRUCT(s3_batch_job_response, (), (invocation_schema_version, treat_missing_keys_as, invocation_id, results))

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_S3_HPP_INCLUDED
