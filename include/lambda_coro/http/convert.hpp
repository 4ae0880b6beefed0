// The pure side of the HTTP adapter: events from API Gateway (REST and HTTP APIs), ALB and
// function URLs become http::request; http::response goes back in the shape that front
// expects, buffered or as a streamed response's prelude. No runtime here: usable from tests,
// other runtimes or tools.
#ifndef LAMBDA_CORO_HTTP_CONVERT_HPP_INCLUDED
#define LAMBDA_CORO_HTTP_CONVERT_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/alb.hpp>
#include <lambda_coro/events/apigw.hpp>
#include <lambda_coro/events/base64.hpp>
#include <lambda_coro/events/lambda_url.hpp>
#include <lambda_coro/http/message.hpp>
#include <lambda_coro/http/router.hpp>
#include <lambda_coro/json.hpp>
#include <lambda_coro/runtime/errors.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace http {
namespace detail {

struct any_request_context {
  std::optional<events::elb_context> elb;
  std::optional<events::http_description> http;
  std::optional<std::string> domain_name;
};
BOOST_DESCRIBE_STRUCT(any_request_context, (), (elb, http, domain_name))
constexpr auto json_options(const any_request_context*) { return json::object_options(json::naming::camel_case); }

// Function URL events carry routeKey "$default" like HTTP API events; only their domain,
// <url-id>.lambda-url.<region>.on.aws, tells them apart.
inline bool is_function_url_domain(std::string_view domain) {
  return domain.find(".lambda-url.") != std::string_view::npos && domain.ends_with(".on.aws");
}

// Every field any HTTP front sends that a request needs, read in one pass.
struct any_http_event {
  std::optional<std::string> route_key;
  std::optional<std::string> raw_path;
  std::optional<std::string> raw_query_string;
  std::vector<std::string> cookies;
  std::optional<std::string> http_method;
  std::optional<std::string> path;
  events::string_map headers;
  events::multi_string_map multi_value_headers;
  events::string_map query_string_parameters;
  events::multi_string_map multi_value_query_string_parameters;
  events::string_map path_parameters;
  any_request_context request_context;
  std::optional<std::string> body;
  bool is_base64_encoded = false;
};
BOOST_DESCRIBE_STRUCT(any_http_event, (),
                      (route_key, raw_path, raw_query_string, cookies, http_method, path, headers, multi_value_headers,
                       query_string_parameters, multi_value_query_string_parameters, path_parameters,
                       request_context, body, is_base64_encoded))
constexpr auto json_options(const any_http_event*) { return json::object_options(json::naming::camel_case); }

struct alb_single_value_response {
  int status_code = 200;
  std::string status_description;
  events::string_map headers;
  std::string body;
  bool is_base64_encoded = false;
};
BOOST_DESCRIBE_STRUCT(alb_single_value_response, (), (status_code, status_description, headers, body, is_base64_encoded))
constexpr auto json_options(const alb_single_value_response*) { return json::object_options(json::naming::camel_case); }

struct alb_multi_value_response {
  int status_code = 200;
  std::string status_description;
  events::multi_string_map multi_value_headers;
  std::string body;
  bool is_base64_encoded = false;
};
BOOST_DESCRIBE_STRUCT(alb_multi_value_response, (),
                      (status_code, status_description, multi_value_headers, body, is_base64_encoded))
constexpr auto json_options(const alb_multi_value_response*) { return json::object_options(json::naming::camel_case); }

struct error_message {
  std::string message;
};
BOOST_DESCRIBE_STRUCT(error_message, (), (message))

struct bad_request {
  std::string message;
  std::string path;  // where in the body, as a JSON path ("$.items[2].price")
  std::string problem;
};
BOOST_DESCRIBE_STRUCT(bad_request, (), (message, path, problem))

// Query parameters that arrive as maps: ALB leaves them percent-encoded, API Gateway decodes them.
inline void take_query(request& req, events::string_map& single, events::multi_string_map& multi, bool encoded) {
  auto add = [&](const std::string& k, const std::string& v) {
    if (!req.raw_query.empty()) req.raw_query += '&';
    req.raw_query += encoded ? k : url_encode(k);
    req.raw_query += '=';
    req.raw_query += encoded ? v : url_encode(v);
    req.query.emplace_back(encoded ? url_decode(k) : k, encoded ? url_decode(v) : v);
  };
  if (!multi.empty()) {
    for (auto& [k, values] : multi)
      for (auto& v : values) add(k, v);
  } else {
    for (auto& [k, v] : single) add(k, v);
  }
}

inline void take_headers(request& req, events::string_map& single, events::multi_string_map& multi) {
  if (!multi.empty()) {
    req.multi_value_headers = true;
    for (auto& [k, values] : multi)
      for (auto& v : values) req.headers.add(k, v);
  } else {
    for (auto& [k, v] : single) req.headers.add(k, v);
  }
}

inline std::string joined(const std::vector<std::string_view>& values, std::string_view separator) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += separator;
    out += v;
  }
  return out;
}

