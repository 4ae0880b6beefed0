// The Lambda Extensions API: write an extension with lambda-coro, or let a function learn of
// its shutdown.
//
// An external extension is its own program in /opt/extensions (a layer); Lambda starts it
// before the runtime and it lives across invocations:
//   lambda_coro::extension ext("my-extension", {lambda_coro::extension_event_type::invoke,
//                                               lambda_coro::extension_event_type::shutdown});
//   for (;;) {
//     auto e = ext.next();                          // blocks until Lambda has something
//     if (e.type == lambda_coro::extension_event_type::shutdown) { flush(); return 0; }
//   }
//
// A function that wants to clean up registers a shutdown hook. Lambda sends a runtime
// SIGTERM only when an extension is registered, so start() and run() then register an
// internal extension for it:
//   lambda_coro::on_shutdown([&] { db.close(); metrics.flush(); });
#ifndef LAMBDA_CORO_EXTENSION_HPP_INCLUDED
#define LAMBDA_CORO_EXTENSION_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/detail/shutdown.hpp>
#include <lambda_coro/json/read.hpp>
#include <lambda_coro/json/write.hpp>
#include <lambda_coro/runtime/errors.hpp>
#include <lambda_coro/transport/http_client.hpp>

#include <boost/describe/class.hpp>

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE

enum class extension_event_type { invoke, shutdown };

// One event from /extension/event/next.
struct extension_event {
  extension_event_type type = extension_event_type::invoke;
  std::int64_t deadline_ms = 0;  // INVOKE: the invocation's deadline; SHUTDOWN: the extension's
  std::string request_id;          // INVOKE
  std::string invoked_function_arn;  // INVOKE
  std::string trace_id;              // INVOKE: X-Ray tracing header value
  std::string shutdown_reason;       // SHUTDOWN: spindown, timeout or failure
};

namespace detail {
struct extension_tracing {
  std::string type;
  std::string value;
};
BOOST_DESCRIBE_STRUCT(extension_tracing, (), (type, value))
struct extension_event_document {
  std::string eventType;
  std::int64_t deadlineMs = 0;
  std::optional<std::string> requestId;
  std::optional<std::string> invokedFunctionArn;
  std::optional<extension_tracing> tracing;
  std::optional<std::string> shutdownReason;
};
BOOST_DESCRIBE_STRUCT(extension_event_document, (),
                      (eventType, deadlineMs, requestId, invokedFunctionArn, tracing, shutdownReason))
struct extension_registration {
  std::vector<std::string> events;
};
BOOST_DESCRIBE_STRUCT(extension_registration, (), (events))

inline constexpr std::string_view extension_api = "/2020-01-01/extension";

inline std::string_view runtime_api_address() {
  const char* api = std::getenv("AWS_LAMBDA_RUNTIME_API");
  if (!api || !*api) throw runtime_api_error("AWS_LAMBDA_RUNTIME_API is not set: not running on Lambda");
  return api;
}
}  // namespace detail

// A registered extension. Registering counts as the extension's init; Lambda goes on with
// the function's init once every extension has asked for its first event.
class extension {
public:
  // Registers `name` (an external extension's name is its file name) for `events`; an
  // internal extension (running in the function's process) cannot take SHUTDOWN.
  extension(std::string_view name, std::initializer_list<extension_event_type> events)
      : extension(name, std::vector<extension_event_type>(events)) {}
  extension(std::string_view name, const std::vector<extension_event_type>& events)
      : client_(detail::parse_runtime_endpoint(detail::runtime_api_address())) {
    detail::extension_registration registration;
    for (const auto e : events) registration.events.push_back(e == extension_event_type::invoke ? "INVOKE" : "SHUTDOWN");
    const std::string body = json::write(registration);
    const std::string path = std::string(detail::extension_api) + "/register";
    const auto& r = client_.request("POST", path, {{"Lambda-Extension-Name", name}}, body);
    if (r.status != 200) throw runtime_api_error(describe("register", r));
    id_.assign(r.header("Lambda-Extension-Identifier"));
    if (id_.empty()) throw runtime_api_error("extension register: no Lambda-Extension-Identifier in the answer");
  }
  extension(const extension&) = delete;
  extension& operator=(const extension&) = delete;

  const std::string& id() const noexcept { return id_; }

  // Waits for the next event (no timeout). After SHUTDOWN, end the process before its deadline.
  extension_event next() {
    const std::string path = std::string(detail::extension_api) + "/event/next";
    const auto& r = client_.request("GET", path, {{"Lambda-Extension-Identifier", id_}}, {});
    if (r.status != 200) throw runtime_api_error(describe("event/next", r));
    const auto document = json::read<detail::extension_event_document>(r.body);
    extension_event e;
    e.type = document.eventType == "SHUTDOWN" ? extension_event_type::shutdown : extension_event_type::invoke;
    e.deadline_ms = document.deadlineMs;
    e.request_id = document.requestId.value_or("");
    e.invoked_function_arn = document.invokedFunctionArn.value_or("");
    if (document.tracing) e.trace_id = document.tracing->value;
    e.shutdown_reason = document.shutdownReason.value_or("");
    return e;
  }

