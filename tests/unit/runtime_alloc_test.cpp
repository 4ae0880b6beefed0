// The steady state of run() and of start() with a raw handler allocates nothing: counted with
// a replaced operator new while the runtime serves a scripted Runtime API over a real socket.
#include "../support/scripted_server.hpp"
#include "../support/test_support.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

// GCC pairs the library's inlined `new` with the free() in our replacement delete and warns;
// both sides are ours (malloc/free), so the pairing is right.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace {
// Counted: allocations on the thread that runs the runtime, while `measuring` is on.
thread_local bool runtime_thread = false;
std::atomic<bool> measuring{false};
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  if (runtime_thread && measuring) ++allocations;
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
// simdjson's parser allocates with the nothrow forms: replaced too, so that every delete here
// frees what our malloc gave (ASan reports a mismatch otherwise).
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  if (runtime_thread && measuring) ++allocations;
  return std::malloc(size ? size : 1);
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept { return operator new(size, tag); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace {

constexpr int warm_up = 20;     // invocations before counting: buffers reach their working size
constexpr int measured = 2000;

// A Runtime API that measures from the warm_up-th /next to the (warm_up + measured)-th, where
// it answers 500 so that the runtime's loop ends (start() and run() then return 1).
class counting_runtime_api {
public:
  explicit counting_runtime_api(std::string event = R"({"name":"steady"})")
      : event_(std::move(event)), server_([this](int fd, int) {
          char id[64];
          for (;;) {
            const std::string request = test::read_request(fd);
            if (request.empty()) return;
            if (!request.starts_with("GET")) {
              test::send_all(fd, "HTTP/1.1 202 Accepted\r\nContent-Length: 15\r\n\r\n{\"status\":\"OK\"}");
              continue;
            }
            // The runtime thread is blocked on this /next: nothing of its runs while we switch.
            const int n = served_++;
            if (n == warm_up) measuring = true;
            if (n == warm_up + measured) {
              measuring = false;
              test::send_all(fd, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n");
              continue;
            }
            std::snprintf(id, sizeof id, "8476a536-e9f4-11e8-9739-%012d", n);
            test::send_all(fd, std::string("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: ") + id +
                                   "\r\nLambda-Runtime-Deadline-Ms: " + deadline_ms_ + "\r\n"
                                   "Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:f\r\n"
                                   "Lambda-Runtime-Trace-Id: Root=1-5e9f0c65-1de4d666d4dd26aced" +
                                   std::to_string(100000 + n % 900000) + ";Sampled=1\r\nLambda-Runtime-Invocation-Id: " + id +
                                   "\r\nContent-Length: " + std::to_string(event_.size()) + "\r\n\r\n" + event_);
          }
        }) {
    ::setenv("AWS_LAMBDA_RUNTIME_API", server_.address().c_str(), 1);
  }
  ~counting_runtime_api() { ::unsetenv("AWS_LAMBDA_RUNTIME_API"); }
  int served() const { return served_; }

private:
  std::atomic<int> served_{0};
  const std::string event_;
  // An hour ahead, as Lambda's are ahead: the deadline watch stays armed, never fires.
  const std::string deadline_ms_ = std::to_string(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count() +
      3600 * 1000);
  test::scripted_server server_;
};

lambda_coro::task<> echo_loop(lambda_coro::runtime& rt) {
  for (;;) {
    auto inv = co_await rt.next_invocation();
    co_await inv.respond(inv.event());
  }
}

std::string_view echo(std::string_view event) { return event; }

struct batch_summary {
  std::size_t records = 0;
  std::size_t attributes = 0;
};
BOOST_DESCRIBE_STRUCT(batch_summary, (), (records, attributes))

batch_summary summarize(const lambda_coro::events::sqs_event& event) {
  batch_summary s{event.records.size(), 0};
  for (const auto& m : event.records) s.attributes += m.attributes.size() + m.message_attributes.size();
  return s;
}

// Serves `api` with `serve` on this thread, counting from the warm_up-th /next: the loop ends
// on the scripted 500 after `measured` invocations that allocated nothing.
template <class Serve>
void check_steady_state_allocates_nothing(counting_runtime_api& api, Serve serve) {
  allocations = 0;
  runtime_thread = true;
  const int exit_code = serve();
  runtime_thread = false;
  CHECK(exit_code == 1);  // the scripted 500
  CHECK(api.served() == warm_up + measured + 1);
  CHECK(allocations == 0);
}

}  // namespace

TEST_CASE("the allocation counter counts") {
  runtime_thread = true;
  measuring = true;
  int* volatile probe = new int(1);  // volatile: an optimizer may drop a new/delete pair
  delete probe;
  measuring = false;
  runtime_thread = false;
  CHECK(allocations == 1);
  allocations = 0;
}

TEST_CASE("lambda_coro::run: a coroutine loop's steady state makes no heap allocation") {
  counting_runtime_api api;
  check_steady_state_allocates_nothing(api, [] { return lambda_coro::run(echo_loop); });
}

TEST_CASE("lambda_coro::start: a raw handler's steady state makes no heap allocation") {
  counting_runtime_api api;
  check_steady_state_allocates_nothing(api, [] { return lambda_coro::start(echo); });
}

TEST_CASE("lambda_coro::start: a typed handler's steady state on an SQS batch makes no heap allocation") {
  // The runtime keeps the event object and overwrites it: strings, vectors and map nodes
  // of one invocation serve the next.
  counting_runtime_api api(test::event("sqs-event.json"));
  check_steady_state_allocates_nothing(api, [] { return lambda_coro::start(summarize); });
}

TEST_CASE("a log line with short fields makes no heap allocation once its thread's buffer is warm") {
  const lambda_coro::log_format format = lambda_coro::detail::log_config().format;
  const int saved = ::dup(STDERR_FILENO);
  const int null = ::open("/dev/null", O_WRONLY);
  ::dup2(null, STDERR_FILENO);
  lambda_coro::context ctx;
  ctx.request_id = "8476a536-e9f4-11e8-9739-2dfe598c3fcd";
  const std::string order = "A-1";
  runtime_thread = true;
  long counted[2] = {};
  for (const auto f : {lambda_coro::log_format::json, lambda_coro::log_format::text}) {
    lambda_coro::set_log_format(f);
    ctx.log().info("warm up", {{"order", order}, {"cents", 1250}, {"rate", 0.25}});
    allocations = 0;
    measuring = true;
    for (int i = 0; i < 1000; ++i) {
      ctx.log().info("paid", {{"order", order}, {"cents", i}, {"rate", 0.25}, {"gift", false}});
      lambda_coro::log().debug("filtered out", {{"i", i}});
    }
    measuring = false;
    counted[f == lambda_coro::log_format::text] = allocations;
  }
  runtime_thread = false;
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  ::close(null);
  lambda_coro::set_log_format(format);
  CHECK(counted[0] == 0);
  CHECK(counted[1] == 0);
}

// A std::string with simdjson's padding in its spare capacity is read where it is; one
// without is copied into the reader's buffer, which allocates the first time.
TEST_CASE("json::reader reads a std::string in place when its capacity holds the padding") {
  namespace json = lambda_coro::json;
  std::string text = test::event("sqs-event.json");
  text.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  json::reader reader;
  lambda_coro::events::sqs_event event;
  reader.overwrite(text, event);  // the parser's buffers and the event's reach their size
  runtime_thread = true;
  allocations = 0;
  measuring = true;
  reader.overwrite(text, event);
  measuring = false;
  CHECK(allocations == 0);
  measuring = true;
  reader.overwrite(std::string_view(text), event);
  measuring = false;
  runtime_thread = false;
  CHECK(allocations > 0);
  REQUIRE(event.records.size() == 1);
  CHECK(event.records[0].message_id == "MessageID_1");
}