// Response headers for fronts that take a list per name; cookies become Set-Cookie values.
inline events::multi_string_map multi_value_headers(const response& res) {
  events::multi_string_map out;
  for (const auto& [k, v] : res.headers) out[k].push_back(v);
  for (const auto& c : res.cookies) out["Set-Cookie"].push_back(c);
  return out;
}

// Response headers for fronts that take one value per name: repeated names are comma-joined.
inline events::string_map single_value_headers(const response& res) {
  events::string_map out;
  for (const auto& [k, v] : res.headers)
    if (!out.count(k)) out[k] = joined(res.headers.get_all(k), ",");
  return out;
}

}  // namespace detail

// The event of any HTTP front as a request. Throws json::error for an event of no HTTP front.
inline request to_request(std::string_view event_json) {
  auto e = json::read<detail::any_http_event>(event_json);
  request req;
  const detail::any_request_context& front_context = e.request_context;
  req.event_json.assign(event_json);
  if (front_context.elb) {
    req.front = front::alb;
    req.method = e.http_method.value_or("");
    req.path = e.path.value_or("/");
    detail::take_query(req, e.query_string_parameters, e.multi_value_query_string_parameters, true);
    detail::take_headers(req, e.headers, e.multi_value_headers);
  } else if (e.raw_path) {
    const bool function_url =
        !e.route_key || (front_context.domain_name && detail::is_function_url_domain(*front_context.domain_name));
    req.front = function_url ? front::function_url : front::api_gateway_http;
    req.method = front_context.http ? front_context.http->method : e.http_method.value_or("");
    req.path = *e.raw_path;
    req.raw_query = e.raw_query_string.value_or("");
    req.query = parse_query(req.raw_query);
    for (auto& [k, v] : e.headers) req.headers.add(k, v);
    if (!e.cookies.empty() && !req.headers.contains("Cookie")) {
      std::string cookie_header;
      for (const auto& c : e.cookies) cookie_header += (cookie_header.empty() ? "" : "; ") + c;
      req.headers.add("Cookie", cookie_header);
    }
  } else if (e.http_method) {
    req.front = front::api_gateway_rest;
    req.method = *e.http_method;
    req.path = e.path.value_or("/");
    detail::take_query(req, e.query_string_parameters, e.multi_value_query_string_parameters, false);
    detail::take_headers(req, e.headers, e.multi_value_headers);
    req.multi_value_headers = true;  // REST APIs take multiValueHeaders in every response
  } else {
    throw json::error("no requestContext.elb, rawPath or httpMethod");
  }
  for (const auto& value : req.headers.get_all("Cookie")) parse_cookie_header(value, req.cookies);
  for (auto& [k, v] : e.path_parameters) req.path_parameters.emplace(k, v);
  if (e.body) {
    if (e.is_base64_encoded) {
      auto bytes = events::base64_decode(*e.body);
      if (!bytes) throw json::error("isBase64Encoded is true, but the body is not base64", "$.body");
      req.body = std::move(*bytes);
    } else {
      req.body = std::move(*e.body);
    }
  }
  return req;
}

