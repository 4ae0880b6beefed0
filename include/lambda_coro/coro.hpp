// lambda-coro's coroutine machinery, apart from Lambda: task, the event loop, timers,
// fd waits, when_all, spawn and async_scope.
#ifndef LAMBDA_CORO_CORO_HPP_INCLUDED
#define LAMBDA_CORO_CORO_HPP_INCLUDED

#include <lambda_coro/coro/loop.hpp>
#include <lambda_coro/coro/spawn.hpp>
#include <lambda_coro/coro/task.hpp>
#include <lambda_coro/coro/when_all.hpp>
#endif  // LAMBDA_CORO_CORO_HPP_INCLUDED
