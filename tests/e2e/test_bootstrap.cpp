// A bootstrap for the end-to-end tests; LAMBDA_CORO_TEST_MODE picks its shape.
#include "../support/lambda_coro_under_test.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#include <unistd.h>

namespace lc = lambda_coro;

struct request {
  std::string name;
};
BOOST_DESCRIBE_STRUCT(request, (), (name))

struct response {
  std::string message;
};
BOOST_DESCRIBE_STRUCT(response, (), (message))

struct context_report {
  std::string request_id;
  std::string invoked_function_arn;
  std::string trace_id;
  std::string trace_env;
  std::string tenant_id;
  std::string function_name;
  std::string function_version;
  int memory_size_mb = 0;
  bool time_left = false;
  std::optional<std::string> app_title;
  std::optional<std::string> custom_color;
  std::optional<std::string> cognito_identity_id;
};
BOOST_DESCRIBE_STRUCT(context_report, (),
                      (request_id, invoked_function_arn, trace_id, trace_env, tenant_id, function_name,
                       function_version, memory_size_mb, time_left, app_title, custom_color, cognito_identity_id))

// Strings as views into the runtime's parser, valid for the handler's call.
struct borrowed_request {
  std::string_view name;
  std::map<std::string_view, std::string_view> tags;
};
BOOST_DESCRIBE_STRUCT(borrowed_request, (), (name, tags))

