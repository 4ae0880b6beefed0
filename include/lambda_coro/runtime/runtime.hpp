// runtime and invocation: the Lambda Runtime API loop a bootstrap runs.
#ifndef LAMBDA_CORO_RUNTIME_RUNTIME_HPP_INCLUDED
#define LAMBDA_CORO_RUNTIME_RUNTIME_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/coro/loop.hpp>
#include <lambda_coro/coro/spawn.hpp>
#include <lambda_coro/coro/task.hpp>
#include <lambda_coro/events/base64.hpp>
#include <lambda_coro/json/read.hpp>
#include <lambda_coro/json/write.hpp>
#include <lambda_coro/runtime/context.hpp>
#include <lambda_coro/runtime/errors.hpp>
#include <lambda_coro/transport/http_client.hpp>

#include <simdjson.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <coroutine>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

static_assert(lambda_coro::detail::body_padding >= simdjson::SIMDJSON_PADDING,
              "the Runtime API client must leave room for simdjson's padding after a body");

LAMBDA_CORO_BEGIN_NAMESPACE

class runtime;
class invocation;
class response_stream;

namespace detail {
// The blocking, frame-free side of runtime and invocation that start() uses for synchronous
// handlers; defined after them.
struct blocking_access;

// Thrown by next_invocation() in local mode once the one event has been handled.
struct local_run_finished {
  int exit_code;
};

inline void sleep_ms(long ms) {
  timespec t{ms / 1000, (ms % 1000) * 1000000L};
  while (::nanosleep(&t, &t) != 0 && errno == EINTR) {
  }
}

inline std::string read_all(int fd) {
  std::string out;
  char chunk[65536];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n > 0) {
      out.append(chunk, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      return out;
    }
  }
}

// This process's arguments after argv[0], each ended by a NUL as in /proc/self/cmdline (read
// from /proc so that `int main()` programs get local mode too).
inline std::string program_arguments() {
  const int fd = ::open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  const std::string cmdline = read_all(fd);
  ::close(fd);
  const auto program_end = cmdline.find('\0');
  if (program_end == std::string::npos) return {};
  return std::string(cmdline.data() + program_end + 1, cmdline.size() - program_end - 1);
}

// Where local mode reads its event: `--event FILE`, else a first argument
// that is "-" or names an existing file, else stdin (""). Other arguments are the program's.
inline std::string local_event_path(std::string_view args) {
  const std::string first(args.substr(0, args.find('\0')));
  for (std::string_view rest = args; !rest.empty();) {
    const auto end = std::min(rest.find('\0'), rest.size());
    const bool is_event_option = rest.substr(0, end) == "--event";
    rest.remove_prefix(std::min(end + 1, rest.size()));
    if (is_event_option) return std::string(rest.substr(0, rest.find('\0')));  // none after it: stdin
  }
  struct stat info {};
  if (!args.empty() && (first == "-" || (::stat(first.c_str(), &info) == 0 && !S_ISDIR(info.st_mode)))) return first;
  return {};
}

}  // namespace detail

// How a runtime serves; start() and run() take these too.
struct runtime_options {
  // Invocations in flight at once, each on its own Runtime API connection (Lambda Managed
  // Instances). 0: AWS_LAMBDA_MAX_CONCURRENCY, else 1. At most 1024.
  unsigned max_concurrency = 0;
  // How long before the deadline context::stop_token() fires.
  std::chrono::milliseconds deadline_margin{50};
};

namespace detail {
inline unsigned concurrency_from(const runtime_options& options) {
  constexpr long most = 1024;
  const char* env = std::getenv("AWS_LAMBDA_MAX_CONCURRENCY");
  const long n = options.max_concurrency > 0 ? static_cast<long>(options.max_concurrency) : env ? std::atol(env) : 0;
  return n > 0 ? static_cast<unsigned>(std::min(n, most)) : 1;
}
}  // namespace detail

// One invocation handed out by runtime::next_invocation(): its event and context stay valid
// until the next call to next_invocation(). It must be answered exactly once, by respond()
// or fail(); using it after the next call, or answering it twice, throws usage_error. One
// left unanswered is reported as a Runtime.NoResponse error by the next call.
class invocation {
public:
  // The event exactly as Lambda sent it.
  std::string_view event() const;
  // The same bytes, with simdjson's padding after them: parse without a copy.
  simdjson::padded_string_view padded_event() const;
  const lambda_coro::context& context() const;

