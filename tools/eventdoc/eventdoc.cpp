// Writes docs/events.md: every AWS event type's members (C++ name, C++ type, JSON name,
// optional or not), read from the types themselves through Boost.Describe. CI regenerates it
// and fails when the committed file differs, or when a described event struct is missing.
#include <lambda_coro/events.hpp>

#include <boost/describe/bases.hpp>
#include <boost/mp11/algorithm.hpp>

#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <type_traits>
#include <variant>
#include <vector>

namespace lc = lambda_coro;
namespace ev = lambda_coro::events;
namespace bd = boost::describe;

namespace {

// A user type's name as the compiler spells it, without lambda-coro's namespaces.
template <class T>
std::string pretty_name() {
  std::string_view f = __PRETTY_FUNCTION__;
  const auto start = f.find("T = ") + 4;
  const auto end = f.find_first_of(";]", start);
  std::string name(f.substr(start, end - start));
  for (const std::string prefix : {"lambda_coro::" LAMBDA_CORO_DETAIL_STRINGIFY(LAMBDA_CORO_ABI_NAMESPACE) "::events::",
                                   "lambda_coro::" LAMBDA_CORO_DETAIL_STRINGIFY(LAMBDA_CORO_ABI_NAMESPACE) "::",
                                   "lambda_coro::events::", "lambda_coro::"})
    for (auto at = name.find(prefix); at != std::string::npos; at = name.find(prefix))
      name.erase(at, prefix.size());
  // GCC and Clang spell nested templates differently; the document reads the same from both.
  const std::pair<std::string_view, std::string_view> spellings[] = {
      {"std::__cxx11::", "std::"}, {"std::basic_string<char>", "std::string"}, {" >", ">"}};
  for (const auto& [from, to] : spellings)
    for (auto at = name.find(from); at != std::string::npos; at = name.find(from, at))
      name.replace(at, from.size(), to);
  return name;
}

template <class T>
struct type_name {
  static std::string get() { return pretty_name<T>(); }
};
#define LAMBDA_CORO_EVENTDOC_NAME(type, text) \
  template <>                                 \
  struct type_name<type> {                    \
    static std::string get() { return text; } \
  };
LAMBDA_CORO_EVENTDOC_NAME(bool, "bool")
LAMBDA_CORO_EVENTDOC_NAME(int, "int")
LAMBDA_CORO_EVENTDOC_NAME(std::int64_t, "std::int64_t")
LAMBDA_CORO_EVENTDOC_NAME(std::uint64_t, "std::uint64_t")
LAMBDA_CORO_EVENTDOC_NAME(double, "double")
LAMBDA_CORO_EVENTDOC_NAME(std::string, "std::string")
LAMBDA_CORO_EVENTDOC_NAME(lc::json::value, "json::value")
LAMBDA_CORO_EVENTDOC_NAME(lc::json::raw, "json::raw")
template <class T>
struct type_name<std::optional<T>> {
  static std::string get() { return "std::optional<" + type_name<T>::get() + ">"; }
};
template <class T>
struct type_name<std::vector<T>> {
  static std::string get() { return "std::vector<" + type_name<T>::get() + ">"; }
};
template <class K, class V>
struct type_name<std::map<K, V>> {
  static std::string get() { return "std::map<" + type_name<K>::get() + ", " + type_name<V>::get() + ">"; }
};
template <class... Ts>
struct type_name<std::variant<Ts...>> {
  static std::string get() {
    std::string out = "std::variant<";
    ((out += type_name<Ts>::get() + ", "), ...);
    out.resize(out.size() - 2);
    return out + ">";
  }
};

template <class M>
constexpr bool is_optional = false;
template <class M>
constexpr bool is_optional<std::optional<M>> = true;

class document_writer {
public:
  // One struct's table, then those of the described types it holds, each once.
  template <class T>
  void add(const std::string& name) {
    if (!seen_.insert(name).second) return;
    std::cout << "### `" << name << "`\n\n";
    if (const std::string spelled = pretty_name<T>(); spelled != name) std::cout << "`" << spelled << "`\n\n";
    using bases = bd::describe_bases<T, bd::mod_public>;
    if constexpr (boost::mp11::mp_size<bases>::value > 0) {
      std::cout << "Has the members of";
      boost::mp11::mp_for_each<bases>([](auto b) { std::cout << " `" << pretty_name<typename decltype(b)::type>() << "`"; });
      std::cout << ".\n\n";
    }
    std::cout << "| member | C++ type | JSON name | optional |\n|---|---|---|---|\n";
    std::vector<std::function<void()>> nested;
    boost::mp11::mp_for_each<lc::json::detail::described_members<T>>([&](auto d) {
      using D = decltype(d);
      using M = lc::json::detail::member_type<D>;
      using owner = lc::json::detail::member_owner<D>;
      std::cout << "| `" << d.name << "` | `" << type_name<M>::get() << "` | `"
                << lc::json::detail::wire_name<owner, D>::name << "` | " << (is_optional<M> ? "yes" : "") << " |\n";
      enqueue<M>(nested);
    });
    boost::mp11::mp_for_each<bases>([&](auto b) { enqueue<typename decltype(b)::type>(nested); });
    std::cout << "\n";
    for (auto& n : nested) n();
  }

private:
  template <class M>
  void enqueue(std::vector<std::function<void()>>& nested) {
    if constexpr (bd::has_describe_members<M>::value) {
      nested.push_back([this] { add<M>(pretty_name<M>()); });
    } else if constexpr (requires { typename M::value_type; } && !std::is_same_v<M, std::string> &&
                         !std::is_same_v<M, lc::json::value> && !std::is_same_v<M, lc::json::raw>) {
      if constexpr (requires { typename M::mapped_type; })
        enqueue<typename M::mapped_type>(nested);
      else
        enqueue<typename M::value_type>(nested);
    } else if constexpr (requires { std::variant_size<M>::value; }) {
      [&]<class... Ts>(std::variant<Ts...>*) { (enqueue<Ts>(nested), ...); }(static_cast<M*>(nullptr));
    }
  }

