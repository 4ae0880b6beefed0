// Structured logging: the lines as Lambda reads them (JSON and Text), level filtering, fields,
// request ids, the runtime's own messages, and whole lines under concurrent writers.
#include <doctest/doctest.h>

#include "../support/lambda_coro_under_test.hpp"

#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <chrono>
#include <ctime>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace json = lambda_coro::json;
using lambda_coro::log_format;
using lambda_coro::log_level;

namespace {

// What `write` puts on stderr (fd 2), read back from a file.
std::string captured_stderr(const std::function<void()>& write) {
  char path[] = "/tmp/lambda_coro_log_XXXXXX";
  const int fd = ::mkstemp(path);
  REQUIRE(fd >= 0);
  const int saved = ::dup(STDERR_FILENO);
  ::dup2(fd, STDERR_FILENO);
  write();
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  ::close(fd);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  ::unlink(path);
  return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Restores the process's log settings after a test changes them.
struct log_settings_guard {
  log_level level = lambda_coro::current_log_level();
  log_format format = lambda_coro::detail::log_config().format;
  ~log_settings_guard() {
    lambda_coro::set_log_level(level);
    lambda_coro::set_log_format(format);
  }
};

struct payment {
  std::string order;
  int cents = 0;
};
BOOST_DESCRIBE_STRUCT(payment, (), (order, cents))

bool is_rfc3339_millis(const std::string& t) {
  if (t.size() != 24) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char expected = i == 4 || i == 7 ? '-' : i == 10 ? 'T' : i == 13 || i == 16 ? ':' : i == 19 ? '.' : i == 23 ? 'Z' : '0';
    if (expected == '0' ? (t[i] < '0' || t[i] > '9') : t[i] != expected) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("JSON log lines carry timestamp, level, requestId, message and the caller's fields") {
  log_settings_guard guard;
  lambda_coro::set_log_format(log_format::json);
  lambda_coro::set_log_level(log_level::info);
  lambda_coro::context ctx;
  ctx.request_id = "8476a536-e9f4-11e8-9739-2dfe598c3fcd";
  const std::string out = captured_stderr([&] {
    ctx.log().info("paid \"in full\"\n", {{"order", "A-1"}, {"cents", 1250}, {"refund", false}, {"rate", 0.5},
                                          {"count", 3u}, {"note", nullptr}});
    ctx.log().info("described", payment{"B-2", 99});
    ctx.log().error("charge failed", std::invalid_argument("card declined"), {{"attempt", 2}});
  });
  const auto lines = lines_of(out);
  REQUIRE(lines.size() == 3);
  const auto first = json::read<json::value>(lines[0]);
  CHECK(is_rfc3339_millis(first["timestamp"].as_string()));
  CHECK(first["level"].as_string() == "INFO");
  CHECK(first["requestId"].as_string() == ctx.request_id);
  CHECK(first["message"].as_string() == "paid \"in full\"\n");
  CHECK(first["order"].as_string() == "A-1");
  CHECK(first["cents"].as_int64() == 1250);
  CHECK(first["refund"].as_bool() == false);
  CHECK(first["rate"].as_double() == 0.5);
  CHECK(first["count"].as_int64() == 3);
  CHECK(first["note"].is_null());
  const auto second = json::read<json::value>(lines[1]);
  CHECK(second["order"].as_string() == "B-2");
  CHECK(second["cents"].as_int64() == 99);
  const auto third = json::read<json::value>(lines[2]);
  CHECK(third["level"].as_string() == "ERROR");
  CHECK(third["errorType"].as_string() == "std::invalid_argument");
  CHECK(third["errorMessage"].as_string() == "card declined");
  CHECK(third["attempt"].as_int64() == 2);
}

TEST_CASE("the timestamp is the current UTC time") {
  log_settings_guard guard;
  lambda_coro::set_log_format(log_format::json);
  // The logger reads CLOCK_REALTIME; std::time() reads the coarse clock, a tick behind it, so
  // the bounds come from the same clock as the stamp.
  auto now = [] { return std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()); };
  const std::time_t before = now();
  const auto line = json::read<json::value>(captured_stderr([] { lambda_coro::log().warn("now"); }));
  const std::time_t after = now();
  const std::string stamp = line["timestamp"].as_string();
  char low[32], high[32];
  std::tm t{};
  std::strftime(low, sizeof low, "%Y-%m-%dT%H:%M:%S", ::gmtime_r(&before, &t));
  std::strftime(high, sizeof high, "%Y-%m-%dT%H:%M:%S", ::gmtime_r(&after, &t));
  CHECK(stamp.substr(0, 19) >= std::string(low));
  CHECK(stamp.substr(0, 19) <= std::string(high));
}

TEST_CASE("Text lines: [LEVEL] timestamp requestId message key=value, one line each") {
  log_settings_guard guard;
  lambda_coro::set_log_format(log_format::text);
  lambda_coro::set_log_level(log_level::info);
  lambda_coro::context ctx;
  ctx.request_id = "req-1";
  const auto lines = lines_of(captured_stderr([&] {
    ctx.log().warn("two\nlines", {{"order", "A-1"}, {"cents", 5}});
    lambda_coro::log().info("no invocation");
  }));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].starts_with("[WARN]\t"));
  CHECK(is_rfc3339_millis(lines[0].substr(7, 24)));
  CHECK(lines[0].substr(31) == "\treq-1\ttwo\rlines order=A-1 cents=5");
  CHECK(lines[1].starts_with("[INFO]\t"));
  CHECK(lines[1].substr(31) == "\tno invocation");
}

