# Initial cache (`cmake -C cmake/packaging.cmake`) shared by the vcpkg port and the conan
# recipe: the library, its helper and scripts, no tests, examples or benchmarks.
set(LAMBDA_CORO_BUILD_TESTS OFF CACHE BOOL "")
set(LAMBDA_CORO_BUILD_EXAMPLES OFF CACHE BOOL "")
set(LAMBDA_CORO_BUILD_BENCHMARKS OFF CACHE BOOL "")
set(LAMBDA_CORO_BUILD_FUZZERS OFF CACHE BOOL "")
