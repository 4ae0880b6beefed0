// config.hpp's version macros must spell the VERSION file the build read (passed in as
// LAMBDA_CORO_PROJECT_VERSION): one version source for CMake, Meson and the header.
#include <lambda_coro/config.hpp>

#include <string_view>

static_assert(std::string_view(LAMBDA_CORO_PROJECT_VERSION) ==
                  LAMBDA_CORO_DETAIL_STRINGIFY(LAMBDA_CORO_VERSION_MAJOR) "." LAMBDA_CORO_DETAIL_STRINGIFY(
                      LAMBDA_CORO_VERSION_MINOR) "." LAMBDA_CORO_DETAIL_STRINGIFY(LAMBDA_CORO_VERSION_PATCH),
              "include/lambda_coro/config.hpp's LAMBDA_CORO_VERSION_* do not match the VERSION file");

int main() { return 0; }
