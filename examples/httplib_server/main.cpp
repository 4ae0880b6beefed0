// An existing cpp-httplib server, unchanged, on Lambda: the same routes serve locally with
// `listen()` and on Lambda with lambda_coro::http::start(server).
#include <lambda_coro/http/httplib.hpp>
#include <lambda_coro/lambda_coro.hpp>

#include <httplib.h>

#include <cstdlib>
#include <string>

void add_routes(httplib::Server& server) {
  server.Get("/hello/(\\w+)", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content("Hello, " + std::string(req.matches[1]) + "!", "text/plain");
  });
  server.Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Query", req.get_param_value("q"));
    res.set_header("Set-Cookie", "seen=1");
    res.set_content(req.body, req.get_header_value("Content-Type").c_str());
  });
}

int main(int argc, char** argv) {
  httplib::Server server;
  add_routes(server);
  if (argc > 1 && std::string(argv[1]) == "--listen") return server.listen("127.0.0.1", 8080) ? 0 : 1;
  return lambda_coro::http::start(server);
}
