#ifdef LAMBDA_CORO_TEST_SINGLE_INCLUDE
#include <lambda_coro.hpp>
#else
#include <lambda_coro/lambda_coro.hpp>
#endif

int main() { return lambda_coro::json::write(lambda_coro::json::value(1)) == "1" ? 0 : 1; }
