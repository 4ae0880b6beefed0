// End to end: examples/http_api and examples/sqs_batch as real processes, through the
// emulator's HTTP front with a real HTTP client, and fed AWS's sample events directly.
#include "../support/scripted_server.hpp"
#include "../support/test_support.hpp"
#include "process.hpp"

#include <doctest/doctest.h>
#include <httplib.h>

#include "../support/lambda_coro_under_test.hpp"

#include <string>
#include <thread>

namespace json = lambda_coro::json;
using namespace std::chrono_literals;

namespace {

const std::string emulator = LAMBDA_CORO_TEST_EMULATOR;
const std::string http_api = LAMBDA_CORO_TEST_HTTP_API;
const std::string sqs_batch = LAMBDA_CORO_TEST_SQS_BATCH;
const std::string httplib_server = LAMBDA_CORO_TEST_HTTPLIB_SERVER;

class http_front {
public:
  explicit http_front(const std::string& format = "http-api") : port_(test::free_port()), client_("127.0.0.1", port_) {
    process_ = std::make_unique<test::process>(
        std::vector<std::string>{emulator, "serve", "--port", std::to_string(port_), "--format", format, "--",
                                 http_api},
        std::map<std::string, std::string>{});
    client_.set_read_timeout(30, 0);
    for (int i = 0; i < 500; ++i) {
      if (client_.Get("/2018-06-01/ping")) return;
      std::this_thread::sleep_for(10ms);
    }
    FAIL("the emulator did not start");
  }
  ~http_front() { ::kill(process_->pid(), SIGTERM); }
  httplib::Client& client() { return client_; }

private:
  int port_;
  httplib::Client client_;
  std::unique_ptr<test::process> process_;
};

// Runs examples/http_api once in local mode on `event`; returns its response document.
json::value local(const std::string& event) {
  const auto r = test::run({http_api, test::temp_file("event.json", event)}, {{"AWS_LAMBDA_RUNTIME_API", "<unset>"}});
  REQUIRE(r.exit_code == 0);
  return json::read<json::value>(r.out);
}

}  // namespace

TEST_CASE("the HTTP API example served as plain HTTP through the emulator") {
  for (const char* format : {"http-api", "rest-api", "alb"}) {
    CAPTURE(format);
    http_front front(format);
    auto& c = front.client();
    auto created = c.Post("/todos", R"({"title":"write tests"})", "application/json");
    REQUIRE(created);
    CHECK(created->status == 201);
    CHECK(created->get_header_value("Location") == "/todos/1");
    CHECK(json::read<json::value>(created->body)["title"].as_string() == "write tests");
    auto got = c.Get("/todos/1");
    CHECK(got->status == 200);
    CHECK(got->get_header_value("Content-Type") == "application/json");
    CHECK(json::read<json::value>(c.Get("/todos")->body).size() == 1);
    CHECK(c.Get("/todos/9")->status == 404);
    CHECK(c.Post("/todos", "{not json", "application/json")->status == 400);
    const auto mismatched = c.Post("/todos", R"({"title":7})", "application/json");
    CHECK(mismatched->status == 400);
    CHECK(mismatched->body == R"({"message":"Bad Request","path":"$.title","problem":"expected string, got number"})");
    CHECK(c.Post("/todos", R"({"title":""})", "application/json")->status == 422);
    auto wrong_method = c.Put("/todos/1", "", "text/plain");
    CHECK(wrong_method->status == 405);
    CHECK(wrong_method->get_header_value("Allow") == "GET, DELETE");
    CHECK(c.Get("/nowhere")->status == 404);
    CHECK(c.Get("/error")->status == 500);
    CHECK(c.Delete("/todos/1")->status == 204);
    CHECK(c.Get("/todos/1")->status == 404);

    // Middleware and contexts: the request id on every response (404s too), CORS, the caller.
    CHECK(c.Get("/nowhere")->get_header_value("X-Request-Id").size() == 36);
    const auto whoami = c.Get("/whoami");
    REQUIRE(whoami);
    const auto who = json::read<json::value>(whoami->body);
    CHECK(who["source_ip"].as_string() == "127.0.0.1");
    CHECK(who["remaining_ms"].as_int64() > 0);
    CHECK(who["remaining_ms"].as_int64() <= 3000);
    const auto preflight = c.Options("/todos", {{"Origin", "https://app.example"},
                                                {"Access-Control-Request-Method", "POST"}});
    REQUIRE(preflight);
    CHECK(preflight->status == 204);
    CHECK(preflight->get_header_value("Access-Control-Allow-Origin") == "*");
    CHECK(preflight->get_header_value("Access-Control-Allow-Methods").find("POST") != std::string::npos);
    CHECK(c.Get("/todos", {{"Origin", "https://app.example"}})->get_header_value("Access-Control-Allow-Origin") == "*");
  }
}

