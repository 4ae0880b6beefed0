// A small REST API on the HTTP adapter: the same routes answer API Gateway (REST and HTTP
// APIs), ALB and function URL events, and plain HTTP through `lambda-coro-emulator serve`.
#include <lambda_coro/http.hpp>
#include <lambda_coro/lambda_coro.hpp>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace http = lambda_coro::http;
namespace json = lambda_coro::json;

struct todo {
  int id = 0;
  std::string title;
  bool done = false;
};
BOOST_DESCRIBE_STRUCT(todo, (), (id, title, done))

struct new_todo {
  std::string title;
};
BOOST_DESCRIBE_STRUCT(new_todo, (), (title))

struct problem {
  std::string message;
};
BOOST_DESCRIBE_STRUCT(problem, (), (message))

struct caller {
  std::string source_ip;
  long long remaining_ms = 0;
};
BOOST_DESCRIBE_STRUCT(caller, (), (source_ip, remaining_ms))

int main() {
  // Lives as long as the execution environment: warm invocations see earlier writes.
  std::map<int, todo> todos;
  int next_id = 1;

  http::router routes;
  // Every response names its invocation, and browsers on other origins may call the API.
  routes.use([](http::request& req, const http::next_handler& next) {
    http::response res = next(req);
    res.headers.set("X-Request-Id", req.lambda_context().request_id);
    return res;
  });
  routes.use(http::cors());  // any origin; see http::cors_options
  // The request context and the Lambda context, whichever front the request came through.
  routes.get("/whoami", [](const http::request& req) {
    return http::response::json(caller{req.source_ip(), req.lambda_context().remaining_time().count()});
  });
  routes.get("/todos", [&](const http::request&) {
    std::vector<todo> all;
    for (const auto& [id, t] : todos) all.push_back(t);
    return http::response::json(all);
  });
  routes.post("/todos", [&](const http::request& req) {
    // A body that does not bind escapes as json::error: the adapter answers 400 with its path.
    const auto body = json::read<new_todo>(req.body);
    if (body.title.empty()) return http::response::json(problem{"title must not be empty"}, 422);
    todo t{next_id++, body.title, false};
    todos[t.id] = t;
    auto res = http::response::json(t, 201);
    res.headers.set("Location", "/todos/" + std::to_string(t.id));
    return res;
  });
  routes.get("/todos/{id}", [&](const http::request& req) {
    const auto it = todos.find(std::atoi(std::string(*req.path_parameter("id")).c_str()));
    if (it == todos.end()) return http::response::json(problem{"no such todo"}, 404);
    return http::response::json(it->second);
  });
  routes.del("/todos/{id}", [&](const http::request& req) {
    const bool erased = todos.erase(std::atoi(std::string(*req.path_parameter("id")).c_str())) > 0;
    http::response res;
    res.status = erased ? 204 : 404;
    return res;
  });
  routes.get("/error", [](const http::request&) -> http::response { throw std::runtime_error("a failing route"); });
  return http::start(routes);
}
