// The services typed after the first eighteen: each against AWS's samples or samples
// written from AWS's documentation (own-events/), read, written, read again, nothing lost.
#include "../support/event_check.hpp"

#include <string>
#include <vector>

namespace ev = lambda_coro::events;
using test::check_event;

TEST_CASE("Kafka events from MSK and self-managed clusters") {
  const auto msk = check_event<ev::kafka_event>("kafka-event.json");
  CHECK(msk.event_source == "aws:kafka");
  const auto& record = msk.records.at("AWSKafkaTopic-0").at(0);
  CHECK(record.timestamp == 1595035749700);
  CHECK(ev::base64_decode(*record.value) == "8d5596b4-1813-4238-b24b-6dad8e3d1c0c");
  const auto& header = record.headers.at(0).at("headerKey");
  CHECK(ev::kafka_header_value(header) == std::string("\x76\xdc\x00\x7f\x80", 5));
  const auto own = check_event<ev::kafka_event>("own-events/kafka-self-managed-event.json");
  CHECK(!own.event_source_arn);
  const auto& records = own.records.at("mytopic-0");
  CHECK(ev::kafka_header_value(records.at(0).headers.at(0).at("headerKey")) == "headerValue");
  CHECK(records.at(0).value_schema_metadata->data_format == "JSON");
  CHECK(!records.at(1).key);  // a record without key or value (a tombstone)
  CHECK(!records.at(1).value);
}

TEST_CASE("Amazon MQ: ActiveMQ and RabbitMQ") {
  const auto active = check_event<ev::activemq_event>("activemq-event.json");
  CHECK(active.messages.at(0).message_id.starts_with("ID:b-0f5b7522"));
  CHECK(active.messages.at(0).destination.physical_name == "testQueue");
  CHECK(active.messages.at(0).properties.at("testKey") == "testValue");
  const auto rabbit = check_event<ev::rabbitmq_event>("rabbitmq-event.json");
  const auto& message = rabbit.rmq_messages_by_queue.at("test::/").at(0);
  CHECK(message.basic_properties.content_type == "text/plain");
  CHECK(!message.basic_properties.correlation_id);
  CHECK(message.basic_properties.headers.at("numberInHeader").as_int64() == 10);
  CHECK(message.basic_properties.body_size == 80);
}

TEST_CASE("DocumentDB change streams: insert, update and database events") {
  const auto e = check_event<ev::documentdb_event>("own-events/documentdb-change-stream.json");
  REQUIRE(e.events.size() == 3);
  const auto& insert = e.events[0].event;
  CHECK(insert.operation_type == "insert");
  CHECK(insert.ns->coll == "test_collection");
  CHECK(insert.full_document.find("anyField")->as_string() == "sampleValue");
  const auto& update = e.events[1].event;
  CHECK(update.update_description->removed_fields == std::vector<std::string>{"obsolete"});
  CHECK(update.update_description->updated_fields.find("count")->as_int64() == 2);
  CHECK(!e.events[2].event.ns->coll);
}

namespace appsync_app {
struct post_input {
  std::string title;
  std::vector<std::string> tags;
};
BOOST_DESCRIBE_STRUCT(post_input, (), (title, tags))
struct create_post_arguments {
  std::string id;
  post_input input;
};
BOOST_DESCRIBE_STRUCT(create_post_arguments, (), (id, input))
}  // namespace appsync_app

