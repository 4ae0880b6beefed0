// router: "GET /users/{id}"-style routes to handlers, with 404 and 405 answered for you.
#ifndef LAMBDA_CORO_HTTP_ROUTER_HPP_INCLUDED
#define LAMBDA_CORO_HTTP_ROUTER_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/http/message.hpp>

#include <boost/describe/class.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace http {

// The rest of the chain, for a middleware: the next middleware, or the router itself.
using next_handler = std::function<response(request&)>;
// Wraps every request the router handles (404s and 405s too): it may change the request,
// answer by itself, or call next(req) and change the response; exceptions escape it as
// they would a route.
using middleware = std::function<response(request&, const next_handler& next)>;

class router {
public:
  using handler = std::function<response(const request&)>;

  // Adds a middleware; the first added runs outermost.
  router& use(middleware m) {
    middleware_.push_back(std::move(m));
    return *this;
  }

  // `pattern` is a path whose segments may be `{name}` (one segment) or, last, `{name+}`
  // (the rest of the path). `method` "*" matches every method.
  router& route(std::string_view method, std::string_view pattern, handler h) {
    routes_.push_back({std::string(method), split_pattern(pattern), std::move(h)});
    return *this;
  }
  router& get(std::string_view pattern, handler h) { return route("GET", pattern, std::move(h)); }
  router& post(std::string_view pattern, handler h) { return route("POST", pattern, std::move(h)); }
  router& put(std::string_view pattern, handler h) { return route("PUT", pattern, std::move(h)); }
  router& patch(std::string_view pattern, handler h) { return route("PATCH", pattern, std::move(h)); }
  router& del(std::string_view pattern, handler h) { return route("DELETE", pattern, std::move(h)); }
  router& any(std::string_view pattern, handler h) { return route("*", pattern, std::move(h)); }

  // Runs the middleware, then finds the route, fills req.path_parameters and calls it. No
  // route for the path: 404; routes for the path but not the method: 405 with Allow.
  response handle(request& req) const { return run_from(0, req); }

private:
  response run_from(std::size_t layer, request& req) const {
    if (layer == middleware_.size()) return dispatch(req);
    return middleware_[layer](req, [this, layer](request& r) { return run_from(layer + 1, r); });
  }

  response dispatch(request& req) const {
    const std::vector<std::string_view> segments = split(req.path);
    std::string allowed;
    for (const auto& r : routes_) {
      std::map<std::string, std::string> captured;
      if (!match(r.pattern, segments, captured)) continue;
      if (r.method != "*" && r.method != req.method) {
        if (allowed.find(r.method) == std::string::npos) allowed += (allowed.empty() ? "" : ", ") + r.method;
        continue;
      }
      req.path_parameters = std::move(captured);
      return r.run(req);
    }
    if (!allowed.empty()) {
      response r = response::json(error_body{"Method Not Allowed"}, 405);
      r.headers.set("Allow", allowed);
      return r;
    }
    return response::json(error_body{"Not Found"}, 404);
  }

  struct error_body {
    std::string message;
  };
  BOOST_DESCRIBE_CLASS(error_body, (), (message), (), ())

  struct segment {
    std::string text;
    enum kind { literal, capture, rest } type = literal;
  };
  struct entry {
    std::string method;
    std::vector<segment> pattern;
    handler run;
  };

  static std::vector<std::string_view> split(std::string_view path) {
    std::vector<std::string_view> parts;
    while (!path.empty()) {
      if (path.front() == '/') {
        path.remove_prefix(1);
        continue;
      }
      const auto slash = path.find('/');
      parts.push_back(path.substr(0, slash));
      if (slash == std::string_view::npos) break;
      path.remove_prefix(slash);
    }
    return parts;
  }
  static std::vector<segment> split_pattern(std::string_view pattern) {
    std::vector<segment> out;
    for (std::string_view part : split(pattern)) {
      if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
        part = part.substr(1, part.size() - 2);
        if (part.back() == '+')
          out.push_back({std::string(part.substr(0, part.size() - 1)), segment::rest});
        else
          out.push_back({std::string(part), segment::capture});
      } else {
        out.push_back({std::string(part), segment::literal});
      }
    }
    return out;
  }

  static bool match(const std::vector<segment>& pattern, const std::vector<std::string_view>& path,
                    std::map<std::string, std::string>& captured) {
    std::size_t i = 0;
    for (; i < pattern.size(); ++i) {
      const segment& s = pattern[i];
      if (s.type == segment::rest) {
        if (i >= path.size()) return false;
        std::string rest;
        for (std::size_t k = i; k < path.size(); ++k) rest += (k == i ? "" : "/") + std::string(path[k]);
        captured[s.text] = url_decode(rest, false);
        return true;
      }
      if (i >= path.size()) return false;
      if (s.type == segment::literal) {
        if (s.text != path[i]) return false;
      } else {
        captured[s.text] = url_decode(path[i], false);
      }
    }
    return i == path.size();
  }

  std::vector<entry> routes_;
  std::vector<middleware> middleware_;
};

struct cors_options {
  std::vector<std::string> allowed_origins{"*"};  // exact origins, or "*" for any
  std::vector<std::string> allowed_methods{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"};
  std::vector<std::string> allowed_headers{"Content-Type", "Authorization"};
  std::vector<std::string> exposed_headers;
  bool allow_credentials = false;  // then a matching origin is echoed, never "*"
  int max_age_seconds = 600;
};

// CORS as a middleware: preflight requests (OPTIONS with Access-Control-Request-Method) from
// an allowed origin are answered 204 with the allowed methods and headers; other requests
// from an allowed origin get Access-Control-Allow-Origin on their response. Requests from
// other origins pass through untouched, so the browser refuses them.
inline middleware cors(cors_options options = {}) {
  auto join = [](const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
  };
  std::string methods = join(options.allowed_methods), allowed_headers = join(options.allowed_headers),
              exposed = join(options.exposed_headers);
  return [options = std::move(options), methods = std::move(methods), allowed_headers = std::move(allowed_headers),
          exposed = std::move(exposed)](request& req, const next_handler& next) {
    const std::optional<std::string_view> origin = req.headers.get("Origin");
    bool any = false, listed = false;
    for (const auto& o : options.allowed_origins) {
      any = any || o == "*";
      listed = listed || (origin && o == *origin);
    }
    if (!origin || !(any || listed)) return next(req);
    const std::string allow_origin = any && !options.allow_credentials ? std::string("*") : std::string(*origin);
    auto decorate = [&](response& res) {
      res.headers.set("Access-Control-Allow-Origin", allow_origin);
      if (allow_origin != "*") res.headers.add("Vary", "Origin");
      if (options.allow_credentials) res.headers.set("Access-Control-Allow-Credentials", "true");
    };
    if (req.method == "OPTIONS" && req.headers.contains("Access-Control-Request-Method")) {
      response preflight;
      preflight.status = 204;
      decorate(preflight);
      preflight.headers.set("Access-Control-Allow-Methods", methods);
      preflight.headers.set("Access-Control-Allow-Headers", allowed_headers);
      preflight.headers.set("Access-Control-Max-Age", std::to_string(options.max_age_seconds));
      return preflight;
    }
    response res = next(req);
    decorate(res);
    if (!exposed.empty()) res.headers.set("Access-Control-Expose-Headers", exposed);
    return res;
  };
}

}  // namespace http
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_HTTP_ROUTER_HPP_INCLUDED
