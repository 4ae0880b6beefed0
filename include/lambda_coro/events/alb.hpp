// Application Load Balancer target group events (single- and multi-value headers).
#ifndef LAMBDA_CORO_EVENTS_ALB_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_ALB_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/apigw.hpp>
#include <lambda_coro/events/naming.hpp>

#include <optional>
#include <string>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct elb_context {
  std::string target_group_arn;
};
BOOST_DESCRIBE_STRUCT(elb_context, (), (target_group_arn))

struct alb_request_context {
  elb_context elb;
};
BOOST_DESCRIBE_STRUCT(alb_request_context, (), (elb))

// With multi-value headers enabled on the target group, ALB fills the multi_value_* maps
// instead of the single-value ones; a response must use the same form.
struct alb_target_group_request {
  std::string http_method;
  std::string path;
  string_map query_string_parameters;  // values are still URL-encoded
  multi_string_map multi_value_query_string_parameters;
  string_map headers;
  multi_string_map multi_value_headers;
  alb_request_context request_context;
  bool is_base64_encoded = false;
  std::optional<std::string> body;
};
BOOST_DESCRIBE_STRUCT(alb_target_group_request, (),
                      (http_method, path, query_string_parameters, multi_value_query_string_parameters, headers,
                       multi_value_headers, request_context, is_base64_encoded, body))

struct alb_target_group_response {
  int status_code = 200;
  std::string status_description = "200 OK";
  string_map headers;
  multi_string_map multi_value_headers;
  std::string body;
  bool is_base64_encoded = false;
};
BOOST_DESCRIBE_STRUCT(alb_target_group_response, (),
                      (status_code, status_description, headers, multi_value_headers, body, is_base64_encoded))

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_ALB_HPP_INCLUDED
