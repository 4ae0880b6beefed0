// The steady state of a raw handler allocates nothing: counted with a replaced operator new
// while an in-process runtime serves a scripted Runtime API over a real socket.
#include "../support/scripted_server.hpp"
#include "../support/test_support.hpp"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>

// GCC pairs the library's inlined `new` with the free() in our replacement delete and warns;
// both sides are ours (malloc/free), so the pairing is right.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace {
thread_local bool counting = false;
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  if (counting) ++allocations;
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

TEST_CASE("a raw handler's steady state makes no heap allocation") {
  std::atomic<int> served{0};
  test::scripted_server server([&](int fd, int) {
    char id[64];
    for (;;) {
      const std::string request = test::read_request(fd);
      if (request.empty()) return;
      if (request.starts_with("GET")) {
        const int n = served++;
        std::snprintf(id, sizeof id, "8476a536-e9f4-11e8-9739-%012d", n);
        test::send_all(fd, std::string("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: ") + id +
                               "\r\nLambda-Runtime-Deadline-Ms: 1700000000000\r\n"
                               "Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:f\r\n"
                               "Lambda-Runtime-Trace-Id: Root=1-5e9f0c65-1de4d666d4dd26aced" + std::to_string(100000 + n % 900000) +
                               ";Sampled=1\r\nLambda-Runtime-Invocation-Id: " + id +
                               "\r\nContent-Length: 17\r\n\r\n{\"name\":\"steady\"}");
      } else {
        test::send_all(fd, "HTTP/1.1 202 Accepted\r\nContent-Length: 15\r\n\r\n{\"status\":\"OK\"}");
      }
    }
  });
  lambda_coro::runtime rt(server.address());
  auto serve = [&](int invocations) {
    for (int i = 0; i < invocations; ++i) {
      auto inv = rt.next_invocation().await_resume();
      REQUIRE(inv.event() == R"({"name":"steady"})");
      inv.respond(inv.event()).await_resume();
    }
  };
  counting = true;  // the counter itself works (volatile: an optimizer may drop a new/delete pair)
  int* volatile probe = new int(1);
  delete probe;
  counting = false;
  CHECK(allocations == 1);

  serve(20);  // warm-up: buffers reach their working size
  allocations = 0;
  counting = true;
  serve(2000);
  counting = false;
  CHECK(allocations == 0);
}
