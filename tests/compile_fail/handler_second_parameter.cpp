// expect: lambda_coro::start: a handler is callable as R(const Event&)
#include "common.hpp"
std::string handler(std::string_view event, const std::string& not_a_context) { return std::string(event) + not_a_context; }
int main() { return lambda_coro::start(handler); }