TEST_CASE("AppSync: direct resolvers, batches, identities and authorizers") {
  const auto r = check_event<ev::appsync_resolver_request<>>("own-events/appsync-resolver-request.json");
  CHECK(r.info.selection_set_graph_ql == "{\n  id\n  title\n}");
  CHECK(r.identity->groups == std::vector<std::string>{"admins"});
  CHECK(r.prev->result.find("previous")->as_string() == "value");
  const auto typed =
      check_event<ev::appsync_resolver_request<appsync_app::create_post_arguments>>("own-events/appsync-resolver-request.json");
  CHECK(typed.arguments.input.tags.size() == 2);
  const auto batch = check_event<std::vector<ev::appsync_resolver_request<>>>("own-events/appsync-resolver-batch-request.json");
  REQUIRE(batch.size() == 2);
  CHECK(!batch[0].identity);
  CHECK(batch[1].identity->user_arn == "arn:aws:iam::123456789012:user/example");
  const auto results = check_event<std::vector<ev::appsync_resolver_result>>("own-events/appsync-resolver-batch-response.json");
  CHECK(results.at(1).error_type == "NotFound");
  const auto cognito = check_event<ev::appsync_identity>("appsync-identity-cognito.json");
  CHECK(cognito.claims.find("cognito:username")->as_string() == "user1");
  const auto iam = check_event<ev::appsync_identity>("appsync-identity-iam.json");
  CHECK(iam.cognito_identity_auth_type == "authenticated");
  const auto auth = check_event<ev::appsync_authorizer_request>("appsync-lambda-auth-request.json");
  CHECK(auth.request_context.operation_name == "MyQuery");
  const auto response = check_event<ev::appsync_authorizer_response>("appsync-lambda-auth-response.json");
  CHECK(response.is_authorized);
  CHECK(response.resolver_context.at("banana").as_string() == "very yellow");
  CHECK(json::write(ev::appsync_authorizer_response{true, {}, {}, 60}) ==
        R"({"isAuthorized":true,"resolverContext":{},"deniedFields":[],"ttlOverride":60})");
}

TEST_CASE("Lex V1 and V2 code hooks") {
  const auto v1 = check_event<ev::lex_event>("lex-event.json");
  CHECK(v1.current_intent.slots.at("slot name1") == "value1");
  CHECK(v1.current_intent.slot_details.at("slot name1").resolutions.size() == 2);
  const auto v1_response = check_event<ev::lex_response>("lex-response.json");
  CHECK(v1_response.dialog_action.response_card->generic_attachments.at(0).buttons.at(0).text == "button-text");
  const auto v2 = check_event<ev::lex_v2_event>("own-events/lex-v2-event.json");
  const auto& intent = v2.interpretations.at(0).intent;
  CHECK(intent.slots.at("Location")->value->interpreted_value == "Seattle");
  CHECK(intent.slots.at("Amenities")->values.size() == 2);
  CHECK(!intent.slots.at("CheckInDate"));
  CHECK(v2.session_state.active_contexts.at(0).time_to_live.turns_to_live == 5);
  CHECK(v2.proposed_next_state->dialog_action->slot_to_elicit == "CheckInDate");
  const auto v2_response = check_event<ev::lex_v2_response>("own-events/lex-v2-response.json");
  CHECK(v2_response.messages.at(1).image_response_card->buttons.size() == 2);
}

TEST_CASE("Amazon Connect contact flows and Chime bots") {
  const auto e = check_event<ev::connect_event>("connect-event.json");
  CHECK(e.details.contact_data.system_endpoint->address == "01234567");
  CHECK(e.details.contact_data.queue->name == "PrimaryPhoneQueue");
  CHECK(e.details.parameters.at("key1") == "value1");
  CHECK(json::write(e).find(R"("InstanceARN":"")") != std::string::npos);
  const auto bot = check_event<ev::chime_bot_event>("own-events/chime-bot-event.json");
  CHECK(bot.inbound_https_endpoint->url == "https://example.com/endpoint");
}

TEST_CASE("Bedrock agent action groups: OpenAPI and function details") {
  const auto api = check_event<ev::bedrock_agent_request>("own-events/bedrock-agent-openapi-request.json");
  CHECK(api.api_path == "/tables/{date}");
  CHECK(api.request_body->content.at("application/json").properties.at(0).value == "2");
  const auto fn = check_event<ev::bedrock_agent_request>("own-events/bedrock-agent-function-request.json");
  CHECK(fn.function == "get_weather");
  const auto r = check_event<ev::bedrock_agent_response>("own-events/bedrock-agent-openapi-response.json");
  CHECK(r.response.http_status_code == 200);
  const auto fr = check_event<ev::bedrock_agent_response>("own-events/bedrock-agent-function-response.json");
  CHECK(fr.response.function_response->response_body.at("TEXT").body.starts_with("Which Paris"));
  CHECK(json::write(fr).find("knowledgeBasesConfiguration") == std::string::npos);
}

