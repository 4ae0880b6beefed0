// The event loop: timers, fd waits, when_all, spawn and async_scope, cancellation.
#include "../support/test_support.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using lambda_coro::task;
using clock_type = std::chrono::steady_clock;

namespace {

double elapsed_ms(clock_type::time_point since) {
  return std::chrono::duration<double, std::milli>(clock_type::now() - since).count();
}

task<int> sleepy(int value, std::chrono::milliseconds delay) {
  co_await lambda_coro::sleep_for(delay);
  co_return value;
}

task<> sleep_only(std::chrono::milliseconds delay) { co_await lambda_coro::sleep_for(delay); }

task<int> failing_after(std::chrono::milliseconds delay) {
  co_await lambda_coro::sleep_for(delay);
  throw std::runtime_error("child failed");
}

task<std::tuple<int, int, int>> three_at_once() {
  co_return co_await lambda_coro::when_all(sleepy(1, 200ms), sleepy(2, 200ms), sleepy(3, 200ms));
}

struct pipe_pair {
  int read_end = -1, write_end = -1;
  pipe_pair() {
    int fds[2];
    REQUIRE(::pipe2(fds, O_NONBLOCK | O_CLOEXEC) == 0);
    read_end = fds[0];
    write_end = fds[1];
  }
  ~pipe_pair() {
    ::close(read_end);
    ::close(write_end);
  }
};

task<std::string> read_when_ready(int fd) {
  co_await lambda_coro::wait_readable(fd);
  char buffer[64];
  const ssize_t n = ::read(fd, buffer, sizeof buffer);
  co_return std::string(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
}

task<> write_later(int fd) {
  co_await lambda_coro::sleep_for(50ms);
  co_await lambda_coro::wait_writable(fd);
  REQUIRE(::write(fd, "ping", 4) == 4);
}

}  // namespace

TEST_CASE("sleep_for suspends, and when_all overlaps the sleeps") {
  auto start = clock_type::now();
  CHECK(sleepy(7, 100ms).sync_wait() == 7);
  CHECK(elapsed_ms(start) >= 100);

  start = clock_type::now();
  const auto [a, b, c] = three_at_once().sync_wait();
  const double took = elapsed_ms(start);
  CHECK(a + b + c == 6);
  CHECK(took >= 200);
  CHECK(took < 450);  // three 200 ms sleeps in sequence would take 600
}

TEST_CASE("when_all over a range keeps order, and over void tasks") {
  std::vector<task<int>> tasks;
  for (int i = 0; i < 10; ++i) tasks.push_back(sleepy(i, std::chrono::milliseconds(50 - 5 * i)));
  auto all = lambda_coro::when_all(std::move(tasks));
  const std::vector<int> values = std::move(all).sync_wait();
  REQUIRE(values.size() == 10);
  for (int i = 0; i < 10; ++i) CHECK(values[i] == i);

  std::vector<task<>> sleeps;
  for (int i = 0; i < 5; ++i) sleeps.push_back(sleep_only(60ms));
  const auto start = clock_type::now();
  lambda_coro::when_all(std::move(sleeps)).sync_wait();
  CHECK(elapsed_ms(start) < 250);
  CHECK(lambda_coro::when_all(std::vector<task<int>>{}).sync_wait().empty());
}

TEST_CASE("when_all lets every task finish, then rethrows the first failure") {
  auto finished = std::make_shared<int>(0);
  auto counted = [](std::shared_ptr<int> n) -> task<> {
    co_await lambda_coro::sleep_for(80ms);
    ++*n;
  };
  auto all = lambda_coro::when_all(failing_after(10ms), counted(finished), sleepy(3, 20ms));
  CHECK_THROWS_WITH_AS(std::move(all).sync_wait(), "child failed", std::runtime_error);
  CHECK(*finished == 1);
}

TEST_CASE("wait_readable and wait_writable resume on a descriptor's readiness") {
  pipe_pair p;
  auto both = [](int r, int w) -> task<std::string> {
    auto [text, ignored] = co_await lambda_coro::when_all(read_when_ready(r), write_later(w));
    (void)ignored;
    co_return text;
  };
  CHECK(both(p.read_end, p.write_end).sync_wait() == "ping");
  CHECK_THROWS_AS((void)lambda_coro::wait_readable(-1), lambda_coro::usage_error);
}

TEST_CASE("a second wait on one descriptor is a usage_error") {
  pipe_pair p;
  auto two_readers = [](int r, int w) -> task<> {
    co_await lambda_coro::when_all(read_when_ready(r), read_when_ready(r), write_later(w));
  };
  CHECK_THROWS_AS(two_readers(p.read_end, p.write_end).sync_wait(), lambda_coro::usage_error);
}

TEST_CASE("a stop token ends sleeps and fd waits with operation_cancelled, through nested tasks") {
  pipe_pair p;
  std::stop_source source;
  const std::stop_token token = source.get_token();
  auto stopper = [](std::stop_source* s) -> task<> {
    co_await lambda_coro::sleep_for(50ms);
    s->request_stop();
  };
  auto nested = [](int fd) -> task<> {
    co_await lambda_coro::when_all(sleep_only(10s), read_when_ready(fd));
  };
  auto outer = [&]() -> task<> {
    lambda_coro::spawn(stopper(&source));
    auto inner = nested(p.read_end);
    co_await std::move(inner);  // inherits the token
  };
  auto t = outer();
  t.set_stop_token(token);
  const auto start = clock_type::now();
  CHECK_THROWS_AS(std::move(t).sync_wait(), lambda_coro::operation_cancelled);
  CHECK(elapsed_ms(start) < 2000);

  // Already stopped: the wait does not start.
  auto late = sleep_only(10s);
  late.set_stop_token(token);
  CHECK_THROWS_AS(std::move(late).sync_wait(), lambda_coro::operation_cancelled);
}

TEST_CASE("async_scope joins what it spawned and reports the first failure") {
  auto body = []() -> task<int> {
    lambda_coro::async_scope scope;
    auto total = std::make_shared<int>(0);
    auto add_later = [](std::shared_ptr<int> sum, int n) -> task<> {
      co_await lambda_coro::sleep_for(std::chrono::milliseconds(10 * n));
      *sum += n;
    };
    for (int i = 1; i <= 4; ++i) scope.spawn(add_later(total, i));
    CHECK(scope.active() == 4);
    co_await scope.join();
    CHECK(scope.active() == 0);
    scope.spawn([]() -> task<> {
      co_await lambda_coro::sleep_for(1ms);
      throw std::runtime_error("spawned failure");
    }());
    bool threw = false;
    try {
      co_await scope.join();
    } catch (const std::runtime_error&) {
      threw = true;
    }
    CHECK(threw);
    co_return *total;
  };
  CHECK(body().sync_wait() == 10);
}

TEST_CASE("awaiting a timer on a thread with no loop, or spawning there, is a usage_error") {
  bool sleep_refused = false, spawn_refused = false;
  std::thread([&] {
    auto awaiter = lambda_coro::sleep_for(1ms);
    try {
      awaiter.await_suspend(std::noop_coroutine());
    } catch (const lambda_coro::usage_error&) {
      sleep_refused = true;
    }
    try {
      lambda_coro::spawn(sleep_only(1ms));
    } catch (const lambda_coro::usage_error&) {
      spawn_refused = true;
    }
  }).join();
  CHECK(sleep_refused);
  CHECK(spawn_refused);
}

TEST_CASE("a task that waits on nothing the loop drives is a usage_error, not a hang") {
  auto forever = []() -> task<> { co_await std::suspend_always{}; };
  CHECK_THROWS_AS(forever().sync_wait(), lambda_coro::usage_error);
}

TEST_CASE("many sleeping tasks share one loop thread") {
  std::vector<task<int>> tasks;
  for (int i = 0; i < 1000; ++i) tasks.push_back(sleepy(1, std::chrono::milliseconds(100 + i % 7)));
  const auto start = clock_type::now();
  const auto values = lambda_coro::when_all(std::move(tasks)).sync_wait();
  CHECK(values.size() == 1000);
  CHECK(elapsed_ms(start) < 1000);
}