namespace {

struct not_a_std_exception {};

response borrowed(const borrowed_request& req) {
  std::string message = "Hello, " + std::string(req.name) + "!";
  for (const auto& [key, value] : req.tags) message.append(" ").append(key).append("=").append(value);
  return {message};
}

response typed(const request& req, const lc::context&) {
  if (req.name == "throw") throw std::runtime_error("asked to throw");
  if (req.name == "function_error") throw lc::function_error("Function.Custom", "a chosen error type");
  if (req.name == "not_std") throw not_a_std_exception{};
  if (req.name == "sleep") std::this_thread::sleep_for(std::chrono::seconds(30));
  if (req.name == "crash") std::abort();
  if (req.name == "big") return {std::string(7 * 1024 * 1024, 'x')};
  return {"Hello, " + req.name + "!"};
}

context_report report(const request&, const lc::context& ctx) {
  context_report r;
  r.request_id = ctx.request_id;
  r.invoked_function_arn = ctx.invoked_function_arn;
  r.trace_id = ctx.trace_id;
  const char* env = std::getenv("_X_AMZN_TRACE_ID");
  r.trace_env = env ? env : "";
  r.tenant_id = ctx.tenant_id;
  r.function_name = ctx.function->name;
  r.function_version = ctx.function->version;
  r.memory_size_mb = ctx.function->memory_size_mb;
  r.time_left = ctx.remaining_time().count() > 0;
  if (ctx.client_context) {
    r.app_title = ctx.client_context->client.app_title;
    if (auto c = ctx.client_context->custom.find("color"); c != ctx.client_context->custom.end())
      r.custom_color = c->second;
  }
  if (ctx.identity) r.cognito_identity_id = ctx.identity->cognito_identity_id;
  return r;
}

std::string reverse(std::string_view event) { return std::string(event.rbegin(), event.rend()); }

// The signal state this process started with: "SigBlk:\t...\nSigIgn:\t...".
std::string signal_state(std::string_view) {
  std::ifstream status("/proc/self/status");
  std::string line, out;
  while (std::getline(status, line))
    if (line.starts_with("SigBlk:") || line.starts_with("SigIgn:")) out += line + "\n";
  return out;
}

void nothing(const lc::json::value&) {}

lc::task<response> greet_later(const request& req) { co_return response{"Later, " + req.name + "!"}; }

lc::task<> nothing_later(const lc::json::value&) { co_await lc::sleep_for(std::chrono::milliseconds(1)); }

// Tries to answer every invocation twice: the second answer is a usage_error, reported on
// stderr, and never reaches the Runtime API. The event outlives the first answer.
lc::task<> answer_twice(lc::runtime& rt) {
  for (;;) {
    auto inv = co_await rt.next_invocation();
    const std::string copy(inv.event());
    co_await inv.respond(inv.event());
    if (inv.event() != copy) std::abort();
    try {
      co_await inv.respond(inv.event());
    } catch (const lc::usage_error& e) {
      std::fprintf(stderr, "usage_error: %s\n", e.what());
    }
  }
}

// Concurrency: each invocation takes 200 ms, and says where it ran and what trace it saw.
struct whereabouts {
  int pid = 0;
  std::string trace_id;
  std::string trace_env;
};
BOOST_DESCRIBE_STRUCT(whereabouts, (), (pid, trace_id, trace_env))

whereabouts where(const lc::context& ctx) {
  const char* env = std::getenv("_X_AMZN_TRACE_ID");
  return {static_cast<int>(::getpid()), ctx.trace_id, env ? env : ""};
}

lc::task<whereabouts> sleepy_task(std::string_view, const lc::context& ctx) {
  co_await lc::sleep_for(std::chrono::milliseconds(200));
  co_return where(ctx);
}

whereabouts sleepy_blocking(std::string_view, const lc::context& ctx) {
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  return where(ctx);
}

// A worker process that dies (here by abort) takes the runtime with it, so Lambda restarts it.
whereabouts crashes_on_request(std::string_view event, const lc::context& ctx) {
  if (event == "\"crash\"") std::abort();
  return where(ctx);
}

// Sleeps far past any deadline: the context's stop token ends the sleep first.
lc::task<std::string> past_deadline(std::string_view) {
  co_await lc::sleep_for(std::chrono::seconds(60));
  co_return "not reached";
}

// Work spawned through the context: appended to LAMBDA_CORO_TEST_SPAWN_FILE 150 ms after the
// answer, and finished before the runtime asks for the next invocation.
lc::task<> append_later(std::string line) {
  co_await lc::sleep_for(std::chrono::milliseconds(150));
  std::ofstream(std::getenv("LAMBDA_CORO_TEST_SPAWN_FILE"), std::ios::app) << line << "\n";
}

lc::task<std::string> spawns(std::string_view event, const lc::context& ctx) {
  ctx.spawn(append_later(std::string(event)));
  co_return "answered";
}

// run() at max concurrency: every loop sleeps 200 ms per invocation on one thread.
lc::task<> sleepy_loop(lc::runtime& rt) {
  for (;;) {
    auto inv = co_await rt.next_invocation();
    co_await lc::sleep_for(std::chrono::milliseconds(200));
    co_await inv.respond(where(inv.context()));
  }
}

lc::task<> fail_before_first_invocation(lc::runtime&) {
  throw lc::function_error("Function.ConfigMissing", "no TABLE_NAME");
  co_return;
}

// Structured logs: the context's logger names its invocation even when two run at once; the
// process's logger knows it when the process serves one at a time.
lc::task<std::string> logs_async(const request& req, const lc::context& ctx) {
  ctx.log().info("started", {{"name", req.name}});
  co_await lc::sleep_for(std::chrono::milliseconds(100));
  ctx.log().warn("finished", {{"name", req.name}});
  ctx.log().debug("below the level", {{"name", req.name}});
  co_return ctx.request_id;
}

std::string logs_sync(const request& req, const lc::context& ctx) {
  lc::log().info("served", {{"name", req.name}});
  return ctx.request_id;
}

// Streaming: "first;" goes out, then the handler waits for LAMBDA_CORO_TEST_GATE to exist
// (the test creates it once it has received "first;") before "second;". If the bytes were
// held back until the end, the gate would never open and "late;" would follow after 3 s.
// "fail_midway" throws after the first bytes; "fail_before" before any.
bool gate_open() { return ::access(std::getenv("LAMBDA_CORO_TEST_GATE"), F_OK) == 0; }

lc::task<> stream_async(std::string_view event, lc::response_stream& out) {
  if (event == "\"fail_before\"") throw std::invalid_argument("nothing to send");
  out.set_content_type("text/plain");
  co_await out.write("first;");
  if (event == "\"fail_midway\"") throw lc::function_error("Function.Midway", "failed after the first bytes");
  int waited = 0;
  while (!gate_open() && waited++ < 300) co_await lc::sleep_for(std::chrono::milliseconds(10));
  co_await out.write(gate_open() ? "second;" : "late;");
}

void stream_sync(std::string_view event, lc::response_stream& out, const lc::context& ctx) {
  if (event == "\"fail_before\"") throw std::invalid_argument("nothing to send");
  out.write_blocking("first;");
  if (event == "\"fail_midway\"") throw lc::function_error("Function.Midway", "failed after the first bytes");
  int waited = 0;
  while (!gate_open() && waited++ < 300) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  out.write_blocking(gate_open() ? "second;" : "late;");
  out.write_blocking(ctx.request_id);
}

// A large streamed response in 64 KiB pieces: LAMBDA_CORO_TEST_STREAM_MIB of them.
lc::task<> stream_large(std::string_view, lc::response_stream& out) {
  const std::string piece(64 * 1024, 'x');
  const long pieces = 16 * std::atol(std::getenv("LAMBDA_CORO_TEST_STREAM_MIB"));
  for (long i = 0; i < pieces; ++i) co_await out.write(piece);
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.starts_with("VmHWM:")) lc::log().info("streamed", {{"peak_rss_kib", std::atol(line.c_str() + 6)}});
}

