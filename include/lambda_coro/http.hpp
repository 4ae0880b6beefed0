// The HTTP adapter: one handler set for API Gateway, ALB and function URLs.
#pragma once

#include <lambda_coro/http/adapter.hpp>
#include <lambda_coro/http/message.hpp>
#include <lambda_coro/http/router.hpp>
