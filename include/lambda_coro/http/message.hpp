// HTTP requests and responses as handlers see them, whichever front (API Gateway REST or
// HTTP API, ALB, function URL) the event came from. No dependency beyond the standard library
// and the JSON layer, so a static bootstrap carries nothing else.
#ifndef LAMBDA_CORO_HTTP_MESSAGE_HPP_INCLUDED
#define LAMBDA_CORO_HTTP_MESSAGE_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/detail/text.hpp>
#include <lambda_coro/events/alb.hpp>
#include <lambda_coro/events/apigw.hpp>
#include <lambda_coro/events/lambda_url.hpp>
#include <lambda_coro/json/read.hpp>
#include <lambda_coro/json/write.hpp>
#include <lambda_coro/usage_error.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
class context;
namespace http {

using lambda_coro::detail::iequals;

// Header fields in arrival order; names compare case-insensitively; a name may repeat.
class headers {
public:
  using entry = std::pair<std::string, std::string>;

  void add(std::string_view name, std::string_view value) { entries_.emplace_back(name, value); }
  // Replaces every field of that name.
  void set(std::string_view name, std::string_view value) {
    erase(name);
    add(name, value);
  }
  void erase(std::string_view name) {
    std::erase_if(entries_, [&](const entry& e) { return iequals(e.first, name); });
  }
  // The first value, if any.
  std::optional<std::string_view> get(std::string_view name) const {
    for (const auto& [n, v] : entries_)
      if (iequals(n, name)) return v;
    return std::nullopt;
  }
  std::vector<std::string_view> get_all(std::string_view name) const {
    std::vector<std::string_view> values;
    for (const auto& [n, v] : entries_)
      if (iequals(n, name)) values.push_back(v);
    return values;
  }
  bool contains(std::string_view name) const { return get(name).has_value(); }
  std::size_t size() const noexcept { return entries_.size(); }
  bool empty() const noexcept { return entries_.empty(); }
  auto begin() const noexcept { return entries_.begin(); }
  auto end() const noexcept { return entries_.end(); }

private:
  std::vector<entry> entries_;
};

// Which integration delivered the request; the response goes back in that integration's shape.
enum class front { api_gateway_rest, api_gateway_http, function_url, alb };

using parameters = std::vector<std::pair<std::string, std::string>>;

inline std::optional<std::string_view> find_parameter(const parameters& p, std::string_view name) {
  for (const auto& [k, v] : p)
    if (k == name) return v;
  return std::nullopt;
}

struct request {
  std::string method;     // GET, POST…
  std::string path;       // as the client sent it
  std::string raw_query;  // without the '?', still percent-encoded
  http::headers headers;
  parameters query;       // decoded, in order, repeats kept
  parameters cookies;
  std::map<std::string, std::string> path_parameters;  // set by the router
  std::string body;       // bytes: base64 from the integration is already decoded
  http::front front = http::front::api_gateway_http;
  bool multi_value_headers = false;  // the integration sent headers as lists (REST API, some ALBs)
  std::string event_json;  // the event as it came: its requestContext is read from it on demand
  const lambda_coro::context* lambda = nullptr;  // set while http::start serves the request

  // The invocation's Lambda context (request id, deadline, remaining_time(), log()); throws
  // usage_error for a request not served by http::start or http::start_streaming.
  const lambda_coro::context& lambda_context() const {
    if (!lambda) lambda_coro::detail::throw_usage_error("lambda_context(): the request is not being served on Lambda");
    return *lambda;
  }

  // The front's request context, typed, parsed on first use: nullptr when the request came
  // from another front. Authorizer output (JWT claims and scopes, IAM identity, a Lambda
  // authorizer's context), source IP, stage and API Gateway's request id are in there.
  const events::apigw_request_context* rest_api_context() const {
    return context_as<events::apigw_request_context>(front::api_gateway_rest);
  }
  const events::http_request_context* http_api_context() const {
    return context_as<events::http_request_context>(front::api_gateway_http);
  }
  const events::lambda_function_url_request_context* function_url_context() const {
    return context_as<events::lambda_function_url_request_context>(front::function_url);
  }
  const events::alb_request_context* alb_context() const { return context_as<events::alb_request_context>(front::alb); }

  // The client's address whichever the front: the request context's, or for an ALB the
  // first address in X-Forwarded-For.
  std::string source_ip() const {
    switch (front) {
      case front::api_gateway_rest: return rest_api_context()->identity.source_ip;
      case front::api_gateway_http: return http_api_context()->http.source_ip;
      case front::function_url: return function_url_context()->http.source_ip;
      case front::alb: {
        const std::string_view forwarded = headers.get("X-Forwarded-For").value_or("");
        std::string_view first = forwarded.substr(0, forwarded.find(','));
        while (!first.empty() && first.front() == ' ') first.remove_prefix(1);
        while (!first.empty() && first.back() == ' ') first.remove_suffix(1);
        return std::string(first);
      }
    }
    return {};
  }