TEST_CASE("IoT: custom authorizers, pre-provisioning hooks, 1-Click and the button") {
  const auto request = check_event<ev::iot_custom_authorizer_request>("iot-custom-auth-request.json");
  CHECK(request.protocol_data.mqtt->client_id == "myClientId");
  CHECK(request.protocol_data.http->headers.at("X-Request-ID") == "abc123");
  const auto response = check_event<ev::iot_custom_authorizer_response>("iot-custom-auth-response.json");
  CHECK(ev::as_list(response.policy_documents.at(0).statement.at(0).action) == std::vector<std::string>{"iot:Publish"});
  const auto hook = check_event<ev::iot_preprovision_hook_request>("iot-preprovision-hook-request.json");
  CHECK(hook.parameters.at("param1") == "parma1value");
  CHECK(check_event<ev::iot_preprovision_hook_response>("iot-preprovision-hook-response.json").allow_provisioning);
  const auto click = check_event<ev::iot_1click_event>("iot-1-click-event.json");
  CHECK(click.device_info.remaining_life == 5.0);
  CHECK(click.placement_info.devices.at("myButton") == "G030PMXXXXXXXXXX");
  CHECK(check_event<ev::iot_button_event>("iot-button-event.json").battery_voltage == "2000 mV");
}

TEST_CASE("developer tools: CodeCommit, CodeBuild, CodeDeploy, CodePipeline") {
  const auto commit = check_event<ev::codecommit_event>("code-commit-event.json");
  CHECK(commit.records.at(0).codecommit.references.at(0).ref == "refs/heads/master");
  CHECK(commit.records.at(0).user_identity_arn == "arn:aws:iam::123456789012:root");
  const auto state = check_event<ev::codebuild_event>("codebuild-state-change.json");
  CHECK(state.detail.build_status == "SUCCEEDED");
  CHECK(state.detail.additional_information.environment.environment_variables.at(0).name == "TEST");
  CHECK(state.detail.additional_information.phases.at(2).duration_in_seconds == 36.0);
  CHECK(state.detail.additional_information.logs.group_name == "/aws/codebuild/my-sample-project");
  const auto phase = check_event<ev::codebuild_event>("codebuild-phase-change.json");
  CHECK(phase.detail.completed_phase_duration_seconds == 4.0);
  const auto deployment = check_event<ev::codedeploy_event>("codedeploy-deployment-event.json");
  CHECK(deployment.detail.deployment_id == "d-123456789");
  const auto instance = check_event<ev::codedeploy_event>("codedeploy-instance-event.json");
  CHECK(instance.detail.instance_id == "i-0000000aaaaaaaaaa");
  const auto hook = json::read<ev::codedeploy_lifecycle_event>(
      R"({"DeploymentId":"d-1","LifecycleEventHookExecutionId":"eyJlbmNyeXB0ZWREYXRhIjoi"})");
  CHECK(hook.lifecycle_event_hook_execution_id == "eyJlbmNyeXB0ZWREYXRhIjoi");
  const auto job = check_event<ev::codepipeline_job_event>("codepipeline-job-event.json");
  CHECK(job.job.data.action_configuration.configuration.at("UserParameters") == "some-input-such-as-a-URL");
  CHECK(job.job.data.input_artifacts.at(0).location.s3_location->object_key.starts_with("the name"));
  const auto action = check_event<ev::codepipeline_event>("codepipeline-action-execution-stage-change-event.json");
  CHECK(action.detail.type->provider == "CodeDeploy");
  check_event<ev::codepipeline_event>("codepipeline-execution-stage-change-event.json");
  const auto execution = check_event<ev::codepipeline_event>("codepipeline-execution-state-change-event.json");
  CHECK(execution.detail.execution_id == "01234567-0123-0123-0123-012345678901");
}

