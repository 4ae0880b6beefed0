// Response streaming end to end: bootstraps that stream, the emulator handing the bytes on
// as they arrive, errors in trailers.
#include "process.hpp"
#include "served_function.hpp"

#include <doctest/doctest.h>

#include "../support/lambda_coro_under_test.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <signal.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <thread>

namespace json = lambda_coro::json;
using namespace std::chrono_literals;

namespace {

const std::string streaming_example = LAMBDA_CORO_TEST_STREAMING;

// An invoke (or any request) read from a raw socket, so that the test sees bytes when they arrive.
class raw_invoke {
public:
  raw_invoke(int port, const std::string& payload) : raw_invoke(port, "POST", "/2015-03-31/functions/function/invocations", payload) {}
  raw_invoke(int port, const std::string& method, const std::string& path, const std::string& payload) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    test::send_all(fd_, method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                            std::to_string(payload.size()) + "\r\n\r\n" + payload);
  }
  ~raw_invoke() { ::close(fd_); }

  // Reads until `needle` has arrived, the peer closes, or 10 s pass; whether it arrived.
  bool read_until(const std::string& needle) {
    const auto give_up = std::chrono::steady_clock::now() + 60s;
    for (std::size_t from = 0; received_.find(needle, from) == std::string::npos;) {
      from = received_.size() > needle.size() ? received_.size() - needle.size() : 0;
      if (closed_ || std::chrono::steady_clock::now() > give_up) return false;
      pollfd ready{fd_, POLLIN, 0};
      if (::poll(&ready, 1, 100) <= 0) continue;
      char bytes[65536];
      const ssize_t n = ::recv(fd_, bytes, sizeof bytes, 0);
      if (n <= 0)
        closed_ = true;
      else
        received_.append(bytes, static_cast<std::size_t>(n));
    }
    return true;
  }
  void read_to_end() { read_until(std::string(1, '\0') + "never"); }
  const std::string& received() const { return received_; }

  // The head, and the chunked body decoded; complete when the last chunk arrived.
  struct message {
    std::string head, body;
    bool complete = false;
  };
  message decoded() const {
    message m;
    const auto head_end = received_.find("\r\n\r\n");
    REQUIRE(head_end != std::string::npos);
    m.head = received_.substr(0, head_end);
    for (std::size_t at = head_end + 4;;) {
      const auto line_end = received_.find("\r\n", at);
      if (line_end == std::string::npos) return m;
      const std::size_t size = std::stoul(received_.substr(at, line_end - at), nullptr, 16);
      if (size == 0) {
        m.complete = received_.compare(line_end, 4, "\r\n\r\n") == 0;
        return m;
      }
      if (received_.size() < line_end + 2 + size + 2) return m;
      m.body += received_.substr(line_end + 2, size);
      at = line_end + 2 + size + 2;
    }
  }

private:
  int fd_ = -1;
  std::string received_;
  bool closed_ = false;
};

std::string gate_path(const std::string& name) {
  const std::string path = test::temp_file(name, "");
  std::remove(path.c_str());
  return path;
}

test::process_result invoke_once(const std::string& mode, const std::string& event,
                                 std::map<std::string, std::string> env = {}) {
  env["LAMBDA_CORO_TEST_MODE"] = mode;
  if (!env.count("LAMBDA_CORO_TEST_GATE")) env["LAMBDA_CORO_TEST_GATE"] = "/nonexistent";
  return test::run({test::emulator, "invoke", "--event", test::temp_file(mode + ".json", event), "--", test::bootstrap},
                   env);
}

}  // namespace

TEST_CASE("a streamed response reaches the caller as it is written, not at its end") {
  for (const char* mode : {"stream_async", "stream_sync"}) {
    CAPTURE(mode);
    const std::string gate = gate_path(std::string(mode) + ".gate");
    test::served_function fn(mode, {{"LAMBDA_CORO_TEST_GATE", gate}});
    raw_invoke call(fn.port(), R"("go")");
    REQUIRE(call.read_until("first;"));
    // The handler waits for the gate before sending more: nothing else can have come yet.
    CHECK(call.received().find("second;") == std::string::npos);
    CHECK(call.received().find("late;") == std::string::npos);
    std::ofstream(gate) << "open";
    call.read_to_end();
    const auto m = call.decoded();
    CHECK(m.complete);
    CHECK(m.body.starts_with("first;second;"));
    CHECK(m.head.find("Transfer-Encoding: chunked") != std::string::npos);
    if (std::string(mode) == "stream_async") CHECK(m.head.find("Content-Type: text/plain") != std::string::npos);
    if (std::string(mode) == "stream_sync") CHECK(m.body.size() == 13 + 36);  // and the request id
    std::remove(gate.c_str());
  }
}

