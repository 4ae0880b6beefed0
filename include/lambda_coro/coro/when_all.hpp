// when_all: runs tasks concurrently on the loop and resumes when every one has finished.
#ifndef LAMBDA_CORO_CORO_WHEN_ALL_HPP_INCLUDED
#define LAMBDA_CORO_CORO_WHEN_ALL_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/coro/loop.hpp>
#include <lambda_coro/coro/task.hpp>

#include <coroutine>
#include <cstddef>
#include <exception>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace detail {

// A coroutine that starts when told, frees itself when it ends, and never throws (its
// bodies catch everything): the driver of one when_all child or one spawned task.
struct detached {
  struct promise_type : coroutine_state, frame_allocated {
    detached get_return_object() noexcept { return {std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }
  };
  std::coroutine_handle<promise_type> handle;

  void start(const std::stop_token* stop) {
    handle.promise().stop = stop;
    handle.resume();
  }
};

// Counts the children still running; the last to finish resumes the awaiting coroutine,
// unless they all finished while being started (then it never suspended).
struct when_all_latch {
  std::size_t remaining = 0;
  std::coroutine_handle<> waiter;
  bool starting = true;
  std::exception_ptr first_error;

  void child_finished() {
    if (--remaining == 0 && !starting) waiter.resume();
  }
};

template <class T>
using when_all_value = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

template <class T>
detached when_all_child(task<T> work, when_all_latch& latch, std::optional<when_all_value<T>>& slot) {
  try {
    if constexpr (std::is_void_v<T>) {
      co_await std::move(work);
      slot.emplace();
    } else {
      slot.emplace(co_await std::move(work));
    }
  } catch (...) {
    if (!latch.first_error) latch.first_error = std::current_exception();
  }
  latch.child_finished();
}

// Starts the children from await_suspend, where the awaiting coroutine's stop token is known.
template <class Start>
struct start_children {
  when_all_latch& latch;
  Start start;
  bool await_ready() const noexcept { return latch.remaining == 0; }
  template <class Promise>
  bool await_suspend(std::coroutine_handle<Promise> h) {
    latch.waiter = h;
    start(stop_token_of(h));
    latch.starting = false;
    return latch.remaining != 0;
  }
  void await_resume() const noexcept {}
};

template <class T>
struct start_range {
  std::vector<task<T>>* tasks;
  when_all_latch* latch;
  std::vector<std::optional<when_all_value<T>>>* slots;
  void operator()(const std::stop_token* stop) const {
    for (std::size_t i = 0; i < tasks->size(); ++i)
      when_all_child(std::move((*tasks)[i]), *latch, (*slots)[i]).start(stop);
  }
};

template <class Tuple, class Slots>
struct start_tuple {
  Tuple* tasks;
  when_all_latch* latch;
  Slots* slots;
  void operator()(const std::stop_token* stop) const {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (when_all_child(std::move(std::get<I>(*tasks)), *latch, std::get<I>(*slots)).start(stop), ...);
    }(std::make_index_sequence<std::tuple_size_v<Tuple>>());
  }
};

}  // namespace detail

// Runs every task concurrently and returns their values in order (std::monostate for
// task<void>). Each runs to the end even when another fails; the first exception, in order
// of failure, is then rethrown. The tasks inherit the awaiting task's stop token.
template <class... T>
task<std::tuple<detail::when_all_value<T>...>> when_all(task<T>... tasks) {
  std::tuple<task<T>...> owned(std::move(tasks)...);
  std::tuple<std::optional<detail::when_all_value<T>>...> slots;
  detail::when_all_latch latch;
  latch.remaining = sizeof...(T);
  using starter = detail::start_tuple<decltype(owned), decltype(slots)>;
  co_await detail::start_children<starter>{latch, starter{&owned, &latch, &slots}};
  if (latch.first_error) std::rethrow_exception(latch.first_error);
  co_return std::apply([](auto&... slot) { return std::tuple<detail::when_all_value<T>...>(std::move(*slot)...); },
                       slots);
}

// The same over a range of tasks of one type: their values in order.
template <class T>
task<std::conditional_t<std::is_void_v<T>, void, std::vector<T>>> when_all(std::vector<task<T>> tasks) {
  std::vector<std::optional<detail::when_all_value<T>>> slots(tasks.size());
  detail::when_all_latch latch;
  latch.remaining = tasks.size();
  using starter = detail::start_range<T>;
  co_await detail::start_children<starter>{latch, starter{&tasks, &latch, &slots}};
  if (latch.first_error) std::rethrow_exception(latch.first_error);
  if constexpr (!std::is_void_v<T>) {
    std::vector<T> values;
    values.reserve(slots.size());
    for (auto& slot : slots) values.push_back(std::move(*slot));
    co_return values;
  }
}

LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_CORO_WHEN_ALL_HPP_INCLUDED