  // Reports a failed init (Lambda then fails the environment's init) or why the extension
  // is about to exit; error_type is "Category.Reason", e.g. "Extension.ConfigInvalid".
  void init_error(std::string_view error_type, std::string_view message) { report("init/error", error_type, message); }
  void exit_error(std::string_view error_type, std::string_view message) { report("exit/error", error_type, message); }

private:
  void report(std::string_view what, std::string_view error_type, std::string_view message) {
    const std::string body = json::write(detail::error_report{std::string(message), std::string(error_type), {}});
    const std::string path = std::string(detail::extension_api) + "/" + std::string(what);
    const auto& r = client_.request(
        "POST", path, {{"Lambda-Extension-Identifier", id_}, {"Lambda-Extension-Function-Error-Type", error_type}}, body);
    if (r.status != 202 && r.status != 200) throw runtime_api_error(describe(what, r));
  }
  static std::string describe(std::string_view what, const detail::http_response& r) {
    return "extension " + std::string(what) + ": the Extensions API answered " + std::to_string(r.status) + " " +
           std::string(r.body.substr(0, 512));
  }

  detail::http_client client_;
  std::string id_;
};

namespace detail {

struct shutdown_hooks {
  std::mutex mutex;
  std::vector<std::function<void()>> hooks;
  bool armed = false;
};
inline shutdown_hooks& shutdown_state() {
  static shutdown_hooks state;
  return state;
}

inline void run_shutdown_hooks() {
  std::vector<std::function<void()>> hooks;
  {
    std::lock_guard lock(shutdown_state().mutex);
    hooks.swap(shutdown_state().hooks);
  }
  for (auto it = hooks.rbegin(); it != hooks.rend(); ++it) {
    try {
      (*it)();
    } catch (...) {
      const error_report report = report_current_exception();
      log_line("a shutdown hook failed with " + report.errorType + ": " + report.errorMessage);
    }
  }
}

// With shutdown hooks, before the first invocation: registers an internal extension, so
// that Lambda sends SIGTERM at shutdown, and a thread that waits for it, runs the hooks and
// ends the process. The extension asks for its first event on a connection it never reads
// (with no events it gets none); that is Lambda's signal that its init is done. SIGTERM is
// blocked in every thread from here on, so only the waiting thread takes it.
inline void arm_shutdown(bool local_mode) {
  auto& state = shutdown_state();
  {
    std::lock_guard lock(state.mutex);
    if (state.armed || state.hooks.empty()) return;
    state.armed = true;
  }
  sigset_t terminate;
  sigemptyset(&terminate);
  sigaddset(&terminate, SIGTERM);
  ::pthread_sigmask(SIG_BLOCK, &terminate, nullptr);
  if (!local_mode) {
    static std::optional<extension> internal;
    internal.emplace("lambda-coro-shutdown", std::vector<extension_event_type>{});
    static http_client waiting(parse_runtime_endpoint(runtime_api_address()));
    waiting.send_without_reading("GET", std::string(extension_api) + "/event/next",
                                 {{"Lambda-Extension-Identifier", internal->id()}});
  }
  pthread_t thread;
  pthread_attr_t attributes;
  ::pthread_attr_init(&attributes);
  ::pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
  ::pthread_create(
      &thread, &attributes,
      [](void*) -> void* {
        sigset_t wanted;
        sigemptyset(&wanted);
        sigaddset(&wanted, SIGTERM);
        int signal = 0;
        while (::sigwait(&wanted, &signal) != 0) {
        }
        log_line("SIGTERM: running shutdown hooks", log_level::info);
        run_shutdown_hooks();
        std::fflush(nullptr);
        ::_exit(0);
      },
      nullptr);
  ::pthread_attr_destroy(&attributes);
}

}  // namespace detail

// Runs `hook` when Lambda shuts the execution environment down (SIGTERM), in the function's
// first process, hooks registered last first. Lambda allows 500 ms for the runtime and its
// internal extensions (2 s with an external extension): flush, close connections, no more.
// Register hooks before start() or run(), which set up the shutdown signal when there are
// any (an internal extension named lambda-coro-shutdown).
inline void on_shutdown(std::function<void()> hook) {
  std::lock_guard lock(detail::shutdown_state().mutex);
  detail::shutdown_state().hooks.push_back(std::move(hook));
  detail::arm_shutdown_hook = &detail::arm_shutdown;
}

LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EXTENSION_HPP_INCLUDED
