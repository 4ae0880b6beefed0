// Amazon S3 Object Lambda access points: GetObject, HeadObject, ListObjects(V2) requests,
// and the fields of the WriteGetObjectResponse call that answers a GetObject.
#ifndef LAMBDA_CORO_EVENTS_S3_OBJECT_LAMBDA_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_S3_OBJECT_LAMBDA_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct s3_object_lambda_get_object_context {
  std::string input_s3_url;  // presigned: fetch the original object from here
  std::string output_route;
  std::string output_token;
};
BOOST_DESCRIBE_STRUCT(s3_object_lambda_get_object_context, (), (input_s3_url, output_route, output_token))

struct s3_object_lambda_input_context {
  std::string input_s3_url;
};
BOOST_DESCRIBE_STRUCT(s3_object_lambda_input_context, (), (input_s3_url))

struct s3_object_lambda_configuration {
  std::string access_point_arn;
  std::string supporting_access_point_arn;
  std::string payload;  // the access point's configured payload, as text
};
BOOST_DESCRIBE_STRUCT(s3_object_lambda_configuration, (), (access_point_arn, supporting_access_point_arn, payload))

struct s3_object_lambda_user_request {
  std::string url;
  std::map<std::string, std::string> headers;
};
BOOST_DESCRIBE_STRUCT(s3_object_lambda_user_request, (), (url, headers))

struct s3_object_lambda_session_issuer {
  std::string type;
  std::string principal_id;
  std::string arn;
  std::string account_id;
  std::string user_name;
};
BOOST_DESCRIBE_STRUCT(s3_object_lambda_session_issuer, (), (type, principal_id, arn, account_id, user_name))

struct s3_object_lambda_session_context {
  std::map<std::string, std::string> attributes;
  std::optional<s3_object_lambda_session_issuer> session_issuer;
};
BOOST_DESCRIBE_STRUCT(s3_object_lambda_session_context, (), (attributes, session_issuer))

struct s3_object_lambda_user_identity {
  std::string type;  // IAMUser, AssumedRole…
  std::string principal_id;
  std::string arn;
  std::string account_id;
  std::optional<std::string> access_key_id;
  std::optional<s3_object_lambda_session_context> session_context;
};
BOOST_DESCRIBE_STRUCT(s3_object_lambda_user_identity, (),
                      (type, principal_id, arn, account_id, access_key_id, session_context))

// Exactly one of the *_context members is present, naming the operation.
struct s3_object_lambda_event {
  std::string x_amz_request_id;
  std::optional<s3_object_lambda_get_object_context> get_object_context;
  std::optional<s3_object_lambda_input_context> head_object_context;
  std::optional<s3_object_lambda_input_context> list_objects_context;
  std::optional<s3_object_lambda_input_context> list_objects_v2_context;
  s3_object_lambda_configuration configuration;
  s3_object_lambda_user_request user_request;
  s3_object_lambda_user_identity user_identity;
  std::string protocol_version;
};
BOOST_DESCRIBE_STRUCT(s3_object_lambda_event, (),
                      (x_amz_request_id, get_object_context, head_object_context, list_objects_context,
                       list_objects_v2_context, configuration, user_request, user_identity, protocol_version))

// The request parameters of WriteGetObjectResponse (POST to
// https://{request_route}.s3-object-lambda.{region}.amazonaws.com/WriteGetObjectResponse,
// SigV4-signed for s3-object-lambda); http_headers() gives them as S3 expects them.
struct s3_write_get_object_response {
  std::string request_route;  // get_object_context.output_route
  std::string request_token;  // get_object_context.output_token
  std::int64_t status_code = 200;
  std::optional<std::string> error_code;
  std::optional<std::string> error_message;
  std::optional<std::string> content_type;
  std::optional<std::string> content_encoding;
  std::optional<std::string> cache_control;
  std::optional<std::string> e_tag;
  std::map<std::string, std::string> metadata;  // x-amz-meta-*

  static s3_write_get_object_response for_request(const s3_object_lambda_get_object_context& context) {
    s3_write_get_object_response r;
    r.request_route = context.output_route;
    r.request_token = context.output_token;
    return r;
  }

  std::vector<std::pair<std::string, std::string>> http_headers() const {
    std::vector<std::pair<std::string, std::string>> h{{"x-amz-request-route", request_route},
                                                       {"x-amz-request-token", request_token},
                                                       {"x-amz-fwd-status", std::to_string(status_code)}};
    auto put = [&h](const char* name, const std::optional<std::string>& v) {
      if (v) h.emplace_back(name, *v);
    };
    put("x-amz-fwd-error-code", error_code);
    put("x-amz-fwd-error-message", error_message);
    put("x-amz-fwd-header-Content-Type", content_type);
    put("x-amz-fwd-header-Content-Encoding", content_encoding);
    put("x-amz-fwd-header-Cache-Control", cache_control);
    put("x-amz-fwd-header-ETag", e_tag);
    for (const auto& [key, value] : metadata) h.emplace_back("x-amz-meta-" + key, value);
    return h;
  }
};

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_S3_OBJECT_LAMBDA_HPP_INCLUDED