TEST_CASE("operations: Config rules, CloudWatch alarms, Auto Scaling, ECR, ECS") {
  const auto rule = check_event<ev::config_rule_event>("config-event.json");
  CHECK(json::read<json::value>(rule.invoking_event).find("messageType")->as_string() ==
        "ConfigurationSnapshotDeliveryCompleted");
  const auto metric = check_event<ev::cloudwatch_alarm_event>("own-events/cloudwatch-alarm-metric.json");
  const auto& query = metric.alarm_data.configuration.metrics.at(0);
  CHECK(query.metric_stat->metric.namespace_ == "AWS/Logs");
  CHECK(query.metric_stat->metric.dimensions.at("InstanceId") == "i-12345678");
  const auto composite = check_event<ev::cloudwatch_alarm_event>("own-events/cloudwatch-alarm-composite.json");
  CHECK(composite.alarm_data.configuration.actions_suppressor_extension_period == 180);
  CHECK(composite.alarm_data.previous_state.actions_suppressed_by == "WaitPeriod");
  for (const char* file : {"cloudwatch-alarm-sns-payload-single-metric.json", "cloudwatch-alarm-sns-payload-multiple-metrics.json"}) {
    CAPTURE(file);
    const auto sns = check_event<ev::sns_event>(file);
    const std::string& message = sns.records.at(0).sns.message;
    const auto alarm = json::read<ev::cloudwatch_alarm_sns_payload>(message);
    CHECK(alarm.new_state_value == "ALARM");
    std::vector<std::string> missing;
    test::collect_missing(json::read<json::value>(message), json::read<json::value>(json::write(alarm)), "$", missing);
    CHECK(missing.empty());
  }
  const auto lifecycle = check_event<ev::autoscaling_event>("autoscaling-event-lifecycle-action.json");
  CHECK(lifecycle.detail.ec2_instance_id == "i-1234567890abcdef0");
  CHECK(lifecycle.detail.lifecycle_transition == "autoscaling:EC2_INSTANCE_LAUNCHING");
  for (const char* file : {"autoscaling-event-launch-successful.json", "autoscaling-event-launch-unsuccessful.json",
                           "autoscaling-event-terminate-action.json", "autoscaling-event-terminate-successful.json",
                           "autoscaling-event-terminate-unsuccessful.json"})
    CHECK(!check_event<ev::autoscaling_event>(file).detail.auto_scaling_group_name.empty());
  const auto launched = check_event<ev::autoscaling_event>("autoscaling-event-launch-successful.json");
  CHECK(launched.detail.details.at("Availability Zone") == "us-west-2b");
  const auto push = check_event<ev::ecr_image_action_event>("ecr-image-push-event.json");
  CHECK(push.detail.action_type == "PUSH");
  const auto scan = check_event<ev::ecr_image_scan_event>("ecr-image-scan-event.json");
  CHECK(scan.detail.finding_severity_counts.at("CRITICAL") == 10);
  const auto ecs = check_event<ev::ecs_container_instance_event>("ecs-container-instance-state-change.json");
  CHECK(ecs.detail.registered_resources.at(2).string_set_value->size() == 5);
  CHECK(ecs.detail.version_info.agent_version == "1.13.0");
}