// run(): a stream left open is ended by the next next_invocation().
lc::task<> stream_left_open(lc::runtime& rt) {
  for (;;) {
    auto inv = co_await rt.next_invocation();
    auto out = inv.stream();
    co_await out.write("unfinished");
  }
}

}  // namespace

int main() {
  if (const char* pid_file = std::getenv("LAMBDA_CORO_TEST_PID_FILE")) std::ofstream(pid_file) << ::getpid();
  const char* mode_env = std::getenv("LAMBDA_CORO_TEST_MODE");
  const std::string_view mode = mode_env ? mode_env : "typed";
  if (mode == "typed") return lc::start(typed);
  if (mode == "borrowed") return lc::start(borrowed);
  if (mode == "context") return lc::start(report);
  if (mode == "raw") return lc::start(reverse);
  if (mode == "signals") return lc::start(signal_state);
  if (mode == "void") return lc::start(nothing);
  if (mode == "task") return lc::start(greet_later);
  if (mode == "task_void") return lc::start(nothing_later);
  if (mode == "init_fail")
    return lc::start([]() -> response (*)(const request&, const lc::context&) {
      throw std::runtime_error("cannot reach the database");
    });
  if (mode == "init_ok") return lc::start([] { return &typed; });
  if (mode == "answer_twice") return lc::run(answer_twice);
  if (mode == "serve_init_fail") return lc::run(fail_before_first_invocation);
  if (mode == "sleepy_task") return lc::start(sleepy_task);
  if (mode == "sleepy_blocking") return lc::start(sleepy_blocking);
  if (mode == "sleepy_loop") return lc::run(sleepy_loop);
  if (mode == "crashes_on_request") return lc::start(crashes_on_request);
  if (mode == "past_deadline") return lc::start(past_deadline);
  if (mode == "spawns") return lc::start(spawns);
  if (mode == "logs_async") return lc::start(logs_async);
  if (mode == "logs_sync") return lc::start(logs_sync);
  if (mode == "shutdown_hooks" || mode == "shutdown_hooks_loop") {
    // Two hooks, run last-registered first; each appends to LAMBDA_CORO_TEST_SHUTDOWN_FILE.
    for (const char* name : {"first", "second"})
      lc::on_shutdown([name] { std::ofstream(std::getenv("LAMBDA_CORO_TEST_SHUTDOWN_FILE"), std::ios::app) << name << "\n"; });
    if (mode == "shutdown_hooks_loop") return lc::run(sleepy_loop);
    return lc::start(typed);
  }
  if (mode == "stream_async") return lc::start(stream_async);
  if (mode == "stream_sync") return lc::start(stream_sync);
  if (mode == "stream_large") return lc::start(stream_large);
  if (mode == "stream_left_open") return lc::run(stream_left_open);
  return 3;
}
