// start(handler) and run(serve): a whole bootstrap in one call.
#ifndef LAMBDA_CORO_RUNTIME_START_HPP_INCLUDED
#define LAMBDA_CORO_RUNTIME_START_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/json/read.hpp>
#include <lambda_coro/json/value.hpp>
#include <lambda_coro/runtime/errors.hpp>
#include <lambda_coro/runtime/runtime.hpp>
#include <lambda_coro/runtime/task.hpp>

#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#define LAMBDA_CORO_DETAIL_HANDLER_SHAPES                                                          \
  "lambda_coro::start: a handler is callable as R(const Event&) or R(const Event&, const "         \
  "lambda_coro::context&), where Event is std::string_view (the raw payload) or a JSON-bindable "  \
  "type, and R is void, std::string, json::raw, a JSON-bindable type, or lambda_coro::task<> of "  \
  "one. A callable with no parameters is an init function that returns such a handler. Generic "  \
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

template <class Handler>
constexpr bool is_handler() {
  using traits = callable_traits<Handler>;
  if constexpr (!traits::known) {
    return false;
  } else {
    constexpr std::size_t arity = std::tuple_size_v<typename traits::args>;
    if constexpr (arity == 1) {
      return true;
    } else if constexpr (arity == 2) {
      return std::is_same_v<std::remove_cvref_t<std::tuple_element_t<1, typename traits::args>>, context>;
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
void serve_with(runtime& rt, Handler& handler) {
  using traits = callable_traits<Handler>;
  using event_type = std::remove_cvref_t<std::tuple_element_t<0, typename traits::args>>;
  using result_type = typename traits::result;
  using value_type = typename task_result<result_type>::type;
  constexpr bool takes_context = std::tuple_size_v<typename traits::args> == 2;

  json::reader event_reader;
  for (;;) {
    invocation inv = rt.next_invocation().await_resume();
    event_type event{};
    if constexpr (std::is_same_v<event_type, std::string_view>) {
      event = inv.event();
    } else {
      try {
        event_reader.read(inv.padded_event(), event);
      } catch (const json::error& e) {
        inv.fail(invalid_event_type, std::string("the event does not match the handler's parameter type: ") + e.what())
            .await_resume();
        continue;
      }
    }

    auto call = [&]() -> decltype(auto) {
      if constexpr (takes_context)
        return handler(std::as_const(event), inv.context());
      else
        return handler(std::as_const(event));
    };
    try {
      if constexpr (std::is_void_v<value_type>) {
        if constexpr (is_task<result_type>)
          call().sync_wait();
        else
          call();
        inv.respond(json::raw{}).await_resume();  // null, as Lambda reports a function that returns nothing
      } else {
        std::optional<value_type> result;
        if constexpr (is_task<result_type>)
          result.emplace(call().sync_wait());
        else
          result.emplace(call());
        inv.respond(*result).await_resume();
      }
    } catch (const runtime_api_error&) {
      throw;
    } catch (...) {
      inv.fail().await_resume();
    }
  }
}

inline int exit_after(const std::exception& e) {
  log_line(e.what());
  return 1;
}

}  // namespace detail

// Runs `handler` for every invocation until Lambda ends the process. Returns main's exit
// code: non-zero when init failed or the Runtime API is gone, and in local mode 0 or 1 for
// the one event's success or failure.
template <class Handler>
int start(Handler&& handler) {
  static_assert(detail::is_handler<Handler>() || detail::is_init_function<Handler>(),
                LAMBDA_CORO_DETAIL_HANDLER_SHAPES);
  std::optional<runtime> rt;
  try {
    rt.emplace();
  } catch (const std::exception& e) {
    return detail::exit_after(e);  // no Runtime API to report to
  }
  try {
    if constexpr (detail::is_init_function<Handler>()) {
      auto make = [&] {
        try {
          return handler();
        } catch (...) {
          rt->fail_init(detail::report_current_exception());
          throw detail::init_failed{};
        }
      };
      auto ready_handler = make();
      detail::serve_with(*rt, ready_handler);
    } else {
      detail::serve_with(*rt, handler);
    }
  } catch (const detail::local_run_finished& finished) {
    return finished.exit_code;
  } catch (const detail::init_failed&) {
    return 1;
  } catch (const std::exception& e) {
    return detail::exit_after(e);
  }
  return 0;
}

// Runs a coroutine that drives the runtime itself:
//   lambda_coro::task<> serve(lambda_coro::runtime& rt) {
//     for (;;) { auto inv = co_await rt.next_invocation(); co_await inv.respond(...); }
//   }
// An exception that escapes before the first next_invocation() is reported as an init error.
template <class Serve>
int run(Serve&& serve) {
  static_assert(std::is_invocable_r_v<task<>, Serve&, runtime&>,
                "lambda_coro::run: serve must be callable as lambda_coro::task<>(lambda_coro::runtime&)");
  std::optional<runtime> rt;
  try {
    rt.emplace();
  } catch (const std::exception& e) {
    return detail::exit_after(e);
  }
  try {
    serve(*rt).sync_wait();
    return 0;
  } catch (const detail::local_run_finished& finished) {
    return finished.exit_code;
  } catch (const runtime_api_error& e) {
    return detail::exit_after(e);
  } catch (...) {
    const detail::error_report report = detail::report_current_exception();
    if (rt->initialized()) {
      detail::log_line("the serve loop ended with " + report.errorType + ": " + report.errorMessage);
      return 1;
    }
    try {
      rt->fail_init(report);
    } catch (const std::exception& e) {
      detail::log_line(e.what());
    }
    return 1;
  }
}

LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_RUNTIME_START_HPP_INCLUDED