TEST_CASE("identity: Cognito federation and custom senders, Client VPN") {
  const auto oidc = check_event<ev::cognito_inbound_federation>("cognito-event-userpools-inbound-federation-oidc.json");
  CHECK(oidc.request.attributes.token_response->at("token_type") == "Bearer");
  CHECK(oidc.response.user_attributes_to_map.at("given_name") == "Test");
  const auto saml = check_event<ev::cognito_inbound_federation>("cognito-event-userpools-inbound-federation-saml.json");
  CHECK(saml.request.attributes.saml_response->size() == 3);
  const auto email = check_event<ev::cognito_custom_email_sender>("own-events/cognito-custom-email-sender.json");
  CHECK(email.request.type == "customEmailSenderRequestV1");
  CHECK(email.request.client_metadata->at("campaign") == "spring");
  const auto sms = check_event<ev::cognito_custom_sms_sender>("own-events/cognito-custom-sms-sender.json");
  CHECK(sms.request.user_attributes.at("phone_number").as_string() == "+15555550100");
  const auto vpn = check_event<ev::client_vpn_connection_handler_request>("clientvpn-connectionhandler-request.json");
  CHECK(vpn.connection_id == "cvpn-connection-04e7e1b2f0daf9460");
  CHECK(vpn.public_ip == "10.11.12.13");
  CHECK(json::write(ev::client_vpn_connection_handler_response{true, "", {}, "v1"}) ==
        R"({"allow":true,"error-msg-on-failed-posture-compliance":"","posture-compliance-statuses":[],"schema-version":"v1"})");
}

TEST_CASE("S3 Object Lambda requests and the WriteGetObjectResponse fields") {
  for (const char* file : {"s3-object-lambda-event-get-object-iam.json", "s3-object-lambda-event-get-object-assumed-role.json",
                           "s3-object-lambda-event-head-object-iam.json", "s3-object-lambda-event-list-objects-iam.json",
                           "s3-object-lambda-event-list-objects-v2-iam.json"})
    check_event<ev::s3_object_lambda_event>(file);
  const auto get = check_event<ev::s3_object_lambda_event>("s3-object-lambda-event-get-object-assumed-role.json");
  REQUIRE(get.get_object_context);
  CHECK(get.user_identity.session_context->session_issuer->user_name == "Admin");
  auto response = ev::s3_write_get_object_response::for_request(*get.get_object_context);
  response.status_code = 404;
  response.error_code = "NoSuchKey";
  response.content_type = "text/plain";
  response.metadata["origin"] = "lambda";
  using header = std::pair<std::string, std::string>;
  CHECK(response.http_headers() == std::vector<header>{{"x-amz-request-route", "io-use1-001"},
                                                       {"x-amz-request-token", "OutputToken"},
                                                       {"x-amz-fwd-status", "404"},
                                                       {"x-amz-fwd-error-code", "NoSuchKey"},
                                                       {"x-amz-fwd-header-Content-Type", "text/plain"},
                                                       {"x-amz-meta-origin", "lambda"}});
  const auto v2 = check_event<ev::s3_object_lambda_event>("s3-object-lambda-event-list-objects-v2-iam.json");
  CHECK(v2.list_objects_v2_context.has_value());
}

TEST_CASE("Kinesis Data Analytics: preprocessing and output delivery") {
  const auto pre = check_event<ev::kinesis_analytics_event>("own-events/kinesis-analytics-preprocessing-event.json");
  CHECK(pre.records.at(0).kinesis_stream_record_metadata->shard_id == "shardId-000000000003");
  check_event<ev::kinesis_analytics_response>("own-events/kinesis-analytics-preprocessing-response.json");
  const auto out = check_event<ev::kinesis_analytics_event>("kinesis-analytics-output-delivery-event.json");
  CHECK(!out.stream_arn);
  const auto result = check_event<ev::kinesis_analytics_response>("kinesis-analytics-output-delivery-response.json");
  CHECK(result.records.at(0).result == "Ok");
}

TEST_CASE("IAM policies for authorizers: built statement by statement, and the stage-wide ARN") {
  const auto policy = ev::iam_policy_document{}
                          .allow("execute-api:Invoke", "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets")
                          .deny(std::vector<std::string>{"execute-api:Invoke"}, "*");
  CHECK(json::write(policy) ==
        R"({"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"},)"
        R"({"Action":["execute-api:Invoke"],"Effect":"Deny","Resource":"*"}]})");
  CHECK(ev::execute_api_stage_arn("arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets/a:b") ==
        "arn:aws:execute-api:us-east-1:123456789012:abc/prod/*/*");
  CHECK(ev::execute_api_stage_arn("arn:aws:execute-api:us-east-1:123456789012:abc/prod") ==
        "arn:aws:execute-api:us-east-1:123456789012:abc/prod/*/*");
  CHECK(ev::execute_api_stage_arn("not-an-arn") == "not-an-arn");
  CHECK(ev::execute_api_stage_arn("arn:aws:execute-api:us-east-1:123456789012:abc") ==
        "arn:aws:execute-api:us-east-1:123456789012:abc");
}

