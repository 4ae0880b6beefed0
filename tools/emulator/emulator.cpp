// lambda-coro-emulator: plays the Lambda Runtime API for a bootstrap it starts, and
// Lambda's invoke API for callers, on 127.0.0.1 — a function runs locally with no AWS
// account and no Docker.
//
//   lambda-coro-emulator [--port 9001] [--host 127.0.0.1] [--timeout SECONDS] [--max-concurrency N] -- ./bootstrap [args...]
//   lambda-coro-emulator serve [--port 8080] [--format http-api|rest-api|alb] ... -- ./bootstrap [args...]
//   lambda-coro-emulator invoke --event event.json [--timeout SECONDS] -- ./bootstrap [args...]
//
// The invoke endpoint (POST /2015-03-31/functions/function/invocations) listens on --port;
// `serve` also turns every other request on it into an API Gateway or ALB event
// (tools/emulator/http_front.hpp). The Runtime API the bootstrap talks to listens on a port
// of its own (--runtime-api-port, any free one by default), as on Lambda. A streamed
// response reaches the caller as the runtime sends it.
// Invocations may arrive concurrently; they queue for the runtime, which takes as many at once
// as it polls /next for: one, or with --max-concurrency N (AWS_LAMBDA_MAX_CONCURRENCY=N, as on
// Lambda Managed Instances) up to N.
#include "http_front.hpp"
#include "runtime_api_server.hpp"

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
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace json = lambda_coro::json;

namespace {

constexpr std::size_t max_request_bytes = 6 * 1024 * 1024;           // synchronous invoke payload
constexpr std::size_t max_response_bytes = 6 * 1024 * 1024 + 100;    // what Lambda accepts from a runtime
constexpr std::size_t max_streamed_bytes = 200u * 1024 * 1024;         // a streamed response
constexpr std::size_t max_error_bytes = 1024 * 1024;
// Streamed bytes held for a slow caller before the runtime's upload waits for it.
constexpr std::size_t max_stream_backlog = 4u * 1024 * 1024;

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
  int runtime_api_port = 0;
  double timeout_seconds = 0;
  int max_concurrency = 1;  // >1: a Lambda Managed Instances host, AWS_LAMBDA_MAX_CONCURRENCY
  std::string event_file;
  std::vector<std::string> extensions;  // external extensions, started before the runtime
  std::vector<std::string> command;
};

// Extensions API documents.
struct extension_tracing {
  std::string type;
  std::string value;
};
BOOST_DESCRIBE_STRUCT(extension_tracing, (), (type, value))
struct invoke_event {
  std::string eventType = "INVOKE";
  long long deadlineMs = 0;
  std::string requestId;
  std::string invokedFunctionArn;
  extension_tracing tracing;
};
BOOST_DESCRIBE_STRUCT(invoke_event, (), (eventType, deadlineMs, requestId, invokedFunctionArn, tracing))
struct shutdown_event {
  std::string eventType = "SHUTDOWN";
  std::string shutdownReason;
  long long deadlineMs = 0;
};
BOOST_DESCRIBE_STRUCT(shutdown_event, (), (eventType, shutdownReason, deadlineMs))
struct extension_registration {
  std::vector<std::string> events;
};
BOOST_DESCRIBE_STRUCT(extension_registration, (), (events))
struct registration_answer {
  std::string functionName;
  std::string functionVersion;
  std::string handler;
};
BOOST_DESCRIBE_STRUCT(registration_answer, (), (functionName, functionVersion, handler))

struct registered_extension {
  std::string name;
  bool invoke = false;
  bool shutdown = false;
  bool ready = false;  // has asked for its first event: its init is done
  std::deque<std::string> events;
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
  std::string result;  // the response, or the error document
  // A streamed response: its bytes as they come, until the caller takes them.
  bool streaming = false;
  std::string content_type;
  std::deque<std::string> pieces;
  std::size_t backlog = 0;  // bytes in pieces
  std::size_t streamed = 0;
};

