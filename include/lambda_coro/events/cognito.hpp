// Amazon Cognito user pool triggers. Every trigger shares one envelope and differs in its
// request and response: cognito_trigger<Request, Response>, with an alias per trigger.
#ifndef LAMBDA_CORO_EVENTS_COGNITO_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_COGNITO_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

using cognito_attributes = std::map<std::string, json::value>;  // strings, sometimes booleans
using cognito_metadata = std::map<std::string, std::string>;

struct cognito_caller_context {
  std::string aws_sdk_version;
  std::string client_id;
};
BOOST_DESCRIBE_STRUCT(cognito_caller_context, (), (aws_sdk_version, client_id))

struct cognito_trigger_envelope {
  std::string version;
  std::string trigger_source;  // e.g. PreSignUp_SignUp, TokenGeneration_Authentication
  std::string region;
  std::string user_pool_id;
  std::string user_name;
  cognito_caller_context caller_context;
};
BOOST_DESCRIBE_STRUCT(cognito_trigger_envelope, (), (version, trigger_source, region, user_pool_id, user_name, caller_context))

// The function returns the whole event with `response` filled in.
template <class Request, class Response>
struct cognito_trigger : cognito_trigger_envelope {
  Request request;
  Response response;
  BOOST_DESCRIBE_CLASS(cognito_trigger, (cognito_trigger_envelope), (request, response), (), ())
};

struct cognito_empty {};
BOOST_DESCRIBE_STRUCT(cognito_empty, (), ())

// Pre sign-up
struct pre_signup_request {
  cognito_attributes user_attributes;
  cognito_metadata validation_data;
  cognito_metadata client_metadata;
};
BOOST_DESCRIBE_STRUCT(pre_signup_request, (), (user_attributes, validation_data, client_metadata))
struct pre_signup_response {
  bool auto_confirm_user = false;
  bool auto_verify_email = false;
  bool auto_verify_phone = false;
};
BOOST_DESCRIBE_STRUCT(pre_signup_response, (), (auto_confirm_user, auto_verify_email, auto_verify_phone))
using cognito_pre_signup = cognito_trigger<pre_signup_request, pre_signup_response>;

// Post confirmation
struct post_confirmation_request {
  cognito_attributes user_attributes;
  cognito_metadata client_metadata;
};
BOOST_DESCRIBE_STRUCT(post_confirmation_request, (), (user_attributes, client_metadata))
using cognito_post_confirmation = cognito_trigger<post_confirmation_request, cognito_empty>;

// Pre authentication
struct pre_authentication_request {
  cognito_attributes user_attributes;
  cognito_metadata validation_data;
  bool user_not_found = false;
};
BOOST_DESCRIBE_STRUCT(pre_authentication_request, (), (user_attributes, validation_data, user_not_found))
using cognito_pre_authentication = cognito_trigger<pre_authentication_request, cognito_empty>;

// Post authentication
struct post_authentication_request {
  bool new_device_used = false;
  cognito_attributes user_attributes;
  cognito_metadata client_metadata;
};
BOOST_DESCRIBE_STRUCT(post_authentication_request, (), (new_device_used, user_attributes, client_metadata))
using cognito_post_authentication = cognito_trigger<post_authentication_request, cognito_empty>;

// Custom authentication challenges
struct cognito_challenge_result {
  std::string challenge_name;
  bool challenge_result = false;
  std::optional<std::string> challenge_metadata;
};
BOOST_DESCRIBE_STRUCT(cognito_challenge_result, (), (challenge_name, challenge_result, challenge_metadata))

struct define_auth_challenge_request {
  cognito_attributes user_attributes;
  std::vector<cognito_challenge_result> session;
  cognito_metadata client_metadata;
  bool user_not_found = false;
};
BOOST_DESCRIBE_STRUCT(define_auth_challenge_request, (), (user_attributes, session, client_metadata, user_not_found))
struct define_auth_challenge_response {  // members arrive null, for the function to set
  std::optional<std::string> challenge_name;
  std::optional<bool> issue_tokens;
  std::optional<bool> fail_authentication;
};
BOOST_DESCRIBE_STRUCT(define_auth_challenge_response, (), (challenge_name, issue_tokens, fail_authentication))
using cognito_define_auth_challenge = cognito_trigger<define_auth_challenge_request, define_auth_challenge_response>;

