// libFuzzer target: arbitrary bytes as a CloudWatch Logs payload. gunzip either returns
// bytes within the limit or throws json::error; decode never crashes on what it inflates.
#include <lambda_coro/events/cloudwatch_logs_zlib.hpp>
#include <lambda_coro/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace ev = lambda_coro::events;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  constexpr std::size_t limit = 1 << 20;
  try {
    if (ev::gunzip(bytes, limit).size() > limit) std::abort();
  } catch (const lambda_coro::json::error&) {
  }
  ev::cloudwatch_logs_event event;
  event.awslogs.data = ev::base64_encode(bytes);
  try {
    (void)ev::decode(event, limit);
  } catch (const lambda_coro::json::error&) {
  }
  return 0;
}