TEST_CASE("levels below AWS_LAMBDA_LOG_LEVEL are not written") {
  log_settings_guard guard;
  lambda_coro::set_log_format(log_format::json);
  lambda_coro::set_log_level(log_level::warn);
  const auto lines = lines_of(captured_stderr([] {
    auto log = lambda_coro::log();
    log.trace("t");
    log.debug("d");
    log.info("i", payment{"x", 1});
    log.warn("w");
    log.error("e");
    log.fatal("f");
  }));
  REQUIRE(lines.size() == 3);
  CHECK(json::read<json::value>(lines[0])["level"].as_string() == "WARN");
  CHECK(json::read<json::value>(lines[2])["level"].as_string() == "FATAL");
  CHECK_FALSE(lambda_coro::log().enabled(log_level::info));
  CHECK(lambda_coro::log().enabled(log_level::error));

  using lambda_coro::detail::parse_log_level;
  CHECK(parse_log_level("DEBUG", log_level::info) == log_level::debug);
  CHECK(parse_log_level("trace", log_level::info) == log_level::trace);
  CHECK(parse_log_level("Fatal", log_level::info) == log_level::fatal);
  CHECK(parse_log_level("verbose", log_level::info) == log_level::info);
  CHECK(parse_log_level(nullptr, log_level::warn) == log_level::warn);
}

TEST_CASE("the runtime's own messages go through the same lines and levels") {
  log_settings_guard guard;
  lambda_coro::set_log_format(log_format::json);
  lambda_coro::set_log_level(log_level::info);
  auto lines = lines_of(captured_stderr([] {
    lambda_coro::detail::log_line("the Runtime API answered 400");
    lambda_coro::detail::log_line("reconnecting", log_level::warn);
  }));
  REQUIRE(lines.size() == 2);
  const auto error = json::read<json::value>(lines[0]);
  CHECK(error["level"].as_string() == "ERROR");
  CHECK(error["logger"].as_string() == "lambda-coro");
  CHECK(error["message"].as_string() == "the Runtime API answered 400");
  lambda_coro::set_log_level(log_level::error);
  CHECK(captured_stderr([] { lambda_coro::detail::log_line("reconnecting", log_level::warn); }).empty());
  lambda_coro::set_log_format(log_format::text);
  CHECK(captured_stderr([] { lambda_coro::detail::log_line("plain"); }) == "[lambda-coro] plain\n");
}

TEST_CASE("lines from concurrent threads never interleave") {
  log_settings_guard guard;
  lambda_coro::set_log_format(log_format::json);
  lambda_coro::set_log_level(log_level::info);
  constexpr int threads = 4, per_thread = 300;
  const std::string padding(900, 'x');  // lines long enough that a split write would show
  const auto lines = lines_of(captured_stderr([&] {
    std::vector<std::thread> writers;
    for (int t = 0; t < threads; ++t)
      writers.emplace_back([&, t] {
        for (int i = 0; i < per_thread; ++i) lambda_coro::log().info(padding, {{"thread", t}, {"i", i}});
      });
    for (auto& w : writers) w.join();
  }));
  REQUIRE(lines.size() == threads * per_thread);
  int whole = 0;
  for (const auto& line : lines) whole += json::read<json::value>(line)["message"].as_string() == padding;
  CHECK(whole == threads * per_thread);
}
