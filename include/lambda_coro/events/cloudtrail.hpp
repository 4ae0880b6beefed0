// AWS API calls and console sign-ins recorded by CloudTrail, as EventBridge delivers them
// (detail-type "AWS API Call via CloudTrail", "AWS Console Sign In via CloudTrail").
#ifndef LAMBDA_CORO_EVENTS_CLOUDTRAIL_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_CLOUDTRAIL_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/eventbridge.hpp>
#include <lambda_coro/events/naming.hpp>

#include <boost/describe/class.hpp>

#include <map>
#include <optional>
#include <string>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct cloudtrail_session_issuer {
  std::string type;  // Role, IAMUser…
  std::optional<std::string> user_name;
  std::string principal_id;
  std::string arn;
  std::string account_id;
};
BOOST_DESCRIBE_STRUCT(cloudtrail_session_issuer, (), (type, user_name, principal_id, arn, account_id))

struct cloudtrail_web_id_federation_data {
  std::optional<std::string> federated_provider;
  json::value attributes;
};
BOOST_DESCRIBE_STRUCT(cloudtrail_web_id_federation_data, (), (federated_provider, attributes))

struct cloudtrail_session_attributes {
  std::string mfa_authenticated;  // "true" or "false"
  std::string creation_date;
};
BOOST_DESCRIBE_STRUCT(cloudtrail_session_attributes, (), (mfa_authenticated, creation_date))

struct cloudtrail_session_context {
  std::optional<cloudtrail_session_issuer> session_issuer;
  std::optional<cloudtrail_web_id_federation_data> web_id_federation_data;
  cloudtrail_session_attributes attributes;
  std::optional<std::string> source_identity;
  std::optional<std::string> ec2_role_delivery;
};
BOOST_DESCRIBE_STRUCT(cloudtrail_session_context, (),
                      (session_issuer, web_id_federation_data, attributes, source_identity, ec2_role_delivery))

struct cloudtrail_on_behalf_of {
  std::string user_id;
  std::string identity_store_arn;
};
BOOST_DESCRIBE_STRUCT(cloudtrail_on_behalf_of, (), (user_id, identity_store_arn))

struct cloudtrail_user_identity {
  std::string type;  // Root, IAMUser, AssumedRole, FederatedUser, AWSService…
  std::optional<std::string> principal_id;
  std::optional<std::string> arn;
  std::optional<std::string> account_id;
  std::optional<std::string> access_key_id;
  std::optional<std::string> user_name;
  std::optional<std::string> credential_id;
  std::optional<std::string> invoked_by;
  std::optional<cloudtrail_session_context> session_context;
  std::optional<cloudtrail_on_behalf_of> on_behalf_of;
};
BOOST_DESCRIBE_STRUCT(cloudtrail_user_identity, (),
                      (type, principal_id, arn, account_id, access_key_id, user_name, credential_id, invoked_by,
                       session_context, on_behalf_of))

// One recorded call. Request and Response default to json::value; name described structs
// to bind the parameters of the API you listen to.
template <class Request = json::value, class Response = json::value>
struct cloudtrail_api_call {
  std::string event_version;
  cloudtrail_user_identity user_identity;
  std::string event_time;
  std::string event_source;  // s3.amazonaws.com
  std::string event_name;    // PutObject
  std::string aws_region;
  std::string source_ip_address;
  std::string user_agent;
  std::optional<Request> request_parameters;
  std::optional<Response> response_elements;
  json::value additional_event_data;
  std::optional<std::string> request_id;
  std::string event_id;
  std::string event_type;  // AwsApiCall, AwsConsoleSignIn
  std::optional<bool> read_only;
  std::optional<std::string> recipient_account_id;
  std::optional<std::string> event_category;
  std::optional<std::string> error_code;
  std::optional<std::string> error_message;
  BOOST_DESCRIBE_CLASS(cloudtrail_api_call, (),
                       (event_version, user_identity, event_time, event_source, event_name, aws_region,
                        source_ip_address, user_agent, request_parameters, response_elements, additional_event_data,
                        request_id, event_id, event_type, read_only, recipient_account_id, event_category, error_code,
                        error_message),
                       (), ())
};
template <class Request, class Response>
constexpr auto json_options(const cloudtrail_api_call<Request, Response>*) {
  return json::object_options(json::naming::camel_case, json::rename{"source_ip_address", "sourceIPAddress"},
                              json::rename{"request_id", "requestID"}, json::rename{"event_id", "eventID"});
}

using cloudtrail_event = eventbridge_event<cloudtrail_api_call<>>;

// A console sign-in: responseElements {"ConsoleLogin": "Success"}, additionalEventData
// {"LoginTo", "MobileVersion", "MFAUsed"}.
using console_sign_in_event = eventbridge_event<cloudtrail_api_call<json::value, std::map<std::string, std::string>>>;

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_CLOUDTRAIL_HPP_INCLUDED