  // Sends the response. std::string, std::string_view and json::raw go as they are (and must
  // stay valid until the task finishes: await it at once); anything else is written as JSON
  // now. The invocation counts as answered from this call.
  template <class T>
  [[nodiscard]] task<> respond(const T& response);
  // Reports the exception being handled as the invocation's error; call it inside the catch
  // block (a coroutine awaits the task after it). Outside one there is none: the invocation
  // fails with errorType lambda_coro::usage_error.
  [[nodiscard]] task<> fail();
  [[nodiscard]] task<> fail(std::exception_ptr error);
  [[nodiscard]] task<> fail(std::string_view error_type, std::string_view message);
  // Answers with a response streamed as it is written (Lambda response streaming, for
  // function URLs and InvokeWithResponseStream): see response_stream.
  response_stream stream(std::string_view content_type = "application/octet-stream");

private:
  friend class runtime;
  friend struct detail::blocking_access;
  template <class T>
  std::string_view answer_body(const T& response) const;
  detail::error_report current_error() const;
  invocation(runtime* rt, std::uint64_t sequence) noexcept : runtime_(rt), sequence_(sequence) {}
  runtime& current() const;
  runtime* runtime_;
  std::uint64_t sequence_;
};


// A streamed response: each write() goes to the Runtime API at once, as one chunk of a
// `Transfer-Encoding: chunked` POST /response (nothing is buffered, so memory stays flat).
// Nothing is sent before the first write; close() ends the response. An error before the
// first byte is reported as any error; after it, fail() ends the stream with the error in
// the HTTP trailers Lambda reads (Lambda-Runtime-Function-Error-Type and -Body), so the
// caller sees the bytes already sent and then the error. A stream left open when the next
// invocation is asked for is ended with a Runtime.NoResponse error.
class response_stream {
public:
  response_stream(response_stream&& other) noexcept : runtime_(other.runtime_), sequence_(other.sequence_) {
    other.runtime_ = nullptr;
  }
  response_stream& operator=(response_stream&&) = delete;

  // The response's Content-Type (application/octet-stream unless set), before the first write.
  void set_content_type(std::string_view content_type);
  // Sends `bytes` (they must stay valid until the task finishes: await it at once).
  [[nodiscard]] task<> write(std::string_view bytes);
  // The same, blocking this thread: for synchronous handlers.
  void write_blocking(std::string_view bytes);
  [[nodiscard]] task<> close();
  void close_blocking();
  // Ends the stream with the exception being handled (inside a catch block), a given one,
  // or an error type and message.
  [[nodiscard]] task<> fail(std::exception_ptr error = std::current_exception());
  [[nodiscard]] task<> fail(std::string_view error_type, std::string_view message);
  void fail_blocking(std::exception_ptr error = std::current_exception());

  // Bytes written so far; true once the first has been sent.
  std::size_t bytes_written() const noexcept;
  bool started() const noexcept { return bytes_written() > 0; }
  bool closed() const noexcept;

private:
  friend class invocation;
  response_stream(runtime* rt, std::uint64_t sequence) noexcept : runtime_(rt), sequence_(sequence) {}
  runtime& current() const;
  runtime* runtime_;
  std::uint64_t sequence_;
};

class runtime {
public:
  using io_mode = detail::http_client::io_mode;

  // Talks to the Runtime API at AWS_LAMBDA_RUNTIME_API; without it, runs in local mode:
  // one event from --event FILE, an existing file named first, or stdin; the response
  // on stdout, an error report on stderr.
  runtime() : runtime(environment_runtime_api(), true, io_mode::blocking, {}) {}
  // Talks to the Runtime API at `runtime_api` ("host:port", as AWS_LAMBDA_RUNTIME_API).
  explicit runtime(std::string_view runtime_api) : runtime(runtime_api, false, io_mode::blocking, {}) {}
  // With non_blocking I/O, awaiting the runtime suspends on this thread's loop while the
  // Runtime API has nothing to say, and the deadline fires context::stop_token().
  runtime(io_mode mode, const runtime_options& options) : runtime(environment_runtime_api(), true, mode, options) {}
  runtime(const runtime&) = delete;
  runtime& operator=(const runtime&) = delete;
  ~runtime() {
    disarm_deadline();
    if (detail::process_request_id == &context_.request_id) detail::process_request_id = nullptr;
  }

  bool local_mode() const noexcept { return !client_.has_value(); }
  const function_info& function() const noexcept { return function_; }
  // True once an invocation has been asked for: init errors can no longer be reported.
  bool initialized() const noexcept { return initialized_; }

