// AWS CloudFormation custom resources: the request Lambda gets, and the response the
// function must PUT to request.response_url (a presigned S3 URL; the runtime does not send it).
#ifndef LAMBDA_CORO_EVENTS_CLOUDFORMATION_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_CLOUDFORMATION_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>

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

  // The body to PUT (json::write it, no Content-Type) to request.response_url. The
  // physical id defaults to the request's own (Update, Delete: a new one would replace the
  // resource) or, on Create, to the request id.
  static cloudformation_custom_resource_response success(const cloudformation_custom_resource_request& request,
                                                         std::string physical_resource_id = {}) {
    return reply(request, "SUCCESS", std::nullopt, std::move(physical_resource_id));
  }
  // `reason` is what the stack events show.
  static cloudformation_custom_resource_response failed(const cloudformation_custom_resource_request& request,
                                                        std::string reason, std::string physical_resource_id = {}) {
    return reply(request, "FAILED", std::move(reason), std::move(physical_resource_id));
  }

private:
  static cloudformation_custom_resource_response reply(const cloudformation_custom_resource_request& request,
                                                       const char* status, std::optional<std::string> reason,
                                                       std::string physical_resource_id) {
    cloudformation_custom_resource_response r;
    r.status = status;
    r.reason = std::move(reason);
    r.physical_resource_id = !physical_resource_id.empty() ? std::move(physical_resource_id)
                             : request.physical_resource_id ? *request.physical_resource_id
                                                            : request.request_id;
    r.stack_id = request.stack_id;
    r.request_id = request.request_id;
    r.logical_resource_id = request.logical_resource_id;
    return r;
  }
};
BOOST_DESCRIBE_STRUCT(cloudformation_custom_resource_response, (),
                      (status, reason, physical_resource_id, stack_id, request_id, logical_resource_id, no_echo, data))
constexpr auto json_options(const cloudformation_custom_resource_response*) {
  return json::object_options(json::naming::pascal_case);
}

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_CLOUDFORMATION_HPP_INCLUDED
