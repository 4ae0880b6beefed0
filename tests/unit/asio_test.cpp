// lambda-coro's awaitables on a Boost.Asio io_context (lambda_coro/asio.hpp), and Asio
// awaitables inside lambda-coro tasks.
#include "../support/test_support.hpp"

#include <lambda_coro/asio.hpp>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <stop_token>
#include <string>

using namespace std::chrono_literals;
using lambda_coro::task;
namespace net = boost::asio;

namespace {

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

task<int> nap(int value) {
  co_await lambda_coro::sleep_for(100ms);
  co_return value;
}

net::awaitable<int> asio_timer(std::chrono::milliseconds delay, int value) {
  net::steady_timer timer(co_await net::this_coro::executor, delay);
  co_await timer.async_wait(net::use_awaitable);
  co_return value;
}

task<int> mixed() {
  auto [a, b, c] = co_await lambda_coro::when_all(nap(1), nap(2), nap(3));
  const int d = co_await lambda_coro::asio::awaited(asio_timer(100ms, 4));
  co_return a + b + c + d;
}

task<std::string> pipe_round_trip(int read_end, int write_end) {
  auto reader = [](int fd) -> task<std::string> {
    co_await lambda_coro::wait_readable(fd);
    char buffer[16];
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    co_return std::string(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
  };
  auto writer = [](int fd) -> task<> {
    co_await lambda_coro::sleep_for(20ms);
    co_await lambda_coro::wait_writable(fd);
    (void)!::write(fd, "asio", 4);
  };
  auto [text, ignored] = co_await lambda_coro::when_all(reader(read_end), writer(write_end));
  (void)ignored;
  co_return text;
}

}  // namespace

TEST_CASE("asio::scheduler runs lambda-coro timers, fd waits and when_all on an io_context") {
  net::io_context io;
  lambda_coro::asio::scheduler loop(io);
  REQUIRE(lambda_coro::scheduler::current() == &loop);
  const auto start = std::chrono::steady_clock::now();
  CHECK(mixed().sync_wait() == 10);
  const double took = ms_since(start);
  CHECK(took >= 200);
  CHECK(took < 450);  // 3 naps at once, then the Asio timer

  int fds[2];
  REQUIRE(::pipe2(fds, O_NONBLOCK | O_CLOEXEC) == 0);
  CHECK(pipe_round_trip(fds[0], fds[1]).sync_wait() == "asio");
  CHECK(pipe_round_trip(fds[0], fds[1]).sync_wait() == "asio");  // the descriptor is waited on again
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST_CASE("a task's stop token cancels the Asio awaitable it awaits") {
  net::io_context io;
  lambda_coro::asio::scheduler loop(io);
  std::stop_source source;
  const std::stop_token token = source.get_token();
  auto stopper = [](std::stop_source* s) -> task<> {
    co_await lambda_coro::sleep_for(50ms);
    s->request_stop();
  };
  auto waits_long = []() -> task<int> { co_return co_await lambda_coro::asio::awaited(asio_timer(10s, 0)); };
  auto both = [&]() -> task<> {
    auto inner = waits_long();
    inner.set_stop_token(token);
    co_await lambda_coro::when_all(std::move(inner), stopper(&source));
  };
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(both().sync_wait(), boost::system::system_error);
  CHECK(ms_since(start) < 2000);
}

TEST_CASE("awaiting an Asio awaitable off the Asio scheduler is a usage_error") {
  auto off = []() -> task<int> { co_return co_await lambda_coro::asio::awaited(asio_timer(1ms, 1)); };
  CHECK_THROWS_AS(off().sync_wait(), lambda_coro::usage_error);
}
