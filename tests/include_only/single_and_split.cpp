// The single header and the split headers in one program (both are installed side by side):
// each split header's guard is kept in the single header, so nothing is defined twice.
#include <lambda_coro.hpp>
#include <lambda_coro/http/router.hpp>
#include <lambda_coro/lambda_coro.hpp>
#include <lambda_coro/coro/task.hpp>

int main() {
  lambda_coro::http::router routes;
  return lambda_coro::json::write(lambda_coro::events::sqs_batch_response{}) == R"({"batchItemFailures":[]})" ? 0 : 1;
}