// The response as JSON in the shape of the front that delivered `req`.
inline std::string to_event_response(const response& res, const request& req) {
  const bool base64 = res.binary;
  std::string body = base64 ? events::base64_encode(res.body) : res.body;
  switch (req.front) {
    case front::api_gateway_rest: {
      events::apigw_proxy_response out;
      out.status_code = res.status;
      out.multi_value_headers = detail::multi_value_headers(res);
      out.body = std::move(body);
      out.is_base64_encoded = base64;
      return json::write(out);
    }
    case front::api_gateway_http:
    case front::function_url: {
      events::lambda_function_url_response out;
      out.status_code = res.status;
      out.headers = detail::single_value_headers(res);
      out.cookies = res.cookies;
      out.body = std::move(body);
      out.is_base64_encoded = base64;
      return json::write(out);
    }
    case front::alb: {
      const std::string description = std::to_string(res.status) + " " + reason_phrase(res.status);
      if (req.multi_value_headers) {
        return json::write(detail::alb_multi_value_response{res.status, description, detail::multi_value_headers(res),
                                                            std::move(body), base64});
      }
      // Single-value headers: one value per name, so only the last cookie can be set.
      detail::alb_single_value_response out{res.status, description, detail::single_value_headers(res), std::move(body),
                                            base64};
      if (!res.cookies.empty()) out.headers["Set-Cookie"] = res.cookies.back();
      return json::write(out);
    }
  }
  return {};
}

// The request of any HTTP front's event; an event of no HTTP front throws function_error
// (Runtime.InvalidEvent).
inline request read_request(std::string_view event) {
  try {
    return to_request(event);
  } catch (const json::error& e) {
    throw function_error(std::string(lambda_coro::detail::invalid_event_type),
                         std::string("not an HTTP event: ") + e.what());
  }
}

// `handler`'s response to `req`, a router or a callable taking a request and returning a
// response. A json::error escaping the handler (a body that does not bind) answers 400 with
// its path and problem; any other exception answers 500 (and is logged): the client gets an
// HTTP error, not a Lambda error.
template <class Handler>
response respond(Handler& handler, request& req) {
  try {
    if constexpr (std::is_same_v<std::remove_cvref_t<Handler>, router>)
      return handler.handle(req);
    else
      return handler(req);
  } catch (const json::error& e) {
    return response::json(detail::bad_request{"Bad Request", e.path(), e.problem()}, 400);
  } catch (...) {
    const auto report = lambda_coro::detail::report_current_exception();
    lambda_coro::detail::log_line(req.method + " " + req.path + " failed with " + report.errorType + ": " +
                                  report.errorMessage);
    return response::json(detail::error_message{"Internal Server Error"}, 500);
  }
}

// Answers one event of any HTTP front with `handler`, in that front's shape (a streamed
// body is gathered first; if producing it fails, the answer is a 500).
template <class Handler>
std::string handle_event(Handler& handler, std::string_view event, const lambda_coro::context* lambda = nullptr) {
  request req = read_request(event);
  req.lambda = lambda;
  response res = respond(handler, req);
  if (res.producer) {
    try {
      res.producer([&res](std::string_view piece) { res.body.append(piece); });
    } catch (...) {
      const auto report = lambda_coro::detail::report_current_exception();
      lambda_coro::detail::log_line(req.method + " " + req.path + " failed with " + report.errorType + ": " +
                                    report.errorMessage);
      res = response::json(detail::error_message{"Internal Server Error"}, 500);
    }
  }
  return to_event_response(res, req);
}

// The content type of a streamed HTTP response (Lambda's HTTP integration format): the
// prelude, 8 NUL bytes, then the body as it is written.
inline constexpr std::string_view stream_content_type = "application/vnd.awslambda.http-integration-response";
inline constexpr std::string_view stream_prelude_end{"\0\0\0\0\0\0\0\0", 8};

namespace detail {
struct stream_prelude {
  int statusCode;
  events::string_map headers;
  std::vector<std::string> cookies;
};
BOOST_DESCRIBE_STRUCT(stream_prelude, (), (statusCode, headers, cookies))
}  // namespace detail

// The prelude of a streamed response: status, headers and cookies as JSON, followed by the
// 8 NUL bytes that end it.
inline std::string to_stream_prelude(const response& res) {
  std::string out = json::write(detail::stream_prelude{res.status, detail::single_value_headers(res), res.cookies});
  out.append(stream_prelude_end);
  return out;
}

}  // namespace http
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_HTTP_CONVERT_HPP_INCLUDED