TEST_CASE("an error after the first byte reaches the caller through the trailers") {
  for (const char* mode : {"stream_async", "stream_sync"}) {
    CAPTURE(mode);
    const auto r = invoke_once(mode, R"("fail_midway")");
    CHECK(r.exit_code == 1);
    CHECK(r.out == "first;");
    const auto error = json::read<json::value>(r.err.substr(r.err.rfind("{\"errorMessage\"")));
    CHECK(error["errorType"].as_string() == "Function.Midway");
    CHECK(error["errorMessage"].as_string() == "failed after the first bytes");

    // Over HTTP the status is already out: the stream is cut short, with no last chunk.
    test::served_function fn(mode, {{"LAMBDA_CORO_TEST_GATE", "/nonexistent"}});
    raw_invoke call(fn.port(), R"("fail_midway")");
    call.read_to_end();
    const auto m = call.decoded();
    CHECK(m.body == "first;");
    CHECK_FALSE(m.complete);
  }
}

TEST_CASE("an error before the first byte is an ordinary function error") {
  for (const char* mode : {"stream_async", "stream_sync"}) {
    CAPTURE(mode);
    test::served_function fn(mode, {{"LAMBDA_CORO_TEST_GATE", "/nonexistent"}});
    const auto res = fn.invoke(R"("fail_before")");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("X-Amz-Function-Error") == "Unhandled");
    const auto error = json::read<json::value>(res->body);
    CHECK(error["errorType"].as_string() == "std::invalid_argument");
    CHECK(error["errorMessage"].as_string() == "nothing to send");
    // The runtime goes on serving.
    raw_invoke call(fn.port(), R"("go")");
    REQUIRE(call.read_until("first;"));
  }
}

TEST_CASE("a stream left open is ended with Runtime.NoResponse by the next next_invocation()") {
  const auto r = invoke_once("stream_left_open", R"("x")");
  CHECK(r.exit_code == 1);
  CHECK(r.out == "unfinished");
  const auto error = json::read<json::value>(r.err.substr(r.err.rfind("{\"errorMessage\"")));
  CHECK(error["errorType"].as_string() == "Runtime.NoResponse");
}

TEST_CASE("a streamed response far larger than a buffered one passes with flat memory") {
  // 48 MiB, eight times the buffered limit: a bootstrap that held it would peak above it
  // (the bound leaves room for sanitizers).
  test::served_function fn("stream_large", {{"LAMBDA_CORO_TEST_STREAM_MIB", "48"}, {"AWS_LAMBDA_FUNCTION_TIMEOUT", "60"}});
  raw_invoke call(fn.port(), R"("big")");
  call.read_to_end();
  const auto m = call.decoded();
  CHECK(m.complete);
  CHECK(m.body.size() == 48u << 20);
  CHECK(m.body.find_first_not_of('x') == std::string::npos);
  const std::string log = fn.stop().err;
  const auto at = log.find("peak_rss_kib=");
  REQUIRE(at != std::string::npos);
  const long peak_kib = std::stol(log.substr(at + 13));
  CAPTURE(peak_kib);
  CHECK(peak_kib < 40 * 1024);
}

TEST_CASE("examples/streaming through the emulator's HTTP front: prelude as status and headers, lines as written") {
  const int port = test::free_port();
  test::process emulator({test::emulator, "serve", "--port", std::to_string(port), "--", streaming_example}, {});
  httplib::Client ready("127.0.0.1", port);
  for (int i = 0; i < 500 && !ready.Get("/ready"); ++i) std::this_thread::sleep_for(10ms);

  raw_invoke call(port, "GET", "/count/3", "");
  REQUIRE(call.read_until("1\n"));
  const auto first_line = std::chrono::steady_clock::now();
  call.read_to_end();
  const auto last_line = std::chrono::steady_clock::now();
  const auto m = call.decoded();
  CHECK(m.head.starts_with("HTTP/1.1 200"));
  CHECK(m.head.find("Content-Type: text/plain; charset=utf-8") != std::string::npos);
  CHECK(m.head.find("Cache-Control: no-store") != std::string::npos);
  CHECK(m.head.find("Set-Cookie: counted=3") != std::string::npos);
  CHECK(m.body == "1\n2\n3\n");
  CHECK(m.complete);
  // Lines are written 300 ms apart: the first arrived well before the last.
  CHECK(last_line - first_line > 400ms);

  const auto hello = ready.Get("/hello");
  REQUIRE(hello);
  CHECK(hello->status == 200);
  CHECK(hello->body == "Hello, streaming!\n");
  const auto missing = ready.Get("/nowhere");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  ::kill(emulator.pid(), SIGTERM);
}