  std::set<std::string> seen_;
};

}  // namespace

int main() {
  document_writer doc;
  auto header = [](const char* file) { std::cout << "## `<lambda_coro/events/" << file << ">`\n\n"; };
  std::cout << "# Event types\n\n"
               "Generated by `tools/eventdoc` from the types themselves (Boost.Describe); do not edit.\n"
               "Every member is read when its JSON name is present and keeps its default when it is\n"
               "absent; `optional` members are also left empty by `null` and are not written when empty.\n\n";
  header("alb.hpp");
  doc.add<ev::alb_target_group_request>("alb_target_group_request");
  doc.add<ev::alb_target_group_response>("alb_target_group_response");
  header("apigw.hpp");
  doc.add<ev::apigw_proxy_request>("apigw_proxy_request");
  doc.add<ev::apigw_proxy_response>("apigw_proxy_response");
  doc.add<ev::apigw_websocket_request>("apigw_websocket_request");
  doc.add<ev::http_api_request>("http_api_request");
  doc.add<ev::http_api_response>("http_api_response");
  doc.add<ev::apigw_custom_authorizer_request>("apigw_custom_authorizer_request");
  doc.add<ev::http_api_authorizer_request>("http_api_authorizer_request");
  doc.add<ev::http_api_authorizer_simple_response>("http_api_authorizer_simple_response");
  doc.add<ev::apigw_custom_authorizer_response>("apigw_custom_authorizer_response");
  header("appsync.hpp");
  doc.add<ev::appsync_resolver_request<>>("appsync_resolver_request<Arguments = json::value, Source = json::value>");
  doc.add<ev::appsync_resolver_result>("appsync_resolver_result");
  doc.add<ev::appsync_authorizer_request>("appsync_authorizer_request");
  doc.add<ev::appsync_authorizer_response>("appsync_authorizer_response");
  header("autoscaling.hpp");
  doc.add<ev::autoscaling_event>("autoscaling_event");
  header("aws_config.hpp");
  doc.add<ev::config_rule_event>("config_rule_event");
  header("bedrock_agent.hpp");
  doc.add<ev::bedrock_agent_request>("bedrock_agent_request");
  doc.add<ev::bedrock_agent_response>("bedrock_agent_response");
  header("client_vpn.hpp");
  doc.add<ev::client_vpn_connection_handler_request>("client_vpn_connection_handler_request");
  doc.add<ev::client_vpn_connection_handler_response>("client_vpn_connection_handler_response");
  header("cloudformation.hpp");
  doc.add<ev::cloudformation_custom_resource_request>("cloudformation_custom_resource_request");
  doc.add<ev::cloudformation_custom_resource_response>("cloudformation_custom_resource_response");
  header("cloudwatch_logs.hpp");
  doc.add<ev::cloudwatch_logs_event>("cloudwatch_logs_event");
  doc.add<ev::cloudwatch_logs_data>("cloudwatch_logs_data");
  header("cloudtrail.hpp");
  doc.add<ev::cloudtrail_event>("cloudtrail_event");
  doc.add<ev::console_sign_in_event>("console_sign_in_event");
  header("cloudwatch_alarms.hpp");
  doc.add<ev::cloudwatch_alarm_event>("cloudwatch_alarm_event");
  doc.add<ev::cloudwatch_alarm_sns_payload>("cloudwatch_alarm_sns_payload");
  header("codebuild.hpp");
  doc.add<ev::codebuild_event>("codebuild_event");
  header("codecommit.hpp");
  doc.add<ev::codecommit_event>("codecommit_event");
  header("codedeploy.hpp");
  doc.add<ev::codedeploy_event>("codedeploy_event");
  doc.add<ev::codedeploy_lifecycle_event>("codedeploy_lifecycle_event");
  header("codepipeline.hpp");
  doc.add<ev::codepipeline_job_event>("codepipeline_job_event");
  doc.add<ev::codepipeline_event>("codepipeline_event");
  header("cognito.hpp");
  doc.add<ev::cognito_pre_signup>("cognito_pre_signup");
  doc.add<ev::cognito_post_confirmation>("cognito_post_confirmation");
  doc.add<ev::cognito_pre_authentication>("cognito_pre_authentication");
  doc.add<ev::cognito_post_authentication>("cognito_post_authentication");
  doc.add<ev::cognito_define_auth_challenge>("cognito_define_auth_challenge");
  doc.add<ev::cognito_create_auth_challenge>("cognito_create_auth_challenge");
  doc.add<ev::cognito_verify_auth_challenge>("cognito_verify_auth_challenge");
  doc.add<ev::cognito_custom_message>("cognito_custom_message");
  doc.add<ev::cognito_pre_token_generation>("cognito_pre_token_generation");
  doc.add<ev::cognito_pre_token_generation_v2>("cognito_pre_token_generation_v2");
  doc.add<ev::cognito_migrate_user>("cognito_migrate_user");
  doc.add<ev::cognito_inbound_federation>("cognito_inbound_federation");
  doc.add<ev::cognito_custom_email_sender>("cognito_custom_email_sender");
  doc.add<ev::cognito_custom_sms_sender>("cognito_custom_sms_sender");
  doc.add<ev::cognito_sync_event>("cognito_sync_event");
  header("connect.hpp");
  doc.add<ev::connect_event>("connect_event");
  doc.add<ev::chime_bot_event>("chime_bot_event");
  header("documentdb.hpp");
  doc.add<ev::documentdb_event>("documentdb_event");
  header("dynamodb.hpp");
  doc.add<ev::dynamodb_event>("dynamodb_event");
  header("ecr.hpp");
  doc.add<ev::ecr_image_action_event>("ecr_image_action_event");
  doc.add<ev::ecr_image_scan_event>("ecr_image_scan_event");
  header("ecs.hpp");
  doc.add<ev::ecs_container_instance_event>("ecs_container_instance_event");
  header("eventbridge.hpp");
  doc.add<ev::eventbridge_event<>>("eventbridge_event<Detail = json::raw>");
  doc.add<ev::scheduled_event>("scheduled_event");
  header("iot.hpp");
  doc.add<ev::iot_custom_authorizer_request>("iot_custom_authorizer_request");
  doc.add<ev::iot_custom_authorizer_response>("iot_custom_authorizer_response");
  doc.add<ev::iot_preprovision_hook_request>("iot_preprovision_hook_request");
  doc.add<ev::iot_preprovision_hook_response>("iot_preprovision_hook_response");
  doc.add<ev::iot_1click_event>("iot_1click_event");
  doc.add<ev::iot_button_event>("iot_button_event");
  header("kafka.hpp");
  doc.add<ev::kafka_event>("kafka_event");
  header("kinesis.hpp");
  doc.add<ev::kinesis_event>("kinesis_event");
  doc.add<ev::firehose_event>("firehose_event");
  doc.add<ev::firehose_response>("firehose_response");
  header("kinesis_analytics.hpp");
  doc.add<ev::kinesis_analytics_event>("kinesis_analytics_event");
  doc.add<ev::kinesis_analytics_response>("kinesis_analytics_response");
  header("lambda_url.hpp");
  doc.add<ev::lambda_function_url_request>("lambda_function_url_request");
  doc.add<ev::lambda_function_url_response>("lambda_function_url_response");
  header("lex.hpp");
  doc.add<ev::lex_event>("lex_event");
  doc.add<ev::lex_response>("lex_response");
  doc.add<ev::lex_v2_event>("lex_v2_event");
  doc.add<ev::lex_v2_response>("lex_v2_response");
  header("mq.hpp");
  doc.add<ev::activemq_event>("activemq_event");
  doc.add<ev::rabbitmq_event>("rabbitmq_event");
  header("s3.hpp");
  doc.add<ev::s3_event>("s3_event");
  doc.add<ev::s3_batch_job_event>("s3_batch_job_event");
  doc.add<ev::s3_batch_job_response>("s3_batch_job_response");
  header("s3_object_lambda.hpp");
  doc.add<ev::s3_object_lambda_event>("s3_object_lambda_event");
  header("secrets_manager.hpp");
  doc.add<ev::secrets_manager_rotation_event>("secrets_manager_rotation_event");
  header("service_notifications.hpp");
  doc.add<ev::ec2_instance_state_change_event>("ec2_instance_state_change_event");
  doc.add<ev::kms_event>("kms_event");
  doc.add<ev::tag_change_event>("tag_change_event");
  doc.add<ev::trusted_advisor_event>("trusted_advisor_event");
  doc.add<ev::sms_event>("sms_event");
  doc.add<ev::health_event>("health_event");
  header("ses.hpp");
  doc.add<ev::ses_event>("ses_event");
  header("sns.hpp");
  doc.add<ev::sns_event>("sns_event");
  header("sqs.hpp");
  doc.add<ev::sqs_event>("sqs_event");
  doc.add<ev::sqs_batch_response>("sqs_batch_response");
  header("streams.hpp");
  doc.add<ev::time_window_response>("time_window_response");
  return 0;
}
