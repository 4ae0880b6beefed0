// A CloudWatch Logs subscription consumer: the payload decoded in one call (zlib, opt-in),
// each error line counted. Link zlib: -lz (static: Debian's zlib1g-dev has libz.a).
#include <lambda_coro/events/cloudwatch_logs_zlib.hpp>
#include <lambda_coro/lambda_coro.hpp>

#include <cstdint>
#include <string>

namespace events = lambda_coro::events;

struct log_summary {
  std::string log_group;
  std::int64_t events = 0;
  std::int64_t errors = 0;
};
BOOST_DESCRIBE_STRUCT(log_summary, (), (log_group, events, errors))

log_summary handler(const events::cloudwatch_logs_event& event) {
  const events::cloudwatch_logs_data data = events::decode(event);
  log_summary summary{data.log_group, static_cast<std::int64_t>(data.log_events.size()), 0};
  for (const auto& e : data.log_events)
    if (e.message.find("ERROR") != std::string::npos) ++summary.errors;
  return summary;
}

int main() { return lambda_coro::start(handler); }
