// libFuzzer target for the HTTP adapter's parsers of untrusted input: events into requests
// (JSON, base64 bodies, percent-encoding, cookies), routing, and response events back.
#include <lambda_coro/lambda_coro.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace http = lambda_coro::http;
namespace events = lambda_coro::events;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  // base64: decoding never crashes; what decodes re-encodes to a canonical form that decodes the same.
  if (auto bytes = events::base64_decode(input)) {
    if (events::base64_decode(events::base64_encode(*bytes)) != bytes) std::abort();
  }
  if (events::base64_decode(events::base64_encode(input)) != std::string(input)) std::abort();

  // Percent-encoding round-trips; query strings and cookie headers parse.
  if (http::url_decode(http::url_encode(input), false) != input) std::abort();
  (void)http::parse_query(input);
  http::parameters cookies;
  http::parse_cookie_header(input, cookies);

  // Events of any front: a request, routed, answered in the front's shape, readable again.
  try {
    http::request req = http::to_request(input);
    static http::router routes = [] {
      http::router r;
      r.get("/a/{id}", [](const http::request& q) { return http::response::text(std::string(*q.path_parameter("id"))); });
      r.any("/files/{rest+}", [](const http::request& q) { return http::response::bytes(q.body, "application/octet-stream"); });
      return r;
    }();
    const http::response res = routes.handle(req);
    (void)lambda_coro::json::read<lambda_coro::json::value>(http::to_event_response(res, req));
  } catch (const lambda_coro::json::error&) {
  }
  return 0;
}