TEST_CASE("helpers: CloudFormation replies, Firehose and Kinesis Analytics results, S3 keys") {
  const auto request = json::read<ev::cloudformation_custom_resource_request>(
      R"({"RequestType":"Update","ResponseURL":"https://cloudformation-custom-resource-response.s3.amazonaws.com/x",
          "StackId":"arn:aws:cloudformation:us-east-1:123456789012:stack/s/1","RequestId":"req-1",
          "ResourceType":"Custom::Thing","LogicalResourceId":"Thing","PhysicalResourceId":"thing-7",
          "ResourceProperties":{"ServiceToken":"arn:fn"}})");
  auto ok = ev::cloudformation_custom_resource_response::success(request);
  ok.data["Endpoint"] = "https://thing";
  CHECK(json::write(ok) ==
        R"({"Status":"SUCCESS","PhysicalResourceId":"thing-7","StackId":"arn:aws:cloudformation:us-east-1:123456789012:stack/s/1",)"
        R"("RequestId":"req-1","LogicalResourceId":"Thing","NoEcho":false,"Data":{"Endpoint":"https://thing"}})");
  auto create = request;
  create.request_type = "Create";
  create.physical_resource_id.reset();
  const auto failed = ev::cloudformation_custom_resource_response::failed(create, "quota exceeded");
  CHECK(failed.status == "FAILED");
  CHECK(failed.reason == "quota exceeded");
  CHECK(failed.physical_resource_id == "req-1");
  CHECK(ev::cloudformation_custom_resource_response::success(create, "new-id").physical_resource_id == "new-id");

  const auto firehose = check_event<ev::firehose_event>("kinesis-firehose-event.json");
  ev::firehose_response out;
  out.records.push_back(ev::firehose_response_record::ok(firehose.records.at(0), "transformed\n"));
  out.records.push_back(ev::firehose_response_record::dropped(firehose.records.at(0)));
  out.records.push_back(ev::firehose_response_record::processing_failed(firehose.records.at(0)));
  CHECK(ev::base64_decode(out.records[0].data) == "transformed\n");
  CHECK(out.records[1].result == "Dropped");
  CHECK(out.records[2].data == firehose.records.at(0).data);
  CHECK(json::write(out).find(R"("result":"ProcessingFailed")") != std::string::npos);

  const auto analytics = check_event<ev::kinesis_analytics_event>("own-events/kinesis-analytics-preprocessing-event.json");
  const auto& record = analytics.records.at(0);
  CHECK(json::write(ev::kinesis_analytics_record_result::ok(record, "HELLO")) ==
        R"({"recordId":"49572672223665514422805246926656954630972486059535892482","result":"Ok","data":"SEVMTE8="})");
  CHECK(json::write(ev::kinesis_analytics_record_result::delivery_failed(record)) ==
        R"({"recordId":"49572672223665514422805246926656954630972486059535892482","result":"DeliveryFailed"})");
  CHECK(ev::kinesis_analytics_record_result::dropped(record).result == "Dropped");
  CHECK(ev::kinesis_analytics_record_result::processing_failed(record).result == "ProcessingFailed");
  CHECK(ev::kinesis_analytics_record_result::delivered(record).result == "Ok");

  CHECK(ev::s3_decode_key("my+photos/caf%C3%A9+%282%29.jpg") == "my photos/caf\xc3\xa9 (2).jpg");
  CHECK(ev::s3_decode_key("100%25+sure") == "100% sure");
  CHECK(ev::s3_decode_key("bad%zzescape%4") == "bad%zzescape%4");
  CHECK(ev::s3_decode_key("%2B") == "+");
  const auto s3 = check_event<ev::s3_event>("s3-event.json");
  CHECK(s3.records.at(0).s3.object.decoded_key() == ev::s3_decode_key(s3.records.at(0).s3.object.key));
}

