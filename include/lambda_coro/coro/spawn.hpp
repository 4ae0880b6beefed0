// Work that runs beside the task that started it: spawn() for work nobody waits for,
// async_scope for work that is waited for later (join()).
#ifndef LAMBDA_CORO_CORO_SPAWN_HPP_INCLUDED
#define LAMBDA_CORO_CORO_SPAWN_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/coro/loop.hpp>
#include <lambda_coro/coro/task.hpp>
#include <lambda_coro/coro/when_all.hpp>
#include <lambda_coro/detail/log.hpp>

#include <coroutine>
#include <cstddef>
#include <exception>
#include <stdexcept>
#include <string>
#include <utility>

LAMBDA_CORO_BEGIN_NAMESPACE

// Tasks started now, on this thread's loop, and awaited together by join(). The scope must
// be joined (or never have been given work) before it is destroyed.
class async_scope {
public:
  async_scope() = default;
  async_scope(const async_scope&) = delete;
  async_scope& operator=(const async_scope&) = delete;
  ~async_scope() {
    if (active_ != 0) std::terminate();  // its tasks would resume into a destroyed scope
  }

  // Runs `work` up to its first suspension and returns; the loop runs the rest. An exception
  // it ends with is rethrown by join(), the first one only.
  void spawn(task<> work) {
    scheduler::current_or_throw();
    ++active_;
    run(std::move(work)).start(stop_);
  }

  // Waits until every spawned task has finished, then rethrows the first failure.
  [[nodiscard]] task<> join() {
    co_await joined{this};
    if (first_error_) std::rethrow_exception(std::exchange(first_error_, nullptr));
  }

  std::size_t active() const noexcept { return active_; }
  // Cancellation for the tasks spawned from now on; must outlive them.
  void set_stop_token(const std::stop_token* stop) noexcept { stop_ = stop; }

private:
  struct joined {
    async_scope* scope;
    bool await_ready() const noexcept { return scope->active_ == 0; }
    void await_suspend(std::coroutine_handle<> h) noexcept { scope->joiner_ = h; }
    void await_resume() const noexcept {}
  };

  detail::detached run(task<> work) {
    try {
      co_await std::move(work);
    } catch (...) {
      if (!first_error_) first_error_ = std::current_exception();
    }
    if (--active_ == 0 && joiner_) std::exchange(joiner_, {}).resume();
  }

  std::size_t active_ = 0;
  std::coroutine_handle<> joiner_;
  std::exception_ptr first_error_;
  const std::stop_token* stop_ = nullptr;
};

namespace detail {
inline detached run_spawned(task<> work) {
  try {
    co_await std::move(work);
  } catch (const std::exception& e) {
    log_line(std::string("a spawned task ended with an exception: ") + e.what());
  } catch (...) {
    log_line("a spawned task ended with an exception not derived from std::exception");
  }
}
}  // namespace detail

// Runs `work` beside the caller, on this thread's loop, with nobody waiting for it: up to
// its first suspension now, the rest as the loop runs. An exception it ends with is logged.
inline void spawn(task<> work) {
  scheduler::current_or_throw();
  detail::run_spawned(std::move(work)).start(nullptr);
}

LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_CORO_SPAWN_HPP_INCLUDED