  // Waits for the next event (a long poll: no timeout), suspending on this thread's loop
  // when the runtime's I/O is non-blocking.
  [[nodiscard]] task<invocation> next_invocation() {
    disarm_deadline();
    if (stream_.state == stream_state::open) {
      detail::log_line("response stream not closed");
      co_await end_stream(unclosed_stream_report());
    }
    if (begin_next()) co_await send_error(unanswered_report());
    if (local_mode()) {
      next_local();
    } else {
      for (int refusals = 0;;) {
        client_->use_buffer(event_buffer);
        const detail::http_response& r = *co_await call("GET", next_path, no_headers_, {});
        const auto pause = take_next(r, refusals);
        if (pause.count() == 0) break;
        co_await sleep_for(pause);
      }
    }
    answered_ = false;
    arm_deadline();
    co_return invocation(this, ++sequence_);
  }

  // Reports a failure before the first invocation to /runtime/init/error.
  void fail_init(const detail::error_report& report) {
    if (local_mode()) {
      write_local_error(report);
      return;
    }
    check_answer("POST /init/error", call_blocking("POST", prepare_error("/2018-06-01/runtime/init/error", report)));
  }

  // Where context::spawn() puts its work: the runtime joins it before the next /next.
  void set_scope(async_scope* scope) noexcept { context_.scope_ = scope; }
  // The stop token of the invocation in hand: a handler's task is given it.
  const std::stop_token& stop_token() const noexcept { return context_.stop_token_; }

private:
  friend class invocation;
  friend class response_stream;
  friend struct detail::blocking_access;

  // One constructor for the public ones: a static bootstrap carries its code once.
  runtime(std::string_view runtime_api, bool local_if_empty, io_mode mode, const runtime_options& options)
      : function_(function_info::from_environment()),
        deadline_margin_(options.deadline_margin),
        trace_environment_(mode == io_mode::blocking || detail::concurrency_from(options) == 1) {
    context_.function = &function_;
    if (!local_if_empty || !runtime_api.empty()) client_.emplace(detail::parse_runtime_endpoint(runtime_api), mode);
  }
  static std::string_view environment_runtime_api() noexcept {
    const char* api = std::getenv("AWS_LAMBDA_RUNTIME_API");
    return api ? api : "";
  }

  // The deadline is watched on the loop of a non-blocking runtime; the stop source is reused
  // until it fires, so that the steady state allocates nothing.
  void arm_deadline() {
    if (!client_ || client_->mode() != io_mode::non_blocking) return;
    scheduler* loop = scheduler::current();
    if (!loop) return;
    if (!stop_source_.stop_possible() || stop_source_.stop_requested()) {
      stop_source_ = std::stop_source();
      context_.stop_token_ = stop_source_.get_token();
    }
    deadline_timer_.self = this;
    deadline_timer_.fire = &deadline_reached;
    const auto left = context_.deadline() - std::chrono::system_clock::now() - deadline_margin_;
    deadline_timer_.when = std::chrono::steady_clock::now() + std::chrono::ceil<std::chrono::steady_clock::duration>(left);
    loop->start_timer(deadline_timer_);
    deadline_loop_ = loop;
  }
  void disarm_deadline() noexcept {
    if (deadline_loop_) deadline_loop_->cancel_timer(deadline_timer_);
    deadline_loop_ = nullptr;
  }
  static void deadline_reached(detail::timer_wait& timer) {
    runtime& self = *static_cast<deadline_watch&>(timer).self;
    self.deadline_loop_ = nullptr;
    self.stop_source_.request_stop();
  }

  static constexpr const char* stale_invocation = "invocation used after next_invocation()";

  // Marks the invocation `sequence` answered; throws usage_error when that is not allowed.
  void claim_answer(std::uint64_t sequence) {
    if (sequence != sequence_) detail::throw_usage_error(stale_invocation);
    if (answered_) detail::throw_usage_error("invocation answered twice");
    answered_ = true;
  }

  // Events arrive in one of the client's buffers, everything else in the other: answering an
  // invocation leaves its event intact, and the event buffer is only reused by the next /next.
  static constexpr unsigned event_buffer = 0, answer_buffer = 1;

  static constexpr std::string_view next_path = "/2018-06-01/runtime/invocation/next";

  // Before a /next: true when the previous invocation was never answered (Lambda would
  // wait for it until its timeout), so that its error goes first.
  bool begin_next() {
    initialized_ = true;
    // Logs between invocations belong to none (with one runtime per process; see set_trace_id).
    if (detail::process_request_id == &context_.request_id) detail::process_request_id = nullptr;
    if (answered_) return false;
    answered_ = true;
    detail::log_line("invocation not answered");
    return true;
  }
  static detail::error_report unanswered_report() { return {"invocation not answered", "Runtime.NoResponse", {}}; }
  static detail::error_report unclosed_stream_report() {
    return {"response stream not closed", "Runtime.NoResponse", {}};
  }

