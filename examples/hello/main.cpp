// The smallest typed Lambda function: a described request in, a described response out.
#include <lambda_coro/lambda_coro.hpp>

struct request {
  std::string name;
};
BOOST_DESCRIBE_STRUCT(request, (), (name))

struct response {
  std::string message;
};
BOOST_DESCRIBE_STRUCT(response, (), (message))

response handler(const request& req, const lambda_coro::context&) { return {"Hello, " + req.name + "!"}; }

int main() { return lambda_coro::start(handler); }
