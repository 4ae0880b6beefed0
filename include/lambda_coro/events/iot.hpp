// AWS IoT: Core custom authorizers, fleet provisioning pre-provisioning hooks, IoT 1-Click
// and the IoT button.
#ifndef LAMBDA_CORO_EVENTS_IOT_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_IOT_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/iam.hpp>
#include <lambda_coro/events/naming.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct iot_tls_context {
  std::string server_name;  // SNI
};
BOOST_DESCRIBE_STRUCT(iot_tls_context, (), (server_name))

struct iot_http_context {
  std::map<std::string, std::string> headers;
  std::string query_string;
};
BOOST_DESCRIBE_STRUCT(iot_http_context, (), (headers, query_string))

struct iot_mqtt_context {
  std::optional<std::string> username;
  std::optional<std::string> password;  // base64
  std::string client_id;
};
BOOST_DESCRIBE_STRUCT(iot_mqtt_context, (), (username, password, client_id))

struct iot_protocol_data {
  std::optional<iot_tls_context> tls;
  std::optional<iot_http_context> http;
  std::optional<iot_mqtt_context> mqtt;
};
BOOST_DESCRIBE_STRUCT(iot_protocol_data, (), (tls, http, mqtt))

struct iot_connection_metadata {
  std::string id;
};
BOOST_DESCRIBE_STRUCT(iot_connection_metadata, (), (id))

struct iot_custom_authorizer_request {
  std::optional<std::string> token;
  bool signature_verified = false;
  std::vector<std::string> protocols;  // tls, http, mqtt
  iot_protocol_data protocol_data;
  iot_connection_metadata connection_metadata;
};
BOOST_DESCRIBE_STRUCT(iot_custom_authorizer_request, (),
                      (token, signature_verified, protocols, protocol_data, connection_metadata))

struct iot_custom_authorizer_response {
  bool is_authenticated = false;
  std::string principal_id;
  std::int64_t disconnect_after_in_seconds = 86400;
  std::int64_t refresh_after_in_seconds = 300;
  std::vector<iam_policy_document> policy_documents;
};
BOOST_DESCRIBE_STRUCT(iot_custom_authorizer_response, (),
                      (is_authenticated, principal_id, disconnect_after_in_seconds, refresh_after_in_seconds,
                       policy_documents))

struct iot_preprovision_hook_request {
  std::string claim_certificate_id;
  std::string certificate_id;
  std::string certificate_pem;
  std::string template_arn;
  std::string client_id;
  std::map<std::string, std::string> parameters;
};
BOOST_DESCRIBE_STRUCT(iot_preprovision_hook_request, (),
                      (claim_certificate_id, certificate_id, certificate_pem, template_arn, client_id, parameters))

struct iot_preprovision_hook_response {
  bool allow_provisioning = false;
  std::map<std::string, std::string> parameter_overrides;
};
BOOST_DESCRIBE_STRUCT(iot_preprovision_hook_response, (), (allow_provisioning, parameter_overrides))

struct iot_1click_button_clicked {
  std::string click_type;  // SINGLE, DOUBLE, LONG
  std::string reported_time;
};
BOOST_DESCRIBE_STRUCT(iot_1click_button_clicked, (), (click_type, reported_time))

struct iot_1click_device_event {
  iot_1click_button_clicked button_clicked;
};
BOOST_DESCRIBE_STRUCT(iot_1click_device_event, (), (button_clicked))

struct iot_1click_device_info {
  std::map<std::string, std::string> attributes;
  std::string type;
  std::string device_id;
  double remaining_life = 0;  // percent
};
BOOST_DESCRIBE_STRUCT(iot_1click_device_info, (), (attributes, type, device_id, remaining_life))

struct iot_1click_placement_info {
  std::string project_name;
  std::string placement_name;
  std::map<std::string, std::string> attributes;
  std::map<std::string, std::string> devices;
};
BOOST_DESCRIBE_STRUCT(iot_1click_placement_info, (), (project_name, placement_name, attributes, devices))

struct iot_1click_event {
  iot_1click_device_event device_event;
  iot_1click_device_info device_info;
  iot_1click_placement_info placement_info;
};
BOOST_DESCRIBE_STRUCT(iot_1click_event, (), (device_event, device_info, placement_info))

struct iot_button_event {
  std::string serial_number;
  std::string click_type;       // SINGLE, DOUBLE, LONG
  std::string battery_voltage;  // "2000 mV"
};
BOOST_DESCRIBE_STRUCT(iot_button_event, (), (serial_number, click_type, battery_voltage))

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_IOT_HPP_INCLUDED
