// Compiled into every bootstrap by lambda_coro_add_bootstrap. Defining libstdc++'s verbose
// terminate handler here keeps the library's own out of the static link, and with it the C++
// demangler (~48 KiB); this one still names the escaping exception, through lambda-coro.
#include <lambda_coro/runtime/errors.hpp>

namespace __gnu_cxx {
void __verbose_terminate_handler() { lambda_coro::detail::report_terminate(); }
}  // namespace __gnu_cxx
