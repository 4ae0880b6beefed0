// The HTTP conversions on their own: in the header tree, http/convert.hpp is included first
// and brings no runtime, so a test, a tool or another runtime can use it. The single header
// is one file, so there the conversions are tested through it.
#ifdef LAMBDA_CORO_TEST_SINGLE_INCLUDE
#include <lambda_coro.hpp>
#else
#include <lambda_coro/http/convert.hpp>

#ifdef LAMBDA_CORO_RUNTIME_START_HPP_INCLUDED
#error "http/convert.hpp must not pull in the run loop (runtime/start.hpp)"
#endif
#ifdef LAMBDA_CORO_RUNTIME_RUNTIME_HPP_INCLUDED
#error "http/convert.hpp must not pull in the runtime"
#endif
#endif

#include "../support/test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace http = lambda_coro::http;

namespace {

const char* const url_event = R"({"version":"2.0","routeKey":"$default","rawPath":"/count/3","rawQueryString":"",
  "headers":{"host":"abc.lambda-url.us-east-1.on.aws"},"requestContext":{"accountId":"anonymous","apiId":"abc",
  "domainName":"abc.lambda-url.us-east-1.on.aws","domainPrefix":"abc","http":{"method":"GET","path":"/count/3",
  "protocol":"HTTP/1.1","sourceIp":"1.2.3.4","userAgent":"curl"},"requestId":"r","routeKey":"$default",
  "stage":"$default","time":"now","timeEpoch":0},"isBase64Encoded":false})";

http::router counting_routes() {
  http::router routes;
  routes.get("/count/{n}", [](const http::request& req) {
    const int n = std::stoi(std::string(*req.path_parameter("n")));
    auto res = http::response::streamed(
        [n](const http::body_writer& write) {
          for (int i = 1; i <= n; ++i) write(std::to_string(i) + "\n");
        },
        "text/plain");
    res.cookies.push_back("seen=1");
    return res;
  });
  routes.get("/broken", [](const http::request&) {
    return http::response::streamed([](const http::body_writer& write) {
      write("partial");
      throw std::runtime_error("producer failed");
    }, "text/plain");
  });
  return routes;
}

}  // namespace

TEST_CASE("a streamed body is gathered into a buffered response event") {
  auto routes = counting_routes();
  const auto out = json::read<json::value>(http::handle_event(routes, url_event));
  CHECK(out["statusCode"].as_int64() == 200);
  CHECK(out["body"].as_string() == "1\n2\n3\n");
  CHECK(out["headers"]["Content-Type"].as_string() == "text/plain");
  CHECK(out["cookies"][0].as_string() == "seen=1");
}

TEST_CASE("a producer that fails in a buffered response answers 500") {
  auto routes = counting_routes();
  std::string event = url_event;
  for (std::string::size_type at; (at = event.find("/count/3")) != std::string::npos;) event.replace(at, 8, "/broken");
  const auto out = json::read<json::value>(http::handle_event(routes, event));
  CHECK(out["statusCode"].as_int64() == 500);
}

TEST_CASE("the prelude of a streamed response: status, headers, cookies, then 8 NULs") {
  http::response res = http::response::text("ignored", 201);
  res.headers.add("X-Many", "a");
  res.headers.add("X-Many", "b");
  res.cookies = {"a=1", "b=2"};
  const std::string prelude = http::to_stream_prelude(res);
  REQUIRE(prelude.size() > 8);
  CHECK(prelude.substr(prelude.size() - 8) == std::string(8, '\0'));
  const auto v = json::read<json::value>(prelude.substr(0, prelude.size() - 8));
  CHECK(v["statusCode"].as_int64() == 201);
  CHECK(v["headers"]["X-Many"].as_string() == "a,b");
  CHECK(v["headers"]["Content-Type"].as_string() == "text/plain; charset=utf-8");
  CHECK(v["cookies"].as_array().size() == 2);
  CHECK_FALSE(v.contains("body"));
}

