// Amazon Bedrock agents calling a function for an action group: the request, and the
// response for an OpenAPI action group (apiPath) or a function-details one (function).
#ifndef LAMBDA_CORO_EVENTS_BEDROCK_AGENT_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_BEDROCK_AGENT_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct bedrock_agent {
  std::string name;
  std::string id;
  std::string alias;
  std::string version;
};
BOOST_DESCRIBE_STRUCT(bedrock_agent, (), (name, id, alias, version))

struct bedrock_agent_parameter {
  std::string name;
  std::string type;  // string, number, integer, boolean, array
  std::string value;
};
BOOST_DESCRIBE_STRUCT(bedrock_agent_parameter, (), (name, type, value))

struct bedrock_agent_media_properties {
  std::vector<bedrock_agent_parameter> properties;
};
BOOST_DESCRIBE_STRUCT(bedrock_agent_media_properties, (), (properties))

struct bedrock_agent_request_body {
  std::map<std::string, bedrock_agent_media_properties> content;  // by media type
};
BOOST_DESCRIBE_STRUCT(bedrock_agent_request_body, (), (content))

struct bedrock_agent_request {
  std::string message_version;
  bedrock_agent agent;
  std::string input_text;
  std::string session_id;
  std::string action_group;
  std::optional<std::string> api_path;     // OpenAPI action groups
  std::optional<std::string> http_method;  // OpenAPI action groups
  std::optional<std::string> function;     // function-details action groups
  std::vector<bedrock_agent_parameter> parameters;
  std::optional<bedrock_agent_request_body> request_body;
  std::map<std::string, std::string> session_attributes;
  std::map<std::string, std::string> prompt_session_attributes;
};
BOOST_DESCRIBE_STRUCT(bedrock_agent_request, (),
                      (message_version, agent, input_text, session_id, action_group, api_path, http_method, function,
                       parameters, request_body, session_attributes, prompt_session_attributes))

struct bedrock_agent_body {
  std::string body;  // for application/json, JSON text
};
BOOST_DESCRIBE_STRUCT(bedrock_agent_body, (), (body))

struct bedrock_agent_function_response {
  std::optional<std::string> response_state;  // FAILURE or REPROMPT; absent on success
  std::map<std::string, bedrock_agent_body> response_body;  // "TEXT"
};
BOOST_DESCRIBE_STRUCT(bedrock_agent_function_response, (), (response_state, response_body))

struct bedrock_agent_action_response {
  std::string action_group;
  std::optional<std::string> api_path;
  std::optional<std::string> http_method;
  std::optional<std::int64_t> http_status_code;
  std::optional<std::map<std::string, bedrock_agent_body>> response_body;  // by media type
  std::optional<std::string> function;
  std::optional<bedrock_agent_function_response> function_response;
};
BOOST_DESCRIBE_STRUCT(bedrock_agent_action_response, (),
                      (action_group, api_path, http_method, http_status_code, response_body, function,
                       function_response))

struct bedrock_agent_response {
  std::string message_version = "1.0";
  bedrock_agent_action_response response;
  std::optional<std::map<std::string, std::string>> session_attributes;
  std::optional<std::map<std::string, std::string>> prompt_session_attributes;
  std::optional<json::value> knowledge_bases_configuration;
};
BOOST_DESCRIBE_STRUCT(bedrock_agent_response, (),
                      (message_version, response, session_attributes, prompt_session_attributes,
                       knowledge_bases_configuration))

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_BEDROCK_AGENT_HPP_INCLUDED
