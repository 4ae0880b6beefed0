// The Lambda runtime: task, runtime, invocation, context, start() and run().
#ifndef LAMBDA_CORO_RUNTIME_HPP_INCLUDED
#define LAMBDA_CORO_RUNTIME_HPP_INCLUDED

#include <lambda_coro/runtime/context.hpp>
#include <lambda_coro/runtime/errors.hpp>
#include <lambda_coro/runtime/http_client.hpp>
#include <lambda_coro/runtime/runtime.hpp>
#include <lambda_coro/runtime/start.hpp>
#include <lambda_coro/runtime/task.hpp>
#endif  // LAMBDA_CORO_RUNTIME_HPP_INCLUDED
