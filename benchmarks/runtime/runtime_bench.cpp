// Runtime benchmark: plays the Lambda Runtime API on 127.0.0.1 and measures bootstraps
// against a minimal raw-socket C runtime (the floor), interleaved in one run.
//
//   runtime_bench --floor C_FLOOR --hello HELLO_BOOTSTRAP --sqs SQS_BOOTSTRAP
//                 [--sqs-speed SQS_BOOTSTRAP_BUILT_FOR_SPEED] [--sqs-view SQS_VIEW_BOOTSTRAP]
//                 [--generic GENERIC_BOOTSTRAP] [--generic-speed GENERIC_BOOTSTRAP_BUILT_FOR_SPEED]
//                 [--cold 30] [--warm 2000] [--big 20] [--rounds 3]
//
// Cold: exec -> first GET /next, and exec -> first POST /response. Warm: invocations/s,
// round trip median and p99, CPU per invocation (/proc/PID/schedstat), peak RSS (VmHWM).
// Big: a ~1 MB SQS batch, echoed raw by the floor, bound into structs by lambda-coro; and
// the generic ~1.2 MB document of the JSON benchmarks, the same way.
#include "../json/generic_document.hpp"

#include <lambda_coro/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

extern char** environ;

namespace {

using clock_type = std::chrono::steady_clock;
using micros = std::chrono::duration<double, std::micro>;

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "runtime_bench: %s\n", what.c_str());
  std::exit(1);
}

class connection {
public:
  explicit connection(int fd) : fd_(fd) {}
  ~connection() { ::close(fd_); }

  // Reads one request; returns its body (empty for GET).
  std::string read_request(std::string* request_line = nullptr) {
    std::size_t head_end;
    while ((head_end = data_.find("\r\n\r\n")) == std::string::npos) receive();
    const std::string head = data_.substr(0, head_end);
    if (request_line) *request_line = head.substr(0, head.find("\r\n"));
    std::size_t length = 0;
    if (auto at = head.find("Content-Length: "); at != std::string::npos) length = std::stoul(head.substr(at + 16));
    while (data_.size() < head_end + 4 + length) receive();
    std::string body = data_.substr(head_end + 4, length);
    data_.erase(0, head_end + 4 + length);
    return body;
  }

  void send(const std::string& text) {
    std::size_t sent = 0;
    while (sent < text.size()) {
      const ssize_t n = ::send(fd_, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) fail("send failed");
      sent += static_cast<std::size_t>(n);
    }
  }

private:
  void receive() {
    char buf[65536];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) fail("the bootstrap closed the connection");
    data_.append(buf, static_cast<std::size_t>(n));
  }
  int fd_;
  std::string data_;
};

class api_server {
public:
  api_server() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) fail("bind");
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    ::listen(fd_, 16);
  }
  int port() const { return port_; }
  int accept_one() {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 10000) != 1) fail("no connection from the bootstrap within 10 s");
    const int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    int one = 1;
    ::setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return c;
  }

private:
  int fd_;
  int port_;
};

std::string event_response(int n, const std::string& event) {
  return "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: req-" + std::to_string(n) +
         "\r\nLambda-Runtime-Deadline-Ms: 99999999999999\r\nLambda-Runtime-Invoked-Function-Arn: "
         "arn:aws:lambda:us-east-1:123456789012:function:bench\r\nLambda-Runtime-Trace-Id: "
         "Root=1-5e9f0c65-1de4d666d4dd26aced652b6c;Sampled=0\r\nContent-Type: application/json\r\nContent-Length: " +
         std::to_string(event.size()) + "\r\n\r\n" + event;
}
const std::string accepted = "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"status\":\"OK\"}";

pid_t spawn(const std::string& path, int port) {
  std::vector<std::string> env = {"AWS_LAMBDA_RUNTIME_API=127.0.0.1:" + std::to_string(port),
                                  "AWS_LAMBDA_FUNCTION_NAME=bench", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE=128",
                                  "AWS_LAMBDA_FUNCTION_VERSION=$LATEST", "PATH=/usr/bin:/bin"};
  std::vector<char*> envp, argv;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::string p = path;
  argv = {p.data(), nullptr};
  pid_t pid;
  if (::posix_spawn(&pid, p.c_str(), nullptr, nullptr, argv.data(), envp.data()) != 0) fail("cannot start " + path);
  return pid;
}

