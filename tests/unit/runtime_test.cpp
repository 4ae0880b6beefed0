// The runtime in this process against scripted Runtime APIs on 127.0.0.1 (real sockets):
// invocation lifetime, answering rules, reconnects, local-mode arguments.
#include "../support/test_support.hpp"

#include "../support/scripted_server.hpp"

#include <chrono>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <string>
#include <vector>

namespace lc = lambda_coro;

namespace {

// A Runtime API that hands out `events` in turn (then 500) and records each request.
class scripted_runtime_api {
public:
  explicit scripted_runtime_api(std::vector<std::string> events, std::size_t answer_size = 15)
      : events_(std::move(events)),
        server_([this, answer_size](int fd, int) {
          for (;;) {
            const std::string request = test::read_request(fd);
            if (request.empty()) return;
            std::size_t index;
            {
              std::lock_guard lock(mutex_);
              requests_.push_back(request);
              index = served_;
              if (request.starts_with("GET")) ++served_;
            }
            if (!request.starts_with("GET")) {
              // A long answer makes the client grow (reallocate) its receive buffer.
              const std::string body = "{\"status\":\"OK\"" + std::string(answer_size - 15, ' ') + "}";
              test::send_all(fd, "HTTP/1.1 202 Accepted\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
            } else if (index < events_.size()) {
              test::send_all(fd, "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: id-" + std::to_string(index) +
                                     "\r\nLambda-Runtime-Deadline-Ms: 4102444800000\r\nContent-Length: " +
                                     std::to_string(events_[index].size()) + "\r\n\r\n" + events_[index]);
            } else {
              test::send_all(fd, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n");
            }
          }
        }) {}

  std::string address() const { return server_.address(); }
  std::vector<std::string> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  // The request lines ("POST /2018-06-01/runtime/invocation/id-0/response") in order.
  std::vector<std::string> request_lines() {
    std::vector<std::string> lines;
    for (const auto& r : requests()) lines.push_back(r.substr(0, r.find(" HTTP/1.1")));
    return lines;
  }

private:
  std::vector<std::string> events_;
  std::mutex mutex_;
  std::vector<std::string> requests_;
  std::size_t served_ = 0;
  test::scripted_server server_;
};

std::string body_of(const std::string& request) { return request.substr(request.find("\r\n\r\n") + 4); }

}  // namespace

TEST_CASE("the event stays valid after the invocation is answered, until the next next_invocation()") {
  const std::string first = R"({"first":")" + std::string(3000, 'a') + R"("})";
  const std::string second = R"({"second":")" + std::string(200000, 'b') + R"("})";
  const std::string third = R"({"third":true})";
  scripted_runtime_api api({first, second, third}, 100000);
  lc::runtime rt(api.address());
  for (const std::string* expected : {&first, &second, &third}) {
    auto inv = rt.next_invocation().sync_wait();
    REQUIRE(inv.event() == *expected);
    inv.respond(std::string(100000, 'r')).sync_wait();  // a 100 KB answer, and a 100 KB reply to it
    CHECK(inv.event() == *expected);
    CHECK(std::string_view(inv.padded_event()) == *expected);
    simdjson::ondemand::parser parser;
    auto doc = parser.iterate(inv.padded_event());
    simdjson::ondemand::object object = doc.get_object();
    CHECK(object.count_fields().value() == 1);
    CHECK(inv.context().request_id.starts_with("id-"));
  }
}

TEST_CASE("an invocation is answered exactly once: twice, or after the next one, is a usage_error") {
  scripted_runtime_api api({"1", "2"});
  lc::runtime rt(api.address());
  auto inv = rt.next_invocation().sync_wait();
  inv.respond(std::string_view("first")).sync_wait();
  CHECK_THROWS_WITH_AS(inv.respond(std::string_view("again")).sync_wait(),
                       "invocation answered twice", lc::usage_error);
  CHECK_THROWS_AS(inv.fail("Function.X", "late").sync_wait(), lc::usage_error);
  auto next = rt.next_invocation().sync_wait();
  CHECK_THROWS_WITH_AS(inv.respond(std::string_view("stale")).sync_wait(),
                       "invocation used after next_invocation()",
                       lc::usage_error);
  CHECK_THROWS_AS((void)inv.event(), lc::usage_error);
  CHECK(next.event() == "2");
  next.respond(std::string_view("second")).sync_wait();
  CHECK(api.request_lines() == std::vector<std::string>{"GET /2018-06-01/runtime/invocation/next",
                                                         "POST /2018-06-01/runtime/invocation/id-0/response",
                                                         "GET /2018-06-01/runtime/invocation/next",
                                                         "POST /2018-06-01/runtime/invocation/id-1/response"});
}

TEST_CASE("an invocation left unanswered is reported as Runtime.NoResponse by the next next_invocation()") {
  scripted_runtime_api api({"1", "2"});
  lc::runtime rt(api.address());
  (void)rt.next_invocation().sync_wait();  // handed out, then forgotten
  auto inv = rt.next_invocation().sync_wait();
  CHECK(inv.event() == "2");
  const auto lines = api.request_lines();
  REQUIRE(lines.size() == 3);
  CHECK(lines[1] == "POST /2018-06-01/runtime/invocation/id-0/error");
  const auto report = json::read<json::value>(body_of(api.requests()[1]));
  CHECK(report["errorType"].as_string() == "Runtime.NoResponse");
  CHECK(report["errorMessage"].as_string() ==
        "invocation not answered");
}

TEST_CASE("fail() outside a catch block reports a usage error instead of terminating") {
  scripted_runtime_api api({"1"});
  lc::runtime rt(api.address());
  auto inv = rt.next_invocation().sync_wait();
  inv.fail().sync_wait();
  const auto lines = api.request_lines();
  REQUIRE(lines.size() == 2);
  CHECK(lines[1] == "POST /2018-06-01/runtime/invocation/id-0/error");
  const auto report = json::read<json::value>(body_of(api.requests()[1]));
  CHECK(report["errorType"].as_string() == "lambda_coro::usage_error");
  CHECK(report["errorMessage"].as_string() ==
        "fail() outside a catch block");
}

TEST_CASE("an unreachable Runtime API: reconnects LAMBDA_CORO_RECONNECT_ATTEMPTS times, named as configured") {
  // Accepts and closes at once: every attempt is a fresh connection the peer drops.
  test::scripted_server dropping([](int, int) {});
  lc::runtime rt(dropping.address());
  try {
    (void)rt.next_invocation().sync_wait();
    FAIL("no error");
  } catch (const lc::runtime_api_error& e) {
    CHECK(std::string(e.what()) ==
          "the Runtime API closed the connection before responding (gave up after " +
              std::to_string(LAMBDA_CORO_RECONNECT_ATTEMPTS) + " reconnects)");
  }
  CHECK(dropping.accepted() == 1 + LAMBDA_CORO_RECONNECT_ATTEMPTS);

  lc::runtime v6("[::1]:1");
  try {
    (void)v6.next_invocation().sync_wait();
    FAIL("no error");
  } catch (const lc::runtime_api_error& e) {
    const std::string what = e.what();
    CAPTURE(what);
    CHECK(what.starts_with("cannot connect to the Runtime API at [::1]:1: "));
    CHECK(what.ends_with("(gave up after " + std::to_string(LAMBDA_CORO_RECONNECT_ATTEMPTS) +
                         " reconnects)"));
  }
}

TEST_CASE("local mode reads --event FILE, a first argument naming a file, or stdin - never a flag") {
  // As /proc/self/cmdline gives them: each argument ends with a NUL.
  const auto local_event_path = [](std::initializer_list<std::string_view> args) {
    std::string joined;
    for (auto a : args) joined.append(a).push_back('\0');
    return lc::detail::local_event_path(joined);
  };
  const std::string existing = std::string(LAMBDA_CORO_TEST_DATA_DIR) + "/events/sqs-event.json";
  CHECK(local_event_path({}) == "");
  CHECK(local_event_path({"--verbose"}) == "");
  CHECK(local_event_path({"--verbose", existing}) == "");
  CHECK(local_event_path({existing}) == existing);
  CHECK(local_event_path({existing, "--verbose"}) == existing);
  CHECK(local_event_path({"-"}) == "-");
  CHECK(local_event_path({"no-such-file.json"}) == "");
  CHECK(local_event_path({"--verbose", "--event", "e.json"}) == "e.json");
  CHECK(local_event_path({LAMBDA_CORO_TEST_DATA_DIR}) == "");  // a directory is no event
  CHECK(local_event_path({"--event"}) == "");  // no file named: stdin
}

namespace {
// What a coroutine does, since it cannot co_await in a catch block: keep the exception.
lc::task<> fail_with_kept_exception(lc::runtime& rt) {
  auto inv = co_await rt.next_invocation();
  std::exception_ptr error;
  try {
    throw lc::function_error("Function.Kept", "kept past the catch block");
  } catch (...) {
    error = std::current_exception();
  }
  co_await inv.fail(error);
}

// run()'s shape on a non-blocking runtime: two invocations answered through the loop.
lc::task<> echo_twice(lc::runtime& rt) {
  for (int i = 0; i < 2; ++i) {
    auto inv = co_await rt.next_invocation();
    co_await inv.respond(inv.event());
  }
}
}  // namespace

TEST_CASE("fail(exception_ptr) reports an exception kept past its catch block") {
  scripted_runtime_api api({"1"});
  lc::runtime rt(api.address());
  fail_with_kept_exception(rt).sync_wait();
  const auto lines = api.request_lines();
  REQUIRE(lines.size() == 2);
  const auto report = json::read<json::value>(body_of(api.requests()[1]));
  CHECK(report["errorType"].as_string() == "Function.Kept");
  CHECK(report["errorMessage"].as_string() == "kept past the catch block");
}

TEST_CASE("a non-blocking runtime suspends on the loop and answers as a blocking one does") {
  scripted_runtime_api api({"\"first\"", "\"second\""});
  ::setenv("AWS_LAMBDA_RUNTIME_API", api.address().c_str(), 1);
  lc::event_loop loop;
  lc::runtime rt(lc::runtime::io_mode::non_blocking, {});
  ::unsetenv("AWS_LAMBDA_RUNTIME_API");
  echo_twice(rt).sync_wait();
  const auto lines = api.request_lines();
  REQUIRE(lines.size() == 4);
  CHECK(lines[1] == "POST /2018-06-01/runtime/invocation/id-0/response");
  CHECK(body_of(api.requests()[3]) == "\"second\"");
  // The deadline watch was armed on the loop with the invocation, its token live.
  CHECK(rt.stop_token().stop_possible());
  CHECK_FALSE(rt.stop_token().stop_requested());
}
