// Every event type against AWS's sample events: representative fields, a write/read round
// trip, and no field of the sample lost on the way.
#include "../support/event_check.hpp"

#include <string>
#include <variant>
#include <vector>

namespace ev = lambda_coro::events;

TEST_CASE("API Gateway REST API proxy request and response") {
  const auto r = test::check_event<ev::apigw_proxy_request>("apigw-request.json");
  CHECK(r.http_method == "POST");
  CHECK(r.path == "/hello/world");
  CHECK(r.multi_value_headers.at("Accept").size() == 1);
  CHECK(r.query_string_parameters.at("name") == "me");
  CHECK(r.request_context.identity.source_ip == "192.168.196.186");
  CHECK(r.request_context.identity.client_cert->issuer_dn == "Example issuer");
  CHECK(r.request_context.authorizer.at("principalId").as_string() == "admin");
  CHECK(r.request_context.authorizer.at("clientId").as_int64() == 1);
  CHECK(r.body.has_value());
  const auto response = test::check_event<ev::apigw_proxy_response>("apigw-response.json");
  CHECK(response.status_code == 200);
  test::check_event<ev::apigw_proxy_request>("apigw-restapi-openapi-request.json");
}

TEST_CASE("API Gateway HTTP API requests with each authorizer") {
  const auto jwt = test::check_event<ev::http_api_request>("apigw-v2-request-jwt-authorizer.json");
  REQUIRE(jwt.request_context.authorizer.has_value());
  CHECK(jwt.request_context.authorizer->jwt->scopes.size() == 2);
  CHECK(jwt.request_context.authorizer->jwt->claims.at("claim1").as_string() == "value1");
  CHECK(jwt.cookies.size() == 2);
  const auto iam = test::check_event<ev::http_api_request>("apigw-v2-request-iam.json");
  CHECK(iam.request_context.authorizer->iam->cognito_identity->amr == std::vector<std::string>{"foo"});
  const auto lambda = test::check_event<ev::http_api_request>("apigw-v2-request-lambda-authorizer.json");
  CHECK(lambda.request_context.authorizer->lambda.at("key").as_string() == "value");
  const auto plain = test::check_event<ev::http_api_request>("apigw-v2-request-no-authorizer.json");
  CHECK(plain.request_context.http.method == "GET");
  CHECK(plain.request_context.authentication->client_cert->subject_dn.find("My Client") != std::string::npos);
}

TEST_CASE("API Gateway WebSocket requests") {
  const auto connect = test::check_event<ev::apigw_websocket_request>("apigw-websocket-request.json");
  CHECK(connect.request_context.connection_id.size() > 0);
  const auto message = test::check_event<ev::apigw_websocket_request>("apigw-websocket-request-send-message.json");
  CHECK(message.request_context.event_type == "MESSAGE");
  CHECK(message.request_context.route_key.size() > 0);
  test::check_event<ev::apigw_websocket_request>("apigw-websocket-request-disconnect.json");
}

TEST_CASE("custom authorizers: TOKEN and REQUEST and v2 requests and the IAM policy response") {
  const auto token = test::check_event<ev::apigw_custom_authorizer_request>("apigw-custom-auth-request.json");
  CHECK(token.type == "TOKEN");
  CHECK(token.authorization_token == "allow");
  const auto request = test::check_event<ev::apigw_custom_authorizer_request>("apigw-custom-auth-request-type-request.json");
  CHECK(request.type == "REQUEST");
  CHECK(request.headers.at("HeaderAuth1") == "headerValue1");
  test::check_event<ev::apigw_custom_authorizer_request>("apigw-v2-custom-authorizer-v1-request.json");
  const auto v2 = test::check_event<ev::http_api_authorizer_request>("apigw-v2-custom-authorizer-v2-request.json");
  CHECK(v2.identity_source.size() == 2);
  const auto response = test::check_event<ev::apigw_custom_authorizer_response>("apigw-custom-auth-response.json");
  CHECK(response.policy_document.statement.at(0).effect == "Allow|Deny");
  CHECK(response.policy_document.version == "2012-10-17");
  CHECK(json::write(response).find(R"("PolicyDocument")") == std::string::npos);
  CHECK(json::write(response).find(R"("policyDocument":{"Version")") != std::string::npos);
}

