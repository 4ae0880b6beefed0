#include <lambda_coro/lambda_coro.hpp>

struct greeting {
  std::string name;
};
BOOST_DESCRIBE_STRUCT(greeting, (), (name))

int main() {
  const auto g = lambda_coro::json::read<greeting>(R"({"name":"installed"})");
  return lambda_coro::json::write(g) == R"({"name":"installed"})" ? 0 : 1;
}
