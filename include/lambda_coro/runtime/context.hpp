// context: what Lambda tells a handler about the invocation and the function.
#ifndef LAMBDA_CORO_RUNTIME_CONTEXT_HPP_INCLUDED
#define LAMBDA_CORO_RUNTIME_CONTEXT_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/coro/spawn.hpp>
#include <lambda_coro/coro/task.hpp>
#include <lambda_coro/json/read.hpp>
#include <lambda_coro/log.hpp>

#include <boost/describe/class.hpp>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

LAMBDA_CORO_BEGIN_NAMESPACE

// The mobile client that invoked the function (Lambda-Runtime-Client-Context).
struct client_application {
  std::string installation_id;
  std::string app_title;
  std::string app_version_name;
  std::string app_version_code;
  std::string app_package_name;
};
BOOST_DESCRIBE_STRUCT(client_application, (),
                      (installation_id, app_title, app_version_name, app_version_code, app_package_name))

struct client_context {
  client_application client;
  std::map<std::string, std::string> custom;
  std::map<std::string, std::string> env;
};
BOOST_DESCRIBE_STRUCT(client_context, (), (client, custom, env))

// The Amazon Cognito identity that invoked the function (Lambda-Runtime-Cognito-Identity).
struct cognito_identity {
  std::string cognito_identity_id;
  std::string cognito_identity_pool_id;
};
BOOST_DESCRIBE_STRUCT(cognito_identity, (), (cognito_identity_id, cognito_identity_pool_id))
constexpr auto json_options(const cognito_identity*) { return json::object_options(json::naming::camel_case); }

// The function's configuration, from the environment Lambda sets; read once at start.
struct function_info {
  std::string name;         // AWS_LAMBDA_FUNCTION_NAME
  std::string version;      // AWS_LAMBDA_FUNCTION_VERSION
  int memory_size_mb = 0;   // AWS_LAMBDA_FUNCTION_MEMORY_SIZE
  std::string log_group;    // AWS_LAMBDA_LOG_GROUP_NAME
  std::string log_stream;   // AWS_LAMBDA_LOG_STREAM_NAME
  std::string region;       // AWS_REGION

  static function_info from_environment() {
    auto env = [](const char* name) {
      const char* v = std::getenv(name);
      return std::string(v ? v : "");
    };
    function_info f;
    f.name = env("AWS_LAMBDA_FUNCTION_NAME");
    f.version = env("AWS_LAMBDA_FUNCTION_VERSION");
    f.memory_size_mb = std::atoi(env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").c_str());
    f.log_group = env("AWS_LAMBDA_LOG_GROUP_NAME");
    f.log_stream = env("AWS_LAMBDA_LOG_STREAM_NAME");
    f.region = env("AWS_REGION");
    return f;
  }
};

// One invocation's context. The runtime reuses one object for every invocation, so its
// strings keep their capacity: a handler that needs a value after returning copies it.
class context {
public:
  context() = default;
  context(const context&) = delete;
  context& operator=(const context&) = delete;

  std::string request_id;            // Lambda-Runtime-Aws-Request-Id
  std::int64_t deadline_ms = 0;      // Lambda-Runtime-Deadline-Ms: Unix epoch milliseconds
  std::string invoked_function_arn;  // Lambda-Runtime-Invoked-Function-Arn
  std::string trace_id;              // Lambda-Runtime-Trace-Id (also in _X_AMZN_TRACE_ID at concurrency 1)
  std::string tenant_id;             // Lambda-Runtime-Aws-Tenant-Id
  std::optional<lambda_coro::client_context> client_context;
  std::optional<cognito_identity> identity;
  const function_info* function = nullptr;

  std::chrono::system_clock::time_point deadline() const noexcept {
    return std::chrono::system_clock::time_point(std::chrono::milliseconds(deadline_ms));
  }
  // Time left before Lambda stops the invocation (negative once past the deadline).
  std::chrono::milliseconds remaining_time() const noexcept {
    return std::chrono::duration_cast<std::chrono::milliseconds>(deadline() - std::chrono::system_clock::now());
  }

  // Log lines with this invocation's request id, also when invocations run concurrently.
  logger log() const noexcept { return logger(&request_id); }

  // Fires shortly before the deadline (runtime_options::deadline_margin), on the loop's
  // thread, for coroutine handlers and run() loops: sleep_for and fd waits in the handler's
  // task then throw operation_cancelled. Valid for this invocation; a synchronous handler
  // (no loop) gets a token that never fires and checks remaining_time() instead.
  std::stop_token stop_token() const noexcept { return stop_token_; }

  // Starts `work` beside the handler, on the loop; the runtime waits for it to finish before
  // it asks for the next invocation (Lambda may freeze the process after that). Its failure
  // is logged; the invocation's answer stands. Needs a loop: a coroutine handler or run().
  void spawn(task<> work) const {
    if (!scope_) detail::throw_usage_error("context::spawn: no event loop serves this invocation (a synchronous handler)");
    scope_->spawn(std::move(work));
  }

private:
  friend class runtime;
  std::stop_token stop_token_;
  async_scope* scope_ = nullptr;
};

LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_RUNTIME_CONTEXT_HPP_INCLUDED