TEST_CASE("ALB target group requests and responses") {
  const auto single = test::check_event<ev::alb_target_group_request>("alb-lambda-target-request-headers-only.json");
  CHECK(single.request_context.elb.target_group_arn.find("targetgroup") != std::string::npos);
  CHECK(!single.headers.empty());
  const auto multi = test::check_event<ev::alb_target_group_request>("alb-lambda-target-request-multivalue-headers.json");
  CHECK(!multi.multi_value_headers.empty());
  const auto response = test::check_event<ev::alb_target_group_response>("alb-lambda-target-response.json");
  CHECK(response.status_description == "200 OK");
}

TEST_CASE("Lambda function URL requests and responses") {
  const auto r = test::check_event<ev::lambda_function_url_request>("lambda-urls-request.json");
  CHECK(r.request_context.http.method == "POST");
  CHECK(r.request_context.authorizer->iam->user_id.size() > 0);
  const auto response = test::check_event<ev::lambda_function_url_response>("lambda-urls-response.json");
  CHECK(response.cookies.size() == 2);
}

TEST_CASE("SQS events and the partial batch response") {
  const auto e = test::check_event<ev::sqs_event>("sqs-event.json");
  REQUIRE(e.records.size() == 1);
  CHECK(e.records[0].event_source_arn == "arn:aws:sqs:us-west-2:123456789012:SQSQueue");
  CHECK(e.records[0].message_attributes.at("Attribute3").binary_list_values.size() == 3);
  ev::sqs_batch_response failures{{{"MessageID_1"}}};
  CHECK(json::write(failures) == R"({"batchItemFailures":[{"itemIdentifier":"MessageID_1"}]})");
}

TEST_CASE("SNS events") {
  const auto e = test::check_event<ev::sns_event>("sns-event.json");
  CHECK(e.records.at(0).sns.message == "Hello from SNS!");
  CHECK(e.records.at(0).sns.message_attributes.at("Test").type == "String");
  CHECK(e.records.at(0).sns.signing_cert_url == "EXAMPLE");
  test::check_event<ev::sns_event>("cloudwatch-alarm-sns-payload-single-metric.json");
}

TEST_CASE("S3 events and S3 batch jobs") {
  const auto e = test::check_event<ev::s3_event>("s3-event.json");
  CHECK(e.records.at(0).s3.bucket.name.size() > 0);
  CHECK(e.records.at(0).s3.object.size > 0);
  CHECK(e.records.at(0).request_parameters.source_ip_address == "127.0.0.1");
  CHECK(e.records.at(0).response_elements.count("x-amz-request-id") == 1);
  for (const char* f : {"s3-event-with-decoded.json", "s3-glacier-event.json", "s3-intelligenttier-event.json",
                        "s3-lifecycle-event.json", "s3-replication-event.json", "s3-restore-event.json"})
    test::check_event<ev::s3_event>(f);
  const auto job1 = test::check_event<ev::s3_batch_job_event>("s3-batch-job-event-request-1.0.json");
  CHECK(job1.tasks.at(0).s3_bucket_arn.has_value());
  const auto job2 = test::check_event<ev::s3_batch_job_event>("s3-batch-job-event-request-2.0.json");
  CHECK(job2.tasks.at(0).s3_bucket.has_value());
  CHECK(job2.job.user_arguments.at("k1") == "v1");
  const auto response = test::check_event<ev::s3_batch_job_response>("s3-batch-job-event-response.json");
  CHECK(response.results.at(0).result_code == "Succeeded");
}

