// expect: std::variant alternatives must each map to a different JSON type
#include "common.hpp"
int main() { return static_cast<int>(json::read<std::variant<std::string, std::string>>("\"a\"").index()); }
