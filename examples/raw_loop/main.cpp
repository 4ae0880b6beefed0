// The loop in the user's hands: a coroutine that asks for each invocation and answers it.
// The payload is echoed back as it came, with no JSON binding.
#include <lambda_coro/lambda_coro.hpp>

lambda_coro::task<> serve(lambda_coro::runtime& rt) {
  for (;;) {
    auto inv = co_await rt.next_invocation();
    if (inv.event().empty())
      co_await inv.fail("Function.EmptyEvent", "the event is empty");
    else
      co_await inv.respond(inv.event());
  }
}

int main() { return lambda_coro::run(serve); }
