// AWS CloudFormation custom resources: the request Lambda gets, and the response the
// function must PUT to request.response_url (a presigned S3 URL; the runtime does not send it).
#ifndef LAMBDA_CORO_EVENTS_CLOUDFORMATION_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_CLOUDFORMATION_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <map>
#include <optional>
#include <string>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct cloudformation_custom_resource_request {
  std::string request_type;  // Create, Update, Delete
  std::string response_url;
  std::string stack_id;
  std::string request_id;
  std::string resource_type;
  std::string logical_resource_id;
  std::optional<std::string> physical_resource_id;  // Update and Delete
  std::optional<std::string> service_token;
  std::map<std::string, json::value> resource_properties;
  std::map<std::string, json::value> old_resource_properties;  // Update
};
BOOST_DESCRIBE_STRUCT(cloudformation_custom_resource_request, (),
                      (request_type, response_url, stack_id, request_id, resource_type, logical_resource_id,
                       physical_resource_id, service_token, resource_properties, old_resource_properties))
constexpr auto json_options(const cloudformation_custom_resource_request*) {
  return json::object_options(json::naming::pascal_case, json::rename{"response_url", "ResponseURL"});
}

struct cloudformation_custom_resource_response {
  std::string status;  // SUCCESS or FAILED
  std::optional<std::string> reason;
  std::string physical_resource_id;
  std::string stack_id;
  std::string request_id;
  std::string logical_resource_id;
  bool no_echo = false;
  std::map<std::string, json::value> data;
};
BOOST_DESCRIBE_STRUCT(cloudformation_custom_resource_response, (),
                      (status, reason, physical_resource_id, stack_id, request_id, logical_resource_id, no_echo, data))
constexpr auto json_options(const cloudformation_custom_resource_response*) {
  return json::object_options(json::naming::pascal_case);
}

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_CLOUDFORMATION_HPP_INCLUDED
