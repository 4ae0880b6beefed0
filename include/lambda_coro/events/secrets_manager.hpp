// AWS Secrets Manager rotation events.
#ifndef LAMBDA_CORO_EVENTS_SECRETS_MANAGER_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_SECRETS_MANAGER_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <optional>
#include <string>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct secrets_manager_rotation_event {
  std::string step;  // createSecret, setSecret, testSecret, finishSecret
  std::string secret_id;
  std::string client_request_token;
  std::optional<std::string> rotation_token;
};
BOOST_DESCRIBE_STRUCT(secrets_manager_rotation_event, (), (step, secret_id, client_request_token, rotation_token))
constexpr auto json_options(const secrets_manager_rotation_event*) {
  return json::object_options(json::naming::pascal_case);
}

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_SECRETS_MANAGER_HPP_INCLUDED
