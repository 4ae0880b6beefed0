// start(handler) and run(serve): a whole bootstrap in one call.
#ifndef LAMBDA_CORO_RUNTIME_START_HPP_INCLUDED
#define LAMBDA_CORO_RUNTIME_START_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/coro/loop.hpp>
#include <lambda_coro/coro/spawn.hpp>
#include <lambda_coro/coro/task.hpp>
#include <lambda_coro/coro/when_all.hpp>
#include <lambda_coro/detail/shutdown.hpp>
#include <lambda_coro/json/read.hpp>
#include <lambda_coro/json/value.hpp>
#include <lambda_coro/runtime/errors.hpp>
#include <lambda_coro/runtime/runtime.hpp>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#define LAMBDA_CORO_DETAIL_HANDLER_SHAPES                                                          \
  "lambda_coro::start: a handler is callable as R(const Event&) or R(const Event&, const "         \
  "lambda_coro::context&), where Event is std::string_view (the raw payload) or a JSON-bindable "  \
  "type, and R is void, std::string, json::raw, a JSON-bindable type, or lambda_coro::task<> of "  \
  "one; a streaming handler is void or task<>(const Event&, lambda_coro::response_stream&[, const "\
  "lambda_coro::context&]). A callable with no parameters is an init function that returns such a "\
  "handler. Generic "                                                                              \
  "lambdas (auto parameters) cannot be inspected: name the parameter types"

