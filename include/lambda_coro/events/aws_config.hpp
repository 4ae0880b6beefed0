// AWS Config custom rule invocations. invokingEvent and ruleParameters arrive as JSON
// text: bind them with json::read once their shape is known.
#ifndef LAMBDA_CORO_EVENTS_AWS_CONFIG_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_AWS_CONFIG_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <optional>
#include <string>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct config_rule_event {
  std::string version;
  std::string invoking_event;   // JSON text
  std::optional<std::string> rule_parameters;  // JSON text
  std::string result_token;     // for PutEvaluations
  bool event_left_scope = false;
  std::string execution_role_arn;
  std::string config_rule_arn;
  std::string config_rule_name;
  std::string config_rule_id;
  std::string account_id;
  std::optional<std::string> evaluation_mode;  // DETECTIVE or PROACTIVE
};
BOOST_DESCRIBE_STRUCT(config_rule_event, (),
                      (version, invoking_event, rule_parameters, result_token, event_left_scope, execution_role_arn,
                       config_rule_arn, config_rule_name, config_rule_id, account_id, evaluation_mode))

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_AWS_CONFIG_HPP_INCLUDED
