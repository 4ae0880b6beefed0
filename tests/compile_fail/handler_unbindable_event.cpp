// expect: lambda_coro::json cannot bind this type
#include "common.hpp"
struct opaque { int x; };
std::string handler(const opaque&) { return "x"; }
int main() { return lambda_coro::start(handler); }
