// expect: lambda_coro::json cannot bind this type
#include "common.hpp"
enum class color { red };
struct paint { color c; };
BOOST_DESCRIBE_STRUCT(paint, (), (c))
int main() { return json::read<paint>("{}").c == color::red; }
