// The Runtime API client against a scripted HTTP server on 127.0.0.1 (real sockets).
#include "../support/test_support.hpp"

#include "../support/scripted_server.hpp"

#include <string>

namespace lc = lambda_coro;
using lc::detail::http_client;
using lc::detail::parse_runtime_endpoint;
using test::read_request;
using test::scripted_server;
using test::send_all;

namespace {

const std::vector<lc::detail::http_header> no_headers;

}  // namespace

TEST_CASE("AWS_LAMBDA_RUNTIME_API forms") {
  auto ep = parse_runtime_endpoint("127.0.0.1:9001");
  CHECK(ep.host == "127.0.0.1");
  CHECK(ep.port == 9001);
  CHECK(ep.base_path.empty());
  ep = parse_runtime_endpoint("[::1]:8080");
  CHECK(ep.host == "::1");
  CHECK(ep.address.ss_family == AF_INET6);
  ep = parse_runtime_endpoint("localhost:9001");
  CHECK(ep.address.ss_family == AF_INET);
  ep = parse_runtime_endpoint("http://127.0.0.1:9001/base/path/");
  CHECK(ep.base_path == "/base/path");
  CHECK(ep.port == 9001);
  for (const char* bad : {"127.0.0.1", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:9x",
                          "example.com:9001", "[::1]9001", "[::1"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_runtime_endpoint(bad), std::invalid_argument);
  }
}

TEST_CASE("a request goes out with its headers and body - the response body is padded") {
  std::string received;
  scripted_server server([&](int fd, int) {
    received = read_request(fd);
    send_all(fd, "HTTP/1.1 202 Accepted\r\ncontent-length: 15\r\nX-Thing:  v  \r\n\r\n{\"status\":\"OK\"}");
    read_request(fd);
  });
  http_client client(parse_runtime_endpoint("http://" + server.address() + "/base"));
  const auto& r = client.request("POST", "/2018-06-01/x", {{"A-Header", "a value"}}, "payload");
  CHECK(r.status == 202);
  CHECK(r.body == R"({"status":"OK"})");
  CHECK(r.header("x-thing") == "v");
  CHECK(r.header("Content-Length") == "15");
  CHECK(r.body.data()[r.body.size()] == '\0');
  CHECK(received.starts_with("POST /base/2018-06-01/x HTTP/1.1\r\n"));
  CHECK(received.find("\r\nA-Header: a value\r\n") != std::string::npos);
  CHECK(received.find("\r\nContent-Length: 7\r\n") != std::string::npos);
  CHECK(received.ends_with("\r\n\r\npayload"));
}

TEST_CASE("keep-alive: requests share one connection") {
  scripted_server server([](int fd, int) {
    while (!read_request(fd).empty()) send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
  });
  http_client client(parse_runtime_endpoint(server.address()));
  for (int i = 0; i < 5; ++i) CHECK(client.request("GET", "/next", no_headers, {}).body == "ok");
  CHECK(server.accepted() == 1);
}

TEST_CASE("a closed keep-alive connection is replaced transparently") {
  scripted_server server([](int fd, int) {
    if (read_request(fd).empty()) return;
    send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none");
    // then close: the client finds out on its next request
  });
  http_client client(parse_runtime_endpoint(server.address()));
  CHECK(client.request("GET", "/a", no_headers, {}).body == "one");
  CHECK(client.request("GET", "/b", no_headers, {}).body == "one");
  CHECK(server.accepted() == 2);
}