TEST_CASE("DynamoDB Streams events with attribute values") {
  const auto e = test::check_event<ev::dynamodb_event>("dynamodb-event.json");
  REQUIRE(!e.records.empty());
  const auto& image = e.records[0].dynamodb.new_image;
  CHECK(image.at("val").s == "data");
  CHECK(image.at("asdf2").bs->size() == 2);
  CHECK(e.records[0].event_source_arn.find("table/Example-Table") != std::string::npos);
  const auto window = test::check_event<ev::dynamodb_event>("dynamodb-time-window-event.json");
  CHECK(window.window->start == "2020-07-30T17:00:00Z");
  CHECK(window.state.at("1") == "state1");
  ev::time_window_response answer{{{"1", "state2"}}, {{"42"}}};
  CHECK(json::write(answer) == R"({"state":{"1":"state2"},"batchItemFailures":[{"itemIdentifier":"42"}]})");
  ev::dynamodb_attribute_value nested;
  nested.m = ev::dynamodb_item{{"list", ev::dynamodb_attribute_value{}}};
  nested.m->at("list").l = std::vector<ev::dynamodb_attribute_value>(1);
  nested.m->at("list").l->at(0).boolean = true;
  CHECK(json::write(nested) == R"({"M":{"list":{"L":[{"BOOL":true}]}}})");
  CHECK(test::round_trip(nested) == nested);
  CHECK(test::read_error<ev::dynamodb_event>(test::event("dynamodb-event-malformed.2.json")).find("$: malformed JSON") == 0);
}

TEST_CASE("Kinesis and Firehose") {
  const auto e = test::check_event<ev::kinesis_event>("kinesis-event.json");
  CHECK(ev::base64_decode(e.records.at(0).kinesis.data) == "Hello World");
  CHECK(e.records.at(0).event_id.size() > 0);
  const auto window = test::check_event<ev::kinesis_event>("kinesis-time-window-event.json");
  CHECK(window.shard_id == "shardId-000000000006");
  CHECK(window.is_final_invoke_for_window == false);
  const auto f = test::check_event<ev::firehose_event>("kinesis-firehose-event.json");
  CHECK(f.records.at(0).kinesis_record_metadata->shard_id.size() > 0);
  const auto r = test::check_event<ev::firehose_response>("kinesis-firehose-response.json");
  CHECK(r.records.at(0).result == "TRANSFORMED_STATE_OK");
}

TEST_CASE("EventBridge events keep detail as raw JSON or bind it") {
  const std::string text = R"({"version":"0","id":"53dc4d37","detail-type":"Scheduled Event","source":"aws.events",
    "account":"123456789012","time":"2015-10-08T16:53:06Z","region":"us-east-1",
    "resources":["arn:aws:events:us-east-1:123456789012:rule/my-rule"],"detail":{"instance-id":"i-1","state":"stopped"}})";
  const auto e = json::read<ev::cloudwatch_event>(text);
  CHECK(e.detail_type == "Scheduled Event");
  CHECK(e.detail.text == R"({"instance-id":"i-1","state":"stopped"})");
  const auto typed = json::read<ev::eventbridge_event<json::value>>(text);
  CHECK(typed.detail["state"].as_string() == "stopped");
  CHECK(json::write(e).find(R"("detail-type":"Scheduled Event")") != std::string::npos);
}

TEST_CASE("CloudWatch Logs: the raw payload is exposed") {
  const auto e = test::check_event<ev::cloudwatch_logs_event>("cloudwatch-logs-event.json");
  const auto gz = ev::base64_decode(e.awslogs.data);
  REQUIRE(gz.has_value());
  CHECK(static_cast<unsigned char>((*gz)[0]) == 0x1f);  // gzip magic
  CHECK(static_cast<unsigned char>((*gz)[1]) == 0x8b);
}

