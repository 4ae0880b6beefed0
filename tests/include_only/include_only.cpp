// Only the header: compiled twice into one program, any non-inline definition in it
// becomes a duplicate symbol at link time.
#ifdef LAMBDA_CORO_TEST_SINGLE_INCLUDE
#include <lambda_coro.hpp>
#else
#include <lambda_coro/lambda_coro.hpp>
#endif
