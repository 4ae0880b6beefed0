// How AWS spells event members: camelCase, unless a struct declares otherwise.
#ifndef LAMBDA_CORO_EVENTS_NAMING_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_NAMING_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/json/declare.hpp>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

// Found by ADL for every type of this namespace (and types derived from one). A struct that
// AWS spells differently declares its own non-template json_options, which wins.
template <class T>
constexpr auto json_options(const T*) {
  return json::object_options(json::naming::camel_case);
}

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_NAMING_HPP_INCLUDED