TEST_CASE("Cognito Sync triggers") {
  const auto e = check_event<ev::cognito_sync_event>("cognito-event.json");
  CHECK(e.version == 2);
  CHECK(e.dataset_records.at("SampleKey1").old_value == "oldValue1");
}

TEST_CASE("scheduled events of EventBridge rules") {
  const auto e = check_event<ev::scheduled_event>("own-events/scheduled-event.json");
  CHECK(e.detail_type == "Scheduled Event");
  CHECK(e.resources.at(0).ends_with("rule/my-scheduled-rule"));
  CHECK(json::write(e).ends_with(R"("detail":{}})"));
}

namespace cloudtrail_app {
struct create_bucket_request {
  std::string bucket_name;
};
BOOST_DESCRIBE_STRUCT(create_bucket_request, (), (bucket_name))
constexpr auto json_options(const create_bucket_request*) { return json::object_options(json::naming::camel_case); }
}  // namespace cloudtrail_app

TEST_CASE("CloudTrail API calls and console sign-ins through EventBridge") {
  const auto call = check_event<ev::cloudtrail_event>("own-events/cloudtrail-api-call.json");
  CHECK(call.detail.event_name == "CreateBucket");
  CHECK(call.detail.source_ip_address == "100.100.100.100");
  CHECK(call.detail.user_identity.session_context->session_issuer->user_name == "Admin");
  CHECK(!call.detail.response_elements);
  CHECK(call.detail.read_only == false);
  const auto typed = check_event<ev::eventbridge_event<ev::cloudtrail_api_call<cloudtrail_app::create_bucket_request>>>(
      "own-events/cloudtrail-api-call.json");
  CHECK(typed.detail.request_parameters->bucket_name == "bucket-test-iad");
  const auto sign_in = check_event<ev::console_sign_in_event>("own-events/console-sign-in.json");
  CHECK(sign_in.detail.response_elements->at("ConsoleLogin") == "Success");
  CHECK(sign_in.detail.additional_event_data.find("MFAUsed")->as_string() == "No");
  CHECK(sign_in.detail.user_identity.type == "Root");
}

TEST_CASE("EventBridge notifications: EC2, KMS, tags, Trusted Advisor, Server Migration, Health") {
  CHECK(check_event<ev::ec2_instance_state_change_event>("own-events/ec2-instance-state-change.json").detail.state ==
        "pending");
  CHECK(check_event<ev::kms_event>("own-events/kms-key-rotation.json").detail.key_id ==
        "1234abcd-12ab-34cd-56ef-1234567890ab");
  const auto tags = check_event<ev::tag_change_event>("own-events/tag-change-on-resource.json");
  CHECK(tags.detail.changed_tag_keys == std::vector<std::string>{"key2", "key3"});
  CHECK(tags.detail.tags.at("key4") == "value4");
  const auto advisor = check_event<ev::trusted_advisor_event>("own-events/trusted-advisor-check.json");
  CHECK(advisor.detail.check_item_detail.at("Password Policy") == "Disabled");
  CHECK(!advisor.detail.check_item_detail.at("Uppercase"));
  CHECK(advisor.detail.resource_id.empty());
  CHECK(check_event<ev::sms_event>("own-events/sms-job-state-change.json").detail.ami_id == "ami-0123456789abcdef0");
  const auto health = check_event<ev::health_event>("own-events/health-event.json");
  CHECK(health.detail.event_type_category == "issue");
  CHECK(health.detail.affected_entities.at(0).tags.at("stage") == "prod");
  CHECK(!health.detail.end_time);
}
