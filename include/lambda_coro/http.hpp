// The HTTP adapter: one handler set for API Gateway, ALB and function URLs.
#ifndef LAMBDA_CORO_HTTP_HPP_INCLUDED
#define LAMBDA_CORO_HTTP_HPP_INCLUDED

#include <lambda_coro/http/adapter.hpp>
#include <lambda_coro/http/convert.hpp>
#include <lambda_coro/http/message.hpp>
#include <lambda_coro/http/router.hpp>
#endif  // LAMBDA_CORO_HTTP_HPP_INCLUDED