TEST_CASE("Cognito user pool triggers") {
  const auto signup = test::check_event<ev::cognito_pre_signup>("cognito-event-userpools-presignup.json");
  CHECK(signup.trigger_source == "PreSignUp_SignUp");
  CHECK(signup.request.user_attributes.at("email").as_string().size() > 0);
  CHECK(signup.caller_context.client_id.size() > 0);
  test::check_event<ev::cognito_post_confirmation>("cognito-event-userpools-postconfirmation.json");
  test::check_event<ev::cognito_pre_authentication>("cognito-event-userpools-preauthentication.json");
  test::check_event<ev::cognito_post_authentication>("cognito-event-userpools-postauthentication.json");
  const auto define = test::check_event<ev::cognito_define_auth_challenge>("cognito-event-userpools-define-auth-challenge.json");
  CHECK(define.request.session.at(0).challenge_result);
  test::check_event<ev::cognito_create_auth_challenge>("cognito-event-userpools-create-auth-challenge.json");
  test::check_event<ev::cognito_verify_auth_challenge>("cognito-event-userpools-verify-auth-challenge.json");
  const auto message = test::check_event<ev::cognito_custom_message>("cognito-event-userpools-custommessage.json");
  CHECK(message.request.user_attributes.at("phone_number_verified").as_bool());
  test::check_event<ev::cognito_pre_token_generation>("cognito-event-userpools-pretokengen.json");
  const auto v2 = test::check_event<ev::cognito_pre_token_generation_v2>("cognito-event-userpools-pretokengen-v2_0.json");
  CHECK(v2.response.claims_and_scope_override_details->id_token_generation->claims_to_add_or_override.at("favorite_number").as_int64() == 2);
  test::check_event<ev::cognito_pre_token_generation_v2>("cognito-event-userpools-pretokengen-v2.json");
  const auto migrate = test::check_event<ev::cognito_migrate_user>("cognito-event-userpools-migrateuser.json");
  CHECK(migrate.response.desired_delivery_mediums.size() > 0);
}

TEST_CASE("SES, Secrets Manager and CloudFormation") {
  const auto ses = test::check_event<ev::ses_event>("ses-lambda-event.json");
  CHECK(ses.records.at(0).ses.mail.common_headers.subject == "Test Subject");
  CHECK(ses.records.at(0).ses.receipt.action.type == "Lambda");
  test::check_event<ev::ses_event>("ses-s3-event.json");
  test::check_event<ev::ses_event>("ses-sns-event.json");
  const auto rotation = test::check_event<ev::secrets_manager_rotation_event>("secretsmanager-secret-rotation-event.json");
  CHECK(rotation.step == "createSecret");
  const auto cfn = json::read<ev::cloudformation_custom_resource_request>(
      R"({"RequestType":"Create","ResponseURL":"https://s3.example/presigned","StackId":"arn:stack","RequestId":"r1",
          "ResourceType":"Custom::Thing","LogicalResourceId":"Thing","ResourceProperties":{"ServiceToken":"arn:fn","Size":3}})");
  CHECK(cfn.response_url == "https://s3.example/presigned");
  CHECK(cfn.resource_properties.at("Size").as_int64() == 3);
  ev::cloudformation_custom_resource_response done{"SUCCESS", std::nullopt, "thing-1", cfn.stack_id, cfn.request_id,
                                                   cfn.logical_resource_id, false, {{"Arn", "arn:thing"}}};
  CHECK(json::write(done) ==
        R"({"Status":"SUCCESS","PhysicalResourceId":"thing-1","StackId":"arn:stack","RequestId":"r1",)"
        R"("LogicalResourceId":"Thing","NoEcho":false,"Data":{"Arn":"arn:thing"}})");
}