// The invoke's outcome as Lambda's invoke API reports it; a streamed response is read
// from `stream` with function_emulator::next_piece().
struct invoke_result {
  int status = 200;
  bool function_error = false;
  std::string body;
  std::shared_ptr<invocation> stream;
};

enum class piece_status { piece, end, failed };

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
    runtime_api_port_ = runtime_api_.start(opts_.host, opts_.runtime_api_port);
    if (runtime_api_port_ <= 0) return false;
    listener_ = std::thread([this] { server_.listen_after_bind(); });
    return true;
  }

  int runtime_api_port() const { return runtime_api_port_; }

  int port() const { return port_; }

  void wait() {
    if (listener_.joinable()) listener_.join();
  }

  // Stops the execution environment for good, as Lambda shuts one down: with extensions
  // registered, SHUTDOWN to those that asked for it and SIGTERM to the runtime, then SIGKILL
  // to what is left after the grace period (500 ms, 2 s with an external extension); with
  // none, SIGKILL at once (a runtime alone gets no SIGTERM). No new runtime starts.
  void stop_runtime() {
    pid_t child;
    std::vector<pid_t> extension_processes;
    bool graceful;
    std::chrono::milliseconds grace;
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
      child = child_;
      child_ = -1;
      extension_processes.swap(extension_pids_);
      graceful = !extensions_.empty();
      grace = std::chrono::milliseconds(extension_processes.empty() ? 500 : 2000);
      const auto deadline = std::chrono::system_clock::now() + grace;
      shutdown_event event{"SHUTDOWN", "spindown",
                           std::chrono::duration_cast<std::chrono::milliseconds>(deadline.time_since_epoch()).count()};
      for (auto& [id, ext] : extensions_)
        if (ext.shutdown) ext.events.push_back(json::write(event));
      changed_.notify_all();
    }
    std::vector<pid_t> all = extension_processes;
    if (child > 0) all.push_back(child);
    if (graceful) {
      if (child > 0) ::kill(child, SIGTERM);
      const auto give_up = std::chrono::steady_clock::now() + grace;
      auto running = [&] {
        for (pid_t pid : all)
          if (pid == child ? ::kill(pid, 0) == 0 : ::waitpid(pid, nullptr, WNOHANG) == 0) return true;
        return false;
      };
      while (running() && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      if (child > 0 && ::kill(child, 0) == 0)
        std::cerr << "lambda-coro-emulator: the runtime did not stop within " << grace.count()
                  << " ms of SIGTERM; killed it\n";
    }
    for (pid_t pid : all) ::kill(pid, SIGKILL);
    for (pid_t pid : extension_processes)  // the runtime's watcher reaps the runtime
      while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
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
    runtime_api_.stop();
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
                             " bytes for the InvokeFunction operation"),
              nullptr};
    std::unique_lock lock(mutex_);
    if (closing_) return {503, false, error_json("ServiceException", "the emulator is stopping"), nullptr};
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
    if (child_ <= 0 && !spawning_ && !spawn_locked(lock)) {
      finish_locked(*inv, true, error_json("Runtime.InvalidEntrypoint", "cannot start " + opts_.command[0]));
    }
    changed_.notify_all();
    if (!changed_.wait_until(lock, inv->deadline, [&] { return inv->done || inv->streaming; })) {
      time_out_locked(inv);
    }
    if (inv->streaming && !inv->done) return {200, false, {}, inv};
    if (inv->streaming) return {200, inv->function_error, inv->result, inv};  // all there already
    return {200, inv->function_error, inv->result, nullptr};
  }

  // The next piece of a streamed response, waiting for it until the invocation's deadline.
  // At its end, `error` holds the function's error document when it failed.
  piece_status next_piece(const std::shared_ptr<invocation>& inv, std::string& piece, std::string& error) {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_until(lock, inv->deadline, [&] { return !inv->pieces.empty() || inv->done; }))
      time_out_locked(inv);
    if (!inv->pieces.empty()) {
      piece = std::move(inv->pieces.front());
      inv->pieces.pop_front();
      inv->backlog -= piece.size();
      changed_.notify_all();  // an upload waiting for room
      return piece_status::piece;
    }
    if (!inv->function_error) return piece_status::end;
    error = inv->result;
    return piece_status::failed;
  }

