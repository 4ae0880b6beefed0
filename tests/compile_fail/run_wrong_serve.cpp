// expect: lambda_coro::run: serve must be callable as lambda_coro::task<>(lambda_coro::runtime&)
#include "common.hpp"
void serve(lambda_coro::runtime&) {}
int main() { return lambda_coro::run(serve); }
