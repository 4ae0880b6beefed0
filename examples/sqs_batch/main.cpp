// An SQS consumer that reports partial batch failures: only the messages it could not
// process go back to the queue (the function's event source mapping needs
// ReportBatchItemFailures).
#include <lambda_coro/events/sqs.hpp>
#include <lambda_coro/lambda_coro.hpp>

#include <string>

namespace events = lambda_coro::events;
namespace json = lambda_coro::json;

struct order {
  std::string order_id;
  int quantity = 0;
};
BOOST_DESCRIBE_STRUCT(order, (), (order_id, quantity))
constexpr auto json_options(const order*) { return json::object_options(json::naming::camel_case); }

events::sqs_batch_response handler(const events::sqs_event& event) {
  events::sqs_batch_response failures;
  for (const auto& message : event.records) {
    try {
      const auto o = json::read<order>(message.body);
      if (o.quantity <= 0) throw std::invalid_argument("quantity must be positive");
      // ... process the order ...
    } catch (const std::exception&) {
      failures.batch_item_failures.push_back({message.message_id});
    }
  }
  return failures;
}

int main() { return lambda_coro::start(handler); }
