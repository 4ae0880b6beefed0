// API Gateway events: REST API (v1) and HTTP API (v2) proxy requests and responses,
// WebSocket requests, and custom (Lambda) authorizers.
#ifndef LAMBDA_CORO_EVENTS_APIGW_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_APIGW_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/iam.hpp>
#include <lambda_coro/events/naming.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

using string_map = std::map<std::string, std::string>;
using multi_string_map = std::map<std::string, std::vector<std::string>>;

// A client certificate presented with mutual TLS.
struct client_cert_validity {
  std::string not_before;
  std::string not_after;
};
BOOST_DESCRIBE_STRUCT(client_cert_validity, (), (not_before, not_after))

struct client_certificate {
  std::string client_cert_pem;
  std::string subject_dn;
  std::string issuer_dn;
  std::string serial_number;
  client_cert_validity validity;
};
BOOST_DESCRIBE_STRUCT(client_certificate, (), (client_cert_pem, subject_dn, issuer_dn, serial_number, validity))
constexpr auto json_options(const client_certificate*) {
  return json::object_options(json::naming::camel_case, json::rename{"subject_dn", "subjectDN"},
                              json::rename{"issuer_dn", "issuerDN"});
}

// The request line of HTTP API (payload format 2.0) and function URL events.
struct http_description {
  std::string method;
  std::string path;
  std::string protocol;
  std::string source_ip;
  std::string user_agent;
};
BOOST_DESCRIBE_STRUCT(http_description, (), (method, path, protocol, source_ip, user_agent))

// ---- REST API (payload format 1.0) ----

struct apigw_request_identity {
  std::optional<std::string> cognito_identity_pool_id;
  std::optional<std::string> account_id;
  std::optional<std::string> cognito_identity_id;
  std::optional<std::string> caller;
  std::optional<std::string> api_key;
  std::optional<std::string> api_key_id;
  std::optional<std::string> access_key;
  std::string source_ip;
  std::optional<std::string> cognito_authentication_type;
  std::optional<std::string> cognito_authentication_provider;
  std::optional<std::string> user_arn;
  std::optional<std::string> user_agent;
  std::optional<std::string> user;
  std::optional<client_certificate> client_cert;
};
BOOST_DESCRIBE_STRUCT(apigw_request_identity, (),
                      (cognito_identity_pool_id, account_id, cognito_identity_id, caller, api_key, api_key_id,
                       access_key, source_ip, cognito_authentication_type, cognito_authentication_provider, user_arn,
                       user_agent, user, client_cert))

struct apigw_request_context {
  std::string account_id;
  std::optional<std::string> resource_id;  // null in console tests and WebSocket authorizers
  std::optional<std::string> operation_name;
  std::string stage;
  std::optional<std::string> domain_name;
  std::optional<std::string> domain_prefix;
  std::string request_id;
  std::optional<std::string> extended_request_id;
  std::optional<std::string> protocol;
  apigw_request_identity identity;
  std::string resource_path;
  std::optional<std::string> path;
  // The authorizer's context: principalId, claims, and whatever a Lambda authorizer returned.
  std::map<std::string, json::value> authorizer;
  std::string http_method;
  std::optional<std::string> request_time;
  std::int64_t request_time_epoch = 0;
  std::string api_id;
  // Authorizers of HTTP APIs (payload format 1.0) also get the 2.0 fields.
  std::optional<http_description> http;
  std::optional<std::string> route_key;
  std::optional<std::string> time;
  std::optional<std::int64_t> time_epoch;
  // WebSocket APIs' $connect authorizers get the connection.
  std::optional<std::int64_t> connected_at;
  std::optional<std::string> connection_id;
  std::optional<std::string> event_type;
  std::optional<std::string> message_direction;
};
BOOST_DESCRIBE_STRUCT(apigw_request_context, (),
                      (account_id, resource_id, operation_name, stage, domain_name, domain_prefix, request_id,
                       extended_request_id, protocol, identity, resource_path, path, authorizer, http_method,
                       request_time, request_time_epoch, api_id, http, route_key, time, time_epoch, connected_at,
                       connection_id, event_type, message_direction))

