// lambda-coro: a header-only C++20 AWS Lambda custom runtime.
#pragma once

#include <lambda_coro/config.hpp>
#include <lambda_coro/events.hpp>
#include <lambda_coro/http.hpp>
#include <lambda_coro/json.hpp>
#include <lambda_coro/runtime.hpp>