TEST_CASE("Connection: close is honoured") {
  scripted_server server([](int fd, int) {
    if (read_request(fd).empty()) return;
    send_all(fd, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx");
  });
  http_client client(parse_runtime_endpoint(server.address()));
  CHECK(client.request("GET", "/a", no_headers, {}).body == "x");
  CHECK(client.request("GET", "/a", no_headers, {}).body == "x");
  CHECK(server.accepted() == 2);
}

TEST_CASE("chunked bodies are decoded / extensions and trailers skipped") {
  scripted_server server([](int fd, int) {
    if (read_request(fd).empty()) return;
    send_all(fd,
             "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-After: 1\r\n\r\n"
             "5;ext=1\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nTrailer-A: x\r\n\r\n");
    read_request(fd);
  });
  http_client client(parse_runtime_endpoint(server.address()));
  const auto& r = client.request("GET", "/", no_headers, {});
  CHECK(r.body == "hello world");
  CHECK(r.header("X-After") == "1");
}

TEST_CASE("large bodies grow the buffer - header views stay valid") {
  const std::string big(7 * 1024 * 1024 + 3, 'z');
  scripted_server server([&](int fd, int) {
    if (read_request(fd).empty()) return;
    send_all(fd, "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: abc\r\nContent-Length: " +
                     std::to_string(big.size()) + "\r\n\r\n" + big);
    read_request(fd);
  });
  http_client client(parse_runtime_endpoint(server.address()));
  const auto& r = client.request("GET", "/", no_headers, {});
  CHECK(r.body.size() == big.size());
  CHECK(r.body == big);
  CHECK(r.header("Lambda-Runtime-Aws-Request-Id") == "abc");
}

TEST_CASE("failures are connection_errors") {
  int port;
  {
    scripted_server server([](int, int) {});
    port = std::stoi(server.address().substr(10));
  }
  http_client refused(parse_runtime_endpoint("127.0.0.1:" + std::to_string(port)));
  CHECK_THROWS_AS(refused.request("GET", "/", no_headers, {}), lc::detail::connection_error);

  scripted_server truncating([](int fd, int) {
    if (read_request(fd).empty()) return;
    send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
  });
  http_client client(parse_runtime_endpoint(truncating.address()));
  CHECK_THROWS_AS(client.request("GET", "/", no_headers, {}), lc::detail::connection_error);
}

TEST_CASE("bodies over the size bound are refused before any allocation") {
  for (const std::string& head : {std::string("Content-Length: 18446744073709551615\r\n\r\n"),
                                 std::string("Content-Length: 134217729\r\n\r\n"),
                                 std::string("Transfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n"),
                                 std::string("Transfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n7fffffd\r\n")}) {
    CAPTURE(head);
    scripted_server server([&](int fd, int) {
      if (read_request(fd).empty()) return;
      send_all(fd, "HTTP/1.1 200 OK\r\n" + head);
      read_request(fd);
    });
    http_client client(parse_runtime_endpoint(server.address()));
    CHECK_THROWS_WITH_AS(client.request("GET", "/", no_headers, {}), "the Runtime API sent a body over 128 MiB",
                         lc::detail::connection_error);
  }
}

TEST_CASE("status lines other than HTTP/1.x and three digits are refused") {
  for (const char* line : {"HTTP/1.1 -87 OK", "HTTP/1.1 20 OK", "HTTP/1.1 2000", "HTTP/2 200 OK", "HTTP/1.1200 OK",
                           "HTTP/1.1 2x0 OK"}) {
    CAPTURE(line);
    scripted_server server([&](int fd, int) {
      if (read_request(fd).empty()) return;
      send_all(fd, std::string(line) + "\r\nContent-Length: 0\r\n\r\n");
      read_request(fd);
    });
    http_client client(parse_runtime_endpoint(server.address()));
    CHECK_THROWS_WITH_AS(client.request("GET", "/", no_headers, {}), "the Runtime API sent an invalid status line",
                         lc::detail::connection_error);
  }
  scripted_server server([](int fd, int) {
    if (read_request(fd).empty()) return;
    send_all(fd, "HTTP/1.0 404\r\nContent-Length: 0\r\n\r\n");
    read_request(fd);
  });
  http_client client(parse_runtime_endpoint(server.address()));
  CHECK(client.request("GET", "/", no_headers, {}).status == 404);
}

TEST_CASE("after a malformed response the connection is dropped, not reused") {
  scripted_server server([](int fd, int connection) {
    if (read_request(fd).empty()) return;
    if (connection == 0) {
      // Invalid framing followed by bytes a reused stream would misread as the next response.
      send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstale");
      read_request(fd);
      return;
    }
    send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfresh");
    read_request(fd);
  });
  http_client client(parse_runtime_endpoint(server.address()));
  CHECK_THROWS_AS(client.request("GET", "/", no_headers, {}), lc::detail::connection_error);
  CHECK(client.request("GET", "/", no_headers, {}).body == "fresh");
  CHECK(server.accepted() == 2);
}
