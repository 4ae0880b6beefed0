// task<T>: the coroutine type of lambda-coro. Lazy: it starts when awaited (or when
// sync_wait runs it) and resumes its awaiter when it finishes. A task runs once: awaiting or
// running one that is empty (moved from) or already started throws usage_error.
#ifndef LAMBDA_CORO_CORO_TASK_HPP_INCLUDED
#define LAMBDA_CORO_CORO_TASK_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/coro/loop.hpp>
#include <lambda_coro/usage_error.hpp>

#include <coroutine>
#include <exception>
#include <optional>
#include <stop_token>
#include <string>
#include <type_traits>
#include <utility>

LAMBDA_CORO_BEGIN_NAMESPACE

template <class T = void>
class task;

namespace detail {

class promise_base : public coroutine_state, public frame_allocated {
public:
  std::suspend_always initial_suspend() noexcept { return {}; }

  struct final_awaiter {
    bool await_ready() const noexcept { return false; }
    template <class Promise>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> h) noexcept {
      promise_base& p = h.promise();
      // Finished while its awaiter is still in await_suspend: the awaiter just carries on.
      if (p.started_inline_) return std::noop_coroutine();
      if (p.continuation_) return p.continuation_;
      return std::noop_coroutine();
    }
    void await_resume() const noexcept {}
  };
  final_awaiter final_suspend() noexcept { return {}; }

  void unhandled_exception() noexcept { exception_ = std::current_exception(); }

  // Each task starts once; the second start of one is a usage_error.
  void mark_started(const char* how) {
    if (started_) throw usage_error(std::string("lambda_coro::task: ") + how + " a task that has already run");
    started_ = true;
  }

  // Starts the task from its awaiter; true when it ran to completion. Completing tasks thus
  // return to their awaiter instead of resuming it from deeper in the stack, which keeps
  // long await chains flat even where the compiler makes no tail call (GCC at -O0).
  bool start_inline(std::coroutine_handle<> self, std::coroutine_handle<> awaiting, const std::stop_token* stop) {
    if (!this->stop) this->stop = stop;
    continuation_ = awaiting;
    started_inline_ = true;
    self.resume();
    started_inline_ = false;
    return self.done();
  }

  bool failed() const noexcept { return exception_ != nullptr; }

protected:
  void rethrow_if_failed() {
    if (exception_) std::rethrow_exception(exception_);
  }

private:
  std::coroutine_handle<> continuation_;
  std::exception_ptr exception_;
  bool started_inline_ = false;
  bool started_ = false;
};

template <class T>
class promise final : public promise_base {
public:
  task<T> get_return_object() noexcept;
  template <class U>
    requires std::is_convertible_v<U&&, T>
  void return_value(U&& v) {
    value_.emplace(std::forward<U>(v));
  }
  T take() {
    rethrow_if_failed();
    return std::move(*value_);
  }

private:
  std::optional<T> value_;
};

template <>
class promise<void> final : public promise_base {
public:
  task<void> get_return_object() noexcept;
  void return_void() noexcept {}
  void take() { rethrow_if_failed(); }
};

}  // namespace detail

template <class T>
class [[nodiscard]] task {
public:
  using promise_type = detail::promise<T>;
  using value_type = T;

  task(task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  task& operator=(task&& other) noexcept {
    if (this != &other) {
      if (handle_) handle_.destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  task(const task&) = delete;
  task& operator=(const task&) = delete;
  ~task() {
    if (handle_) handle_.destroy();
  }

  // Awaiting starts the task; the awaiter resumes when it finishes, with its value or exception.
  class awaiter {
  public:
    explicit awaiter(std::coroutine_handle<promise_type> h) noexcept : handle_(h) {}
    bool await_ready() const {
      if (!handle_) throw usage_error("lambda_coro::task: awaiting an empty (moved-from) task");
      handle_.promise().mark_started("awaiting");
      return false;
    }
    template <class Awaiting>
    bool await_suspend(std::coroutine_handle<Awaiting> awaiting) {
      return !handle_.promise().start_inline(handle_, awaiting, detail::stop_token_of(awaiting));
    }
    T await_resume() { return handle_.promise().take(); }

  private:
    std::coroutine_handle<promise_type> handle_;
  };
  awaiter operator co_await() && { return awaiter(handle_); }

  // Runs the task on this thread until it finishes and returns its result: on this thread's
  // loop, or on an event_loop made for the purpose when the task suspends and none runs.
  T sync_wait() && {
    if (scheduler* loop = scheduler::current()) return run_on(*loop);
    event_loop own;  // cheap until used: its epoll instance is made on the first fd wait
    return run_on(own);
  }

  // Cancellation for this task and what it awaits (sleep_for, fd waits, nested tasks); the
  // token must outlive the task. Unset, a task inherits its awaiter's.
  void set_stop_token(const std::stop_token& token) {
    if (!handle_) throw usage_error("lambda_coro::task: set_stop_token on an empty (moved-from) task");
    handle_.promise().stop = &token;
  }

  // Runs the task up to its first suspension; the loop finishes it. done() tells when.
  void start(const char* how = "starting") {
    if (!handle_) throw usage_error(std::string("lambda_coro::task: ") + how + " an empty (moved-from) task");
    handle_.promise().mark_started(how);
    handle_.resume();
  }
  bool done() const noexcept { return handle_ && handle_.done(); }
  // The result of a task that is done(), or its exception.
  T result() && {
    if (!done()) throw usage_error("lambda_coro::task: result() of a task that has not finished");
    return handle_.promise().take();
  }
  bool failed() const noexcept { return done() && handle_.promise().failed(); }

private:
  T run_on(scheduler& loop) {
    start("sync_wait on");
    if (!handle_.done()) loop.run_until(&is_done, &handle_);
    return handle_.promise().take();
  }
  static bool is_done(void* handle) {
    return static_cast<std::coroutine_handle<promise_type>*>(handle)->done();
  }
  friend class detail::promise<T>;
  explicit task(std::coroutine_handle<promise_type> h) noexcept : handle_(h) {}
  std::coroutine_handle<promise_type> handle_;
};

namespace detail {
template <class T>
task<T> promise<T>::get_return_object() noexcept {
  return task<T>(std::coroutine_handle<promise<T>>::from_promise(*this));
}
inline task<void> promise<void>::get_return_object() noexcept {
  return task<void>(std::coroutine_handle<promise<void>>::from_promise(*this));
}

template <class T>
inline constexpr bool is_task = false;
template <class T>
inline constexpr bool is_task<task<T>> = true;
}  // namespace detail

LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_CORO_TASK_HPP_INCLUDED
