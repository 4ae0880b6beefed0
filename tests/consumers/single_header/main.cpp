// A function built from the single header alone (tools/bootstrap/lambda-coro-bootstrap, or
// the compile lines in the README): the event read as json::value, no struct declared.
#include <lambda_coro.hpp>

namespace json = lambda_coro::json;

json::value handler(const json::value& event) {
  return json::value::object{{"message", "Hello, " + std::string(event["name"].as_string()) + "!"}};
}

int main() { return lambda_coro::start(handler); }