LAMBDA_CORO_BEGIN_NAMESPACE
namespace detail {

template <class Signature>
struct signature_traits {
  static constexpr bool known = false;
};
template <class R, class... A>
struct signature_traits<R(A...)> {
  static constexpr bool known = true;
  using result = R;
  using args = std::tuple<A...>;
};
template <class R, class... A>
struct signature_traits<R(A...) noexcept> : signature_traits<R(A...)> {};
template <class R, class... A>
struct signature_traits<R (*)(A...)> : signature_traits<R(A...)> {};
template <class R, class... A>
struct signature_traits<R (*)(A...) noexcept> : signature_traits<R(A...)> {};
template <class R, class C, class... A>
struct signature_traits<R (C::*)(A...)> : signature_traits<R(A...)> {};
template <class R, class C, class... A>
struct signature_traits<R (C::*)(A...) const> : signature_traits<R(A...)> {};
template <class R, class C, class... A>
struct signature_traits<R (C::*)(A...) noexcept> : signature_traits<R(A...)> {};
template <class R, class C, class... A>
struct signature_traits<R (C::*)(A...) const noexcept> : signature_traits<R(A...)> {};

template <class F, class = void>
struct callable_traits : signature_traits<std::remove_cvref_t<F>> {};
template <class F>
struct callable_traits<F, std::void_t<decltype(&std::remove_cvref_t<F>::operator())>>
    : signature_traits<decltype(&std::remove_cvref_t<F>::operator())> {};

template <class T>
struct task_result {
  using type = T;
};
template <class T>
struct task_result<task<T>> {
  using type = T;
};

template <class T>
inline constexpr bool is_stream_parameter = std::is_same_v<T, response_stream&>;

template <class Handler>
constexpr bool is_handler() {
  using traits = callable_traits<Handler>;
  if constexpr (!traits::known) {
    return false;
  } else {
    using args = typename traits::args;
    constexpr std::size_t arity = std::tuple_size_v<args>;
    if constexpr (arity == 1) {
      return true;
    } else if constexpr (arity == 2) {
      return std::is_same_v<std::remove_cvref_t<std::tuple_element_t<1, args>>, context> ||
             is_stream_parameter<std::tuple_element_t<1, args>>;
    } else if constexpr (arity == 3) {
      return is_stream_parameter<std::tuple_element_t<1, args>> &&
             std::is_same_v<std::remove_cvref_t<std::tuple_element_t<2, args>>, context>;
    } else {
      return false;
    }
  }
}

template <class Handler>
constexpr bool is_init_function() {
  using traits = callable_traits<Handler>;
  if constexpr (!traits::known) {
    return false;
  } else if constexpr (std::tuple_size_v<typename traits::args> != 0) {
    return false;
  } else {
    return is_handler<typename traits::result>();
  }
}

struct init_failed {};

template <class Handler>
struct handler_types {
  using traits = callable_traits<Handler>;
  using event_type = std::remove_cvref_t<std::tuple_element_t<0, typename traits::args>>;
  using result_type = typename traits::result;
  using value_type = typename task_result<result_type>::type;
  static constexpr std::size_t arity = std::tuple_size_v<typename traits::args>;
  static constexpr bool streams =
      arity >= 2 && is_stream_parameter<std::tuple_element_t<(arity >= 2 ? 1 : 0), typename traits::args>>;
  static constexpr bool takes_context = arity == 3 || (arity == 2 && !streams);
  static constexpr bool is_coroutine = is_task<result_type>;
  static_assert(!streams || std::is_void_v<value_type>,
                "lambda_coro::start: a streaming handler returns void or lambda_coro::task<>: what it "
                "sends, it writes to its response_stream");
};

// Binds the event to the handler's parameter; false (and a message) when it does not fit.
// The serve loops keep one event object across invocations and overwrite it, so a warm
// invocation reuses the strings, vectors and map nodes of the one before.
template <class Event>
bool bind_event(json::reader& reader, const invocation& inv, Event& event, std::string& problem) {
  if constexpr (std::is_same_v<Event, std::string_view>) {
    event = inv.event();
    return true;
  } else {
    try {
      reader.overwrite(inv.padded_event(), event);
      return true;
    } catch (const json::error& e) {
      problem = std::string("the event does not match the handler's parameter type: ") + e.what();
      return false;
    }
  }
}

template <class Handler, class Event>
decltype(auto) call_handler(Handler& handler, const Event& event, const invocation& inv, response_stream* out) {
  using types = handler_types<Handler>;
  if constexpr (types::streams && types::takes_context)
    return handler(event, *out, inv.context());
  else if constexpr (types::streams)
    return handler(event, *out);
  else if constexpr (types::takes_context)
    return handler(event, inv.context());
  else
    return handler(event);
}

inline void log_failure_after_close() {
  const error_report report = report_current_exception();
  log_line("the handler failed after closing its response stream: " + report.errorType + ": " + report.errorMessage);
}

// A streaming handler on a blocking runtime: the stream is closed when the handler returns
// (unless it did), or ended with its exception.
template <class Handler, class Event>
void serve_stream_blocking(Handler& handler, const Event& event, invocation& inv) {
  response_stream out = inv.stream();
  try {
    call_handler(handler, event, inv, &out);
    if (!out.closed()) out.close_blocking();
  } catch (const runtime_api_error&) {
    throw;
  } catch (...) {
    if (out.closed())
      log_failure_after_close();
    else
      out.fail_blocking();
  }
}

// A synchronous handler on a blocking runtime: one invocation at a time on this thread.
template <class Handler>
void serve_with(runtime& rt, Handler& handler) {
  using types = handler_types<Handler>;
  json::reader event_reader;
  std::string problem;
  typename types::event_type event{};
  for (;;) {
    invocation inv = blocking_access::next(rt);
    if (!bind_event(event_reader, inv, event, problem)) {
      blocking_access::fail(inv, invalid_event_type, problem);
      continue;
    }
    if constexpr (types::streams) {
      serve_stream_blocking(handler, std::as_const(event), inv);
      continue;
    }
    try {
      if constexpr (std::is_void_v<typename types::value_type>) {
        call_handler(handler, std::as_const(event), inv, nullptr);
        blocking_access::respond(inv, json::raw{});  // null, as Lambda reports a function that returns nothing
      } else {
        std::optional<typename types::value_type> result;
        result.emplace(call_handler(handler, std::as_const(event), inv, nullptr));
        blocking_access::respond(inv, *result);
      }
    } catch (const runtime_api_error&) {
      throw;
    } catch (...) {
      blocking_access::fail(inv);
    }
  }
}

// A coroutine handler on a non-blocking runtime: its task runs on the loop with the
// invocation's stop token; work it spawned through the context is joined before /next.
template <class Handler>
task<> serve_coroutine(runtime& rt, Handler& handler) {
  using types = handler_types<Handler>;
  json::reader event_reader;
  std::string problem;
  async_scope scope;
  rt.set_scope(&scope);
  typename types::event_type event{};
  for (;;) {
    invocation inv = co_await rt.next_invocation();
    if (!bind_event(event_reader, inv, event, problem)) {
      co_await inv.fail(invalid_event_type, problem);
      continue;
    }
    std::exception_ptr failure;
    std::optional<when_all_value<typename types::value_type>> result;  // std::monostate for task<>
    std::optional<response_stream> out;
    if constexpr (types::streams) out.emplace(inv.stream());
    try {
      auto work = call_handler(handler, std::as_const(event), inv, out ? &*out : nullptr);
      work.set_stop_token(rt.stop_token());
      if constexpr (std::is_void_v<typename types::value_type>)
        co_await std::move(work);
      else
        result.emplace(co_await std::move(work));
      if (out && !out->closed()) co_await out->close();
    } catch (...) {
      failure = std::current_exception();
    }
    if (out) {
      if (failure && out->closed()) {
        try {
          std::rethrow_exception(failure);
        } catch (const runtime_api_error&) {
          throw;
        } catch (...) {
          log_failure_after_close();
        }
      } else if (failure) {
        co_await out->fail(failure);
      }
    } else if (failure) {
      co_await inv.fail(failure);
    } else if constexpr (std::is_void_v<typename types::value_type>) {
      co_await inv.respond(json::raw{});
    } else {
      co_await inv.respond(*result);
    }
    if (scope.active() != 0) {
      try {
        co_await scope.join();
      } catch (const std::exception& e) {
        log_line(std::string("work spawned by the handler failed: ") + e.what());
      } catch (...) {
        log_line("work spawned by the handler failed with an exception not derived from std::exception");
      }
    }
  }
}

// Runs one serve task per runtime on this thread's loop until one ends with an exception
// (rethrown) or all have returned. The others are destroyed where they wait.
inline void serve_all(std::vector<task<>>& serving) {
  struct progress {
    std::vector<task<>>* serving;
    static bool finished(void* self) {
      bool all_done = true;
      for (auto& t : *static_cast<progress*>(self)->serving) {
        if (t.failed()) return true;
        all_done = all_done && t.done();
      }
      return all_done;
    }
  } state{&serving};
  for (auto& t : serving) t.start();
  if (!progress::finished(&state)) scheduler::current_or_throw().run_until(&progress::finished, &state);
  for (auto& t : serving)
    if (t.failed()) std::move(t).result();
}

// N runtimes (connections) for N invocations in flight, or one in local mode.
inline std::vector<std::unique_ptr<runtime>> make_runtimes(runtime::io_mode mode, const runtime_options& options) {
  std::vector<std::unique_ptr<runtime>> runtimes;
  runtimes.push_back(std::make_unique<runtime>(mode, options));
  const unsigned n = runtimes.front()->local_mode() ? 1 : concurrency_from(options);
  while (runtimes.size() < n) runtimes.push_back(std::make_unique<runtime>(mode, options));
  return runtimes;
}

// Serves a synchronous handler in N processes, each with its copy of `rt` (its own
// connection, made after the fork): workers share
// nothing, so the handler need not be thread-safe, and a slow one stalls no other. Workers
// die with the first process; the first process exits when a worker does (a fatal error).
// The worker processes of this one, for the SIGCHLD handler (no allocation there).
struct worker_processes {
  static inline pid_t pids[1024] = {};
  static inline volatile sig_atomic_t count = 0;
};

template <class Handler>
void serve_in_processes(runtime& rt, unsigned processes, Handler& handler) {
  // Set before the first fork, so that no worker can end unnoticed. Only the workers count:
  // children the handler starts itself come and go as they like.
  struct sigaction on_worker_exit {};
  on_worker_exit.sa_handler = [](int) {
    for (sig_atomic_t i = 0; i < worker_processes::count; ++i) {
      if (::waitpid(worker_processes::pids[i], nullptr, WNOHANG) != worker_processes::pids[i]) continue;
      constexpr char message[] = "[lambda-coro] a worker process ended; ending the runtime\n";
      (void)!::write(STDERR_FILENO, message, sizeof message - 1);
      ::_exit(1);
    }
  };
  on_worker_exit.sa_flags = SA_RESTART | SA_NOCLDSTOP;
  ::sigaction(SIGCHLD, &on_worker_exit, nullptr);
  const pid_t parent = ::getpid();
  for (unsigned i = 1; i < processes; ++i) {
    // fork(), not a raw clone: glibc's fork takes malloc's and stdio's locks across it, which
    // an init that started threads (an SDK's) needs.
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid > 0) {
      worker_processes::pids[worker_processes::count] = pid;
      worker_processes::count = worker_processes::count + 1;
      continue;
    }
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(1);
    try {
      serve_with(rt, handler);  // this process's copy of it, not yet connected
    } catch (const std::exception& e) {
      log_line(e.what());
    }
    std::fflush(nullptr);
    ::_exit(1);
  }
  serve_with(rt, handler);
}