TEST_CASE("an event of no HTTP front is Runtime.InvalidEvent") {
  auto routes = counting_routes();
  CHECK_THROWS_AS(http::handle_event(routes, R"({"Records":[]})"), lambda_coro::function_error);
}

TEST_CASE("routes read their front's typed request context from the sample events") {
  http::router routes;
  std::string seen;
  routes.any("/{path+}", [&seen](const http::request& req) {
    seen = req.source_ip();
    return http::response::text("ok");
  });
  routes.any("/", [&seen](const http::request& req) {
    seen = req.source_ip();
    return http::response::text("ok");
  });

  SUBCASE("HTTP API with a JWT authorizer") {
    auto req = http::to_request(test::data_file("events/apigw-v2-request-jwt-authorizer.json"));
    const auto* ctx = req.http_api_context();
    REQUIRE(ctx);
    CHECK(req.rest_api_context() == nullptr);
    CHECK(req.function_url_context() == nullptr);
    REQUIRE(ctx->authorizer);
    REQUIRE(ctx->authorizer->jwt);
    CHECK(ctx->authorizer->jwt->claims.at("claim1").as_string() == "value1");
    CHECK(ctx->authorizer->jwt->scopes == std::vector<std::string>{"scope1", "scope2"});
    CHECK(ctx->request_id == "id");
    CHECK(ctx->stage == "$default");
    routes.handle(req);
    CHECK(seen == ctx->http.source_ip);
    CHECK_FALSE(seen.empty());
  }
  SUBCASE("HTTP API with IAM and with a Lambda authorizer") {
    auto iam = http::to_request(test::data_file("events/apigw-v2-request-iam.json"));
    REQUIRE(iam.http_api_context()->authorizer->iam);
    CHECK(iam.http_api_context()->authorizer->iam->user_arn == "arn:aws:iam::1234567890:user/Admin");
    auto lambda = http::to_request(test::data_file("events/apigw-v2-request-lambda-authorizer.json"));
    CHECK(lambda.http_api_context()->authorizer->lambda.at("key").as_string() == "value");
  }
  SUBCASE("REST API") {
    auto req = http::to_request(test::data_file("events/apigw-request.json"));
    const auto* ctx = req.rest_api_context();
    REQUIRE(ctx);
    CHECK(req.http_api_context() == nullptr);
    CHECK(ctx->request_id == "deef4878-7910-11e6-8f14-25afc3e9ae33");
    CHECK(ctx->stage == "testStage");
    CHECK(ctx->identity.api_key == "theApiKey");
    CHECK(req.source_ip() == "192.168.196.186");
  }
  SUBCASE("function URL with IAM") {
    auto req = http::to_request(test::data_file("events/lambda-urls-request.json"));
    const auto* ctx = req.function_url_context();
    REQUIRE(ctx);
    REQUIRE(ctx->authorizer);
    CHECK(ctx->authorizer->iam->user_arn == "arn:aws:iam::111122223333:user/example-user");
    CHECK(req.source_ip() == "123.123.123.123");
  }
  SUBCASE("ALB") {
    auto req = http::to_request(test::data_file("events/alb-lambda-target-request-headers-only.json"));
    REQUIRE(req.alb_context());
    CHECK(req.alb_context()->elb.target_group_arn.ends_with("targetgroup/lambda-target/abcdefg"));
    CHECK(req.source_ip() == "25.12.198.67");
  }
}

TEST_CASE("lambda_context() outside the runtime is a usage error") {
  auto req = http::to_request(url_event);
  CHECK(req.lambda == nullptr);
  CHECK_THROWS_AS(req.lambda_context(), lambda_coro::usage_error);
}

