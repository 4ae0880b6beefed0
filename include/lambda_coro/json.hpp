// JSON binding: described structs to and from JSON text.
#ifndef LAMBDA_CORO_JSON_HPP_INCLUDED
#define LAMBDA_CORO_JSON_HPP_INCLUDED

// declare.hpp brings BOOST_DESCRIBE_STRUCT and the naming hooks users need next to their types.
#include <lambda_coro/json/declare.hpp>
#include <lambda_coro/json/error.hpp>
#include <lambda_coro/json/read.hpp>
#include <lambda_coro/json/write.hpp>
#endif  // LAMBDA_CORO_JSON_HPP_INCLUDED
