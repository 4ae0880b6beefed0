// Amazon CloudWatch alarms: the event of a Lambda alarm action (metric and composite
// alarms), and the payload an alarm publishes to SNS (read it from the SNS message text).
#ifndef LAMBDA_CORO_EVENTS_CLOUDWATCH_ALARMS_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_CLOUDWATCH_ALARMS_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct cloudwatch_alarm_state {
  std::string value;  // OK, ALARM, INSUFFICIENT_DATA
  std::string reason;
  std::optional<std::string> reason_data;  // JSON text
  std::string timestamp;
  std::optional<std::string> actions_suppressed_by;  // composite alarms: Alarm, ExtensionPeriod, WaitPeriod
  std::optional<std::string> actions_suppressed_reason;
};
BOOST_DESCRIBE_STRUCT(cloudwatch_alarm_state, (),
                      (value, reason, reason_data, timestamp, actions_suppressed_by, actions_suppressed_reason))

struct cloudwatch_metric {
  std::string namespace_;
  std::string name;
  std::map<std::string, std::string> dimensions;
};
BOOST_DESCRIBE_STRUCT(cloudwatch_metric, (), (namespace_, name, dimensions))
constexpr auto json_options(const cloudwatch_metric*) {
  return json::object_options(json::naming::camel_case, json::rename{"namespace_", "namespace"});
}

struct cloudwatch_metric_stat {
  cloudwatch_metric metric;
  std::int64_t period = 0;
  std::string stat;
  std::optional<std::string> unit;
};
BOOST_DESCRIBE_STRUCT(cloudwatch_metric_stat, (), (metric, period, stat, unit))

struct cloudwatch_metric_data_query {
  std::string id;
  std::optional<cloudwatch_metric_stat> metric_stat;
  std::optional<std::string> expression;
  std::optional<std::string> label;
  bool return_data = false;
};
BOOST_DESCRIBE_STRUCT(cloudwatch_metric_data_query, (), (id, metric_stat, expression, label, return_data))

// A metric alarm fills metrics; a composite alarm fills alarm_rule and the suppressor.
struct cloudwatch_alarm_configuration {
  std::optional<std::string> description;
  std::vector<cloudwatch_metric_data_query> metrics;
  std::optional<std::string> alarm_rule;
  std::optional<std::string> actions_suppressor;
  std::optional<std::int64_t> actions_suppressor_wait_period;
  std::optional<std::int64_t> actions_suppressor_extension_period;
};
BOOST_DESCRIBE_STRUCT(cloudwatch_alarm_configuration, (),
                      (description, metrics, alarm_rule, actions_suppressor, actions_suppressor_wait_period,
                       actions_suppressor_extension_period))

struct cloudwatch_alarm_data {
  std::string alarm_name;
  cloudwatch_alarm_state state;
  cloudwatch_alarm_state previous_state;
  cloudwatch_alarm_configuration configuration;
};
BOOST_DESCRIBE_STRUCT(cloudwatch_alarm_data, (), (alarm_name, state, previous_state, configuration))

struct cloudwatch_alarm_event {
  std::string source;  // aws.cloudwatch
  std::string alarm_arn;
  std::string account_id;
  std::string time;
  std::string region;
  cloudwatch_alarm_data alarm_data;
};
BOOST_DESCRIBE_STRUCT(cloudwatch_alarm_event, (), (source, alarm_arn, account_id, time, region, alarm_data))

// ---- The alarm notification published to SNS (PascalCase) ----

struct cloudwatch_alarm_sns_dimension {
  std::string name;
  std::string value;
};
BOOST_DESCRIBE_STRUCT(cloudwatch_alarm_sns_dimension, (), (name, value))

struct cloudwatch_alarm_sns_metric {
  std::vector<cloudwatch_alarm_sns_dimension> dimensions;
  std::string metric_name;
  std::string namespace_;
};
BOOST_DESCRIBE_STRUCT(cloudwatch_alarm_sns_metric, (), (dimensions, metric_name, namespace_))
constexpr auto json_options(const cloudwatch_alarm_sns_metric*) {
  return json::object_options(json::naming::pascal_case, json::rename{"namespace_", "Namespace"});
}

struct cloudwatch_alarm_sns_metric_stat {
  cloudwatch_alarm_sns_metric metric;
  std::int64_t period = 0;
  std::string stat;
  std::optional<std::string> unit;
};
BOOST_DESCRIBE_STRUCT(cloudwatch_alarm_sns_metric_stat, (), (metric, period, stat, unit))
constexpr auto json_options(const cloudwatch_alarm_sns_metric_stat*) {
  return json::object_options(json::naming::pascal_case);
}

struct cloudwatch_alarm_sns_query {
  std::string id;
  std::optional<cloudwatch_alarm_sns_metric_stat> metric_stat;
  std::optional<std::string> expression;
  std::optional<std::string> label;
  bool return_data = false;
};
BOOST_DESCRIBE_STRUCT(cloudwatch_alarm_sns_query, (), (id, metric_stat, expression, label, return_data))
constexpr auto json_options(const cloudwatch_alarm_sns_query*) { return json::object_options(json::naming::pascal_case); }

struct cloudwatch_alarm_sns_trigger {
  std::optional<std::string> metric_name;
  std::optional<std::string> namespace_;
  std::optional<std::string> statistic_type;
  std::optional<std::string> statistic;
  std::optional<std::string> unit;
  std::vector<cloudwatch_alarm_sns_dimension> dimensions;
  std::int64_t period = 0;
  std::int64_t evaluation_periods = 0;
  std::string comparison_operator;
  double threshold = 0;
  std::optional<std::string> treat_missing_data;
  std::optional<std::string> evaluate_low_sample_count_percentile;
  std::vector<cloudwatch_alarm_sns_query> metrics;
};
BOOST_DESCRIBE_STRUCT(cloudwatch_alarm_sns_trigger, (),
                      (metric_name, namespace_, statistic_type, statistic, unit, dimensions, period,
                       evaluation_periods, comparison_operator, threshold, treat_missing_data,
                       evaluate_low_sample_count_percentile, metrics))
constexpr auto json_options(const cloudwatch_alarm_sns_trigger*) {
  return json::object_options(json::naming::pascal_case, json::rename{"namespace_", "Namespace"});
}

struct cloudwatch_alarm_sns_payload {
  std::string alarm_name;
  std::optional<std::string> alarm_description;
  std::string aws_account_id;
  std::string new_state_value;
  std::string new_state_reason;
  std::string state_change_time;
  std::string region;
  std::string alarm_arn;
  std::string old_state_value;
  cloudwatch_alarm_sns_trigger trigger;
};
BOOST_DESCRIBE_STRUCT(cloudwatch_alarm_sns_payload, (),
                      (alarm_name, alarm_description, aws_account_id, new_state_value, new_state_reason,
                       state_change_time, region, alarm_arn, old_state_value, trigger))
constexpr auto json_options(const cloudwatch_alarm_sns_payload*) {
  return json::object_options(json::naming::pascal_case, json::rename{"aws_account_id", "AWSAccountId"});
}

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_CLOUDWATCH_ALARMS_HPP_INCLUDED
