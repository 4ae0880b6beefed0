// One handler for every HTTP front, run on Lambda: http::start serves a router or a callable
// taking an http::request, buffered; http::start_streaming streams its responses (function
// URLs with InvokeMode RESPONSE_STREAM). The conversions themselves are in http/convert.hpp.
#ifndef LAMBDA_CORO_HTTP_ADAPTER_HPP_INCLUDED
#define LAMBDA_CORO_HTTP_ADAPTER_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/http/convert.hpp>
#include <lambda_coro/runtime/start.hpp>

#include <string>
#include <string_view>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace http {

// Serves HTTP requests from any front with `handler`, as handle_event answers each.
template <class Handler>
int start(Handler&& handler) {
  return lambda_coro::start([&handler](std::string_view event, const context& ctx) -> std::string {
    return handle_event(handler, event, &ctx);
  });
}

// Answers one event with a streamed response: the prelude and a buffered body in one write,
// or a streamed body's pieces as the producer writes them. An exception from the producer
// after the first byte ends the stream with the error (Lambda cuts the response short).
template <class Handler>
void handle_event_streaming(Handler& handler, std::string_view event, response_stream& out,
                            const lambda_coro::context& ctx) {
  request req = read_request(event);
  req.lambda = &ctx;
  response res = respond(handler, req);
  out.set_content_type(stream_content_type);
  std::string head = to_stream_prelude(res);
  if (!res.producer) {
    head += res.body;
    out.write_blocking(head);
    return;
  }
  out.write_blocking(head);
  res.producer([&out](std::string_view piece) { out.write_blocking(piece); });
}

// Serves HTTP requests with streamed responses, for a function URL whose InvokeMode is
// RESPONSE_STREAM: every response starts with Lambda's HTTP integration prelude, and a
// response::streamed body goes out piece by piece.
template <class Handler>
int start_streaming(Handler&& handler) {
  return lambda_coro::start(
      [&handler](std::string_view event, response_stream& out, const context& ctx) {
        handle_event_streaming(handler, event, out, ctx);
      });
}

}  // namespace http
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_HTTP_ADAPTER_HPP_INCLUDED
