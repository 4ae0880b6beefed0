// Boost.Asio interop, opt-in (not part of <lambda_coro/lambda_coro.hpp>, so a bootstrap that
// does not use it carries none of it): the Runtime API loop on your io_context, handlers that
// return boost::asio::awaitable<R> (Beast, Boost.Redis, Boost.MySQL, your own Asio code), and
// lambda-coro tasks that await Asio awaitables.
//
//   boost::asio::awaitable<reply> handle(const request&, const lambda_coro::context&);
//   int main() {
//     boost::asio::io_context io;
//     return lambda_coro::asio::start(io, handle);
//   }
//
// The io_context is run by the thread that calls start() (and only by it): lambda-coro's
// loop is that thread's, and its awaitables resume there.
#ifndef LAMBDA_CORO_ASIO_HPP_INCLUDED
#define LAMBDA_CORO_ASIO_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/coro/loop.hpp>
#include <lambda_coro/coro/task.hpp>
#include <lambda_coro/runtime/start.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <coroutine>
#include <exception>
#include <memory>
#include <optional>
#include <stop_token>
#include <type_traits>
#include <utility>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace asio {

// lambda-coro's scheduler on an io_context: timers are steady_timers, fd waits are
// stream_descriptor waits, and run_until() runs the io_context one handler at a time.
class scheduler final : public lambda_coro::scheduler {
public:
  explicit scheduler(boost::asio::io_context& io) : io_(io) {}
  scheduler(const scheduler&) = delete;
  scheduler& operator=(const scheduler&) = delete;
  ~scheduler() override { uninstall(); }

  boost::asio::io_context& context() noexcept { return io_; }

  void schedule(std::coroutine_handle<> h) override {
    boost::asio::post(io_, [h] { h.resume(); });
  }

  void start_timer(detail::timer_wait& t) override {
    auto state = std::make_shared<timer_state>(io_, &t);
    state->timer.expires_at(t.when);
    t.backend = state.get();
    state->timer.async_wait([state](const boost::system::error_code& ec) {
      detail::timer_wait* wait = std::exchange(state->wait, nullptr);
      if (ec || !wait) return;  // cancelled: the wait may be gone already
      wait->backend = nullptr;
      wait->fire(*wait);
    });
  }
  void cancel_timer(detail::timer_wait& t) noexcept override {
    auto* state = static_cast<timer_state*>(std::exchange(t.backend, nullptr));
    if (!state) return;
    state->wait = nullptr;
    state->timer.cancel();
  }

  void start_io(detail::io_wait& w) override {
    auto state = std::make_shared<io_state>(io_, &w);
    const auto what = w.writable ? boost::asio::posix::stream_descriptor::wait_write
                                 : boost::asio::posix::stream_descriptor::wait_read;
    w.backend = state.get();
    w.armed = true;
    state->descriptor.async_wait(what, [state](const boost::system::error_code& ec) {
      detail::io_wait* wait = std::exchange(state->wait, nullptr);
      if (ec || !wait) return;
      // Off the reactor before resuming: the resumed code may wait on this descriptor again.
      state->descriptor.release();
      wait->armed = false;
      wait->backend = nullptr;
      wait->waiter.resume();
    });
  }
  void cancel_io(detail::io_wait& w) noexcept override {
    auto* state = static_cast<io_state*>(std::exchange(w.backend, nullptr));
    w.armed = false;
    if (!state) return;
    state->wait = nullptr;
    state->descriptor.release();  // aborts the pending wait; the descriptor stays the caller's
  }

  void run_until(bool (*done)(void*), void* context) override {
    while (!done(context)) {
      if (io_.stopped()) io_.restart();
      if (io_.run_one() == 0)
        lambda_coro::detail::throw_usage_error(
            "lambda_coro::asio: a task waits for something the io_context does not drive (it ran out of work)");
    }
  }

private:
  struct timer_state {
    timer_state(boost::asio::io_context& io, detail::timer_wait* w) : timer(io), wait(w) {}
    boost::asio::steady_timer timer;
    detail::timer_wait* wait;
  };
  struct io_state {
    io_state(boost::asio::io_context& io, detail::io_wait* w) : descriptor(io, w->fd), wait(w) {}
    ~io_state() { descriptor.release(); }  // never close the caller's descriptor
    boost::asio::posix::stream_descriptor descriptor;
    detail::io_wait* wait;
  };

  boost::asio::io_context& io_;
};

