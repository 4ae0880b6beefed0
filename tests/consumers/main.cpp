// A user's function, as small as the README's quick start makes it.
#include <lambda_coro/lambda_coro.hpp>

struct request {
  std::string name;
};
BOOST_DESCRIBE_STRUCT(request, (), (name))

struct response {
  std::string message;
};
BOOST_DESCRIBE_STRUCT(response, (), (message))

response handler(const request& req) { return {"Hello, " + req.name + "!"}; }

int main() { return lambda_coro::start(handler); }