struct apigw_proxy_request {
  std::string resource;
  std::string path;
  std::string http_method;
  string_map headers;
  multi_string_map multi_value_headers;
  string_map query_string_parameters;
  multi_string_map multi_value_query_string_parameters;
  string_map path_parameters;
  string_map stage_variables;
  apigw_request_context request_context;
  std::optional<std::string> body;
  bool is_base64_encoded = false;
};
BOOST_DESCRIBE_STRUCT(apigw_proxy_request, (),
                      (resource, path, http_method, headers, multi_value_headers, query_string_parameters,
                       multi_value_query_string_parameters, path_parameters, stage_variables, request_context, body,
                       is_base64_encoded))

struct apigw_proxy_response {
  int status_code = 200;
  string_map headers;
  multi_string_map multi_value_headers;
  std::string body;
  bool is_base64_encoded = false;
};
BOOST_DESCRIBE_STRUCT(apigw_proxy_response, (), (status_code, headers, multi_value_headers, body, is_base64_encoded))

// ---- WebSocket API ----

struct apigw_websocket_request_context {
  std::optional<std::string> account_id;
  std::optional<std::string> resource_id;
  std::string stage;
  std::string request_id;
  apigw_request_identity identity;
  std::optional<std::string> resource_path;
  std::map<std::string, json::value> authorizer;
  std::optional<std::string> http_method;
  std::string api_id;
  std::int64_t connected_at = 0;
  std::string connection_id;
  std::string domain_name;
  std::optional<std::string> error;
  std::string event_type;  // CONNECT, MESSAGE, DISCONNECT
  std::string extended_request_id;
  std::optional<std::string> integration_latency;
  std::string message_direction;
  std::optional<std::string> message_id;
  std::string request_time;
  std::int64_t request_time_epoch = 0;
  std::string route_key;
  std::optional<std::string> status;
  std::optional<std::int64_t> disconnect_status_code;
  std::optional<std::string> disconnect_reason;
};
BOOST_DESCRIBE_STRUCT(apigw_websocket_request_context, (),
                      (account_id, resource_id, stage, request_id, identity, resource_path, authorizer, http_method,
                       api_id, connected_at, connection_id, domain_name, error, event_type, extended_request_id,
                       integration_latency, message_direction, message_id, request_time, request_time_epoch,
                       route_key, status, disconnect_status_code, disconnect_reason))

struct apigw_websocket_request {
  std::optional<std::string> resource;
  std::optional<std::string> path;
  std::optional<std::string> http_method;
  string_map headers;
  multi_string_map multi_value_headers;
  string_map query_string_parameters;
  multi_string_map multi_value_query_string_parameters;
  string_map path_parameters;
  string_map stage_variables;
  apigw_websocket_request_context request_context;
  std::optional<std::string> body;
  bool is_base64_encoded = false;
};
BOOST_DESCRIBE_STRUCT(apigw_websocket_request, (),
                      (resource, path, http_method, headers, multi_value_headers, query_string_parameters,
                       multi_value_query_string_parameters, path_parameters, stage_variables, request_context, body,
                       is_base64_encoded))

// ---- HTTP API (payload format 2.0) ----

struct http_authentication {
  std::optional<client_certificate> client_cert;
};
BOOST_DESCRIBE_STRUCT(http_authentication, (), (client_cert))

struct jwt_authorizer {
  std::map<std::string, json::value> claims;  // strings, or arrays for multi-valued claims
  std::vector<std::string> scopes;
};
BOOST_DESCRIBE_STRUCT(jwt_authorizer, (), (claims, scopes))

struct cognito_identity_description {
  std::vector<std::string> amr;
  std::string identity_id;
  std::string identity_pool_id;
};
BOOST_DESCRIBE_STRUCT(cognito_identity_description, (), (amr, identity_id, identity_pool_id))

struct iam_authorizer {
  std::string access_key;
  std::string account_id;
  std::string caller_id;
  std::optional<cognito_identity_description> cognito_identity;
  std::optional<std::string> principal_org_id;
  std::string user_arn;
  std::string user_id;
};
BOOST_DESCRIBE_STRUCT(iam_authorizer, (),
                      (access_key, account_id, caller_id, cognito_identity, principal_org_id, user_arn, user_id))

