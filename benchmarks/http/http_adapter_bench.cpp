// What running cpp-httplib routes on Lambda costs per request, against the built-in router:
// both turn the same HTTP API event into a request, answer it, and write the response event.
//
//   http_adapter_bench [--requests N] [--rounds R]
#include <lambda_coro/http/httplib.hpp>
#include <lambda_coro/lambda_coro.hpp>

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace http = lambda_coro::http;

namespace {

const char* const event = R"({"version":"2.0","routeKey":"$default","rawPath":"/hello/world","rawQueryString":"a=1",
  "headers":{"accept":"*/*","host":"example.lambda-url.us-east-1.on.aws","user-agent":"curl/8.0"},
  "requestContext":{"accountId":"123456789012","apiId":"api","domainName":"example","domainPrefix":"example",
  "http":{"method":"GET","path":"/hello/world","protocol":"HTTP/1.1","sourceIp":"1.2.3.4","userAgent":"curl/8.0"},
  "requestId":"id","routeKey":"$default","stage":"$default","time":"now","timeEpoch":0},"isBase64Encoded":false})";

template <class Handler>
double micros_per_request(Handler&& handle, int requests, std::string& last) {
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < requests; ++i) {
    http::request req = http::to_request(event);
    const http::response res = handle(req);
    last = http::to_event_response(res, req);
  }
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / requests;
}

}  // namespace

int main(int argc, char** argv) {
  int requests = 20000, rounds = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--requests") == 0) requests = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::atoi(argv[i + 1]);
  }

  http::router routes;
  routes.get("/hello/{name}", [](const http::request& req) {
    return http::response::text("Hello, " + std::string(*req.path_parameter("name")) + "!");
  });

  httplib::Server server;
  server.Get("/hello/(\\w+)", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content("Hello, " + std::string(req.matches[1]) + "!", "text/plain; charset=utf-8");
  });
  server.set_tcp_nodelay(true);  // as lambda_coro::http::start(server) sets it
  const int port = server.bind_to_any_port("127.0.0.1");
  std::thread listener([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::yield();
  http::loopback_forwarder forward(port);

  std::vector<double> router_us, httplib_us;
  std::string a, b;
  for (int r = 0; r < rounds; ++r) {
    router_us.push_back(micros_per_request([&](http::request& req) { return routes.handle(req); }, requests, a));
    httplib_us.push_back(micros_per_request([&](http::request& req) { return forward(req); }, requests / 4, b));
  }
  server.stop();
  listener.join();
  if (a.find("Hello, world!") == std::string::npos || b.find("Hello, world!") == std::string::npos) {
    std::fprintf(stderr, "unexpected responses:\n%s\n%s\n", a.c_str(), b.c_str());
    return 1;
  }
  std::sort(router_us.begin(), router_us.end());
  std::sort(httplib_us.begin(), httplib_us.end());
  const double ro = router_us[router_us.size() / 2], hl = httplib_us[httplib_us.size() / 2];
  std::printf("| path | per request (median of %d rounds) |\n|---|---:|\n", rounds);
  std::printf("| event -> http::router -> response event | %.2f µs |\n", ro);
  std::printf("| event -> cpp-httplib server over loopback -> response event | %.2f µs |\n", hl);
  std::printf("| cost of the cpp-httplib adapter | +%.2f µs |\n", hl - ro);
  return 0;
}
