// AWS Client VPN connection handlers (kebab-case members).
#ifndef LAMBDA_CORO_EVENTS_CLIENT_VPN_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_CLIENT_VPN_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct client_vpn_connection_handler_request {
  std::string connection_id;
  std::string endpoint_id;
  std::string common_name;
  std::string username;
  std::string platform;
  std::string platform_version;
  std::string public_ip;
  std::string client_openvpn_version;
  std::string schema_version;  // v1
};
BOOST_DESCRIBE_STRUCT(client_vpn_connection_handler_request, (),
                      (connection_id, endpoint_id, common_name, username, platform, platform_version, public_ip,
                       client_openvpn_version, schema_version))
constexpr auto json_options(const client_vpn_connection_handler_request*) {
  return json::object_options(json::naming::kebab_case);
}

struct client_vpn_connection_handler_response {
  bool allow = false;
  std::string error_msg_on_failed_posture_compliance;
  std::vector<std::string> posture_compliance_statuses;
  std::string schema_version = "v1";
};
BOOST_DESCRIBE_STRUCT(client_vpn_connection_handler_response, (),
                      (allow, error_msg_on_failed_posture_compliance, posture_compliance_statuses, schema_version))
constexpr auto json_options(const client_vpn_connection_handler_response*) {
  return json::object_options(json::naming::kebab_case);
}

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_CLIENT_VPN_HPP_INCLUDED
