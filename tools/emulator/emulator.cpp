// lambda-coro-emulator: plays the Lambda Runtime API for a bootstrap it starts, and
// Lambda's invoke API for callers, on 127.0.0.1 — a function runs locally with no AWS
// account and no Docker.
//
//   lambda-coro-emulator [--port 9001] [--host 127.0.0.1] [--timeout SECONDS] [--max-concurrency N] -- ./bootstrap [args...]
//   lambda-coro-emulator serve [--port 8080] [--format http-api|rest-api|alb] ... -- ./bootstrap [args...]
//   lambda-coro-emulator invoke --event event.json [--timeout SECONDS] -- ./bootstrap [args...]
//
// The Runtime API (/2018-06-01/...) and the invoke endpoint
// (POST /2015-03-31/functions/function/invocations) share one port; `serve` also turns
// every other request on it into an API Gateway or ALB event (tools/emulator/http_front.hpp).
// Invocations may arrive concurrently; they queue for the runtime, which takes as many at once
// as it polls /next for: one, or with --max-concurrency N (AWS_LAMBDA_MAX_CONCURRENCY=N, as on
// Lambda Managed Instances) up to N.
#include "http_front.hpp"

#include <lambda_coro/json.hpp>

#include <httplib.h>

#include <signal.h>
#include <sys/socket.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace json = lambda_coro::json;

namespace {

constexpr std::size_t max_request_bytes = 6 * 1024 * 1024;           // synchronous invoke payload
constexpr std::size_t max_response_bytes = 6 * 1024 * 1024 + 100;    // what Lambda accepts from a runtime

struct error_body {
  std::string errorMessage;
  std::string errorType;
};
BOOST_DESCRIBE_STRUCT(error_body, (), (errorMessage, errorType))

std::string error_json(const std::string& type, const std::string& message) {
  return json::write(error_body{message, type});
}

struct options {
  bool one_shot = false;
  bool http_front = false;
  emulator::event_format format = emulator::event_format::http_api;
  std::string host = "127.0.0.1";
  int port = 8080;
  double timeout_seconds = 0;
  int max_concurrency = 1;  // >1: a Lambda Managed Instances host, AWS_LAMBDA_MAX_CONCURRENCY
  std::string event_file;
  std::vector<std::string> command;
};

// What a caller sends to the invoke API besides the payload.
struct invoke_options {
  std::string client_context;  // decoded JSON, sent to the runtime as Lambda-Runtime-Client-Context
  std::string trace_id;        // X-Amzn-Trace-Id; empty: the emulator makes one
};

struct invocation {
  std::string id;
  std::string nonce;  // Lambda-Runtime-Invocation-Id
  std::string payload;
  invoke_options options;
  std::chrono::system_clock::time_point deadline;
  bool handed_out = false;
  bool answered = false;
  bool timed_out = false;
  bool done = false;
  bool function_error = false;
  std::string result;
};

// The invoke's outcome as Lambda's invoke API reports it.
struct invoke_result {
  int status = 200;
  bool function_error = false;
  std::string body;
};

class function_emulator {
public:
  explicit function_emulator(options opts) : opts_(std::move(opts)) {
    if (opts_.timeout_seconds <= 0) {
      const char* env = std::getenv("AWS_LAMBDA_FUNCTION_TIMEOUT");
      opts_.timeout_seconds = env ? std::atof(env) : 3.0;
      if (opts_.timeout_seconds <= 0) opts_.timeout_seconds = 3.0;
    }
    routes();
  }