namespace detail {

template <class T>
struct awaitable_value;
template <class T>
struct awaitable_value<boost::asio::awaitable<T>> {
  using type = T;
};

template <class T>
inline constexpr bool is_awaitable = false;
template <class T>
inline constexpr bool is_awaitable<boost::asio::awaitable<T>> = true;

// Runs an Asio awaitable with co_spawn on the current scheduler's io_context and resumes the
// awaiting task with its result. The task's stop token becomes an Asio terminal cancellation.
template <class T>
class awaitable_awaiter {
public:
  explicit awaitable_awaiter(boost::asio::awaitable<T> work) : work_(std::move(work)) {}
  awaitable_awaiter(const awaitable_awaiter&) = delete;
  awaitable_awaiter& operator=(const awaitable_awaiter&) = delete;

  bool await_ready() const noexcept { return false; }
  template <class Promise>
  void await_suspend(std::coroutine_handle<Promise> h) {
    auto* loop = dynamic_cast<asio::scheduler*>(&lambda_coro::scheduler::current_or_throw());
    if (!loop)
      lambda_coro::detail::throw_usage_error(
          "lambda_coro::asio::awaited: the task does not run on lambda_coro::asio's scheduler (use asio::start)");
    if (const std::stop_token* stop = lambda_coro::detail::stop_token_of(h); stop && stop->stop_possible())
      on_stop_.emplace(*stop, emit_terminal{&cancel_});
    auto resume = [this, h](std::exception_ptr error, auto&&... value) {
      error_ = error;
      if constexpr (sizeof...(value) == 1)
        if (!error) value_.emplace(std::move(value)...);
      h.resume();
    };
    boost::asio::co_spawn(loop->context(), std::move(work_),
                          boost::asio::bind_cancellation_slot(cancel_.slot(), std::move(resume)));
  }
  T await_resume() {
    on_stop_.reset();
    if (error_) std::rethrow_exception(error_);
    if constexpr (!std::is_void_v<T>) return std::move(*value_);
  }

private:
  struct emit_terminal {
    boost::asio::cancellation_signal* signal;
    void operator()() const noexcept { signal->emit(boost::asio::cancellation_type::terminal); }
  };
  boost::asio::awaitable<T> work_;
  boost::asio::cancellation_signal cancel_;
  std::optional<std::stop_callback<emit_terminal>> on_stop_;
  std::exception_ptr error_;
  std::optional<std::conditional_t<std::is_void_v<T>, char, T>> value_;
};

}  // namespace detail

// Awaits an Asio awaitable from a lambda-coro task running under asio::start (or any task
// on asio::scheduler); its result or exception comes back.
template <class T>
[[nodiscard]] detail::awaitable_awaiter<T> awaited(boost::asio::awaitable<T> work) {
  return detail::awaitable_awaiter<T>(std::move(work));
}

namespace detail {

// A handler returning boost::asio::awaitable<R>, seen as one returning lambda_coro::task<R>.
template <class Handler>
class task_handler {
  using traits = lambda_coro::detail::callable_traits<Handler>;
  using event_type = std::remove_cvref_t<std::tuple_element_t<0, typename traits::args>>;
  using value_type = typename awaitable_value<typename traits::result>::type;
  static constexpr bool takes_context = std::tuple_size_v<typename traits::args> == 2;

public:
  explicit task_handler(Handler& handler) : handler_(&handler) {}
  task<value_type> operator()(const event_type& event, const context& ctx) const {
    if constexpr (takes_context)
      co_return co_await awaited((*handler_)(event, ctx));
    else
      co_return co_await awaited((*handler_)(event));
  }

private:
  Handler* handler_;
};

}  // namespace detail

// lambda_coro::start on `io`: serves `handler` (returning boost::asio::awaitable<R> or
// lambda_coro::task<R>) until Lambda ends the process, running the io_context on this
// thread; other work on the io_context runs alongside. Returns main's exit code.
template <class Handler>
int start(boost::asio::io_context& io, Handler&& handler, const runtime_options& options = {}) {
  using result = typename lambda_coro::detail::callable_traits<Handler>::result;
  static_assert(lambda_coro::detail::is_handler<Handler>() &&
                    (detail::is_awaitable<result> || lambda_coro::detail::is_task<result>),
                "lambda_coro::asio::start: a handler is R(const Event&) or R(const Event&, const "
                "lambda_coro::context&) with R = boost::asio::awaitable<T> or lambda_coro::task<T>");
  scheduler loop(io);
  if (lambda_coro::scheduler::current() != &loop)
    lambda_coro::detail::throw_usage_error("lambda_coro::asio::start: this thread already runs a lambda-coro loop");
  if constexpr (detail::is_awaitable<result>) {
    detail::task_handler<std::remove_reference_t<Handler>> adapted(handler);
    return lambda_coro::detail::start_coroutines(adapted, options);
  } else {
    return lambda_coro::detail::start_coroutines(handler, options);
  }
}

}  // namespace asio
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_ASIO_HPP_INCLUDED
