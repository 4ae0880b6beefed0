// lambda-coro: configuration macros and the versioned namespace.
#ifndef LAMBDA_CORO_CONFIG_HPP_INCLUDED
#define LAMBDA_CORO_CONFIG_HPP_INCLUDED

// The version, as in the VERSION file (a test holds them together).
#define LAMBDA_CORO_VERSION_MAJOR 0
#define LAMBDA_CORO_VERSION_MINOR 1
#define LAMBDA_CORO_VERSION_PATCH 0

// Deepest object/array nesting the JSON reader accepts; deeper input is a json::error,
// which keeps recursion (and so stack use) bounded on untrusted events.
#ifndef LAMBDA_CORO_JSON_MAX_DEPTH
#define LAMBDA_CORO_JSON_MAX_DEPTH 256
#endif

// 1: documents bound wholly into owning types (no string_view, json::value, json::raw or
// std::variant) are read in one pass, On-Demand taking over for anything that pass is unsure
// of. Same values and errors either way; faster, and more code, so builds for size leave it
// out (which is also why it changes no namespace: only speed and size differ).
#ifndef LAMBDA_CORO_JSON_SINGLE_PASS
#ifdef __OPTIMIZE_SIZE__
#define LAMBDA_CORO_JSON_SINGLE_PASS 0
#else
#define LAMBDA_CORO_JSON_SINGLE_PASS 1
#endif
#endif

// Reconnection attempts after a refused or dropped connection (so 1 + this many tries in
// all), the delay doubling from LAMBDA_CORO_RECONNECT_DELAY_MS; then the runtime exits.
#ifndef LAMBDA_CORO_RECONNECT_ATTEMPTS
#define LAMBDA_CORO_RECONNECT_ATTEMPTS 6
#endif
#ifndef LAMBDA_CORO_RECONNECT_DELAY_MS
#define LAMBDA_CORO_RECONNECT_DELAY_MS 10
#endif

#define LAMBDA_CORO_DETAIL_CAT2(a, b) a##b
#define LAMBDA_CORO_DETAIL_CAT(a, b) LAMBDA_CORO_DETAIL_CAT2(a, b)
#define LAMBDA_CORO_DETAIL_STRINGIFY2(a) #a
#define LAMBDA_CORO_DETAIL_STRINGIFY(a) LAMBDA_CORO_DETAIL_STRINGIFY2(a)

// The inline namespace encodes the version and every config macro that changes behaviour,
// so translation units built with different settings never share a definition (ODR):
// v<major>_<minor>, then, when any macro is not at its default,
// _d<max depth>_r<reconnect attempts>_<reconnect delay ms>. Short, because it is spelt in
// every type name a static bootstrap carries for its exceptions.
#define LAMBDA_CORO_DETAIL_VERSION_NAMESPACE \
  LAMBDA_CORO_DETAIL_CAT(LAMBDA_CORO_DETAIL_CAT(v, LAMBDA_CORO_VERSION_MAJOR), LAMBDA_CORO_DETAIL_CAT(_, LAMBDA_CORO_VERSION_MINOR))
#if LAMBDA_CORO_JSON_MAX_DEPTH == 256 && LAMBDA_CORO_RECONNECT_ATTEMPTS == 6 && LAMBDA_CORO_RECONNECT_DELAY_MS == 10
#define LAMBDA_CORO_ABI_NAMESPACE LAMBDA_CORO_DETAIL_VERSION_NAMESPACE
#else
#define LAMBDA_CORO_ABI_NAMESPACE                                                                         \
  LAMBDA_CORO_DETAIL_CAT(                                                                                 \
      LAMBDA_CORO_DETAIL_VERSION_NAMESPACE,                                                               \
      LAMBDA_CORO_DETAIL_CAT(LAMBDA_CORO_DETAIL_CAT(_d, LAMBDA_CORO_JSON_MAX_DEPTH),                      \
                             LAMBDA_CORO_DETAIL_CAT(LAMBDA_CORO_DETAIL_CAT(_r, LAMBDA_CORO_RECONNECT_ATTEMPTS), \
                                                    LAMBDA_CORO_DETAIL_CAT(_, LAMBDA_CORO_RECONNECT_DELAY_MS))))
#endif

#define LAMBDA_CORO_BEGIN_NAMESPACE \
  namespace lambda_coro {           \
  inline namespace LAMBDA_CORO_ABI_NAMESPACE {
#define LAMBDA_CORO_END_NAMESPACE \
  }                               \
  }
#endif  // LAMBDA_CORO_CONFIG_HPP_INCLUDED
