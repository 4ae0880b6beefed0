// AWS CodeCommit repository triggers.
#ifndef LAMBDA_CORO_EVENTS_CODECOMMIT_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_CODECOMMIT_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct codecommit_reference {
  std::string commit;
  std::string ref;  // refs/heads/main
  std::optional<bool> created;
  std::optional<bool> deleted;
};
BOOST_DESCRIBE_STRUCT(codecommit_reference, (), (commit, ref, created, deleted))

struct codecommit_codecommit {
  std::vector<codecommit_reference> references;
};
BOOST_DESCRIBE_STRUCT(codecommit_codecommit, (), (references))

struct codecommit_record {
  std::string event_id;
  std::string event_version;
  std::string event_time;
  std::string event_trigger_name;
  std::int64_t event_part_number = 0;
  codecommit_codecommit codecommit;
  std::string event_name;
  std::string event_trigger_config_id;
  std::string event_source_arn;
  std::string user_identity_arn;
  std::string event_source;  // aws:codecommit
  std::string aws_region;
  std::int64_t event_total_parts = 0;
  std::optional<std::string> custom_data;
};
BOOST_DESCRIBE_STRUCT(codecommit_record, (),
                      (event_id, event_version, event_time, event_trigger_name, event_part_number, codecommit,
                       event_name, event_trigger_config_id, event_source_arn, user_identity_arn, event_source,
                       aws_region, event_total_parts, custom_data))
constexpr auto json_options(const codecommit_record*) {
  return json::object_options(json::naming::camel_case, json::rename{"event_source_arn", "eventSourceARN"},
                              json::rename{"user_identity_arn", "userIdentityARN"});
}

struct codecommit_event {
  std::vector<codecommit_record> records;
};
BOOST_DESCRIBE_STRUCT(codecommit_event, (), (records))
constexpr auto json_options(const codecommit_event*) { return json::object_options(json::naming::pascal_case); }

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_CODECOMMIT_HPP_INCLUDED
