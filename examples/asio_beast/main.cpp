// Boost.Asio and Beast inside a Lambda handler: per invocation, three HTTP GETs to a server
// on 127.0.0.1, made concurrently, so the invocation takes as long as the slowest one.
//   {"port": 8081, "paths": ["/a", "/b", "/c"]}  ->  {"bodies": [...], "milliseconds": 201}
#include <lambda_coro/asio.hpp>
#include <lambda_coro/lambda_coro.hpp>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace net = boost::asio;
namespace http = boost::beast::http;

struct fan_out {
  std::uint16_t port = 0;
  std::vector<std::string> paths;  // three of them
};
BOOST_DESCRIBE_STRUCT(fan_out, (), (port, paths))

struct fan_out_result {
  std::vector<std::string> bodies;
  long milliseconds = 0;
};
BOOST_DESCRIBE_STRUCT(fan_out_result, (), (bodies, milliseconds))

net::awaitable<std::string> get(std::uint16_t port, std::string path) {
  boost::beast::tcp_stream stream(co_await net::this_coro::executor);
  co_await stream.async_connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port), net::use_awaitable);
  http::request<http::empty_body> request(http::verb::get, path, 11);
  request.set(http::field::host, "127.0.0.1");
  co_await http::async_write(stream, request, net::use_awaitable);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> response;
  co_await http::async_read(stream, buffer, response, net::use_awaitable);
  co_return response.body();
}

net::awaitable<fan_out_result> handle(const fan_out& req) {
  using namespace net::experimental::awaitable_operators;
  if (req.paths.size() != 3) throw lambda_coro::function_error("Function.BadRequest", "give three paths");
  const auto start = std::chrono::steady_clock::now();
  auto [a, b, c] = co_await (get(req.port, req.paths[0]) && get(req.port, req.paths[1]) && get(req.port, req.paths[2]));
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  co_return fan_out_result{{std::move(a), std::move(b), std::move(c)}, static_cast<long>(took.count())};
}

int main() {
  net::io_context io;
  return lambda_coro::asio::start(io, handle);
}
