// expect: lambda_coro::start: a handler is callable as R(const Event&)
#include "common.hpp"
struct request { std::string name; };
BOOST_DESCRIBE_STRUCT(request, (), (name))
int handler(const request&, const lambda_coro::context&, int) { return 0; }
int main() { return lambda_coro::start(handler); }
