// The emulator's HTTP front: an ordinary HTTP request becomes the event an API Gateway
// HTTP API (2.0), REST API (1.0) or ALB would send, and the function's answer becomes the
// HTTP response — `sam local start-api` without Docker.
#pragma once

#include <lambda_coro/events/alb.hpp>
#include <lambda_coro/events/apigw.hpp>
#include <lambda_coro/events/base64.hpp>
#include <lambda_coro/http/message.hpp>
#include <lambda_coro/json.hpp>

#include <httplib.h>
#include <simdjson.h>

#include <cctype>
#include <chrono>
#include <string>
#include <string_view>

namespace emulator {

enum class event_format { http_api, rest_api, alb };

inline std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Text bodies go as they are; anything that is not UTF-8 goes base64, as API Gateway does.
inline void set_body(const httplib::Request& req, std::optional<std::string>& body, bool& base64) {
  if (req.body.empty()) return;
  base64 = !simdjson::validate_utf8(req.body.data(), req.body.size());
  body = base64 ? lambda_coro::events::base64_encode(req.body) : req.body;
}

inline std::string raw_query(const httplib::Request& req) {
  const auto q = req.target.find('?');
  return q == std::string::npos ? std::string() : req.target.substr(q + 1);
}

inline std::string make_event(const httplib::Request& req, event_format format, const std::string& request_id) {
  namespace ev = lambda_coro::events;
  const auto now = std::chrono::system_clock::now();
  const auto epoch_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::string user_agent = req.get_header_value("User-Agent");
  switch (format) {
    case event_format::http_api: {
      ev::http_api_request e;
      e.version = "2.0";
      e.route_key = "$default";
      e.raw_path = req.path;
      e.raw_query_string = raw_query(req);
      for (const auto& [name, value] : req.headers) {
        if (lambda_coro::detail::iequals(name, "cookie")) {
          for (const auto pair : lambda_coro::http::split_cookie_header(value)) e.cookies.emplace_back(pair);
          continue;
        }
        auto& slot = e.headers[lower(name)];
        slot += (slot.empty() ? "" : ",") + value;
      }
      for (const auto& [name, value] : req.params) {
        auto& slot = e.query_string_parameters[name];
        slot += (slot.empty() ? "" : ",") + value;
      }
      e.request_context = {"$default", "000000000000", "$default", request_id, std::nullopt, "local", std::nullopt,
                           req.get_header_value("Host"), "local", std::to_string(epoch_ms), epoch_ms,
                           {req.method, req.path, req.version, req.remote_addr, user_agent}};
      set_body(req, e.body, e.is_base64_encoded);
      return lambda_coro::json::write(e);
    }
    case event_format::rest_api: {
      ev::apigw_proxy_request e;
      e.resource = "/{proxy+}";
      e.path = req.path;
      e.http_method = req.method;
      for (const auto& [name, value] : req.headers) {
        e.headers[name] = value;
        e.multi_value_headers[name].push_back(value);
      }
      for (const auto& [name, value] : req.params) {
        e.query_string_parameters[name] = value;
        e.multi_value_query_string_parameters[name].push_back(value);
      }
      e.path_parameters["proxy"] = req.path.size() > 1 ? req.path.substr(1) : "";
      e.request_context.account_id = "000000000000";
      e.request_context.resource_id = "local";
      e.request_context.stage = "local";
      e.request_context.request_id = request_id;
      e.request_context.identity.source_ip = req.remote_addr;
      e.request_context.identity.user_agent = user_agent;
      e.request_context.resource_path = "/{proxy+}";
      e.request_context.path = req.path;
      e.request_context.http_method = req.method;
      e.request_context.request_time_epoch = epoch_ms;
      e.request_context.api_id = "local";
      set_body(req, e.body, e.is_base64_encoded);
      return lambda_coro::json::write(e);
    }
    case event_format::alb: {
      ev::alb_target_group_request e;
      e.http_method = req.method;
      e.path = req.path;
      const std::string query = raw_query(req);
      std::string_view q = query;
      while (!q.empty()) {  // ALB passes query parameters still percent-encoded
        const auto amp = q.find('&');
        const std::string_view pair = q.substr(0, amp);
        const auto eq = pair.find('=');
        if (!pair.empty())
          e.query_string_parameters[std::string(pair.substr(0, eq))] =
              eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1));
        if (amp == std::string_view::npos) break;
        q.remove_prefix(amp + 1);
      }
      for (const auto& [name, value] : req.headers) e.headers[lower(name)] = value;
      if (!e.headers.count("x-forwarded-for")) e.headers["x-forwarded-for"] = req.remote_addr;  // as an ALB adds it
      e.request_context.elb.target_group_arn = "arn:aws:elasticloadbalancing:local:000000000000:targetgroup/local/0";
      set_body(req, e.body, e.is_base64_encoded);
      return lambda_coro::json::write(e);
    }
  }
  return {};
}

