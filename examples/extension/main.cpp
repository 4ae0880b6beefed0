// An external extension: a program Lambda starts next to the function (from a layer's
// /opt/extensions/) that lives across invocations. This one counts invocations, logs each,
// and reports on SHUTDOWN. Try it locally:
//   lambda-coro-emulator --extension build/examples/extension -- build/examples/hello
#include <lambda_coro/lambda_coro.hpp>

#include <cstdio>

int main() {
  using lambda_coro::extension_event_type;
  try {
    // An external extension's name is its file name in /opt/extensions.
    lambda_coro::extension ext("invocation-counter", {extension_event_type::invoke, extension_event_type::shutdown});
    long invocations = 0;
    for (;;) {
      const lambda_coro::extension_event e = ext.next();
      if (e.type == extension_event_type::invoke) {
        ++invocations;
        lambda_coro::log().info("INVOKE", {{"requestId", e.request_id}, {"count", invocations}});
        continue;
      }
      lambda_coro::log().info("SHUTDOWN", {{"reason", e.shutdown_reason}, {"invocations", invocations}});
      return 0;
    }
  } catch (const std::exception& e) {
    lambda_coro::log().error("the extension failed", e);
    return 1;
  }
}
