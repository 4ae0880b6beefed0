// expect: std::string_view views the parser's buffers
#include "common.hpp"
#include <string_view>
int main() { return static_cast<int>(json::read<std::map<std::string_view, int>>("{}").size()); }
