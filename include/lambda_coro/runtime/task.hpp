// task<T>: the coroutine type of lambda-coro. Lazy: it starts when awaited (or when
// sync_wait runs it) and resumes its awaiter when it finishes. A task runs once: awaiting or
// running one that is empty (moved from) or already started throws usage_error.
#ifndef LAMBDA_CORO_RUNTIME_TASK_HPP_INCLUDED
#define LAMBDA_CORO_RUNTIME_TASK_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/runtime/errors.hpp>

#include <coroutine>
#include <exception>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

LAMBDA_CORO_BEGIN_NAMESPACE

template <class T = void>
class task;

namespace detail {

class promise_base {
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
  bool start_inline(std::coroutine_handle<> self, std::coroutine_handle<> awaiting) {
    continuation_ = awaiting;
    started_inline_ = true;
    self.resume();
    started_inline_ = false;
    return self.done();
  }

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
  auto operator co_await() && {
    struct awaiter {
      std::coroutine_handle<promise_type> handle;
      bool await_ready() const {
        if (!handle) throw usage_error("lambda_coro::task: awaiting an empty (moved-from) task");
        handle.promise().mark_started("awaiting");
        return false;
      }
      bool await_suspend(std::coroutine_handle<> awaiting) {
        return !handle.promise().start_inline(handle, awaiting);
      }
      T await_resume() { return handle.promise().take(); }
    };
    return awaiter{handle_};
  }

  // Runs the task on this thread until it finishes and returns its result. lambda-coro's
  // I/O completes inside the awaiting call, so a task that is still suspended when control
  // comes back awaited something that needs an event loop this runtime does not have.
  T sync_wait() && {
    if (!handle_) throw usage_error("lambda_coro::task: sync_wait on an empty (moved-from) task");
    handle_.promise().mark_started("sync_wait on");
    handle_.resume();
    if (!handle_.done())
      throw std::logic_error("lambda_coro::task: suspended on an awaitable lambda-coro cannot drive");
    return handle_.promise().take();
  }

private:
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
#endif  // LAMBDA_CORO_RUNTIME_TASK_HPP_INCLUDED