private:
  void time_out_locked(const std::shared_ptr<invocation>& inv) {
    inv->timed_out = true;
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.2f", opts_.timeout_seconds);
    finish_locked(*inv, true, error_json("Sandbox.Timedout", inv->id + " Task timed out after " + seconds + " seconds"));
    std::erase(queue_, inv);
    kill_runtime_locked(inv->id);
  }

  // The Runtime API, on its own listener.
  emulator::api_response runtime_api(emulator::api_request& req) {
    static const std::regex answer_path(R"(/2018-06-01/runtime/invocation/([^/]+)/(response|error))");
    std::smatch match;
    if (req.method == "GET" && req.path == "/2018-06-01/runtime/invocation/next") return next();
    if (req.method == "POST" && std::regex_match(req.path, match, answer_path)) {
      const std::string id = match[1];
      if (match[2] == "error") return answer_error(req, id);
      if (emulator::same_name(req.headers.get("Lambda-Runtime-Function-Response-Mode"), "streaming")) return answer_stream(req, id);
      return answer(req, id);
    }
    if (req.method == "POST" && req.path == "/2018-06-01/runtime/init/error") return init_error(req);
    if (req.path.starts_with("/2020-01-01/extension/")) return extension_api(req);
    return api_reply(404, "NotFound", "no Runtime API route " + req.method + " " + req.path);
  }

  // The Extensions API: register, event/next, init/error and exit/error.
  emulator::api_response extension_api(emulator::api_request& req) {
    const std::string what = req.path.substr(std::string_view("/2020-01-01/extension/").size());
    std::string body;
    if (!req.read_all(body, max_error_bytes)) return api_reply(413, "RequestEntityTooLarge", "the request is too large");
    if (req.method == "POST" && what == "register") {
      const std::string name = req.headers.get("Lambda-Extension-Name");
      if (name.empty()) return api_reply(400, "InvalidRequest", "Lambda-Extension-Name is missing");
      extension_registration registration;
      try {
        registration = json::read<extension_registration>(body);
      } catch (const json::error& e) {
        return api_reply(400, "InvalidRequest", std::string("the registration is not valid: ") + e.what());
      }
      std::lock_guard lock(mutex_);
      if (initialized_generation_ == generation_ && child_ > 0)
        return api_reply(403, "Extension.RegistrationFailed", "extensions register during init, before the runtime's first /next");
      registered_extension ext;
      ext.name = name;
      for (const auto& e : registration.events) {
        if (e == "INVOKE") ext.invoke = true;
        else if (e == "SHUTDOWN") ext.shutdown = true;
        else return api_reply(400, "InvalidRequest", "unknown event type " + e);
      }
      const std::string id = new_id();
      extensions_[id] = std::move(ext);
      emulator::api_response res;
      res.headers.items.emplace_back("Lambda-Extension-Identifier", id);
      res.body = json::write(registration_answer{function_name(), "$LATEST", "bootstrap"});
      return res;
    }
    const std::string id = req.headers.get("Lambda-Extension-Identifier");
    std::unique_lock lock(mutex_);
    auto found = extensions_.find(id);
    if (found == extensions_.end()) return api_reply(403, "Extension.UnknownExtension", "unknown extension identifier");
    if (req.method == "GET" && what == "event/next") {
      found->second.ready = true;
      changed_.notify_all();
      // Until an event, or until its environment is gone (a new one clears the registrations).
      changed_.wait(lock, [&] {
        found = extensions_.find(id);
        return stopping_ || found == extensions_.end() || !found->second.events.empty();
      });
      if (found == extensions_.end() || found->second.events.empty())
        return api_reply(500, "Extension.Stopped", "the execution environment is gone");
      emulator::api_response res;
      res.body = std::move(found->second.events.front());
      found->second.events.pop_front();
      res.headers.items.emplace_back("Lambda-Extension-Event-Identifier", new_id());
      return res;
    }
    if (req.method == "POST" && (what == "init/error" || what == "exit/error")) {
      std::cerr << "lambda-coro-emulator: extension " << found->second.name << " reported " << what << " "
                << req.headers.get("Lambda-Extension-Function-Error-Type") << ": " << body << "\n";
      return accepted();
    }
    return api_reply(404, "NotFound", "no Extensions API route " + req.method + " " + req.path);
  }

  void routes() {
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
                   if (r.stream) {
                     stream_to(res, r.stream, r.stream->content_type);
                     return;
                   }
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
      if (r.stream) return stream_http(res, r.stream);
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

  static emulator::api_response api_reply(int status, const std::string& type, const std::string& message) {
    emulator::api_response res;
    res.status = status;
    res.body = error_json(type, message);
    return res;
  }
  static emulator::api_response accepted() {
    emulator::api_response res;
    res.status = 202;
    res.body = R"({"status":"OK"})";
    return res;
  }

  emulator::api_response next() {
    std::unique_lock lock(mutex_);
    const unsigned generation = generation_;  // which runtime process is asking
    initialized_generation_ = generation;
    changed_.wait(lock, [&] { return stopping_ || generation != generation_ || !queue_.empty(); });
    if (stopping_ || generation != generation_)
      return api_reply(500, "Runtime.Stopped", "this runtime process was replaced or the emulator is stopping");
    auto inv = queue_.front();
    queue_.pop_front();
    inv->handed_out = true;
    in_flight_.push_back(inv);
    const auto deadline_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(inv->deadline.time_since_epoch()).count();
    emulator::api_response res;
    auto& h = res.headers.items;
    h.emplace_back("Lambda-Runtime-Aws-Request-Id", inv->id);
    h.emplace_back("Lambda-Runtime-Deadline-Ms", std::to_string(deadline_ms));
    h.emplace_back("Lambda-Runtime-Invoked-Function-Arn", arn_of_function());
    h.emplace_back("Lambda-Runtime-Trace-Id", inv->options.trace_id);
    if (!inv->options.client_context.empty()) h.emplace_back("Lambda-Runtime-Client-Context", inv->options.client_context);
    h.emplace_back("Lambda-Runtime-Invocation-Id", inv->nonce);
    res.body = inv->payload;
    const invoke_event event{"INVOKE", deadline_ms, inv->id, arn_of_function(), {"X-Amzn-Trace-Id", inv->options.trace_id}};
    for (auto& [id, ext] : extensions_)
      if (ext.invoke) ext.events.push_back(json::write(event));
    changed_.notify_all();
    return res;
  }

  emulator::api_response init_error(emulator::api_request& req) {
    std::string body;
    if (!req.read_all(body, max_error_bytes)) return api_reply(413, "RequestEntityTooLarge", "the init error is too large");
    std::lock_guard lock(mutex_);
    if (initialized_generation_ == generation_)
      return api_reply(403, "InvalidStateTransition", "init error after the runtime asked for an invocation");
    init_error_ = body.empty() ? error_json("Runtime.Unknown", "init failed") : body;
    return accepted();
  }

  // The invocation `id` may be answered now: it is marked answered and returned; otherwise
  // `refusal` says why not.
  invocation* claim_locked(const std::string& id, const emulator::api_request& req, emulator::api_response& refusal) {
    const auto found = invocations_.find(id);
    if (found == invocations_.end()) {
      const auto retired = retired_.find(id);
      if (retired == retired_.end())
        refusal = api_reply(400, "InvalidRequestID", "Invalid request ID: " + id);
      else if (retired->second)
        refusal = api_reply(410, "InvokeTimeout", "Invoke timeout");
      else
        refusal = api_reply(403, "InvalidStateTransition", "the invocation " + id + " was already answered");
      return nullptr;
    }
    invocation& inv = *found->second;
    if (!inv.handed_out) {
      refusal = api_reply(400, "InvalidRequestID", "the invocation " + id + " was not handed out");
      return nullptr;
    }
    if (inv.timed_out) {
      refusal = api_reply(410, "InvokeTimeout", "Invoke timeout");
      return nullptr;
    }
    if (inv.answered) {
      refusal = api_reply(403, "InvalidStateTransition", "the invocation " + id + " was already answered");
      return nullptr;
    }
    const std::string nonce = req.headers.get("Lambda-Runtime-Invocation-Id");
    if (!nonce.empty() && nonce != inv.nonce) {
      refusal = api_reply(400, "InvalidRequestID", "Lambda-Runtime-Invocation-Id does not match the invocation");
      return nullptr;
    }
    inv.answered = true;
    return &inv;
  }

  static std::string too_large(std::size_t size, std::size_t limit) {
    return error_json("Function.ResponseSizeTooLarge", "Response payload size (" + std::to_string(size) +
                                                           " bytes) exceeded maximum allowed payload size (" +
                                                           std::to_string(limit) + " bytes).");
  }

  emulator::api_response answer(emulator::api_request& req, const std::string& id) {
    std::string body;
    const bool fits = req.read_all(body, max_response_bytes);
    if (req.failed() && fits) return api_reply(400, "InvalidRequest", "the response body was cut short");
    std::lock_guard lock(mutex_);
    emulator::api_response refusal;
    invocation* inv = claim_locked(id, req, refusal);
    if (!inv) return refusal;
    if (!fits) {
      finish_locked(*inv, true, too_large(max_response_bytes + 1, max_response_bytes));
      auto res = api_reply(413, "RequestEntityTooLarge",
                           "the response is larger than " + std::to_string(max_response_bytes) + " bytes");
      res.close = true;
      return res;
    }
    finish_locked(*inv, false, std::move(body));
    return accepted();
  }

  emulator::api_response answer_error(emulator::api_request& req, const std::string& id) {
    std::string body;
    if (!req.read_all(body, max_error_bytes)) return api_reply(413, "RequestEntityTooLarge", "the error report is too large");
    std::lock_guard lock(mutex_);
    emulator::api_response refusal;
    invocation* inv = claim_locked(id, req, refusal);
    if (!inv) return refusal;
    if (body.empty()) body = error_json(req.headers.get("Lambda-Runtime-Function-Error-Type"), "");
    finish_locked(*inv, true, std::move(body));
    return accepted();
  }

  // A streamed response: each chunk goes to the caller as it arrives; an error after the
  // first byte comes in the trailers (its type, and its document in base64).
  emulator::api_response answer_stream(emulator::api_request& req, const std::string& id) {
    std::shared_ptr<invocation> inv;
    {
      std::lock_guard lock(mutex_);
      emulator::api_response refusal;
      if (!claim_locked(id, req, refusal)) return refusal;
      inv = invocations_.at(id);
      inv->streaming = true;
      inv->content_type = req.headers.get("Content-Type");
      if (inv->content_type.empty()) inv->content_type = "application/octet-stream";
      changed_.notify_all();
    }
    for (std::string piece; req.read_body(piece);) {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return inv->done || inv->backlog < max_stream_backlog; });
      if (inv->done) return api_reply(410, "InvokeTimeout", "Invoke timeout");  // timed out meanwhile
      inv->streamed += piece.size();
      if (inv->streamed > max_streamed_bytes) {
        finish_locked(*inv, true, too_large(inv->streamed, max_streamed_bytes));
        auto res = api_reply(413, "RequestEntityTooLarge",
                             "the streamed response is larger than " + std::to_string(max_streamed_bytes) + " bytes");
        res.close = true;
        return res;
      }
      inv->backlog += piece.size();
      inv->pieces.push_back(std::move(piece));
      changed_.notify_all();
    }
    std::lock_guard lock(mutex_);
    if (inv->done) return api_reply(410, "InvokeTimeout", "Invoke timeout");
    if (req.failed()) {
      finish_locked(*inv, true, error_json("Runtime.TruncatedResponse", "the runtime's streamed response was cut short"));
      return api_reply(400, "InvalidRequest", "the streamed response was cut short");
    }
    const std::string type = req.trailers.get("Lambda-Runtime-Function-Error-Type");
    if (type.empty()) {
      finish_locked(*inv, false, {});
      return accepted();
    }
    const auto document = lambda_coro::events::base64_decode(req.trailers.get("Lambda-Runtime-Function-Error-Body"));
    finish_locked(*inv, true, document && !document->empty() ? *document : error_json(type, ""));
    return accepted();
  }

  // Hands a streamed response to an HTTP caller as it arrives. A function error after
  // bytes have gone cannot change the status: the response is cut short (no final chunk,
  // as Lambda ends a function URL's stream) and the error logged.
  void stream_to(httplib::Response& res, std::shared_ptr<invocation> inv, const std::string& content_type,
                 std::string first = {}) {
    res.set_chunked_content_provider(
        content_type, [this, inv, first = std::move(first)](std::size_t, httplib::DataSink& sink) mutable {
          std::string piece, error;
          if (!first.empty()) {
            piece.swap(first);
            return sink.write(piece.data(), piece.size());
          }
          switch (next_piece(inv, piece, error)) {
            case piece_status::piece:
              return sink.write(piece.data(), piece.size());
            case piece_status::end:
              sink.done();
              return true;
            case piece_status::failed:
              std::cerr << "lambda-coro-emulator: the streamed response of " << inv->id << " failed: " << error << "\n";
              return false;
          }
          return false;
        });
  }

  // A streamed response to the HTTP front: with Lambda's HTTP integration format, a JSON
  // prelude (statusCode, headers, cookies) and 8 NUL bytes come before the body.
  void stream_http(httplib::Response& res, const std::shared_ptr<invocation>& inv) {
    std::string piece, error;
    if (inv->content_type != "application/vnd.awslambda.http-integration-response") {
      res.status = 200;
      return stream_to(res, inv, inv->content_type);
    }
    static constexpr std::string_view separator("\0\0\0\0\0\0\0\0", 8);
    std::string head;
    std::size_t end = std::string::npos;
    while ((end = head.find(separator)) == std::string::npos) {
      const piece_status status = next_piece(inv, piece, error);
      if (status != piece_status::piece) {
        res.status = 502;
        res.set_content(R"({"message":"Internal Server Error"})", "application/json");
        if (status == piece_status::failed)
          std::cerr << "lambda-coro-emulator: the streamed response of " << inv->id << " failed: " << error << "\n";
        return;
      }
      head += piece;
    }
    std::string rest = head.substr(end + separator.size());
    head.resize(end);
    if (!emulator::apply_prelude(head, res)) {
      res.status = 502;
      res.set_content(R"({"message":"Internal Server Error"})", "application/json");
      return;
    }
    const std::string type =
        res.has_header("Content-Type") ? res.get_header_value("Content-Type") : "application/octet-stream";
    stream_to(res, inv, type, std::move(rest));
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

  bool spawn_locked(std::unique_lock<std::mutex>& lock) {
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
    set("AWS_LAMBDA_RUNTIME_API", opts_.host + ":" + std::to_string(runtime_api_port_), false);
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
    // A new execution environment: its extensions start first and finish their init (ask
    // for their first event) before the runtime starts, as on Lambda.
    for (pid_t old : extension_pids_) ::kill(old, SIGKILL);
    for (pid_t old : extension_pids_) ::waitpid(old, nullptr, 0);
    extension_pids_.clear();
    extensions_.clear();
    for (const auto& path : opts_.extensions) {
      const pid_t extension = start_process({path}, env_strings);
      if (extension <= 0) {
        std::cerr << "lambda-coro-emulator: cannot start the extension " << path << "\n";
        continue;
      }
      extension_pids_.push_back(extension);
    }
    if (!extension_pids_.empty()) {
      spawning_ = true;  // the wait lets other invokes in: they must not start another
      const bool ready = changed_.wait_for(lock, std::chrono::seconds(10), [&] {
        std::size_t n = 0;
        for (const auto& [id, ext] : extensions_) n += ext.ready;
        return n >= extension_pids_.size();
      });
      spawning_ = false;
      if (!ready) std::cerr << "lambda-coro-emulator: not every extension registered and asked for an event within 10 s\n";
    }
    const pid_t pid = start_process(opts_.command, env_strings);
    if (pid <= 0) return false;
    child_ = pid;
    ++generation_;
    init_error_.clear();
    changed_.notify_all();
    watchers_.emplace_back([this, pid] { watch(pid); });
    return true;
  }

  // The emulator blocks SIGINT/SIGTERM (one thread takes them) and ignores SIGPIPE; the
  // runtime and extensions start as Lambda starts them, every signal unblocked and at its default.
  static pid_t start_process(std::vector<std::string> args, std::vector<std::string>& env_strings) {
    std::vector<char*> envp, argv;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
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
    return spawned == 0 ? pid : -1;
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
  static std::string arn_of_function() {
    return "arn:aws:lambda:" + env_or("AWS_REGION", "us-east-1") + ":000000000000:function:" + function_name();
  }

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
  emulator::runtime_api_server runtime_api_{[this](emulator::api_request& req) { return runtime_api(req); }};
  int runtime_api_port_ = 0;
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
  std::map<std::string, registered_extension> extensions_;  // by identifier
  std::vector<pid_t> extension_pids_;
  bool spawning_ = false;
  unsigned generation_ = 0;
  unsigned initialized_generation_ = ~0u;
  bool closing_ = false;   // shutting down: no invokes, no new runtime
  bool stopping_ = false;  // the runtime is gone: long polls end
  std::mt19937_64 random_{std::random_device{}()};
};

int usage() {
  std::cerr << "usage:\n"
               "  lambda-coro-emulator [--host 127.0.0.1] [--port 8080] [--runtime-api-port 0] [--extension PATH]... [--timeout SECONDS] [--max-concurrency N] -- BOOTSTRAP [ARGS...]\n"
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
    else if (arg == "--runtime-api-port") opts.runtime_api_port = std::atoi(argv[++i]);
    else if (arg == "--extension") opts.extensions.emplace_back(argv[++i]);
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
    invoke_result r = emu.invoke(std::move(payload));
    if (r.stream) {  // printed as it comes
      std::string piece, error;
      piece_status status;
      while ((status = emu.next_piece(r.stream, piece, error)) == piece_status::piece) {
        std::fwrite(piece.data(), 1, piece.size(), stdout);
        std::fflush(stdout);
      }
      r.function_error = status == piece_status::failed;
      r.body = r.function_error ? error : std::string();
    }
    emu.shutdown();
    (r.function_error || r.status != 200 ? std::cerr : std::cout) << r.body << "\n";
    return r.function_error || r.status != 200 ? 1 : 0;
  }

  std::cerr << "lambda-coro-emulator: invoke with POST http://" << opts.host << ":" << emu.port()
            << "/2015-03-31/functions/function/invocations (Runtime API on port " << emu.runtime_api_port() << ")\n";
  if (opts.http_front)
    std::cerr << "lambda-coro-emulator: serving HTTP at http://" << opts.host << ":" << emu.port() << "/\n";
  // Serves until SIGINT or SIGTERM, then stops the runtime and the server on this thread.
  int signal = 0;
  sigwait(&signals, &signal);
  emu.shutdown();
  return 0;
}