  // Binds the port (0: any free one) and serves on a background thread.
  bool start() {
    // Every long poll holds a worker: room for max-concurrency of them and the callers.
    server_.new_task_queue = [this] { return new httplib::ThreadPool(static_cast<std::size_t>(16 + 2 * opts_.max_concurrency)); };
    // cpp-httplib listens with a backlog of 5, fixed in Debian's compiled library: a burst of
    // concurrent invokes would have SYNs dropped and retried a second later. listen() again.
    server_.set_socket_options([this](int sock) {
      httplib::default_socket_options(sock);
      listen_socket_ = sock;
    });
    server_.set_tcp_nodelay(true);  // a response's head and body go out without a delayed-ACK wait
    server_.set_keep_alive_max_count(1u << 30);
    server_.set_keep_alive_timeout(3600);
    server_.set_read_timeout(60);
    server_.set_write_timeout(60);
    server_.set_payload_max_length(64u * 1024 * 1024);
    if (opts_.port == 0) {
      port_ = server_.bind_to_any_port(opts_.host);
      if (port_ <= 0) return false;
    } else {
      if (!server_.bind_to_port(opts_.host.c_str(), opts_.port)) return false;
      port_ = opts_.port;
    }
    if (listen_socket_ >= 0) ::listen(listen_socket_, 1024);
    listener_ = std::thread([this] { server_.listen_after_bind(); });
    return true;
  }

  int port() const { return port_; }

  void wait() {
    if (listener_.joinable()) listener_.join();
  }

  // Stops the runtime for good: SIGTERM, then SIGKILL after 500 ms. No new one starts.
  void stop_runtime() {
    pid_t child;
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
      child = child_;
      child_ = -1;
    }
    if (child > 0) {
      ::kill(child, SIGTERM);
      // The watcher reaps it; give it 500 ms to go quietly.
      for (int i = 0; i < 50 && ::kill(child, 0) == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      if (::kill(child, SIGKILL) == 0)
        std::cerr << "lambda-coro-emulator: the runtime did not stop within 500 ms of SIGTERM; killed it\n";
    }
  }

  // Stops the runtime first, then the server.
  void shutdown() {
    stop_runtime();
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      changed_.notify_all();
    }
    server_.stop();
    wait();
    // Every runtime started has been killed: their watchers return once waitpid does.
    for (auto& w : watchers_) w.join();
    watchers_.clear();
  }

