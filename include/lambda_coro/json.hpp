// JSON binding: described structs to and from JSON text.
#ifndef LAMBDA_CORO_JSON_HPP_INCLUDED
#define LAMBDA_CORO_JSON_HPP_INCLUDED

// The describe macros users need next to their types: BOOST_DESCRIBE_STRUCT, BOOST_DESCRIBE_ENUM.
#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <lambda_coro/json/error.hpp>
#include <lambda_coro/json/naming.hpp>
#include <lambda_coro/json/read.hpp>
#include <lambda_coro/json/value.hpp>
#include <lambda_coro/json/write.hpp>
#endif  // LAMBDA_CORO_JSON_HPP_INCLUDED
