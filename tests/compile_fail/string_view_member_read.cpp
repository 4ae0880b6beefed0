// expect: std::string_view views the parser's buffers
#include "common.hpp"
#include <string_view>
struct view_holder { std::string_view name; };
BOOST_DESCRIBE_STRUCT(view_holder, (), (name))
int main() { return static_cast<int>(json::read<view_holder>("{}").name.size()); }