// Applies the function's answer to the HTTP response: a function error is a 502, as
// API Gateway answers; an HTTP API function may also return any JSON, served as a 200.
// A response document's status, headers and cookies (it has a statusCode).
inline void apply_head(const lambda_coro::json::value& v, httplib::Response& res) {
  res.status = static_cast<int>(v["statusCode"].as_int64());
  if (const auto* headers = v.find("headers"); headers && headers->is_object())
    for (const auto& [name, value] : headers->as_object())
      if (value.is_string()) res.set_header(name.c_str(), value.as_string());
  if (const auto* multi = v.find("multiValueHeaders"); multi && multi->is_object())
    for (const auto& [name, values] : multi->as_object())
      if (values.is_array())
        for (const auto& value : values.as_array())
          if (value.is_string()) res.headers.emplace(name, value.as_string());
  if (const auto* cookies = v.find("cookies"); cookies && cookies->is_array())
    for (const auto& c : cookies->as_array())
      if (c.is_string()) res.headers.emplace("Set-Cookie", c.as_string());
}

// The JSON prelude of a streamed HTTP response (Lambda's HTTP integration format); false
// when it is not an object with a statusCode.
inline bool apply_prelude(const std::string& prelude, httplib::Response& res) {
  try {
    const auto v = lambda_coro::json::read<lambda_coro::json::value>(prelude);
    if (!v.is_object() || !v.contains("statusCode")) return false;
    apply_head(v, res);
    return true;
  } catch (const lambda_coro::json::error&) {
    return false;
  }
}

inline void apply_result(const std::string& result, bool function_error, event_format format, httplib::Response& res) {
  const auto bad_gateway = [&] {
    res.status = 502;
    res.set_content(R"({"message":"Internal Server Error"})", "application/json");
  };
  if (function_error) return bad_gateway();
  lambda_coro::json::value v;
  try {
    v = lambda_coro::json::read<lambda_coro::json::value>(result);
  } catch (const lambda_coro::json::error&) {
    return bad_gateway();
  }
  if (!v.is_object() || !v.contains("statusCode")) {
    if (format != event_format::http_api) return bad_gateway();
    res.status = 200;
    res.set_content(result, "application/json");
    return;
  }
  try {
    apply_head(v, res);
    std::string body;
    if (const auto* b = v.find("body"); b && b->is_string()) body = b->as_string();
    if (const auto* flag = v.find("isBase64Encoded"); flag && flag->is_bool() && flag->as_bool()) {
      auto bytes = lambda_coro::events::base64_decode(body);
      if (!bytes) return bad_gateway();
      body = std::move(*bytes);
    }
    const std::string type = res.has_header("Content-Type") ? res.get_header_value("Content-Type") : "application/json";
    res.set_content(body, type.c_str());
  } catch (const lambda_coro::json::error&) {
    bad_gateway();
  }
}

}  // namespace emulator