  invoke_result invoke(std::string payload, invoke_options invoke_opts = {}) {
    if (payload.size() > max_request_bytes)
      return {413, false,
              error_json("RequestEntityTooLargeException",
                         "Request must be smaller than " + std::to_string(max_request_bytes) +
                             " bytes for the InvokeFunction operation")};
    std::unique_lock lock(mutex_);
    if (closing_) return {503, false, error_json("ServiceException", "the emulator is stopping")};
    auto inv = std::make_shared<invocation>();
    inv->id = new_id();
    inv->nonce = new_id();
    inv->payload = std::move(payload);
    inv->options = std::move(invoke_opts);
    if (inv->options.trace_id.empty()) inv->options.trace_id = new_trace_id();
    inv->deadline = std::chrono::system_clock::now() +
                    std::chrono::milliseconds(static_cast<long>(opts_.timeout_seconds * 1000));
    invocations_[inv->id] = inv;
    queue_.push_back(inv);
    if (child_ <= 0 && !spawn_locked()) {
      finish_locked(*inv, true, error_json("Runtime.InvalidEntrypoint", "cannot start " + opts_.command[0]));
    }
    changed_.notify_all();
    if (!changed_.wait_until(lock, inv->deadline, [&] { return inv->done; })) {
      inv->timed_out = true;
      char seconds[32];
      std::snprintf(seconds, sizeof seconds, "%.2f", opts_.timeout_seconds);
      finish_locked(*inv, true, error_json("Sandbox.Timedout", inv->id + " Task timed out after " + seconds + " seconds"));
      std::erase(queue_, inv);
      kill_runtime_locked(inv->id);
    }
    return {200, inv->function_error, inv->result};
  }

private:
  void routes() {
    server_.Get("/2018-06-01/runtime/invocation/next", [this](const httplib::Request&, httplib::Response& res) {
      next(res);
    });
    server_.Post(R"(/2018-06-01/runtime/invocation/([^/]+)/response)",
                 [this](const httplib::Request& req, httplib::Response& res) { answer(req, res, false); });
    server_.Post(R"(/2018-06-01/runtime/invocation/([^/]+)/error)",
                 [this](const httplib::Request& req, httplib::Response& res) { answer(req, res, true); });
    server_.Post("/2018-06-01/runtime/init/error", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      if (initialized_generation_ == generation_) {
        reply(res, 403, "InvalidStateTransition", "init error after the runtime asked for an invocation");
        return;
      }
      init_error_ = req.body.empty() ? error_json("Runtime.Unknown", "init failed") : req.body;
      res.status = 202;
      res.set_content(R"({"status":"OK"})", "application/json");
    });
    server_.Post("/2015-03-31/functions/function/invocations",
                 [this](const httplib::Request& req, httplib::Response& res) {
                   invoke_options invoke_opts;
                   invoke_opts.trace_id = req.get_header_value("X-Amzn-Trace-Id");
                   if (const std::string encoded = req.get_header_value("X-Amz-Client-Context"); !encoded.empty()) {
                     auto decoded = lambda_coro::events::base64_decode(encoded);
                     if (!decoded || !is_json_object(*decoded)) {
                       reply(res, 400, "InvalidRequestContentException",
                             "Client context must be a base64-encoded JSON object");
                       return;
                     }
                     invoke_opts.client_context = std::move(*decoded);
                   }
                   const invoke_result r = invoke(req.body, std::move(invoke_opts));
                   res.status = r.status;
                   if (r.function_error) res.set_header("X-Amz-Function-Error", "Unhandled");
                   res.set_content(r.body, "application/json");
                 });
    if (!opts_.http_front) return;
    // Registered last: httplib tries routes in order, so the APIs above keep their paths.
    const auto front = [this](const httplib::Request& req, httplib::Response& res) {
      std::string id;
      {
        std::lock_guard lock(mutex_);
        id = new_id();
      }
      const invoke_result r = invoke(emulator::make_event(req, opts_.format, id));
      if (r.status != 200) {
        res.status = r.status;
        res.set_content(r.body, "application/json");
        return;
      }
      emulator::apply_result(r.body, r.function_error, opts_.format, res);
    };
    server_.Get(".*", front);
    server_.Post(".*", front);
    server_.Put(".*", front);
    server_.Patch(".*", front);
    server_.Delete(".*", front);
    server_.Options(".*", front);
  }

  static bool is_json_object(const std::string& text) {
    try {
      return json::read<json::value>(text).is_object();
    } catch (const json::error&) {
      return false;
    }
  }

  static void reply(httplib::Response& res, int status, const std::string& type, const std::string& message) {
    res.status = status;
    res.set_content(error_json(type, message), "application/json");
  }

  void next(httplib::Response& res) {
    std::unique_lock lock(mutex_);
    const unsigned generation = generation_;  // which runtime process is asking
    initialized_generation_ = generation;
    changed_.wait(lock, [&] { return stopping_ || generation != generation_ || !queue_.empty(); });
    if (stopping_ || generation != generation_) {
      reply(res, 500, "Runtime.Stopped", "this runtime process was replaced or the emulator is stopping");
      return;
    }
    auto inv = queue_.front();
    queue_.pop_front();
    inv->handed_out = true;
    in_flight_.push_back(inv);
    const auto deadline_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(inv->deadline.time_since_epoch()).count();
    res.set_header("Lambda-Runtime-Aws-Request-Id", inv->id);
    res.set_header("Lambda-Runtime-Deadline-Ms", std::to_string(deadline_ms));
    res.set_header("Lambda-Runtime-Invoked-Function-Arn",
                   "arn:aws:lambda:" + env_or("AWS_REGION", "us-east-1") + ":000000000000:function:" + function_name());
    res.set_header("Lambda-Runtime-Trace-Id", inv->options.trace_id);
    if (!inv->options.client_context.empty())
      res.set_header("Lambda-Runtime-Client-Context", inv->options.client_context);
    res.set_header("Lambda-Runtime-Invocation-Id", inv->nonce);
    res.set_content(inv->payload, "application/json");
  }

  void answer(const httplib::Request& req, httplib::Response& res, bool is_error) {
    std::lock_guard lock(mutex_);
    const std::string id = req.matches[1];
    const auto found = invocations_.find(id);
    if (found == invocations_.end()) {
      const auto retired = retired_.find(id);
      if (retired == retired_.end())
        reply(res, 400, "InvalidRequestID", "Invalid request ID: " + id);
      else if (retired->second)
        reply(res, 410, "InvokeTimeout", "Invoke timeout");
      else
        reply(res, 403, "InvalidStateTransition", "the invocation " + id + " was already answered");
      return;
    }
    invocation& inv = *found->second;
    if (!inv.handed_out) {
      reply(res, 400, "InvalidRequestID", "the invocation " + id + " was not handed out");
      return;
    }
    if (inv.timed_out) {
      reply(res, 410, "InvokeTimeout", "Invoke timeout");
      return;
    }
    if (inv.answered) {
      reply(res, 403, "InvalidStateTransition", "the invocation " + id + " was already answered");
      return;
    }
    const std::string nonce = req.get_header_value("Lambda-Runtime-Invocation-Id");
    if (!nonce.empty() && nonce != inv.nonce) {
      reply(res, 400, "InvalidRequestID", "Lambda-Runtime-Invocation-Id does not match the invocation");
      return;
    }
    inv.answered = true;
    if (!is_error && req.body.size() > max_response_bytes) {
      finish_locked(inv, true,
                    error_json("Function.ResponseSizeTooLarge",
                               "Response payload size (" + std::to_string(req.body.size()) +
                                   " bytes) exceeded maximum allowed payload size (" +
                                   std::to_string(max_response_bytes) + " bytes)."));
      reply(res, 413, "RequestEntityTooLarge", "the response is larger than " + std::to_string(max_response_bytes) + " bytes");
      return;
    }
    if (is_error) {
      std::string body = req.body;
      if (body.empty()) body = error_json(req.get_header_value("Lambda-Runtime-Function-Error-Type"), "");
      finish_locked(inv, true, body);
    } else {
      finish_locked(inv, false, req.body);
    }
    res.status = 202;
    res.set_content(R"({"status":"OK"})", "application/json");
  }

  void finish_locked(invocation& inv, bool function_error, std::string result) {
    if (inv.done) return;
    inv.done = true;
    inv.function_error = function_error;
    inv.result = std::move(result);
    std::erase_if(in_flight_, [&](const auto& held) { return held.get() == &inv; });
    invocations_.erase(inv.id);
    // Late answers get 410 or 403, not 400, for the last max_retired invocations: a bound,
    // so that a long-running emulator's memory stays flat.
    retired_[inv.id] = inv.timed_out;
    retired_order_.push_back(inv.id);
    if (retired_order_.size() > max_retired) {
      retired_.erase(retired_order_.front());
      retired_order_.pop_front();
    }
    changed_.notify_all();
  }

  bool spawn_locked() {
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
    auto set = [&](const std::string& name, const std::string& value, bool keep_existing) {
      for (auto& s : env_strings)
        if (s.compare(0, name.size() + 1, name + "=") == 0) {
          if (!keep_existing) s = name + "=" + value;
          return;
        }
      env_strings.push_back(name + "=" + value);
    };
    set("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + std::to_string(port_), false);
    set("AWS_LAMBDA_FUNCTION_NAME", function_name(), true);
    set("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST", true);
    set("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128", true);
    set("AWS_LAMBDA_FUNCTION_TIMEOUT", std::to_string(static_cast<long>(opts_.timeout_seconds + 0.999)), false);
    set("AWS_REGION", "us-east-1", true);
    set("AWS_DEFAULT_REGION", "us-east-1", true);
    set("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function_name(), true);
    set("AWS_LAMBDA_LOG_STREAM_NAME", "local/" + std::to_string(generation_ + 1), true);
    set("AWS_LAMBDA_INITIALIZATION_TYPE", opts_.max_concurrency > 1 ? "lambda-managed-instances" : "on-demand", true);
    if (opts_.max_concurrency > 1) set("AWS_LAMBDA_MAX_CONCURRENCY", std::to_string(opts_.max_concurrency), false);
    std::vector<char*> envp, argv;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> args = opts_.command;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    // The emulator blocks SIGINT/SIGTERM (one thread takes them) and ignores SIGPIPE; the
    // runtime starts as Lambda starts it, with every signal unblocked and at its default.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid = 0;
    const int spawned = ::posix_spawnp(&pid, argv[0], nullptr, &attributes, argv.data(), envp.data());
    posix_spawnattr_destroy(&attributes);
    if (spawned != 0) return false;
    child_ = pid;
    ++generation_;
    init_error_.clear();
    changed_.notify_all();
    watchers_.emplace_back([this, pid] { watch(pid); });
    return true;
  }

  void watch(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    std::lock_guard lock(mutex_);
    if (child_ != pid) return;  // killed on purpose after a timeout, or at shutdown
    child_ = -1;
    ++generation_;  // wakes its /next, if any
    std::string reason = WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                                           : "signal " + std::to_string(WTERMSIG(status));
    // What was in flight, and what waits for a runtime that will not come, fails now.
    std::vector<std::shared_ptr<invocation>> failed(queue_.begin(), queue_.end());
    queue_.clear();
    failed.insert(failed.end(), in_flight_.begin(), in_flight_.end());
    for (auto& inv : failed) {
      if (!init_error_.empty())
        finish_locked(*inv, true, init_error_);
      else
        finish_locked(*inv, true,
                      error_json("Runtime.ExitError",
                                 "RequestId: " + inv->id + " Error: Runtime exited with error: " + reason));
    }
    changed_.notify_all();
  }

  // After a timeout, as Lambda does: the runtime is stopped, and what else it was handling
  // (at --max-concurrency above 1) fails with it.
  void kill_runtime_locked(const std::string& timed_out_id) {
    if (child_ > 0) ::kill(child_, SIGKILL);
    child_ = -1;
    ++generation_;
    const std::vector<std::shared_ptr<invocation>> others(in_flight_.begin(), in_flight_.end());
    for (const auto& inv : others)
      finish_locked(*inv, true,
                    error_json("Runtime.ExitError", "RequestId: " + inv->id + " Error: the runtime was stopped after " +
                                                        timed_out_id + " timed out"));
    in_flight_.clear();
    changed_.notify_all();
  }

  static std::string env_or(const char* name, const char* fallback) {
    const char* v = std::getenv(name);
    return v && *v ? v : fallback;
  }
  static std::string function_name() { return env_or("AWS_LAMBDA_FUNCTION_NAME", "function"); }

  std::string random_hex(int digits) {
    static const char hex[] = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < digits; ++i) out += hex[random_() & 15];
    return out;
  }
  // A request id in UUID form: 8-4-4-4-12 hex digits.
  std::string new_id() {
    const std::string h = random_hex(32);
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
  }
  // X-Ray's format: Root=1-<epoch seconds, 8 hex>-<24 hex>;Parent=<16 hex>;Sampled=<0|1>.
  std::string new_trace_id() {
    char epoch[9];
    std::snprintf(epoch, sizeof epoch, "%08lx", static_cast<unsigned long>(std::time(nullptr)) & 0xffffffffUL);
    return std::string("Root=1-") + epoch + "-" + random_hex(24) + ";Parent=" + random_hex(16) + ";Sampled=0";
  }

  options opts_;
  httplib::Server server_;
  std::thread listener_;
  std::vector<std::thread> watchers_;  // one per runtime process started; joined at shutdown
  int port_ = 0;
  int listen_socket_ = -1;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::shared_ptr<invocation>> queue_;
  std::vector<std::shared_ptr<invocation>> in_flight_;  // handed out, not yet answered
  std::map<std::string, std::shared_ptr<invocation>> invocations_;
  static constexpr std::size_t max_retired = 4096;
  std::map<std::string, bool> retired_;  // finished ids: timed out or not
  std::deque<std::string> retired_order_;
  std::string init_error_;
  pid_t child_ = -1;
  unsigned generation_ = 0;
  unsigned initialized_generation_ = ~0u;
  bool closing_ = false;   // shutting down: no invokes, no new runtime
  bool stopping_ = false;  // the runtime is gone: long polls end
  std::mt19937_64 random_{std::random_device{}()};
};

