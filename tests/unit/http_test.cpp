// The HTTP adapter: requests from every front, responses in each front's shape, the router.
#include "../support/test_support.hpp"


namespace http = lambda_coro::http;

namespace {

http::response echo_path(const http::request& req) {
  return http::response::text(req.method + " " + req.path + " " + std::string(req.path_parameter("id").value_or("-")));
}

struct order_update {
  int quantity = 0;
};
BOOST_DESCRIBE_STRUCT(order_update, (), (quantity))

http::request request_for(std::string method, std::string path) {
  http::request r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

}  // namespace

TEST_CASE("url encoding, query strings and cookies") {
  CHECK(http::url_decode("a%20b+c%2Bd%zz%4") == "a b c+d%zz%4");
  CHECK(http::url_decode("a+b", false) == "a+b");
  CHECK(http::url_encode("a b/c~") == "a%20b%2Fc~");
  const auto q = http::parse_query("a=1&b=two%20words&a=3&flag&&c=");
  REQUIRE(q.size() == 5);
  CHECK(q[1] == std::pair<std::string, std::string>{"b", "two words"});
  CHECK(q[3] == std::pair<std::string, std::string>{"flag", ""});
  http::parameters cookies;
  http::parse_cookie_header("session=abc; theme=dark ;empty=; bare", cookies);
  CHECK(cookies == http::parameters{{"session", "abc"}, {"theme", "dark"}, {"empty", ""}, {"bare", ""}});
}

TEST_CASE("headers are case-insensitive and keep repeats") {
  http::headers h;
  h.add("Set-Cookie", "a=1");
  h.add("set-cookie", "b=2");
  h.add("Content-Type", "text/plain");
  CHECK(h.get("content-type") == "text/plain");
  CHECK(h.get_all("SET-COOKIE").size() == 2);
  h.set("set-cookie", "c=3");
  CHECK(h.get_all("Set-Cookie") == std::vector<std::string_view>{"c=3"});
  h.erase("CONTENT-TYPE");
  CHECK_FALSE(h.contains("Content-Type"));
}

TEST_CASE("router: literals, captures, the rest of the path, 404 and 405") {
  http::router r;
  r.get("/users/{id}", echo_path)
      .del("/users/{id}", echo_path)
      .get("/users", echo_path)
      .get("/files/{path+}", [](const http::request& req) { return http::response::text(req.path_parameters.at("path")); })
      .any("/anything", echo_path);
  auto req = request_for("GET", "/users/42");
  CHECK(r.handle(req).body == "GET /users/42 42");
  req = request_for("GET", "/users/a%20b/");
  CHECK(r.handle(req).body == "GET /users/a%20b/ a b");
  req = request_for("DELETE", "/users/7");
  CHECK(r.handle(req).body == "DELETE /users/7 7");
  req = request_for("GET", "/users");
  CHECK(r.handle(req).body == "GET /users -");
  req = request_for("GET", "/files/a/b/c.txt");
  CHECK(r.handle(req).body == "a/b/c.txt");
  req = request_for("PATCH", "/anything");
  CHECK(r.handle(req).status == 200);
  req = request_for("GET", "/nope");
  const auto missing = r.handle(req);
  CHECK(missing.status == 404);
  CHECK(missing.body == R"({"message":"Not Found"})");
  req = request_for("POST", "/users/42");
  const auto wrong = r.handle(req);
  CHECK(wrong.status == 405);
  CHECK(wrong.headers.get("Allow") == "GET, DELETE");
  req = request_for("GET", "/files");
  CHECK(r.handle(req).status == 404);
}

TEST_CASE("API Gateway REST API events become requests") {
  const auto req = http::to_request(test::event("apigw-request.json"));
  CHECK(req.front == http::front::api_gateway_rest);
  CHECK(req.method == "POST");
  CHECK(req.path == "/hello/world");
  CHECK(req.query_parameter("name") == "me");
  CHECK(req.raw_query == "name=me");
  CHECK(req.headers.get("accept") == "*/*");
  CHECK(req.path_parameter("proxy") == "hello/world");
  CHECK(req.body == "{\r\n\t\"a\": 1\r\n}");
}

TEST_CASE("HTTP API and function URL events become requests") {
  auto req = http::to_request(test::event("apigw-v2-request-jwt-authorizer.json"));
  CHECK(req.front == http::front::api_gateway_http);
  CHECK(req.method == "GET");
  CHECK(req.path == "/my/path");
  CHECK(req.raw_query == "parameter1=value1&parameter1=value2&parameter2=value");
  CHECK(req.query_parameters("parameter1") == std::vector<std::string_view>{"value1", "value2"});
  CHECK(req.cookie("cookie1") == "");
  CHECK(req.headers.get("Cookie") == "cookie1; cookie2");
  CHECK(req.headers.get("header1") == "value1");
  CHECK(req.body == "{\r\n\t\"a\": 1\r\n}");
  req = http::to_request(test::event("lambda-urls-request.json"));
  CHECK(req.front == http::front::function_url);
  CHECK(req.cookies.size() == 2);
}

TEST_CASE("function URL events with routeKey $default are function URLs, told apart by their domain") {
  const auto req = http::to_request(test::data_file("own-events/function-url-request.json"));
  CHECK(req.front == http::front::function_url);
  CHECK(req.method == "PUT");
  CHECK(req.path == "/orders/42");
  CHECK(req.cookie("theme") == "dark");
  // The same event from an HTTP API's domain is an HTTP API event.
  std::string api = test::data_file("own-events/function-url-request.json");
  for (std::size_t at; (at = api.find("lambda-url.eu-west-1.on.aws")) != std::string::npos;)
    api.replace(at, 27, "execute-api.eu-west-1.amazonaws.com");
  CHECK(http::to_request(api).front == http::front::api_gateway_http);
}

TEST_CASE("http::handle_event: a json::error from a route is the client's fault (400 with its path)") {
  http::router routes;
  routes.put("/orders/{id}", [](const http::request& req) {
    const auto o = json::read<order_update>(req.body);
    if (o.quantity == 0) throw std::runtime_error("server bug");
    return http::response::text(req.path_parameter("id").value_or("-"));  // a std::string_view body
  });
  std::string event = test::data_file("own-events/function-url-request.json");
  auto answer = json::read<json::value>(http::handle_event(routes, event));
  CHECK(answer["statusCode"].as_int64() == 200);
  CHECK(answer["body"].as_string() == "42");

  auto with_body = [&](std::string_view body) {
    std::string e = event;
    const std::string old_body = R"("body": "{\"quantity\":3}")";
    e.replace(e.find(old_body), old_body.size(), std::string(R"("body": )") + json::write(std::string(body)));
    return json::read<json::value>(http::handle_event(routes, e));
  };
  answer = with_body(R"({"quantity":"three"})");
  CHECK(answer["statusCode"].as_int64() == 400);
  CHECK(answer["body"].as_string() == R"({"message":"Bad Request","path":"$.quantity","problem":"expected integer in range [-2147483648, 2147483647], got string"})");
  answer = with_body(R"({"quantity":)");
  CHECK(answer["statusCode"].as_int64() == 400);
  CHECK(json::read<json::value>(answer["body"].as_string())["path"].as_string().starts_with("$"));
  answer = with_body(R"({})");
  CHECK(answer["statusCode"].as_int64() == 500);
  CHECK(answer["body"].as_string() == R"({"message":"Internal Server Error"})");
}

TEST_CASE("a non-HTTP event names the problem once") {
  http::router routes;
  CHECK_THROWS_WITH_AS(http::handle_event(routes, test::event("sqs-event.json")),
                       "not an HTTP event: $: no requestContext.elb, rawPath or httpMethod", lambda_coro::function_error);
}

TEST_CASE("response::text and bytes take std::string, std::string_view and string literals") {
  const std::string_view view = "viewed";
  CHECK(http::response::text(view).body == "viewed");
  CHECK(http::response::text("literal").body == "literal");
  CHECK(http::response::text(std::string("owned"), 201).status == 201);
  CHECK(http::response::bytes(view, "application/octet-stream").binary);
}

TEST_CASE("ALB events: single and multi-value, encoded query") {
  auto req = http::to_request(test::event("alb-lambda-target-request-headers-only.json"));
  CHECK(req.front == http::front::alb);
  CHECK_FALSE(req.multi_value_headers);
  CHECK(req.method == "GET");
  req = http::to_request(test::event("alb-lambda-target-request-multivalue-headers.json"));
  CHECK(req.multi_value_headers);
  CHECK(req.headers.get("x-myheader").has_value());
  const auto encoded = http::to_request(
      R"({"requestContext":{"elb":{"targetGroupArn":"arn"}},"httpMethod":"GET","path":"/q",
          "queryStringParameters":{"a%20b":"c%26d"},"headers":{},"body":"aGk=","isBase64Encoded":true})");
  CHECK(encoded.query_parameter("a b") == "c&d");
  CHECK(encoded.raw_query == "a%20b=c%26d");
  CHECK(encoded.body == "hi");
}