inline int exit_after(const std::exception& e) {
  log_line(e.what());
  return 1;
}

template <class Handler>
void serve_coroutines(std::vector<std::unique_ptr<runtime>>& runtimes, Handler& handler) {
  std::vector<task<>> serving;
  for (auto& rt : runtimes) serving.push_back(serve_coroutine(*rt, handler));
  serve_all(serving);
}

// Makes the handler (running an init function, whose failure goes to /init/error through
// `first`) and serves it; the result is main's exit code.
template <class Handler, class Serve>
int initialize_and_serve(Handler& handler, runtime& first, Serve serve) {
  try {
    if constexpr (is_init_function<Handler>()) {
      auto make = [&] {
        try {
          return handler();
        } catch (...) {
          first.fail_init(report_current_exception());
          throw init_failed{};
        }
      };
      auto ready = make();
      arm_shutdown_if_wanted(first.local_mode());
      serve(ready);
    } else {
      arm_shutdown_if_wanted(first.local_mode());
      serve(handler);
    }
  } catch (const local_run_finished& finished) {
    return finished.exit_code;
  } catch (const init_failed&) {
    return 1;
  } catch (const std::exception& e) {
    return exit_after(e);
  }
  return 0;
}

// start() for a coroutine handler, on this thread's loop.
template <class Handler>
int start_coroutines(Handler& handler, const runtime_options& options) {
  std::vector<std::unique_ptr<runtime>> runtimes;
  try {
    runtimes = make_runtimes(runtime::io_mode::non_blocking, options);
  } catch (const std::exception& e) {
    return exit_after(e);  // no Runtime API to report to
  }
  return initialize_and_serve(handler, *runtimes.front(), [&](auto& ready) { serve_coroutines(runtimes, ready); });
}

