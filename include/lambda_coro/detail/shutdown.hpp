// Where start() and run() find the shutdown setup: set by lambda_coro::on_shutdown(), so a
// function without shutdown hooks links none of it (extension.hpp).
#ifndef LAMBDA_CORO_DETAIL_SHUTDOWN_HPP_INCLUDED
#define LAMBDA_CORO_DETAIL_SHUTDOWN_HPP_INCLUDED

#include <lambda_coro/config.hpp>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace detail {
inline void (*arm_shutdown_hook)(bool local_mode) = nullptr;

inline void arm_shutdown_if_wanted(bool local_mode) {
  if (arm_shutdown_hook) arm_shutdown_hook(local_mode);
}
}  // namespace detail
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_DETAIL_SHUTDOWN_HPP_INCLUDED
