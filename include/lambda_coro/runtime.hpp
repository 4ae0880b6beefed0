// The Lambda runtime: runtime, invocation, context, start() and run(), on lambda-coro's
// coroutines (task, the event loop) and its Runtime API client.
#ifndef LAMBDA_CORO_RUNTIME_HPP_INCLUDED
#define LAMBDA_CORO_RUNTIME_HPP_INCLUDED

#include <lambda_coro/coro.hpp>
#include <lambda_coro/runtime/context.hpp>
#include <lambda_coro/runtime/errors.hpp>
#include <lambda_coro/runtime/runtime.hpp>
#include <lambda_coro/runtime/start.hpp>
#include <lambda_coro/transport/http_client.hpp>
#endif  // LAMBDA_CORO_RUNTIME_HPP_INCLUDED
