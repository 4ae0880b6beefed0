// Compiled into every bootstrap by lambda_coro_add_bootstrap (and the Meson helper): the one
// translation unit that defines libstdc++'s verbose terminate handler as lambda-coro's own.
#define LAMBDA_CORO_DEFINE_TERMINATE_HANDLER
#include <lambda_coro/runtime/errors.hpp>
