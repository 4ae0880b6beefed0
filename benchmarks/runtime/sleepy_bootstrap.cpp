// A coroutine handler that waits 1 ms (a downstream call) per invocation: what concurrency_bench
// runs at AWS_LAMBDA_MAX_CONCURRENCY 1 and N.
#include <lambda_coro/lambda_coro.hpp>

#include <chrono>

lambda_coro::task<std::string_view> wait_a_millisecond(std::string_view) {
  co_await lambda_coro::sleep_for(std::chrono::milliseconds(1));
  co_return R"({"ok":true})";
}

int main() { return lambda_coro::start(wait_a_millisecond); }
