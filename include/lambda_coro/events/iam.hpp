// IAM policy documents, as every authorizer (API Gateway, IoT, AppSync's IAM) returns them.
#ifndef LAMBDA_CORO_EVENTS_IAM_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_IAM_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

// IAM's policy grammar allows one string or an array of strings for Action and Resource;
// each keeps the form it arrived in (or was given).
using string_or_list = std::variant<std::string, std::vector<std::string>>;

// The strings of a string_or_list, one or many.
inline std::vector<std::string> as_list(const string_or_list& v) {
  if (const auto* one = std::get_if<std::string>(&v)) return {*one};
  return std::get<std::vector<std::string>>(v);
}

struct iam_policy_statement {
  string_or_list action;
  std::string effect;  // Allow or Deny
  string_or_list resource;
  std::optional<std::map<std::string, json::value>> condition;
};
BOOST_DESCRIBE_STRUCT(iam_policy_statement, (), (action, effect, resource, condition))
constexpr auto json_options(const iam_policy_statement*) { return json::object_options(json::naming::pascal_case); }

struct iam_policy_document {
  std::string version = "2012-10-17";
  std::vector<iam_policy_statement> statement;

  // Appends a statement; chains: iam_policy_document{}.allow("execute-api:Invoke", arn).
  iam_policy_document& allow(string_or_list action, string_or_list resource) {
    statement.push_back({std::move(action), "Allow", std::move(resource), std::nullopt});
    return *this;
  }
  iam_policy_document& deny(string_or_list action, string_or_list resource) {
    statement.push_back({std::move(action), "Deny", std::move(resource), std::nullopt});
    return *this;
  }
};
BOOST_DESCRIBE_STRUCT(iam_policy_document, (), (version, statement))
constexpr auto json_options(const iam_policy_document*) { return json::object_options(json::naming::pascal_case); }

// The ARN that covers every method and path of the API stage `method_arn` belongs to
// (arn:aws:execute-api:region:account:api/stage/GET/pets -> …:api/stage/*/*), so that a
// cached authorizer result grants the whole API rather than the first route asked for.
// An ARN without a stage is returned unchanged.
inline std::string execute_api_stage_arn(std::string_view method_arn) {
  std::size_t resource = 0;  // after arn:partition:service:region:account: (paths may hold ':')
  for (int colons = 0; colons < 5; ++colons) {
    resource = method_arn.find(':', resource);
    if (resource == std::string_view::npos) return std::string(method_arn);
    ++resource;
  }
  const auto api_end = method_arn.find('/', resource);
  if (api_end == std::string_view::npos) return std::string(method_arn);
  const auto stage_end = method_arn.find('/', api_end + 1);
  std::string arn(method_arn.substr(0, stage_end));
  arn += "/*/*";
  return arn;
}

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_IAM_HPP_INCLUDED