  // After a /next: zero once the invocation is taken, else how long to pause before asking
  // again (a refused /next is retried briefly; one that keeps failing ends the process).
  std::chrono::milliseconds take_next(const detail::http_response& r, int& refusals) {
    client_->use_buffer(answer_buffer);
    if (r.status == 200) {
      take_invocation(r);
      return std::chrono::milliseconds(0);
    }
    if (r.status >= 500) throw runtime_api_error(describe("GET /next", r));
    detail::log_line(describe("GET /next", r), log_level::warn);
    if (++refusals > LAMBDA_CORO_RECONNECT_ATTEMPTS) throw runtime_api_error("GET /next keeps failing");
    return std::chrono::milliseconds(LAMBDA_CORO_RECONNECT_DELAY_MS << (refusals - 1));
  }

  // next_invocation() for a blocking runtime, without a coroutine frame: what start() runs
  // for a synchronous handler.
  invocation next_invocation_blocking() {
    if (stream_.state == stream_state::open) {
      detail::log_line("response stream not closed");
      end_stream_blocking(unclosed_stream_report());
    }
    if (begin_next()) send_error_blocking(unanswered_report());
    if (local_mode()) {
      next_local();
    } else {
      for (int refusals = 0;;) {
        client_->use_buffer(event_buffer);
        const auto pause = take_next(call_blocking("GET", next_path, no_headers_, {}), refusals);
        if (pause.count() == 0) break;
        detail::sleep_ms(pause.count());
      }
    }
    answered_ = false;
    return invocation(this, ++sequence_);
  }

  void take_invocation(const detail::http_response& r) {
    context_.request_id.assign(r.header("Lambda-Runtime-Aws-Request-Id"));
    const std::string_view deadline = r.header("Lambda-Runtime-Deadline-Ms");
    context_.deadline_ms = 0;
    std::from_chars(deadline.data(), deadline.data() + deadline.size(), context_.deadline_ms);
    context_.invoked_function_arn.assign(r.header("Lambda-Runtime-Invoked-Function-Arn"));
    context_.tenant_id.assign(r.header("Lambda-Runtime-Aws-Tenant-Id"));
    invocation_id_.assign(r.header("Lambda-Runtime-Invocation-Id"));
    set_trace_id(r.header("Lambda-Runtime-Trace-Id"));
    read_optional_json(r.header("Lambda-Runtime-Client-Context"), context_.client_context, "client context");
    read_optional_json(r.header("Lambda-Runtime-Cognito-Identity"), context_.identity, "Cognito identity");
    event_ = r.body;
  }

  template <class T>
  void read_optional_json(std::string_view header, std::optional<T>& out, const char* what) {
    if (header.empty()) {
      out.reset();
      return;
    }
    try {
      if (!out) out.emplace();
      header_reader_.read(header, *out);
    } catch (const json::error& e) {
      out.reset();
      detail::log_line(std::string("ignoring an unreadable ") + what + " header: " + e.what(), log_level::warn);
    }
  }

  // _X_AMZN_TRACE_ID (and lambda_coro::log()'s request id) follow the invocation when it is
  // the process's only one. putenv() keeps our buffer, so rewriting it in
  // place changes the variable without the allocation (and leak) setenv() would cost.
  void set_trace_id(std::string_view trace) {
    context_.trace_id.assign(trace);
    if (!trace_environment_) return;
    detail::process_request_id = &context_.request_id;  // for lambda_coro::log(), as the trace id
    constexpr std::string_view name = "_X_AMZN_TRACE_ID=";
    if (trace.empty()) {
      if (trace_env_installed_) ::unsetenv("_X_AMZN_TRACE_ID");
      trace_env_installed_ = false;
      return;
    }
    const std::size_t needed = name.size() + trace.size() + 1;
    if (trace_env_capacity_ < needed) {
      // A bigger buffer goes into environ before the old one is freed.
      const std::size_t capacity = needed < 256 ? 256 : needed;
      auto buffer = std::make_unique<char[]>(capacity);
      std::memcpy(buffer.get(), name.data(), name.size());
      std::memcpy(buffer.get() + name.size(), trace.data(), trace.size());
      buffer[name.size() + trace.size()] = '\0';
      ::putenv(buffer.get());
      trace_env_ = std::move(buffer);
      trace_env_capacity_ = capacity;
      trace_env_installed_ = true;
      return;
    }
    std::memcpy(trace_env_.get() + name.size(), trace.data(), trace.size());
    trace_env_[name.size() + trace.size()] = '\0';
    if (!trace_env_installed_) ::putenv(trace_env_.get());
    trace_env_installed_ = true;
  }

