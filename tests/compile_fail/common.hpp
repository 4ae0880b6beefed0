#pragma once
#include "../support/lambda_coro_under_test.hpp"
#include <map>
#include <string>
#include <variant>
namespace json = lambda_coro::json;