TEST_CASE("middleware wraps every request in order, and may answer by itself") {
  http::router routes;
  std::vector<std::string> trail;
  routes.use([&trail](http::request& req, const http::next_handler& next) {
    trail.push_back("outer in");
    auto res = next(req);
    res.headers.set("X-Outer", "1");
    trail.push_back("outer out");
    return res;
  });
  // Authorization from the request context: HTTP API JWT scopes.
  routes.use([&trail](http::request& req, const http::next_handler& next) {
    trail.push_back("auth");
    const auto* ctx = req.http_api_context();
    const bool allowed = ctx && ctx->authorizer && ctx->authorizer->jwt &&
                         std::ranges::count(ctx->authorizer->jwt->scopes, "scope1") > 0;
    if (!allowed) return http::response::text("forbidden", 403);
    return next(req);
  });
  // Error mapping: a domain exception from a route becomes a 409.
  routes.use([](http::request& req, const http::next_handler& next) {
    try {
      return next(req);
    } catch (const std::logic_error& e) {
      return http::response::text(e.what(), 409);
    }
  });
  routes.any("/{path+}", [&trail](const http::request& req) {
    trail.push_back("route");
    if (req.method == "DELETE") throw std::logic_error("still referenced");
    return http::response::text("ok");
  });

  auto allowed = http::to_request(test::data_file("events/apigw-v2-request-jwt-authorizer.json"));
  auto res = routes.handle(allowed);
  CHECK(res.status == 200);
  CHECK(res.headers.get("X-Outer") == "1");
  CHECK(trail == std::vector<std::string>{"outer in", "auth", "route", "outer out"});

  trail.clear();
  auto anonymous = http::to_request(test::data_file("events/apigw-v2-request-no-authorizer.json"));
  res = routes.handle(anonymous);
  CHECK(res.status == 403);
  CHECK(res.headers.get("X-Outer") == "1");
  CHECK(trail == std::vector<std::string>{"outer in", "auth", "outer out"});

  allowed.method = "DELETE";
  res = routes.handle(allowed);
  CHECK(res.status == 409);
  CHECK(res.body == "still referenced");
}

TEST_CASE("CORS: preflight, simple requests, other origins, credentials") {
  http::router routes;
  routes.use(http::cors({.allowed_origins = {"https://app.example"},
                         .allowed_methods = {"GET", "PUT"},
                         .allowed_headers = {"Content-Type", "X-Token"},
                         .exposed_headers = {"X-Total"},
                         .allow_credentials = true,
                         .max_age_seconds = 60}));
  routes.put("/items/{id}", [](const http::request&) { return http::response::text("saved"); });

  http::request preflight;
  preflight.method = "OPTIONS";
  preflight.path = "/items/1";
  preflight.headers.add("Origin", "https://app.example");
  preflight.headers.add("Access-Control-Request-Method", "PUT");
  auto res = routes.handle(preflight);
  CHECK(res.status == 204);  // not 405: the middleware answers before routing
  CHECK(res.headers.get("Access-Control-Allow-Origin") == "https://app.example");
  CHECK(res.headers.get("Access-Control-Allow-Methods") == "GET, PUT");
  CHECK(res.headers.get("Access-Control-Allow-Headers") == "Content-Type, X-Token");
  CHECK(res.headers.get("Access-Control-Max-Age") == "60");
  CHECK(res.headers.get("Access-Control-Allow-Credentials") == "true");
  CHECK(res.headers.get("Vary") == "Origin");

  http::request put;
  put.method = "PUT";
  put.path = "/items/1";
  put.headers.add("Origin", "https://app.example");
  res = routes.handle(put);
  CHECK(res.status == 200);
  CHECK(res.headers.get("Access-Control-Allow-Origin") == "https://app.example");
  CHECK(res.headers.get("Access-Control-Expose-Headers") == "X-Total");

  put.headers.set("Origin", "https://evil.example");
  res = routes.handle(put);
  CHECK(res.status == 200);
  CHECK_FALSE(res.headers.contains("Access-Control-Allow-Origin"));

  http::router open;
  open.use(http::cors());
  open.get("/", [](const http::request&) { return http::response::text("hi"); });
  http::request get;
  get.method = "GET";
  get.path = "/";
  get.headers.add("Origin", "https://anyone.example");
  res = open.handle(get);
  CHECK(res.headers.get("Access-Control-Allow-Origin") == "*");
  CHECK_FALSE(res.headers.contains("Vary"));
}