  void next_local() {
    if (local_done_) throw detail::local_run_finished{local_exit_code_};
    local_done_ = true;
    const std::string path = detail::local_event_path(detail::program_arguments());
    if (path.empty() || path == "-") {
      local_event_ = detail::read_all(STDIN_FILENO);
    } else {
      const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) throw std::runtime_error("cannot open event file " + path + ": " + std::strerror(errno));
      local_event_ = detail::read_all(fd);
      ::close(fd);
    }
    local_event_.reserve(local_event_.size() + simdjson::SIMDJSON_PADDING);
    event_ = local_event_;
    context_.request_id = "00000000-0000-0000-0000-000000000000";
    detail::process_request_id = &context_.request_id;
    const char* timeout = std::getenv("AWS_LAMBDA_FUNCTION_TIMEOUT");
    const long seconds = timeout ? std::atol(timeout) : 0;
    context_.deadline_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count() +
                           1000 * (seconds > 0 ? seconds : 900);
    context_.invoked_function_arn = "arn:aws:lambda:local:000000000000:function:" +
                                    (function_.name.empty() ? std::string("local") : function_.name);
  }

  void write_local_error(const detail::error_report& report) {
    local_exit_code_ = 1;
    std::string text = json::write(report);
    text += '\n';
    detail::write_all(STDERR_FILENO, text);
  }

  // The path and headers of a /response; false in local mode, where it is written out.
  bool prepare_response(std::string_view body) {
    if (local_mode()) {
      detail::write_all(STDOUT_FILENO, body);
      detail::write_all(STDOUT_FILENO, "\n");
      return false;
    }
    path_.assign("/2018-06-01/runtime/invocation/").append(context_.request_id).append("/response");
    headers_.clear();
    if (!invocation_id_.empty()) headers_.push_back({"Lambda-Runtime-Invocation-Id", invocation_id_});
    return true;
  }
  task<> send_response(std::string_view body) {
    if (prepare_response(body)) check_answer("POST /response", *co_await call("POST", path_, headers_, body));
  }
  void send_response_blocking(std::string_view body) {
    if (prepare_response(body)) check_answer("POST /response", call_blocking("POST", path_, headers_, body));
  }

  // The path, headers and body of an error report to `path`.
  std::string_view prepare_error(std::string_view path, const detail::error_report& report) {
    body_.clear();
    json::write(report, body_);
    headers_.clear();
    headers_.push_back({"Content-Type", "application/vnd.aws.lambda.error+json"});
    headers_.push_back({"Lambda-Runtime-Function-Error-Type", report.errorType});
    if (!invocation_id_.empty() && path != init_error_path)
      headers_.push_back({"Lambda-Runtime-Invocation-Id", invocation_id_});
    return path;
  }
  static constexpr std::string_view init_error_path = "/2018-06-01/runtime/init/error";
  // The invocation's error path; false in local mode, where the report is written out.
  bool prepare_invocation_error(const detail::error_report& report) {
    if (local_mode()) {
      write_local_error(report);
      return false;
    }
    path_.assign("/2018-06-01/runtime/invocation/").append(context_.request_id).append("/error");
    prepare_error(path_, report);
    return true;
  }
  task<> send_error(detail::error_report report) {
    if (prepare_invocation_error(report)) check_answer("POST /error", *co_await call("POST", path_, headers_, body_));
  }
  void send_error_blocking(const detail::error_report& report) {
    if (prepare_invocation_error(report)) check_answer("POST /error", call_blocking("POST", path_, headers_, body_));
  }

  // Response streaming. One stream at a time per runtime, as one invocation at a time.
  enum class stream_state { none, open, closed };
  struct stream_status {
    stream_state state = stream_state::none;
    std::uint64_t sequence = 0;
    std::size_t bytes = 0;
    bool broken = false;  // the Runtime API connection failed mid-stream
    std::string content_type;
  };

  void open_stream(std::uint64_t sequence, std::string_view content_type) {
    claim_answer(sequence);
    stream_.state = stream_state::open;
    stream_.sequence = sequence;
    stream_.bytes = 0;
    stream_.broken = false;
    stream_.content_type.assign(content_type);
  }
  void check_stream(std::uint64_t sequence, const char* action) const {
    if (sequence != sequence_ || stream_.sequence != sequence) detail::throw_usage_error(stale_invocation);
    if (stream_.state != stream_state::open) detail::throw_usage_error(action);
  }

  // The head of the streamed POST /response; false in local mode.
  bool prepare_stream_head() {
    if (local_mode()) return false;
    path_.assign("/2018-06-01/runtime/invocation/").append(context_.request_id).append("/response");
    headers_.clear();
    headers_.push_back({"Lambda-Runtime-Function-Response-Mode", "streaming"});
    headers_.push_back({"Content-Type", stream_.content_type});
    headers_.push_back({"Trailer", "Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body"});
    if (!invocation_id_.empty()) headers_.push_back({"Lambda-Runtime-Invocation-Id", invocation_id_});
    client_->use_buffer(answer_buffer);
    client_->open_chunked("POST", path_, headers_);
    return true;
  }
  // Whether `bytes` should go out now; local mode writes them to stdout here.
  bool begin_chunk(std::uint64_t sequence, std::string_view bytes) {
    check_stream(sequence, "write() on a closed response stream");
    if (stream_.broken) throw std::runtime_error("the response stream's connection to the Runtime API failed");
    if (bytes.empty()) return false;
    const bool first = stream_.bytes == 0;
    stream_.bytes += bytes.size();
    if (local_mode()) {
      detail::write_all(STDOUT_FILENO, bytes);
      return false;
    }
    if (first) prepare_stream_head();
    return true;
  }
  // A chunk that could not be sent: the stream is lost (the next /next reconnects).
  [[noreturn]] void chunk_failed(const detail::connection_error& e) {
    stream_.broken = true;
    client_->disconnect();
    detail::log_line(std::string("streaming the response: ") + e.what());
    throw std::runtime_error(std::string("the response stream's connection to the Runtime API failed: ") + e.what());
  }
  task<> write_stream(std::uint64_t sequence, std::string_view bytes) {
    if (!begin_chunk(sequence, bytes)) co_return;
    std::optional<detail::connection_error> failure;
    try {
      co_await client_->send_chunk(bytes);
    } catch (const detail::connection_error& e) {
      failure = e;
    }
    if (failure) chunk_failed(*failure);
  }
  void write_stream_blocking(std::uint64_t sequence, std::string_view bytes) {
    if (!begin_chunk(sequence, bytes)) return;
    try {
      client_->send_chunk_blocking(bytes);
    } catch (const detail::connection_error& e) {
      chunk_failed(e);
    }
  }

  // Ends the open stream: with no error, or with `report` (as an ordinary error response
  // before the first byte, in the trailers after it). What the Runtime API answers is
  // checked as for any response. Returns false when there is nothing left to send.
  bool prepare_stream_end(const detail::error_report* report) {
    stream_.state = stream_state::closed;
    if (stream_.broken) return false;
    if (local_mode()) {
      if (report) write_local_error(*report);
      else if (stream_.bytes > 0) detail::write_all(STDOUT_FILENO, "\n");
      return false;
    }
    if (report && stream_.bytes == 0) {
      path_.assign("/2018-06-01/runtime/invocation/").append(context_.request_id).append("/error");
      prepare_error(path_, *report);
      return true;
    }
    if (stream_.bytes == 0) prepare_stream_head();
    trailers_.clear();
    if (report) {
      body_.clear();
      json::write(*report, body_);
      trailers_.append("Lambda-Runtime-Function-Error-Type: ").append(report->errorType).append("\r\n");
      trailers_.append("Lambda-Runtime-Function-Error-Body: ").append(events::base64_encode(body_)).append("\r\n");
    }
    return true;
  }
  task<> end_stream(detail::error_report report) { co_await finish_stream(&report); }
  task<> end_stream() { return finish_stream(nullptr); }
  task<> finish_stream(const detail::error_report* report) {
    if (!prepare_stream_end(report)) co_return;
    if (report && stream_.bytes == 0) {
      check_answer("POST /error", *co_await call("POST", path_, headers_, body_));
      co_return;
    }
    std::optional<detail::connection_error> failure;
    try {
      check_answer("POST /response (streamed)", *co_await client_->finish_chunked(trailers_));
    } catch (const detail::connection_error& e) {
      failure = e;
    }
    if (failure) stream_end_failed(*failure);
  }
  void end_stream_blocking(const detail::error_report* report) {
    if (!prepare_stream_end(report)) return;
    if (report && stream_.bytes == 0) {
      check_answer("POST /error", call_blocking("POST", path_));
      return;
    }
    try {
      check_answer("POST /response (streamed)", client_->finish_chunked_blocking(trailers_));
    } catch (const detail::connection_error& e) {
      stream_end_failed(e);
    }
  }
  void end_stream_blocking(const detail::error_report& report) { end_stream_blocking(&report); }
  // The body had gone out; only its end or the answer was lost: log, and reconnect for /next.
  void stream_end_failed(const detail::connection_error& e) {
    client_->disconnect();
    detail::log_line(std::string("ending the streamed response: ") + e.what());
  }

  // 400, 403, 410 and 413 end this invocation only: log and go on with /next. 500: exit.
  void check_answer(const char* what, const detail::http_response& r) {
    if (r.status >= 200 && r.status < 300) return;
    if (r.status >= 500) throw runtime_api_error(describe(what, r));
    detail::log_line(describe(what, r));
  }

  static std::string describe(const char* what, const detail::http_response& r) {
    std::string text = std::string(what) + ": the Runtime API answered " + std::to_string(r.status);
    if (!r.body.empty()) text.append(" ").append(r.body.substr(0, 512));
    return text;
  }

  // A Runtime API request with bounded reconnects; one that stays unreachable ends the
  // process. reconnect_pause() says how long to wait before attempt `attempt` + 1.
  static std::chrono::milliseconds reconnect_pause(int attempt, const std::string& failure) {
    if (attempt >= LAMBDA_CORO_RECONNECT_ATTEMPTS)
      throw runtime_api_error(failure + " (gave up after " + std::to_string(attempt) + " reconnects)");
    detail::log_line(failure + "; reconnecting", log_level::warn);
    return std::chrono::milliseconds(LAMBDA_CORO_RECONNECT_DELAY_MS << attempt);
  }
  task<const detail::http_response*> call(std::string_view method, std::string_view path,
                                          const std::vector<detail::http_header>& headers, std::string_view body) {
    for (int attempt = 0;; ++attempt) {
      std::string failure;
      try {
        co_return co_await client_->send(method, path, headers, body);
      } catch (const detail::connection_error& e) {
        failure = e.what();
      }
      co_await sleep_for(reconnect_pause(attempt, failure));
    }
  }
  const detail::http_response& call_blocking(std::string_view method, std::string_view path,
                                             const std::vector<detail::http_header>& headers, std::string_view body) {
    for (int attempt = 0;; ++attempt) {
      try {
        return client_->request(method, path, headers, body);
      } catch (const detail::connection_error& e) {
        detail::sleep_ms(reconnect_pause(attempt, e.what()).count());
      }
    }
  }
  const detail::http_response& call_blocking(std::string_view method, std::string_view path) {
    return call_blocking(method, path, headers_, body_);
  }

  struct deadline_watch : detail::timer_wait {
    runtime* self = nullptr;
  };

  function_info function_;
  lambda_coro::context context_;
  std::optional<detail::http_client> client_;
  json::reader header_reader_;
  std::string_view event_;
  std::string invocation_id_;
  std::string path_;
  std::string body_;  // serialized responses and error reports, reused
  std::string trailers_;  // of a streamed response
  stream_status stream_;
  std::vector<detail::http_header> headers_;
  const std::vector<detail::http_header> no_headers_;
  std::chrono::milliseconds deadline_margin_;
  std::stop_source stop_source_{std::nostopstate};
  deadline_watch deadline_timer_;
  scheduler* deadline_loop_ = nullptr;  // where deadline_timer_ is armed
  bool trace_environment_;  // _X_AMZN_TRACE_ID is process-wide: not with concurrent invocations in one process
  std::unique_ptr<char[]> trace_env_;
  std::size_t trace_env_capacity_ = 0;
  bool trace_env_installed_ = false;
  bool initialized_ = false;
  std::uint64_t sequence_ = 0;  // of the invocation handed out last
  bool answered_ = true;
  bool local_done_ = false;
  int local_exit_code_ = 0;
  std::string local_event_;
};

