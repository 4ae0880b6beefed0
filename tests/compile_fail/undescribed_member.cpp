// expect: lambda_coro::json cannot bind this type
#include "common.hpp"
struct inner { int x; };
struct outer { inner in; };
BOOST_DESCRIBE_STRUCT(outer, (), (in))
int main() { return static_cast<int>(json::write(outer{}).size()); }