struct create_auth_challenge_request {
  cognito_attributes user_attributes;
  std::string challenge_name;
  std::vector<cognito_challenge_result> session;
  cognito_metadata client_metadata;
  bool user_not_found = false;
};
BOOST_DESCRIBE_STRUCT(create_auth_challenge_request, (), (user_attributes, challenge_name, session, client_metadata, user_not_found))
struct create_auth_challenge_response {
  std::map<std::string, std::string> public_challenge_parameters;
  std::map<std::string, std::string> private_challenge_parameters;
  std::optional<std::string> challenge_metadata;  // null on arrival
};
BOOST_DESCRIBE_STRUCT(create_auth_challenge_response, (), (public_challenge_parameters, private_challenge_parameters, challenge_metadata))
using cognito_create_auth_challenge = cognito_trigger<create_auth_challenge_request, create_auth_challenge_response>;

struct verify_auth_challenge_request {
  cognito_attributes user_attributes;
  std::map<std::string, std::string> private_challenge_parameters;
  json::value challenge_answer;  // usually a string
  cognito_metadata client_metadata;
  bool user_not_found = false;
};
BOOST_DESCRIBE_STRUCT(verify_auth_challenge_request, (),
                      (user_attributes, private_challenge_parameters, challenge_answer, client_metadata, user_not_found))
struct verify_auth_challenge_response {
  std::optional<bool> answer_correct;  // null until the function decides
};
BOOST_DESCRIBE_STRUCT(verify_auth_challenge_response, (), (answer_correct))
using cognito_verify_auth_challenge = cognito_trigger<verify_auth_challenge_request, verify_auth_challenge_response>;

// Custom message
struct custom_message_request {
  cognito_attributes user_attributes;
  std::optional<std::string> code_parameter;
  std::optional<std::string> link_parameter;      // verification links
  std::optional<std::string> username_parameter;  // null except for AdminCreateUser messages
  cognito_metadata client_metadata;
};
BOOST_DESCRIBE_STRUCT(custom_message_request, (),
                      (user_attributes, code_parameter, link_parameter, username_parameter, client_metadata))
struct custom_message_response {
  std::optional<std::string> sms_message;
  std::optional<std::string> email_message;
  std::optional<std::string> email_subject;
};
BOOST_DESCRIBE_STRUCT(custom_message_response, (), (sms_message, email_message, email_subject))
using cognito_custom_message = cognito_trigger<custom_message_request, custom_message_response>;

// Pre token generation, version 1 and version 2
struct cognito_group_configuration {
  std::vector<std::string> groups_to_override;
  std::vector<std::string> iam_roles_to_override;
  std::optional<std::string> preferred_role;
};
BOOST_DESCRIBE_STRUCT(cognito_group_configuration, (), (groups_to_override, iam_roles_to_override, preferred_role))

struct pre_token_generation_request {
  cognito_attributes user_attributes;
  cognito_group_configuration group_configuration;
  cognito_metadata client_metadata;
  std::vector<std::string> scopes;  // version 2
};
BOOST_DESCRIBE_STRUCT(pre_token_generation_request, (), (user_attributes, group_configuration, client_metadata, scopes))

struct cognito_claims_override_details {
  std::map<std::string, std::string> claims_to_add_or_override;
  std::vector<std::string> claims_to_suppress;
  std::optional<cognito_group_configuration> group_override_details;
};
BOOST_DESCRIBE_STRUCT(cognito_claims_override_details, (), (claims_to_add_or_override, claims_to_suppress, group_override_details))
struct pre_token_generation_response {
  std::optional<cognito_claims_override_details> claims_override_details;
};
BOOST_DESCRIBE_STRUCT(pre_token_generation_response, (), (claims_override_details))
using cognito_pre_token_generation = cognito_trigger<pre_token_generation_request, pre_token_generation_response>;

