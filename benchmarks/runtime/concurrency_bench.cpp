// Concurrency benchmark: a Runtime API on 127.0.0.1 that answers every /next at once, on as
// many connections as the runtime opens, and a bootstrap whose coroutine handler waits 1 ms.
// Invocations/s at AWS_LAMBDA_MAX_CONCURRENCY=1 and =N, interleaved over rounds.
//
//   concurrency_bench --bootstrap SLEEPY_BOOTSTRAP [--concurrency 8] [--seconds 2] [--rounds 3]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

extern char** environ;

namespace {

using clock_type = std::chrono::steady_clock;

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "concurrency_bench: %s\n", what.c_str());
  std::exit(1);
}

// One runtime connection: bytes in, and how many complete requests they held.
struct peer {
  int fd;
  std::string in;
};

// Answers each complete request in `p.in`: a /next with an event, anything else with 202.
// Returns the number of responses (/response or /error posts) seen.
long serve_requests(peer& p, long& next_id) {
  long answered = 0;
  for (;;) {
    const auto head_end = p.in.find("\r\n\r\n");
    if (head_end == std::string::npos) return answered;
    std::size_t length = 0;
    if (const auto at = p.in.find("Content-Length: "); at != std::string::npos && at < head_end)
      length = std::strtoul(p.in.c_str() + at + 16, nullptr, 10);
    if (p.in.size() < head_end + 4 + length) return answered;
    const bool is_next = p.in.starts_with("GET");
    p.in.erase(0, head_end + 4 + length);
    std::string reply;
    if (is_next) {
      const std::string id = "req-" + std::to_string(next_id++);
      reply = "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: " + id +
              "\r\nLambda-Runtime-Deadline-Ms: 99999999999999\r\nLambda-Runtime-Trace-Id: Root=1-0-0\r\n"
              "Content-Length: 2\r\n\r\n{}";
    } else {
      ++answered;
      reply = "HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\n{}";
    }
    if (::send(p.fd, reply.data(), reply.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(reply.size()))
      fail("short send");
  }
}

// Invocations per second over `seconds` with the runtime at `concurrency`.
double measure(const char* bootstrap, int concurrency, double seconds) {
  const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener, 64) != 0 ||
      ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0)
    fail("cannot listen");
  const std::string api = "AWS_LAMBDA_RUNTIME_API=127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  const std::string max = "AWS_LAMBDA_MAX_CONCURRENCY=" + std::to_string(concurrency);
  std::vector<char*> env;
  for (char** e = environ; *e; ++e) env.push_back(*e);
  env.push_back(const_cast<char*>(api.c_str()));
  env.push_back(const_cast<char*>(max.c_str()));
  env.push_back(nullptr);
  char* argv[] = {const_cast<char*>(bootstrap), nullptr};
  pid_t pid;
  if (::posix_spawn(&pid, bootstrap, nullptr, nullptr, argv, env.data()) != 0) fail("cannot start the bootstrap");

  std::vector<peer> peers;
  long next_id = 0, answered = 0;
  const auto warm_until = clock_type::now() + std::chrono::milliseconds(300);
  clock_type::time_point start{}, end{};
  long answered_at_start = 0;
  for (;;) {
    const auto now = clock_type::now();
    if (start == clock_type::time_point{} && now >= warm_until) {
      start = now;
      answered_at_start = answered;
      end = start + std::chrono::duration_cast<clock_type::duration>(std::chrono::duration<double>(seconds));
    }
    if (start != clock_type::time_point{} && now >= end) break;
    std::vector<pollfd> fds{{listener, POLLIN, 0}};
    for (auto& p : peers) fds.push_back({p.fd, POLLIN, 0});
    if (::poll(fds.data(), fds.size(), 100) < 0) continue;
    if (fds[0].revents & POLLIN) {
      const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd >= 0) {
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        peers.push_back({fd, {}});
      }
    }
    for (std::size_t i = 1; i < fds.size(); ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP))) continue;
      char buffer[65536];
      const ssize_t n = ::recv(fds[i].fd, buffer, sizeof buffer, 0);
      if (n <= 0) fail("the runtime closed a connection");
      peer& p = peers[i - 1];
      p.in.append(buffer, static_cast<std::size_t>(n));
      answered += serve_requests(p, next_id);
    }
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  for (auto& p : peers) ::close(p.fd);
  ::close(listener);
  if (static_cast<int>(peers.size()) != concurrency)
    fail("expected " + std::to_string(concurrency) + " connections, saw " + std::to_string(peers.size()));
  return static_cast<double>(answered - answered_at_start) / std::chrono::duration<double>(end - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const char* bootstrap = nullptr;
  int concurrency = 8, rounds = 3;
  double seconds = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i];
    if (arg == "--bootstrap") bootstrap = argv[i + 1];
    else if (arg == "--concurrency") concurrency = std::atoi(argv[i + 1]);
    else if (arg == "--seconds") seconds = std::atof(argv[i + 1]);
    else if (arg == "--rounds") rounds = std::atoi(argv[i + 1]);
    else fail("unknown option " + arg);
  }
  if (!bootstrap || concurrency < 1 || rounds < 1) fail("usage: --bootstrap FILE [--concurrency N] [--seconds S] [--rounds R]");
  ::signal(SIGPIPE, SIG_IGN);
  std::vector<double> single, many;
  for (int r = 0; r < rounds; ++r) {  // interleaved: the VM's drift hits both alike
    single.push_back(measure(bootstrap, 1, seconds));
    many.push_back(measure(bootstrap, concurrency, seconds));
  }
  std::sort(single.begin(), single.end());
  std::sort(many.begin(), many.end());
  const double one = single[single.size() / 2], n = many[many.size() / 2];
  std::printf("| coroutine handler waiting 1 ms | invocations/s (median of %d rounds) |\n|---|---|\n", rounds);
  std::printf("| AWS_LAMBDA_MAX_CONCURRENCY=1 | %.0f |\n", one);
  std::printf("| AWS_LAMBDA_MAX_CONCURRENCY=%d | %.0f |\n", concurrency, n);
  std::printf("scaling: %.2fx (goal >= 4x)\n", n / one);
  return n / one >= 4 ? 0 : 2;
}
