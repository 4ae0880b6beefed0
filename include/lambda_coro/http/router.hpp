// router: "GET /users/{id}"-style routes to handlers, with 404 and 405 answered for you.
#ifndef LAMBDA_CORO_HTTP_ROUTER_HPP_INCLUDED
#define LAMBDA_CORO_HTTP_ROUTER_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/http/message.hpp>

#include <boost/describe/class.hpp>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace http {

class router {
public:
  using handler = std::function<response(const request&)>;

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

  // Finds the route, fills req.path_parameters and calls it. No route for the path: 404;
  // routes for the path but not the method: 405 with Allow.
  response handle(request& req) const {
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

private:
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
};

}  // namespace http
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_HTTP_ROUTER_HPP_INCLUDED
