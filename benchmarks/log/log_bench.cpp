// What a log call costs: a filtered-out level against an empty loop that builds the same
// arguments (the claim is "nothing measurable"), and an enabled line in Text and JSON against
// fprintf of the same text, all written to /dev/null.
//
//   log_bench [--calls N] [--rounds R]
#include <lambda_coro/lambda_coro.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

// Keeps the compiler from proving the loop body away without costing a call.
template <class T>
void keep(const T& value) {
  asm volatile("" : : "g"(&value) : "memory");
}

template <class Body>
double nanos_per_call(int calls, int rounds, Body&& body) {
  double best = 1e300;
  for (int r = 0; r < rounds; ++r) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < calls; ++i) body(i);
    const double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
    best = std::min(best, ns / calls);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  int calls = 2000000, rounds = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--calls") == 0) calls = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::atoi(argv[i + 1]);
  }
  const int enabled_calls = std::max(1, calls / 10);  // each one is a write(2)

  // Lines go to stderr; point it at /dev/null while measuring.
  const int saved_stderr = ::dup(2);
  const int null_fd = ::open("/dev/null", O_WRONLY);
  if (saved_stderr < 0 || null_fd < 0) return 1;
  ::dup2(null_fd, 2);

  const auto log = lambda_coro::log();
  lambda_coro::set_log_level(lambda_coro::log_level::info);

  const double empty = nanos_per_call(calls, rounds, [](int i) {
    const char* order = "order-1234";
    keep(order);
    keep(i);
  });
  const double filtered = nanos_per_call(calls, rounds, [&](int i) {
    log.debug("paid", {{"order", "order-1234"}, {"amount", i}});
  });

  lambda_coro::set_log_format(lambda_coro::log_format::text);
  const double text = nanos_per_call(enabled_calls, rounds, [&](int i) {
    log.info("paid", {{"order", "order-1234"}, {"amount", i}});
  });
  lambda_coro::set_log_format(lambda_coro::log_format::json);
  const double json = nanos_per_call(enabled_calls, rounds, [&](int i) {
    log.info("paid", {{"order", "order-1234"}, {"amount", i}});
  });
  const double printf_line = nanos_per_call(enabled_calls, rounds, [](int i) {
    std::fprintf(stderr, "[INFO]\t2026-12-01T00:00:00.000Z\tpaid order=order-1234 amount=%d\n", i);
  });

  ::dup2(saved_stderr, 2);
  std::printf("log call, best of %d rounds, ns per call\n", rounds);
  std::printf("  empty loop (same arguments)       %8.2f\n", empty);
  std::printf("  debug() with level INFO           %8.2f   (%+.2f ns over the empty loop)\n", filtered,
              filtered - empty);
  std::printf("  info() Text line to /dev/null     %8.1f\n", text);
  std::printf("  info() JSON line to /dev/null     %8.1f\n", json);
  std::printf("  fprintf(stderr) same text line    %8.1f\n", printf_line);
  return 0;
}
