// Benchmark bootstrap: a typed handler that binds a whole SQS batch into structs and
// answers with a small summary — the per-invocation cost of a realistic typed function.
#include <lambda_coro/events/sqs.hpp>
#include <lambda_coro/lambda_coro.hpp>

#include <cstddef>

struct summary {
  std::size_t records = 0;
  std::size_t body_bytes = 0;
};
BOOST_DESCRIBE_STRUCT(summary, (), (records, body_bytes))

summary handler(const lambda_coro::events::sqs_event& event) {
  summary s{event.records.size(), 0};
  for (const auto& m : event.records) s.body_bytes += m.body.size();
  return s;
}

int main() { return lambda_coro::start(handler); }
