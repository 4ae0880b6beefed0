// expect: lambda_coro::json: map keys must be std::string
#include "common.hpp"
int main() { return static_cast<int>(json::read<std::map<int, int>>("{}").size()); }