void stop(pid_t pid) {
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

double cpu_ns(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/schedstat");
  double ns = 0;
  in >> ns;
  return ns;
}

long peak_rss_kb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

struct cold_sample {
  double first_next_us, first_response_us;
};

cold_sample cold_start(api_server& server, const std::string& path, const std::string& event) {
  const auto t0 = clock_type::now();
  const pid_t pid = spawn(path, server.port());
  connection c(server.accept_one());
  std::string line;
  c.read_request(&line);
  const auto t1 = clock_type::now();
  if (line.rfind("GET /2018-06-01/runtime/invocation/next", 0) != 0) fail("expected GET /next, got " + line);
  c.send(event_response(0, event));
  c.read_request(&line);
  const auto t2 = clock_type::now();
  c.send(accepted);
  stop(pid);
  return {micros(t1 - t0).count(), micros(t2 - t0).count()};
}

struct warm_sample {
  std::vector<double> round_trips_us;
  double per_second = 0;
  double cpu_us_per_invocation = 0;
  long peak_rss_kb = 0;
};

warm_sample warm_run(api_server& server, const std::string& path, const std::string& event, int invocations) {
  const pid_t pid = spawn(path, server.port());
  connection c(server.accept_one());
  const std::string response_bytes = event_response(0, event);
  c.read_request();
  c.send(response_bytes);  // the first invocation warms up; it is not counted
  c.read_request();
  c.send(accepted);
  c.read_request();
  warm_sample s;
  s.round_trips_us.reserve(static_cast<std::size_t>(invocations));
  const double cpu_before = cpu_ns(pid);
  const auto start = clock_type::now();
  for (int i = 0; i < invocations; ++i) {
    const auto t0 = clock_type::now();
    c.send(response_bytes);
    c.read_request();  // POST /response
    c.send(accepted);
    c.read_request();  // the next GET /next: the runtime is ready again
    s.round_trips_us.push_back(micros(clock_type::now() - t0).count());
  }
  const double seconds = std::chrono::duration<double>(clock_type::now() - start).count();
  s.per_second = invocations / seconds;
  s.cpu_us_per_invocation = (cpu_ns(pid) - cpu_before) / 1000.0 / invocations;
  s.peak_rss_kb = peak_rss_kb(pid);
  stop(pid);
  return s;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}
double median(const std::vector<double>& v) { return percentile(v, 0.5); }

long file_size(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<long>(st.st_size) : 0;
}

std::string sqs_batch(std::size_t target_bytes) {
  lambda_coro::json::value::array records;
  std::string text;
  for (int i = 0; text.size() < target_bytes; ++i) {
    lambda_coro::json::value::object attributes{{"ApproximateReceiveCount", "1"}, {"SentTimestamp", "1545082649183"},
                                                {"SenderId", "AIDAIENQZJOLO23YVJ4VO"}};
    lambda_coro::json::value::object tenant{{"stringValue", "acme-" + std::to_string(i % 7)}, {"dataType", "String"}};
    records.push_back(lambda_coro::json::value::object{
        {"messageId", "059f36b4-87a3-44ab-83d2-66" + std::to_string(1000000000 + i)},
        {"receiptHandle", "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a/VRNy2/kIBzBwqrtMiVH61RIy6Z4QRKnLBxE=="},
        {"body", "{\"orderId\":" + std::to_string(i) + ",\"status\":\"shipped\"}"},
        {"md5OfBody", "e4e68fb7bd0e697a0ae8f1bb342846b3"},
        {"eventSourceARN", "arn:aws:sqs:us-east-2:123456789012:my-queue"},
        {"eventSource", "aws:sqs"},
        {"awsRegion", "us-east-2"},
        {"attributes", attributes},
        {"messageAttributes", lambda_coro::json::value::object{{"tenant", tenant}}}});
    if (i % 64 == 0) text = lambda_coro::json::write(lambda_coro::json::value(lambda_coro::json::value::object{{"Records", records}}));
  }
  return lambda_coro::json::write(lambda_coro::json::value(lambda_coro::json::value::object{{"Records", records}}));
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> args{{"--cold", "30"}, {"--warm", "2000"}, {"--big", "20"}, {"--rounds", "3"}};
  for (int i = 1; i + 1 < argc; i += 2) args[argv[i]] = argv[i + 1];
  for (const char* required : {"--floor", "--hello", "--sqs"})
    if (!args.count(required)) fail(std::string("missing ") + required);
  const std::string floor = args["--floor"], hello = args["--hello"], sqs = args["--sqs"];
  // SQS bootstraps built other ways, measured on the same 1 MB event when given.
  struct sqs_variant {
    const char* label;
    std::string path;
    std::vector<double> big_us;
  };
  std::vector<sqs_variant> sqs_variants;
  for (const auto& [flag, label] : {std::pair{"--sqs-speed", "bootstrap built with OPTIMIZE speed"},
                                    std::pair{"--sqs-view", "into std::string_view structs, OPTIMIZE speed"}})
    if (args.count(flag)) sqs_variants.push_back({label, args[flag], {}});
  std::vector<sqs_variant> generic_variants;
  for (const auto& [flag, label] : {std::pair{"--generic", "OPTIMIZE size"}, std::pair{"--generic-speed", "OPTIMIZE speed"}})
    if (args.count(flag)) generic_variants.push_back({label, args[flag], {}});
  const int cold = std::stoi(args["--cold"]), warm = std::stoi(args["--warm"]), big = std::stoi(args["--big"]),
            rounds = std::stoi(args["--rounds"]);
  ::signal(SIGPIPE, SIG_IGN);

  api_server server;
  const std::string small_event = R"({"name":"bench"})";
  const std::string big_event = sqs_batch(1000000);
  const std::string generic_event = bench::generic_document_text();
  std::vector<double> floor_generic_us;

  std::vector<double> floor_next, floor_resp, hello_next, hello_resp;
  for (int i = 0; i < cold; ++i) {  // interleaved, so drift hits both alike
    const auto f = cold_start(server, floor, small_event);
    const auto h = cold_start(server, hello, small_event);
    floor_next.push_back(f.first_next_us);
    floor_resp.push_back(f.first_response_us);
    hello_next.push_back(h.first_next_us);
    hello_resp.push_back(h.first_response_us);
  }
  warm_sample floor_warm, hello_warm, floor_big, sqs_big;
  std::vector<double> floor_rate, hello_rate, floor_cpu, hello_cpu, floor_big_us, sqs_big_us, floor_rtt, hello_rtt;
  for (int r = 0; r < rounds; ++r) {
    floor_warm = warm_run(server, floor, small_event, warm);
    hello_warm = warm_run(server, hello, small_event, warm);
    floor_big = warm_run(server, floor, big_event, big);
    sqs_big = warm_run(server, sqs, big_event, big);
    for (auto& variant : sqs_variants)
      variant.big_us.push_back(median(warm_run(server, variant.path, big_event, big).round_trips_us));
    if (!generic_variants.empty())
      floor_generic_us.push_back(median(warm_run(server, floor, generic_event, big).round_trips_us));
    for (auto& variant : generic_variants)
      variant.big_us.push_back(median(warm_run(server, variant.path, generic_event, big).round_trips_us));
    floor_rate.push_back(floor_warm.per_second);
    hello_rate.push_back(hello_warm.per_second);
    floor_cpu.push_back(floor_warm.cpu_us_per_invocation);
    hello_cpu.push_back(hello_warm.cpu_us_per_invocation);
    floor_big_us.push_back(median(floor_big.round_trips_us));
    sqs_big_us.push_back(median(sqs_big.round_trips_us));
    floor_rtt.insert(floor_rtt.end(), floor_warm.round_trips_us.begin(), floor_warm.round_trips_us.end());
    hello_rtt.insert(hello_rtt.end(), hello_warm.round_trips_us.begin(), hello_warm.round_trips_us.end());
  }

  auto row = [](const char* metric, double f, double h, const char* unit, const char* goal) {
    std::printf("| %s | %.1f %s | %.1f %s | %.2f× | %s |\n", metric, f, unit, h, unit, h / f, goal);
  };
  std::printf("| metric | C floor | lambda-coro | ratio | goal |\n|---|---:|---:|---:|---|\n");
  row("stripped static binary", file_size(floor) / 1024.0, file_size(hello) / 1024.0, "KiB", "≤ 1.168×");
  row("exec → first /next (median)", median(floor_next), median(hello_next), "µs", "≤ 1.10×");
  row("exec → first response (median)", median(floor_resp), median(hello_resp), "µs", "≤ 1.15×");
  row("warm invocations/s (median round)", median(floor_rate), median(hello_rate), "/s", "≥ 0.9×");
  row("warm round trip, median (all rounds)", median(floor_rtt), median(hello_rtt), "µs", "");
  row("warm round trip, p99 (all rounds)", percentile(floor_rtt, 0.99), percentile(hello_rtt, 0.99), "µs", "");
  row("CPU per warm invocation (median round)", median(floor_cpu), median(hello_cpu), "µs", "");
  row("peak RSS", static_cast<double>(floor_warm.peak_rss_kb), static_cast<double>(hello_warm.peak_rss_kb), "KiB",
      "≤ 1.5×");
  std::printf("| 1 MB SQS event: floor echoes raw, lambda-coro binds structs (%zu B) | %.1f µs | %.1f µs | %.2f× | ≤ 3× |\n",
              big_event.size(), median(floor_big_us), median(sqs_big_us), median(sqs_big_us) / median(floor_big_us));
  std::printf("| peak RSS with the 1 MB event | %ld KiB | %ld KiB | %.2f× | |\n", floor_big.peak_rss_kb, sqs_big.peak_rss_kb,
              static_cast<double>(sqs_big.peak_rss_kb) / static_cast<double>(floor_big.peak_rss_kb));
  for (const auto& variant : sqs_variants)
    std::printf("| 1 MB SQS event, %s (%.1f KiB) | %.1f µs | %.1f µs | %.2f× | ≤ 3× |\n", variant.label,
                file_size(variant.path) / 1024.0, median(floor_big_us), median(variant.big_us),
                median(variant.big_us) / median(floor_big_us));
  for (const auto& variant : generic_variants)
    std::printf("| generic document (%zu B) into owning structs, %s (%.1f KiB) | %.1f µs | %.1f µs | %.2f× | ≤ 3× |\n",
                generic_event.size(), variant.label, file_size(variant.path) / 1024.0, median(floor_generic_us),
                median(variant.big_us), median(variant.big_us) / median(floor_generic_us));
  return 0;
}
