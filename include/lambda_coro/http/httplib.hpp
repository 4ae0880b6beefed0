// Runs an existing cpp-httplib server's routes on Lambda, unchanged.
//
// Mechanism: the server listens on 127.0.0.1, on a port the kernel picks, inside the
// bootstrap process; each event becomes a real HTTP/1.1 request to it over one keep-alive
// connection, and its answer goes back in the shape of the front that sent the event.
// httplib keeps all its behaviour (routing, middleware, error handlers) because it serves
// a real socket; the price is one loopback round trip per request and httplib's code in
// the binary (README: "cpp-httplib servers on Lambda" has the measured numbers).
// Not part of lambda_coro.hpp: include it where cpp-httplib is available.
#ifndef LAMBDA_CORO_HTTP_HTTPLIB_HPP_INCLUDED
#define LAMBDA_CORO_HTTP_HTTPLIB_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/http/adapter.hpp>
#include <lambda_coro/transport/http_client.hpp>

#include <httplib.h>
#include <simdjson.h>

#include <string>
#include <thread>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace http {

// Forwards requests to a server listening on 127.0.0.1:port.
class loopback_forwarder {
public:
  explicit loopback_forwarder(int port)
      : client_(lambda_coro::detail::parse_runtime_endpoint("127.0.0.1:" + std::to_string(port))) {}

  response operator()(const request& req) {
    target_ = req.path;
    if (!req.raw_query.empty()) target_.append("?").append(req.raw_query);
    headers_.clear();
    for (const auto& [name, value] : req.headers)
      if (!iequals(name, "Host") && !iequals(name, "Content-Length") && !iequals(name, "Transfer-Encoding") &&
          !iequals(name, "Connection"))
        headers_.push_back({name, value});
    if (req.method == "GET" && !req.body.empty()) {  // the client sends no length for a GET otherwise
      length_ = std::to_string(req.body.size());
      headers_.push_back({"Content-Length", length_});
    }
    const auto& answer = client_.request(req.method, target_, headers_, req.body);
    response res;
    res.status = answer.status;
    for (const auto& h : answer.headers) {
      if (iequals(h.name, "Set-Cookie"))
        res.cookies.emplace_back(h.value);
      else if (!iequals(h.name, "Content-Length") && !iequals(h.name, "Transfer-Encoding") &&
               !iequals(h.name, "Connection") && !iequals(h.name, "Keep-Alive"))
        res.headers.add(h.name, h.value);
    }
    res.body.assign(answer.body);
    res.binary = !simdjson::validate_utf8(res.body.data(), res.body.size());
    return res;
  }

private:
  lambda_coro::detail::http_client client_;
  std::string target_;
  std::string length_;
  std::vector<lambda_coro::detail::http_header> headers_;
};

// Serves `server`'s routes for every HTTP event until Lambda ends the process.
inline int start(httplib::Server& server) {
  // httplib writes a response's head and body separately: with Nagle on, the body waits for
  // the client's delayed ACK, about 40 ms a request.
  server.set_tcp_nodelay(true);
  const int port = server.bind_to_any_port("127.0.0.1");
  if (port <= 0) {
    lambda_coro::detail::log_line("cannot bind the cpp-httplib server to 127.0.0.1");
    return 1;
  }
  std::thread listener([&server] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::yield();
  loopback_forwarder forward(port);
  const int rc = start(forward);
  server.stop();
  listener.join();
  return rc;
}

}  // namespace http
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_HTTP_HTTPLIB_HPP_INCLUDED
