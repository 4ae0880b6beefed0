// expect: Generic lambdas (auto parameters) cannot be inspected
#include "common.hpp"
int main() {
  return lambda_coro::start([](const auto& event) { return event; });
}
