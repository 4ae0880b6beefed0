#pragma once
#ifdef LAMBDA_CORO_TEST_SINGLE_INCLUDE
#include <lambda_coro.hpp>
#else
#include <lambda_coro/lambda_coro.hpp>
#endif
#include <map>
#include <string>
#include <variant>
namespace json = lambda_coro::json;