TEST_CASE("events of no HTTP front and bad base64 bodies are json::errors") {
  CHECK_THROWS_AS(http::to_request(test::event("sqs-event.json")), json::error);
  CHECK_THROWS_WITH_AS(http::to_request(R"({"rawPath":"/","body":"!!","isBase64Encoded":true})"),
                       "$.body: isBase64Encoded is true, but the body is not base64", json::error);
}

TEST_CASE("responses go back in each front's shape") {
  http::response res = http::response::text("hi", 201);
  res.headers.add("X-Many", "1");
  res.headers.add("X-Many", "2");
  res.cookies = {"a=1", "b=2"};
  http::request req;

  req.front = http::front::api_gateway_rest;
  CHECK(http::to_event_response(res, req) ==
        R"({"statusCode":201,"headers":{},"multiValueHeaders":{"Content-Type":["text/plain; charset=utf-8"],)"
        R"("Set-Cookie":["a=1","b=2"],"X-Many":["1","2"]},"body":"hi","isBase64Encoded":false})");

  req.front = http::front::api_gateway_http;
  CHECK(http::to_event_response(res, req) ==
        R"({"statusCode":201,"headers":{"Content-Type":"text/plain; charset=utf-8","X-Many":"1,2"},)"
        R"("body":"hi","isBase64Encoded":false,"cookies":["a=1","b=2"]})");

  req.front = http::front::alb;
  req.multi_value_headers = false;
  CHECK(http::to_event_response(res, req) ==
        R"({"statusCode":201,"statusDescription":"201 Created","headers":{"Content-Type":"text/plain; charset=utf-8",)"
        R"("Set-Cookie":"b=2","X-Many":"1,2"},"body":"hi","isBase64Encoded":false})");
  req.multi_value_headers = true;
  CHECK(http::to_event_response(res, req).find(R"("multiValueHeaders":{"Content-Type":["text/plain; charset=utf-8"],"Set-Cookie":["a=1","b=2"])") !=
        std::string::npos);

  const auto binary = http::response::bytes(std::string("\x89PNG", 4), "image/png");
  req.front = http::front::function_url;
  CHECK(http::to_event_response(binary, req).find(R"("body":"iVBORw==","isBase64Encoded":true)") != std::string::npos);
}