TEST_CASE("base64 helpers") {
  CHECK(ev::base64_encode("") == "");
  CHECK(ev::base64_encode("f") == "Zg==");
  CHECK(ev::base64_encode("fo") == "Zm8=");
  CHECK(ev::base64_encode("foo") == "Zm9v");
  CHECK(ev::base64_encode(std::string("\0\xff\x10", 3)) == "AP8Q");
  CHECK(ev::base64_decode("Zm9vYmFy") == "foobar");
  CHECK(ev::base64_decode("Zg==") == "f");
  CHECK(ev::base64_decode("Zg") == "f");
  CHECK_FALSE(ev::base64_decode("Z").has_value());
  CHECK_FALSE(ev::base64_decode("Zh==").has_value());
  CHECK_FALSE(ev::base64_decode("Zm9v!").has_value());
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  CHECK(ev::base64_decode(ev::base64_encode(all)) == all);
}

// Real AWS event shapes the copied samples lack (tests/data/own-events/README.md).

TEST_CASE("IAM policy statements: Action and Resource are one string or a list, kept as they came") {
  const auto r = test::check_event<ev::apigw_custom_authorizer_response>("own-events/authorizer-response-string-or-list.json");
  const auto& statements = r.policy_document.statement;
  REQUIRE(statements.size() == 2);
  CHECK(std::get<std::string>(statements[0].action) == "execute-api:Invoke");
  CHECK(ev::as_list(statements[0].resource).size() == 2);
  CHECK(ev::as_list(statements[1].action) == std::vector<std::string>{"execute-api:Invoke", "execute-api:InvalidateCache"});
  CHECK(std::holds_alternative<std::string>(statements[1].resource));
  const std::string written = json::write(r);
  CHECK(written.find(R"("Action":"execute-api:Invoke","Effect":"Allow","Resource":[)") != std::string::npos);
  CHECK(written.find(R"("Effect":"Deny","Resource":"arn:)") != std::string::npos);
  ev::iam_policy_statement mine;
  mine.action = "execute-api:Invoke";
  mine.effect = "Allow";
  mine.resource = std::vector<std::string>{"arn:a", "arn:b"};
  CHECK(json::write(mine) == R"({"Action":"execute-api:Invoke","Effect":"Allow","Resource":["arn:a","arn:b"]})");
}

TEST_CASE("Cognito triggers whose members arrive null") {
  const auto verify = test::check_event<ev::cognito_verify_auth_challenge>("own-events/cognito-verify-auth-challenge-null-answer.json");
  CHECK_FALSE(verify.response.answer_correct.has_value());
  CHECK(verify.request.challenge_answer.as_string() == "7391");
  auto answered = verify;
  answered.response.answer_correct = true;
  CHECK(json::write(answered).find(R"("response":{"answerCorrect":true})") != std::string::npos);
  const auto define = test::check_event<ev::cognito_define_auth_challenge>("own-events/cognito-define-auth-challenge-null-response.json");
  CHECK_FALSE(define.response.issue_tokens.has_value());
  CHECK(define.request.session.at(0).challenge_name == "CUSTOM_CHALLENGE");
  const auto message = test::check_event<ev::cognito_custom_message>("own-events/cognito-custom-message-null-parameters.json");
  CHECK(message.request.code_parameter == "{####}");
  CHECK_FALSE(message.request.username_parameter.has_value());
  test::check_event<ev::cognito_create_auth_challenge>("own-events/cognito-create-auth-challenge-null-metadata.json");
  const auto migrate = test::check_event<ev::cognito_migrate_user>("own-events/cognito-migrate-user.json");
  CHECK(migrate.user_name == "legacy-jane");
  CHECK(migrate.request.user_name == "legacy-jane");
  CHECK(migrate.request.user_attributes.at("email").as_string() == "jane@example.com");
  CHECK_FALSE(migrate.response.force_alias_creation.has_value());
}

TEST_CASE("REST API events with null request-context and identity fields") {
  const auto r = test::check_event<ev::apigw_proxy_request>("own-events/apigw-rest-request-null-fields.json");
  CHECK_FALSE(r.request_context.resource_id.has_value());
  CHECK(r.request_context.identity.source_ip == "test-invoke-source-ip");
  CHECK(r.headers.empty());
  CHECK(lambda_coro::http::to_request(test::data_file("own-events/apigw-rest-request-null-fields.json")).path == "/orders");
}

TEST_CASE("SNS: SigningCertURL and UnsubscribeURL are kept as spelled") {
  const auto e = test::check_event<ev::sns_event>("own-events/sns-uppercase-urls.json");
  const auto& sns = e.records.at(0).sns;
  CHECK(sns.signing_certificate_location().ends_with("SimpleNotificationService-0000000000000000000000.pem"));
  CHECK(sns.unsubscribe_location().starts_with("https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe"));
  CHECK_FALSE(sns.signing_cert_url.has_value());
  const std::string written = json::write(e);
  CHECK(written.find("\"SigningCertURL\"") != std::string::npos);
  CHECK(written.find("\"SigningCertUrl\"") == std::string::npos);
  const auto lambda_spelling = test::check_event<ev::sns_event>("sns-event.json");
  CHECK(lambda_spelling.records.at(0).sns.signing_certificate_location() == "EXAMPLE");
}

TEST_CASE("authorizers of HTTP APIs (payload 1.0) and WebSocket APIs keep every field") {
  const auto v1 = test::check_event<ev::apigw_custom_authorizer_request>("own-events/apigw-http-authorizer-v1-request.json");
  CHECK(v1.request_context->http->method == "GET");
  CHECK(v1.request_context->route_key == "GET /orders");
  CHECK(v1.request_context->time_epoch == 1710411330123);
  const auto ws = test::check_event<ev::apigw_custom_authorizer_request>("own-events/apigw-websocket-authorizer-request.json");
  CHECK(ws.request_context->connection_id == "Qm3xWcDeIAMCJxw=");
  CHECK(ws.request_context->event_type == "CONNECT");
  CHECK(ws.request_context->message_direction == "IN");
  CHECK(ws.request_context->connected_at == 1710411330120);
  CHECK(ws.request_context->route_key == "$connect");
}

TEST_CASE("DynamoDB records through Kinesis, and Firehose events from MSK, keep every field") {
  const auto d = test::check_event<ev::dynamodb_event>("own-events/dynamodb-kinesis-records.json");
  CHECK(d.records.at(0).record_format == "application/json");
  CHECK(d.records.at(0).table_name == "orders");
  const auto f = test::check_event<ev::firehose_event>("own-events/firehose-msk-event.json");
  CHECK(f.source_msk_arn->starts_with("arn:aws:kafka:"));
  CHECK(f.records.at(0).msk_record_metadata->partition_id == "1");
  CHECK(ev::base64_decode(*f.records.at(0).kafka_record_value) == R"({"orderId":"42"})");
}

TEST_CASE("function URL events keep routeKey and requestContext.stage") {
  const auto r = test::check_event<ev::lambda_function_url_request>("own-events/function-url-request.json");
  CHECK(r.route_key == "$default");
  CHECK(r.request_context.stage == "$default");
}

namespace user_app {
// A user's extension of an AWS type: its own members follow AWS's camelCase too.
struct tagged_sqs_message : ev::sqs_message {
  std::string trace_tag;
};
BOOST_DESCRIBE_STRUCT(tagged_sqs_message, (ev::sqs_message), (trace_tag))
}  // namespace user_app

TEST_CASE("event members are camelCase by default, and the structs AWS spells otherwise say so") {
  const std::string sqs = json::write(ev::sqs_message{});
  CHECK(sqs.find(R"("messageId":"")") != std::string::npos);
  CHECK(sqs.find(R"("eventSourceARN":"")") != std::string::npos);
  CHECK(json::write(ev::sqs_event{}) == R"({"Records":[]})");
  CHECK(json::write(ev::sns_entity{}).find(R"("MessageId":"")") != std::string::npos);
  const std::string tagged = json::write(user_app::tagged_sqs_message{});
  CHECK(tagged.find(R"("traceTag":"")") != std::string::npos);
  CHECK(tagged.find(R"("receiptHandle":"")") != std::string::npos);
}
