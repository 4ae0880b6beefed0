// What declaring a bindable type needs, without the reader and writer (and simdjson):
// the describe macros, the naming hooks, json::value and json::raw.
#ifndef LAMBDA_CORO_JSON_DECLARE_HPP_INCLUDED
#define LAMBDA_CORO_JSON_DECLARE_HPP_INCLUDED

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <lambda_coro/json/naming.hpp>
#include <lambda_coro/json/value.hpp>
#endif  // LAMBDA_CORO_JSON_DECLARE_HPP_INCLUDED
