#include "../support/test_support.hpp"

#include <memory>
#include <stdexcept>
#include <string>

using lambda_coro::task;

namespace {

struct tracked {
  static inline int alive = 0;
  tracked() { ++alive; }
  tracked(const tracked&) { ++alive; }
  ~tracked() { --alive; }
};

task<int> answer() { co_return 42; }

task<int> add(int a) {
  tracked local;
  const int b = co_await answer();
  co_return a + b;
}

task<std::unique_ptr<std::string>> move_only() { co_return std::make_unique<std::string>("moved"); }

task<> throws_std() {
  co_await answer();
  throw std::runtime_error("boom");
}

task<int> throws_int() {
  throw 7;
  co_return 0;
}

task<int> count_down(int n) {
  if (n == 0) co_return 0;
  co_return 1 + co_await count_down(n - 1);
}

task<long> many_sequential(int n) {
  long sum = 0;
  for (int i = 0; i < n; ++i) sum += co_await answer();
  co_return sum;
}

task<> suspends_forever() { co_await std::suspend_always{}; }

}  // namespace

TEST_CASE("task returns values through nested awaits") {
  CHECK(add(1).sync_wait() == 43);
  CHECK(*move_only().sync_wait() == "moved");
  CHECK(count_down(1000).sync_wait() == 1000);
}

TEST_CASE("task propagates exceptions / std and not") {
  CHECK_THROWS_WITH_AS(throws_std().sync_wait(), "boom", std::runtime_error);
  CHECK_THROWS_AS(throws_int().sync_wait(), int);
}

TEST_CASE("task frames and their locals are destroyed exactly once") {
  tracked::alive = 0;
  CHECK(add(2).sync_wait() == 44);
  CHECK(tracked::alive == 0);
  {
    auto never_started = add(3);  // lazy: destroying it frees the frame without running it
  }
  CHECK(tracked::alive == 0);
  auto t = add(4);
  auto moved = std::move(t);
  CHECK(std::move(moved).sync_wait() == 46);
  CHECK(tracked::alive == 0);
}

TEST_CASE("symmetric transfer keeps long await chains off the stack") {
  CHECK(many_sequential(200000).sync_wait() == 42L * 200000);
}

TEST_CASE("sync_wait refuses a task that suspends on something it cannot drive") {
  CHECK_THROWS_AS(suspends_forever().sync_wait(), std::logic_error);
}

namespace {
task<int> await_moved_from() {
  auto t = answer();
  auto taken = std::move(t);
  const int value = co_await std::move(taken);
  co_return value + co_await std::move(t);  // t is empty: a usage_error, not a null dereference
}

task<int> await_twice() {
  auto t = answer();
  const int first = co_await std::move(t);
  co_return first + co_await std::move(t);  // already ran: a usage_error, not a resumed finished frame
}
}  // namespace

TEST_CASE("awaiting a moved-from or already awaited task is a usage_error") {
  CHECK_THROWS_WITH_AS(await_moved_from().sync_wait(), "lambda_coro::task: awaiting an empty (moved-from) task",
                       lambda_coro::usage_error);
  CHECK_THROWS_WITH_AS(await_twice().sync_wait(), "lambda_coro::task: awaiting a task that has already run",
                       lambda_coro::usage_error);
}

TEST_CASE("sync_wait on a moved-from task, or twice, is a usage_error") {
  auto t = answer();
  auto moved = std::move(t);
  CHECK_THROWS_WITH_AS(std::move(t).sync_wait(), "lambda_coro::task: sync_wait on an empty (moved-from) task",
                       lambda_coro::usage_error);
  CHECK(std::move(moved).sync_wait() == 42);
  CHECK_THROWS_WITH_AS(std::move(moved).sync_wait(), "lambda_coro::task: sync_wait on a task that has already run",
                       lambda_coro::usage_error);
}
