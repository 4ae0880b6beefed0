// expect: lambda_coro::json cannot bind this type
#include "common.hpp"
struct not_described { int x; };
int main() { return json::read<not_described>("{}").x; }