inline runtime& invocation::current() const {
  if (sequence_ != runtime_->sequence_) [[unlikely]]
    detail::throw_usage_error(runtime::stale_invocation);
  return *runtime_;
}

inline std::string_view invocation::event() const { return current().event_; }
inline simdjson::padded_string_view invocation::padded_event() const {
  // Remote events sit in the client's buffer with its padding; local ones reserved theirs.
  const std::string_view e = current().event_;
  return simdjson::padded_string_view(e.data(), e.size(), e.size() + simdjson::SIMDJSON_PADDING);
}
inline const context& invocation::context() const { return current().context_; }

// The response's bytes: strings as they are, anything else written as JSON into the
// runtime's reused buffer. A throw here leaves the invocation unanswered: fail() still can.
template <class T>
std::string_view invocation::answer_body(const T& response) const {
  if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    return std::string_view(response);
  } else if constexpr (std::is_same_v<T, json::raw>) {
    return response.text.empty() ? std::string_view("null") : std::string_view(response.text);
  } else {
    std::string& body = runtime_->body_;
    body.clear();
    json::write(response, body);
    return body;
  }
}

template <class T>
task<> invocation::respond(const T& response) {
  const std::string_view body = answer_body(response);
  runtime_->claim_answer(sequence_);
  return runtime_->send_response(body);
}