int usage() {
  std::cerr << "usage:\n"
               "  lambda-coro-emulator [--host 127.0.0.1] [--port 8080] [--timeout SECONDS] [--max-concurrency N] -- BOOTSTRAP [ARGS...]\n"
               "  lambda-coro-emulator serve [--port 8080] [--format http-api|rest-api|alb] [--timeout SECONDS] [--max-concurrency N] -- BOOTSTRAP [ARGS...]\n"
               "  lambda-coro-emulator invoke --event FILE|- [--timeout SECONDS] -- BOOTSTRAP [ARGS...]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  options opts;
  int i = 1;
  if (i < argc && std::strcmp(argv[i], "invoke") == 0) {
    opts.one_shot = true;
    opts.port = 0;
    ++i;
  } else if (i < argc && std::strcmp(argv[i], "serve") == 0) {
    opts.http_front = true;
    ++i;
  }
  for (; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") {
      for (++i; i < argc; ++i) opts.command.emplace_back(argv[i]);
      break;
    }
    if (i + 1 >= argc) return usage();
    if (arg == "--port") opts.port = std::atoi(argv[++i]);
    else if (arg == "--host") opts.host = argv[++i];
    else if (arg == "--timeout") opts.timeout_seconds = std::atof(argv[++i]);
    else if (arg == "--max-concurrency") {
      opts.max_concurrency = std::atoi(argv[++i]);
      if (opts.max_concurrency < 1 || opts.max_concurrency > 1024) return usage();
    }
    else if (arg == "--event") opts.event_file = argv[++i];
    else if (arg == "--format") {
      const std::string f = argv[++i];
      if (f == "http-api") opts.format = emulator::event_format::http_api;
      else if (f == "rest-api") opts.format = emulator::event_format::rest_api;
      else if (f == "alb") opts.format = emulator::event_format::alb;
      else return usage();
    }
    else return usage();
  }
  if (opts.command.empty() || (opts.one_shot && opts.event_file.empty())) return usage();

  // Signals are taken by one thread, so that shutdown runs as ordinary code.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  function_emulator emu(opts);
  if (!emu.start()) {
    std::cerr << "lambda-coro-emulator: cannot listen on " << opts.host << ":" << opts.port << "\n";
    return 2;
  }

  if (opts.one_shot) {
    // Ctrl-C during the invoke: stop the runtime with the emulator.
    std::thread([&emu, signals] {
      int signal = 0;
      sigwait(&signals, &signal);
      emu.stop_runtime();
      std::_Exit(128 + signal);
    }).detach();
    std::string payload;
    if (opts.event_file == "-") {
      payload.assign(std::istreambuf_iterator<char>(std::cin), {});
    } else {
      std::ifstream in(opts.event_file, std::ios::binary);
      if (!in) {
        std::cerr << "lambda-coro-emulator: cannot read " << opts.event_file << "\n";
        emu.shutdown();
        return 2;
      }
      payload.assign(std::istreambuf_iterator<char>(in), {});
    }
    const invoke_result r = emu.invoke(std::move(payload));
    emu.shutdown();
    (r.function_error || r.status != 200 ? std::cerr : std::cout) << r.body << "\n";
    return r.function_error || r.status != 200 ? 1 : 0;
  }

  std::cerr << "lambda-coro-emulator: invoke with POST http://" << opts.host << ":" << emu.port()
            << "/2015-03-31/functions/function/invocations\n";
  if (opts.http_front)
    std::cerr << "lambda-coro-emulator: serving HTTP at http://" << opts.host << ":" << emu.port() << "/\n";
  // Serves until SIGINT or SIGTERM, then stops the runtime and the server on this thread.
  int signal = 0;
  sigwait(&signals, &signal);
  emu.shutdown();
  return 0;
}