struct cognito_token_generation_v2 {
  std::map<std::string, json::value> claims_to_add_or_override;  // v2 claims may be any JSON
  std::vector<std::string> claims_to_suppress;
  std::vector<std::string> scopes_to_add;
  std::vector<std::string> scopes_to_suppress;
};
BOOST_DESCRIBE_STRUCT(cognito_token_generation_v2, (), (claims_to_add_or_override, claims_to_suppress, scopes_to_add, scopes_to_suppress))
struct cognito_claims_and_scope_override_details {
  std::optional<cognito_token_generation_v2> id_token_generation;
  std::optional<cognito_token_generation_v2> access_token_generation;
  std::optional<cognito_group_configuration> group_override_details;
};
BOOST_DESCRIBE_STRUCT(cognito_claims_and_scope_override_details, (), (id_token_generation, access_token_generation, group_override_details))
struct pre_token_generation_v2_response {
  std::optional<cognito_claims_and_scope_override_details> claims_and_scope_override_details;
};
BOOST_DESCRIBE_STRUCT(pre_token_generation_v2_response, (), (claims_and_scope_override_details))
using cognito_pre_token_generation_v2 = cognito_trigger<pre_token_generation_request, pre_token_generation_v2_response>;

// User migration
struct migrate_user_request {
  std::optional<std::string> user_name;
  std::optional<std::string> password;
  cognito_attributes user_attributes;
  cognito_metadata validation_data;
  cognito_metadata client_metadata;
};
BOOST_DESCRIBE_STRUCT(migrate_user_request, (), (user_name, password, user_attributes, validation_data, client_metadata))
struct migrate_user_response {
  std::map<std::string, std::string> user_attributes;
  std::optional<std::string> final_user_status;
  std::optional<std::string> message_action;
  std::vector<std::string> desired_delivery_mediums;
  std::optional<bool> force_alias_creation;  // null on arrival
};
BOOST_DESCRIBE_STRUCT(migrate_user_response, (),
                      (user_attributes, final_user_status, message_action, desired_delivery_mediums, force_alias_creation))
using cognito_migrate_user = cognito_trigger<migrate_user_request, migrate_user_response>;


// Inbound federation: attributes from an OIDC or SAML provider, mapped before sign-in.
struct inbound_federation_attributes {
  std::optional<std::map<std::string, std::string>> token_response;  // OIDC
  std::optional<std::map<std::string, json::value>> id_token;         // OIDC
  std::optional<std::map<std::string, json::value>> user_info;        // OIDC
  std::optional<std::map<std::string, json::value>> saml_response;    // SAML, by claim URI
};
BOOST_DESCRIBE_STRUCT(inbound_federation_attributes, (), (token_response, id_token, user_info, saml_response))
struct inbound_federation_request {
  std::string provider_name;
  std::string provider_type;  // OIDC, SAML, Facebook, Google, SignInWithApple, LoginWithAmazon
  inbound_federation_attributes attributes;
};
BOOST_DESCRIBE_STRUCT(inbound_federation_request, (), (provider_name, provider_type, attributes))
struct inbound_federation_response {
  std::map<std::string, std::string> user_attributes_to_map;
};
BOOST_DESCRIBE_STRUCT(inbound_federation_response, (), (user_attributes_to_map))
using cognito_inbound_federation = cognito_trigger<inbound_federation_request, inbound_federation_response>;

// Custom email and SMS senders: the code arrives encrypted with the pool's KMS key
// (base64); the function decrypts it and sends the message itself.
struct custom_sender_request {
  std::string type;  // customEmailSenderRequestV1 or customSMSSenderRequestV1
  std::optional<std::string> code;
  cognito_attributes user_attributes;
  std::optional<cognito_metadata> client_metadata;
};
BOOST_DESCRIBE_STRUCT(custom_sender_request, (), (type, code, user_attributes, client_metadata))
using cognito_custom_email_sender = cognito_trigger<custom_sender_request, cognito_empty>;
using cognito_custom_sms_sender = cognito_trigger<custom_sender_request, cognito_empty>;


// Cognito Sync triggers (the legacy dataset synchronization service).
struct cognito_sync_dataset_record {
  std::optional<std::string> new_value;
  std::optional<std::string> old_value;
  std::string op;  // replace or remove
};
BOOST_DESCRIBE_STRUCT(cognito_sync_dataset_record, (), (new_value, old_value, op))
struct cognito_sync_event {
  std::int64_t version = 0;
  std::string event_type;  // SyncTrigger
  std::string region;
  std::string identity_pool_id;
  std::string identity_id;
  std::string dataset_name;
  std::map<std::string, cognito_sync_dataset_record> dataset_records;
};
BOOST_DESCRIBE_STRUCT(cognito_sync_event, (),
                      (version, event_type, region, identity_pool_id, identity_id, dataset_name, dataset_records))

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_COGNITO_HPP_INCLUDED