template <class Handler>
struct ready_handler {
  using type = Handler;
};
template <class Handler>
  requires(is_init_function<Handler>())
struct ready_handler<Handler> {
  using type = typename callable_traits<Handler>::result;
};

}  // namespace detail

// Runs `handler` for every invocation until Lambda ends the process. Returns main's exit
// code: non-zero when init failed or the Runtime API is gone, and in local mode 0 or 1 for
// the one event's success or failure. A handler returning task<> runs on an event loop on
// this thread, max_concurrency of them at once; a synchronous one runs on this thread, or
// at max_concurrency > 1 in that many processes (forked after init: they share nothing).
template <class Handler>
int start(Handler&& handler, const runtime_options& options = {}) {
  static_assert(detail::is_handler<Handler>() || detail::is_init_function<Handler>(),
                LAMBDA_CORO_DETAIL_HANDLER_SHAPES);
  using serving_handler = typename detail::ready_handler<std::remove_cvref_t<Handler>>::type;
  if constexpr (detail::handler_types<serving_handler>::is_coroutine) {
    event_loop loop;
    return detail::start_coroutines(handler, options);
  } else {
    std::optional<runtime> rt;
    try {
      rt.emplace(runtime::io_mode::blocking, options);
    } catch (const std::exception& e) {
      return detail::exit_after(e);
    }
    const unsigned processes = rt->local_mode() ? 1 : detail::concurrency_from(options);
    return detail::initialize_and_serve(handler, *rt, [&](auto& ready) {
      if (processes == 1)
        detail::serve_with(*rt, ready);
      else
        detail::serve_in_processes(*rt, processes, ready);
    });
  }
}

// Runs a coroutine that drives the runtime itself, on an event loop on this thread:
//   lambda_coro::task<> serve(lambda_coro::runtime& rt) {
//     for (;;) { auto inv = co_await rt.next_invocation(); co_await inv.respond(...); }
//   }
// At max_concurrency N, serve runs N times at once, each with its own runtime (connection).
// An exception that escapes before the first next_invocation() is reported as an init error.
template <class Serve>
int run(Serve&& serve, const runtime_options& options = {}) {
  static_assert(std::is_invocable_r_v<task<>, Serve&, runtime&>,
                "lambda_coro::run: serve must be callable as lambda_coro::task<>(lambda_coro::runtime&)");
  event_loop loop;
  std::vector<std::unique_ptr<runtime>> runtimes;
  try {
    runtimes = detail::make_runtimes(runtime::io_mode::non_blocking, options);
  } catch (const std::exception& e) {
    return detail::exit_after(e);
  }
  try {
    detail::arm_shutdown_if_wanted(runtimes.front()->local_mode());
    std::vector<task<>> serving;
    for (auto& rt : runtimes) serving.push_back(serve(*rt));
    detail::serve_all(serving);
    return 0;
  } catch (const detail::local_run_finished& finished) {
    return finished.exit_code;
  } catch (const runtime_api_error& e) {
    return detail::exit_after(e);
  } catch (...) {
    const detail::error_report report = detail::report_current_exception();
    for (auto& rt : runtimes)
      if (rt->initialized()) {
        detail::log_line("the serve loop ended with " + report.errorType + ": " + report.errorMessage);
        return 1;
      }
    try {
      runtimes.front()->fail_init(report);
    } catch (const std::exception& e) {
      detail::log_line(e.what());
    }
    return 1;
  }
}

LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_RUNTIME_START_HPP_INCLUDED
