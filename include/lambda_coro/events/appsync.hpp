// AWS AppSync: direct Lambda resolvers (one call or a batch) and Lambda authorizers.
#ifndef LAMBDA_CORO_EVENTS_APPSYNC_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_APPSYNC_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

// The caller, whichever authorization mode admitted it: Cognito user pools and OIDC fill
// sub/issuer/claims, IAM fills the account and Cognito identity fields, a Lambda
// authorizer fills resolverContext.
struct appsync_identity {
  std::optional<std::string> sub;
  std::optional<std::string> issuer;
  std::optional<std::string> username;
  json::value claims;
  std::vector<std::string> source_ip;
  std::optional<std::string> default_auth_strategy;
  std::vector<std::string> groups;
  std::optional<std::string> account_id;
  std::optional<std::string> cognito_identity_pool_id;
  std::optional<std::string> cognito_identity_id;
  std::optional<std::string> cognito_identity_auth_type;
  std::optional<std::string> cognito_identity_auth_provider;
  std::optional<std::string> user_arn;
  json::value resolver_context;
};
BOOST_DESCRIBE_STRUCT(appsync_identity, (),
                      (sub, issuer, username, claims, source_ip, default_auth_strategy, groups, account_id,
                       cognito_identity_pool_id, cognito_identity_id, cognito_identity_auth_type,
                       cognito_identity_auth_provider, user_arn, resolver_context))

struct appsync_request_info {
  std::map<std::string, std::string> headers;
  std::optional<std::string> domain_name;
};
BOOST_DESCRIBE_STRUCT(appsync_request_info, (), (headers, domain_name))

struct appsync_resolver_info {
  std::vector<std::string> selection_set_list;
  std::string selection_set_graph_ql;
  std::string parent_type_name;
  std::string field_name;
  json::value variables;
};
BOOST_DESCRIBE_STRUCT(appsync_resolver_info, (),
                      (selection_set_list, selection_set_graph_ql, parent_type_name, field_name, variables))
constexpr auto json_options(const appsync_resolver_info*) {
  return json::object_options(json::naming::camel_case, json::rename{"selection_set_graph_ql", "selectionSetGraphQL"});
}

struct appsync_previous_result {
  json::value result;
};
BOOST_DESCRIBE_STRUCT(appsync_previous_result, (), (result))

// A direct Lambda resolver's request. Arguments and Source default to json::value; give
// your own described structs to bind them. A batched resolver receives a JSON array of
// these: std::vector<appsync_resolver_request<…>>.
template <class Arguments = json::value, class Source = json::value>
struct appsync_resolver_request {
  Arguments arguments{};
  std::optional<appsync_identity> identity;
  std::optional<Source> source;
  std::optional<appsync_request_info> request;
  std::optional<appsync_previous_result> prev;
  appsync_resolver_info info;
  json::value stash;
  BOOST_DESCRIBE_CLASS(appsync_resolver_request, (), (arguments, identity, source, request, prev, info, stash), (),
                       ())
};

// One result of a batched resolver: data, or an error AppSync reports for that item.
struct appsync_resolver_result {
  json::value data;
  std::optional<std::string> error_message;
  std::optional<std::string> error_type;
};
BOOST_DESCRIBE_STRUCT(appsync_resolver_result, (), (data, error_message, error_type))

struct appsync_authorizer_request_context {
  std::string api_id;
  std::string account_id;
  std::string request_id;
  std::string query_string;
  std::optional<std::string> operation_name;
  json::value variables;
};
BOOST_DESCRIBE_STRUCT(appsync_authorizer_request_context, (),
                      (api_id, account_id, request_id, query_string, operation_name, variables))

struct appsync_authorizer_request {
  std::string authorization_token;
  appsync_authorizer_request_context request_context;
  std::map<std::string, std::string> request_headers;
};
BOOST_DESCRIBE_STRUCT(appsync_authorizer_request, (), (authorization_token, request_context, request_headers))

struct appsync_authorizer_response {
  bool is_authorized = false;
  std::map<std::string, json::value> resolver_context;  // reaches resolvers as $ctx.identity.resolverContext
  std::vector<std::string> denied_fields;
  std::optional<std::int64_t> ttl_override;  // seconds
};
BOOST_DESCRIBE_STRUCT(appsync_authorizer_response, (), (is_authorized, resolver_context, denied_fields, ttl_override))

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_APPSYNC_HPP_INCLUDED