struct http_authorizer {
  std::optional<jwt_authorizer> jwt;
  std::optional<iam_authorizer> iam;
  std::map<std::string, json::value> lambda;  // a Lambda authorizer's context
};
BOOST_DESCRIBE_STRUCT(http_authorizer, (), (jwt, iam, lambda))

struct http_request_context {
  std::string route_key;
  std::string account_id;
  std::string stage;
  std::string request_id;
  std::optional<http_authorizer> authorizer;
  std::string api_id;
  std::optional<http_authentication> authentication;
  std::string domain_name;
  std::string domain_prefix;
  std::string time;
  std::int64_t time_epoch = 0;
  http_description http;
};
BOOST_DESCRIBE_STRUCT(http_request_context, (),
                      (route_key, account_id, stage, request_id, authorizer, api_id, authentication, domain_name,
                       domain_prefix, time, time_epoch, http))

struct http_api_request {
  std::string version;
  std::string route_key;
  std::string raw_path;
  std::string raw_query_string;
  std::vector<std::string> cookies;
  string_map headers;  // repeated headers arrive joined with commas
  string_map query_string_parameters;
  string_map path_parameters;
  string_map stage_variables;
  http_request_context request_context;
  std::optional<std::string> body;
  bool is_base64_encoded = false;
};
BOOST_DESCRIBE_STRUCT(http_api_request, (),
                      (version, route_key, raw_path, raw_query_string, cookies, headers, query_string_parameters,
                       path_parameters, stage_variables, request_context, body, is_base64_encoded))

struct http_api_response {
  int status_code = 200;
  string_map headers;
  multi_string_map multi_value_headers;
  std::string body;
  bool is_base64_encoded = false;
  std::vector<std::string> cookies;
};
BOOST_DESCRIBE_STRUCT(http_api_response, (), (status_code, headers, multi_value_headers, body, is_base64_encoded, cookies))

// ---- Custom authorizers ----

// REST API TOKEN and REQUEST authorizers, and HTTP API authorizers with payload format 1.0.
struct apigw_custom_authorizer_request {
  std::optional<std::string> version;
  std::string type;  // TOKEN or REQUEST
  std::string method_arn;
  std::optional<std::string> authorization_token;  // TOKEN
  std::optional<std::string> identity_source;
  std::optional<std::string> resource;
  std::optional<std::string> path;
  std::optional<std::string> http_method;
  string_map headers;
  multi_string_map multi_value_headers;
  string_map query_string_parameters;
  multi_string_map multi_value_query_string_parameters;
  string_map path_parameters;
  string_map stage_variables;
  std::optional<apigw_request_context> request_context;
};
BOOST_DESCRIBE_STRUCT(apigw_custom_authorizer_request, (),
                      (version, type, method_arn, authorization_token, identity_source, resource, path, http_method,
                       headers, multi_value_headers, query_string_parameters, multi_value_query_string_parameters,
                       path_parameters, stage_variables, request_context))

// HTTP API authorizers with payload format 2.0.
struct http_api_authorizer_request {
  std::string version;
  std::string type;
  std::string route_arn;
  std::vector<std::string> identity_source;
  std::string route_key;
  std::string raw_path;
  std::string raw_query_string;
  std::vector<std::string> cookies;
  string_map headers;
  string_map query_string_parameters;
  http_request_context request_context;
  string_map path_parameters;
  string_map stage_variables;
};
BOOST_DESCRIBE_STRUCT(http_api_authorizer_request, (),
                      (version, type, route_arn, identity_source, route_key, raw_path, raw_query_string, cookies,
                       headers, query_string_parameters, request_context, path_parameters, stage_variables))

// HTTP API "simple response" for authorizers with payload format 2.0.
struct http_api_authorizer_simple_response {
  bool is_authorized = false;
  std::map<std::string, json::value> context;
};
BOOST_DESCRIBE_STRUCT(http_api_authorizer_simple_response, (), (is_authorized, context))

struct apigw_custom_authorizer_response {
  std::string principal_id;
  iam_policy_document policy_document;
  std::map<std::string, json::value> context;
  std::optional<std::string> usage_identifier_key;
};
BOOST_DESCRIBE_STRUCT(apigw_custom_authorizer_response, (),
                      (principal_id, policy_document, context, usage_identifier_key))

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_APIGW_HPP_INCLUDED