// The exception being handled, as an error report (a usage error outside a catch block).
inline detail::error_report invocation::current_error() const {
  if (!std::current_exception()) return {"fail() outside a catch block", "lambda_coro::usage_error", {}};
  return detail::report_current_exception();
}

inline task<> invocation::fail() {
  runtime_->claim_answer(sequence_);
  return runtime_->send_error(current_error());
}

inline task<> invocation::fail(std::exception_ptr error) {
  if (!error) return fail();
  try {
    std::rethrow_exception(error);
  } catch (...) {
    return fail();
  }
}

inline task<> invocation::fail(std::string_view error_type, std::string_view message) {
  runtime_->claim_answer(sequence_);
  return runtime_->send_error(detail::error_report{std::string(message), std::string(error_type), {}});
}

inline response_stream invocation::stream(std::string_view content_type) {
  current().open_stream(sequence_, content_type);
  return response_stream(runtime_, sequence_);
}

inline runtime& response_stream::current() const {
  if (!runtime_) detail::throw_usage_error("response stream used after a move");
  return *runtime_;
}
inline void response_stream::set_content_type(std::string_view content_type) {
  current().check_stream(sequence_, "set_content_type() on a closed response stream");
  if (runtime_->stream_.bytes > 0) detail::throw_usage_error("set_content_type() after the first write");
  runtime_->stream_.content_type.assign(content_type);
}
inline task<> response_stream::write(std::string_view bytes) { return current().write_stream(sequence_, bytes); }
inline void response_stream::write_blocking(std::string_view bytes) { current().write_stream_blocking(sequence_, bytes); }
inline task<> response_stream::close() {
  current().check_stream(sequence_, "close() on a closed response stream");
  return runtime_->end_stream();
}
inline void response_stream::close_blocking() {
  current().check_stream(sequence_, "close() on a closed response stream");
  runtime_->end_stream_blocking(nullptr);
}
namespace detail {
inline error_report report_of(std::exception_ptr error) {
  if (!error) return {"fail() outside a catch block", "lambda_coro::usage_error", {}};
  try {
    std::rethrow_exception(error);
  } catch (...) {
    return report_current_exception();
  }
}
}  // namespace detail
inline task<> response_stream::fail(std::exception_ptr error) {
  current().check_stream(sequence_, "fail() on a closed response stream");
  return runtime_->end_stream(detail::report_of(error));
}
inline task<> response_stream::fail(std::string_view error_type, std::string_view message) {
  current().check_stream(sequence_, "fail() on a closed response stream");
  return runtime_->end_stream(detail::error_report{std::string(message), std::string(error_type), {}});
}
inline void response_stream::fail_blocking(std::exception_ptr error) {
  current().check_stream(sequence_, "fail() on a closed response stream");
  runtime_->end_stream_blocking(detail::report_of(error));
}
inline std::size_t response_stream::bytes_written() const noexcept {
  return runtime_ && runtime_->stream_.sequence == sequence_ ? runtime_->stream_.bytes : 0;
}
inline bool response_stream::closed() const noexcept {
  return !runtime_ || runtime_->stream_.sequence != sequence_ || runtime_->stream_.state != runtime::stream_state::open;
}

namespace detail {
struct blocking_access {
  static invocation next(runtime& rt) { return rt.next_invocation_blocking(); }
  template <class T>
  static void respond(const invocation& inv, const T& response) {
    const std::string_view body = inv.answer_body(response);
    inv.runtime_->claim_answer(inv.sequence_);
    inv.runtime_->send_response_blocking(body);
  }
  static void fail(const invocation& inv) {
    inv.runtime_->claim_answer(inv.sequence_);
    inv.runtime_->send_error_blocking(inv.current_error());
  }
  static void fail(const invocation& inv, std::string_view error_type, std::string_view message) {
    inv.runtime_->claim_answer(inv.sequence_);
    inv.runtime_->send_error_blocking(error_report{std::string(message), std::string(error_type), {}});
  }
};
}  // namespace detail

LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_RUNTIME_RUNTIME_HPP_INCLUDED
