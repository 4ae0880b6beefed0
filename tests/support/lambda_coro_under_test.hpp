// The library as the tests see it: the header tree, or the generated single header.
#pragma once

#ifdef LAMBDA_CORO_TEST_SINGLE_INCLUDE
#include <lambda_coro.hpp>
#else
#include <lambda_coro/lambda_coro.hpp>
#endif