  std::optional<std::string_view> query_parameter(std::string_view name) const { return find_parameter(query, name); }
  std::vector<std::string_view> query_parameters(std::string_view name) const {
    std::vector<std::string_view> values;
    for (const auto& [k, v] : query)
      if (k == name) values.push_back(v);
    return values;
  }
  std::optional<std::string_view> cookie(std::string_view name) const { return find_parameter(cookies, name); }
  std::optional<std::string_view> path_parameter(std::string_view name) const {
    const auto it = path_parameters.find(std::string(name));
    if (it == path_parameters.end()) return std::nullopt;
    return std::string_view(it->second);
  }

private:
  template <class Context>
  struct context_holder {
    Context request_context;
    BOOST_DESCRIBE_CLASS(context_holder, (), (request_context), (), ())
    friend constexpr auto json_options(const context_holder*) { return json::object_options(json::naming::camel_case); }
  };

  template <class Context>
  const Context* context_as(http::front wanted) const {
    if (front != wanted) return nullptr;
    if (!std::holds_alternative<Context>(parsed_context_)) {
      // A hand-made request, with no event, has an empty context.
      parsed_context_ = event_json.empty() ? Context{} : json::read<context_holder<Context>>(event_json).request_context;
    }
    return &std::get<Context>(parsed_context_);
  }
  mutable std::variant<std::monostate, events::apigw_request_context, events::http_request_context,
                       events::lambda_function_url_request_context, events::alb_request_context>
      parsed_context_;
};

// Sends one piece of a streamed body.
using body_writer = std::function<void(std::string_view)>;

struct response {
  int status = 200;
  http::headers headers;
  std::vector<std::string> cookies;  // Set-Cookie values
  std::string body;
  bool binary = false;  // the body is bytes, not text: base64 on the way out
  // A body made piece by piece (response::streamed): on a streaming function each piece
  // goes out as it is written; otherwise the pieces are gathered into `body` first.
  std::function<void(const body_writer&)> producer;

  // A body written by `produce` after the status and headers have gone.
  static response streamed(std::function<void(const body_writer&)> produce, std::string_view content_type,
                           int status = 200) {
    response r;
    r.status = status;
    r.headers.set("Content-Type", content_type);
    r.producer = std::move(produce);
    return r;
  }

  // Bodies are anything a std::string is made from: std::string, std::string_view, const char*.
  template <class Text>
    requires std::is_constructible_v<std::string, Text&&>
  static response text(Text&& body, int status = 200) {
    response r;
    r.status = status;
    r.headers.set("Content-Type", "text/plain; charset=utf-8");
    r.body = std::string(std::forward<Text>(body));
    return r;
  }
  template <class T>
  static response json(const T& value, int status = 200) {
    response r;
    r.status = status;
    r.headers.set("Content-Type", "application/json");
    r.body = lambda_coro::json::write(value);
    return r;
  }
  template <class Bytes>
    requires std::is_constructible_v<std::string, Bytes&&>
  static response bytes(Bytes&& body, std::string_view content_type, int status = 200) {
    response r;
    r.status = status;
    r.headers.set("Content-Type", content_type);
    r.body = std::string(std::forward<Bytes>(body));
    r.binary = true;
    return r;
  }
};

inline const char* reason_phrase(int status) noexcept {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "";
  }
}

// Percent-decoding for query strings ('+' is a space there); malformed escapes stay as they are.
inline std::string url_decode(std::string_view text, bool plus_is_space = true) {
  return detail::percent_decode(text, plus_is_space);
}

inline std::string url_encode(std::string_view text) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' || u == '_' ||
        u == '.' || u == '~') {
      out += c;
    } else {
      out += '%';
      out += digits[u >> 4];
      out += digits[u & 15];
    }
  }
  return out;
}

// "a=1&b=two%20words&a=3" -> {{"a","1"},{"b","two words"},{"a","3"}}
inline parameters parse_query(std::string_view raw) {
  parameters out;
  while (!raw.empty()) {
    const auto amp = raw.find('&');
    const std::string_view pair = raw.substr(0, amp);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      out.emplace_back(url_decode(pair.substr(0, eq)),
                       eq == std::string_view::npos ? std::string() : url_decode(pair.substr(eq + 1)));
    }
    if (amp == std::string_view::npos) break;
    raw.remove_prefix(amp + 1);
  }
  return out;
}

// "a=1; b=2; c" -> {{"a","1"},{"b","2"},{"c",""}}
// The "name=value" pairs of a Cookie header, as API Gateway's `cookies` list holds them.
inline std::vector<std::string_view> split_cookie_header(std::string_view header) {
  std::vector<std::string_view> pairs;
  while (!header.empty()) {
    const auto semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    while (!pair.empty() && pair.back() == ' ') pair.remove_suffix(1);
    if (!pair.empty()) pairs.push_back(pair);
    if (semi == std::string_view::npos) break;
    header.remove_prefix(semi + 1);
  }
  return pairs;
}

inline void parse_cookie_header(std::string_view header, parameters& out) {
  for (const std::string_view pair : split_cookie_header(header)) {
    const auto eq = pair.find('=');  // a cookie without '=' is a name with an empty value
    out.emplace_back(std::string(pair.substr(0, eq)),
                     eq == std::string_view::npos ? std::string() : std::string(pair.substr(eq + 1)));
  }
}

}  // namespace http
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_HTTP_MESSAGE_HPP_INCLUDED
