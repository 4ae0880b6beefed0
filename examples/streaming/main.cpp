// Response streaming for a function URL with InvokeMode RESPONSE_STREAM: the status and
// headers go first, then each line as soon as it is written. The same routes run buffered
// with http::start (the pieces gathered first) or locally through the emulator:
//   lambda-coro-emulator serve --port 8080 -- ./streaming
//   curl -N http://127.0.0.1:8080/count/5
#include <lambda_coro/lambda_coro.hpp>

#include <chrono>
#include <string>
#include <thread>

namespace http = lambda_coro::http;

int main() {
  http::router routes;
  // One line every 300 ms: a client sees each as it is written.
  routes.get("/count/{n}", [](const http::request& req) {
    const int n = std::stoi(std::string(req.path_parameter("n").value_or("3")));
    auto res = http::response::streamed(
        [n](const http::body_writer& write) {
          for (int i = 1; i <= n; ++i) {
            if (i > 1) std::this_thread::sleep_for(std::chrono::milliseconds(300));
            write(std::to_string(i) + "\n");
          }
        },
        "text/plain; charset=utf-8");
    res.headers.set("Cache-Control", "no-store");
    res.cookies.push_back("counted=" + std::to_string(n));
    return res;
  });
  // An ordinary response streams too: prelude and body in one piece.
  routes.get("/hello", [](const http::request&) { return http::response::text("Hello, streaming!\n"); });
  return http::start_streaming(routes);
}
