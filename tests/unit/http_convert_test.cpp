// The HTTP conversions on their own: http/convert.hpp is included first and brings no
// runtime, so a test, a tool or another runtime can use it.
#include <lambda_coro/http/convert.hpp>

#ifdef LAMBDA_CORO_RUNTIME_START_HPP_INCLUDED
#error "http/convert.hpp must not pull in the run loop (runtime/start.hpp)"
#endif
#ifdef LAMBDA_CORO_RUNTIME_RUNTIME_HPP_INCLUDED
#error "http/convert.hpp must not pull in the runtime"
#endif

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

namespace http = lambda_coro::http;
namespace json = lambda_coro::json;

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
