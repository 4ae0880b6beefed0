// lambda-coro: a header-only C++20 AWS Lambda custom runtime.
#ifndef LAMBDA_CORO_LAMBDA_CORO_HPP_INCLUDED
#define LAMBDA_CORO_LAMBDA_CORO_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events.hpp>
#include <lambda_coro/extension.hpp>
#include <lambda_coro/http.hpp>
#include <lambda_coro/json.hpp>
#include <lambda_coro/log.hpp>
#include <lambda_coro/runtime.hpp>
#endif  // LAMBDA_CORO_LAMBDA_CORO_HPP_INCLUDED
