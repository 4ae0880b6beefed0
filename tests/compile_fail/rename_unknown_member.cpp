// expect: json_options() renames a member that the struct does not describe
#include "common.hpp"
struct event { std::string source_arn; };
BOOST_DESCRIBE_STRUCT(event, (), (source_arn))
constexpr auto json_options(const event*) {
  return json::object_options(json::naming::camel_case, json::rename{"sourcearn", "SourceARN"});
}
int main() { return static_cast<int>(json::write(event{}).size()); }