TEST_CASE("the HTTP API example answers AWS's sample events in each front's shape") {
  auto with_path = [](std::string event, const std::string& from, const std::string& to) {
    for (auto at = event.find(from); at != std::string::npos; at = event.find(from, at + to.size()))
      event.replace(at, from.size(), to);
    return event;
  };
  // REST API (POST /hello/world in the sample) -> our POST route is /todos
  auto v1 = local(with_path(test::event("apigw-request.json"), "\"/hello/world\"", "\"/todos\""));
  CHECK(v1["statusCode"].as_int64() == 422);  // the sample's body is a JSON object without a title
  CHECK(v1.contains("multiValueHeaders"));
  // HTTP API (GET /my/path) -> GET /todos
  auto v2 = local(with_path(test::event("apigw-v2-request-no-authorizer.json"), "\"/\"", "\"/todos\""));
  CHECK(v2["statusCode"].as_int64() == 200);
  CHECK(v2["body"].as_string() == "[]");
  CHECK(v2.contains("cookies"));
  // ALB (GET /lambda) -> 404 in the ALB shape with a status description
  auto alb = local(test::event("alb-lambda-target-request-headers-only.json"));
  CHECK(alb["statusCode"].as_int64() == 404);
  CHECK(alb["statusDescription"].as_string() == "404 Not Found");
  CHECK(alb.contains("headers"));
  auto alb_multi = local(test::event("alb-lambda-target-request-multivalue-headers.json"));
  CHECK(alb_multi.contains("multiValueHeaders"));
  // Function URL (POST /my/path) -> 404
  auto url = local(test::event("lambda-urls-request.json"));
  CHECK(url["statusCode"].as_int64() == 404);
  // Not an HTTP event at all
  const auto r = test::run({http_api, test::temp_file("sqs.json", test::event("sqs-event.json"))}, {{"AWS_LAMBDA_RUNTIME_API", "<unset>"}});
  CHECK(r.exit_code == 1);
  CHECK(json::read<json::value>(r.err)["errorType"].as_string() == "Runtime.InvalidEvent");
}

TEST_CASE("the SQS example reports only the failed messages") {
  const std::string batch = R"({"Records":[
    {"messageId":"ok-1","receiptHandle":"r","body":"{\"orderId\":\"a\",\"quantity\":2}","md5OfBody":"m",
     "attributes":{},"messageAttributes":{},"eventSourceARN":"arn:q","eventSource":"aws:sqs","awsRegion":"us-east-1"},
    {"messageId":"bad-json","receiptHandle":"r","body":"not json","md5OfBody":"m","attributes":{},
     "messageAttributes":{},"eventSourceARN":"arn:q","eventSource":"aws:sqs","awsRegion":"us-east-1"},
    {"messageId":"bad-quantity","receiptHandle":"r","body":"{\"orderId\":\"b\",\"quantity\":0}","md5OfBody":"m",
     "attributes":{},"messageAttributes":{},"eventSourceARN":"arn:q","eventSource":"aws:sqs","awsRegion":"us-east-1"}]})";
  const auto r = test::run({emulator, "invoke", "--event", test::temp_file("batch.json", batch), "--", sqs_batch}, {});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "{\"batchItemFailures\":[{\"itemIdentifier\":\"bad-json\"},{\"itemIdentifier\":\"bad-quantity\"}]}\n");
  const auto sample_run = test::run({emulator, "invoke", "--event", test::temp_file("sample.json", test::event("sqs-event.json")), "--", sqs_batch}, {});
  CHECK(sample_run.out == "{\"batchItemFailures\":[{\"itemIdentifier\":\"MessageID_1\"}]}\n");
}

#ifdef LAMBDA_CORO_TEST_CLOUDWATCH_LOGS
TEST_CASE("examples/cloudwatch_logs inflates AWS's sample subscription payload with zlib") {
  const auto r = test::run({emulator, "invoke", "--event",
                            test::temp_file("logs.json", test::event("cloudwatch-logs-event.json")), "--",
                            LAMBDA_CORO_TEST_CLOUDWATCH_LOGS},
                           {});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "{\"log_group\":\"testLogGroup\",\"events\":2,\"errors\":2}\n");
  const auto broken = test::run({emulator, "invoke", "--event",
                                 test::temp_file("logs-broken.json", R"({"awslogs":{"data":"H4sIAAAA"}})"), "--",
                                 LAMBDA_CORO_TEST_CLOUDWATCH_LOGS},
                                {});
  CHECK(broken.exit_code != 0);
  CHECK(broken.err.find("$.awslogs.data: gzip payload is cut short") != std::string::npos);
}
#endif

TEST_CASE("a cpp-httplib server's routes answer Lambda events unchanged") {
  auto run = [](const std::string& event) {
    const auto r = test::run({httplib_server, test::temp_file("httplib.json", event)}, {{"AWS_LAMBDA_RUNTIME_API", "<unset>"}});
    REQUIRE(r.exit_code == 0);
    return json::read<json::value>(r.out);
  };
  auto v2 = run(R"({"version":"2.0","routeKey":"$default","rawPath":"/hello/lambda","rawQueryString":"",
    "headers":{"host":"x"},"requestContext":{"http":{"method":"GET","path":"/hello/lambda"}}})");
  CHECK(v2["statusCode"].as_int64() == 200);
  CHECK(v2["body"].as_string() == "Hello, lambda!");
  CHECK(v2["headers"]["Content-Type"].as_string() == "text/plain");
  auto v1 = run(R"({"httpMethod":"POST","path":"/echo","multiValueQueryStringParameters":{"q":["x y"]},
    "multiValueHeaders":{"Content-Type":["application/json"]},"requestContext":{},"body":"eyJrIjoxfQ==",
    "isBase64Encoded":true})");
  CHECK(v1["statusCode"].as_int64() == 200);
  CHECK(v1["body"].as_string() == R"({"k":1})");
  CHECK(v1["multiValueHeaders"]["X-Query"][0].as_string() == "x y");
  CHECK(v1["multiValueHeaders"]["Set-Cookie"][0].as_string() == "seen=1");
  auto missing = run(R"({"requestContext":{"elb":{"targetGroupArn":"arn"}},"httpMethod":"GET","path":"/nope","headers":{}})");
  CHECK(missing["statusCode"].as_int64() == 404);
  CHECK(missing["statusDescription"].as_string() == "404 Not Found");
}
