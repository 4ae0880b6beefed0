// Lambda function URL events: the HTTP API payload format 2.0 (routeKey is always "$default").
#ifndef LAMBDA_CORO_EVENTS_LAMBDA_URL_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_LAMBDA_URL_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/apigw.hpp>
#include <lambda_coro/events/naming.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct lambda_function_url_authorizer {
  std::optional<iam_authorizer> iam;
};
BOOST_DESCRIBE_STRUCT(lambda_function_url_authorizer, (), (iam))

struct lambda_function_url_request_context {
  std::string account_id;
  std::string request_id;
  std::optional<lambda_function_url_authorizer> authorizer;
  std::string api_id;  // the URL id
  std::string domain_name;
  std::string domain_prefix;
  std::string time;
  std::int64_t time_epoch = 0;
  http_description http;
  std::optional<std::string> route_key;
  std::optional<std::string> stage;
};
BOOST_DESCRIBE_STRUCT(lambda_function_url_request_context, (),
                      (account_id, request_id, authorizer, api_id, domain_name, domain_prefix, time, time_epoch, http,
                       route_key, stage))

struct lambda_function_url_request {
  std::string version;
  std::optional<std::string> route_key;
  std::string raw_path;
  std::string raw_query_string;
  std::vector<std::string> cookies;
  string_map headers;
  string_map query_string_parameters;
  lambda_function_url_request_context request_context;
  std::optional<std::string> body;
  bool is_base64_encoded = false;
};
BOOST_DESCRIBE_STRUCT(lambda_function_url_request, (),
                      (version, route_key, raw_path, raw_query_string, cookies, headers, query_string_parameters,
                       request_context, body, is_base64_encoded))

struct lambda_function_url_response {
  int status_code = 200;
  string_map headers;
  std::string body;
  bool is_base64_encoded = false;
  std::vector<std::string> cookies;
};
BOOST_DESCRIBE_STRUCT(lambda_function_url_response, (), (status_code, headers, body, is_base64_encoded, cookies))

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_LAMBDA_URL_HPP_INCLUDED
