// libFuzzer target: arbitrary bytes as a DynamoDB item (JSON attribute values) bound to a
// struct of every attribute type. Whatever reads must write, and read back to the same.
#include <lambda_coro/lambda_coro.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ev = lambda_coro::events;
namespace json = lambda_coro::json;

namespace fuzz {

enum class color { red, green };
BOOST_DESCRIBE_ENUM(color, red, green)

struct inner {
  std::string s;
  std::optional<std::int16_t> n;
  friend bool operator==(const inner&, const inner&) = default;
};
BOOST_DESCRIBE_STRUCT(inner, (), (s, n))

struct item {
  std::string s;
  std::int8_t i8 = 0;
  std::uint64_t u64 = 0;
  double d = 0;
  bool b = false;
  color c = color::red;
  ev::dynamodb_bytes bytes;
  std::set<std::string> ss;
  std::vector<double> ns;
  std::set<ev::dynamodb_bytes> bs;
  std::vector<std::optional<inner>> l;
  std::map<std::string, std::vector<std::int32_t>> m;
  std::optional<inner> o;
  ev::dynamodb_attribute_value any;
  friend bool operator==(const item&, const item&) = default;
};
BOOST_DESCRIBE_STRUCT(item, (), (s, i8, u64, d, b, c, bytes, ss, ns, bs, l, m, o, any))

}  // namespace fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ev::dynamodb_item attributes;
  try {
    attributes = json::read<ev::dynamodb_item>(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const json::error&) {
    return 0;
  }
  fuzz::item first;
  try {
    first = ev::read_item<fuzz::item>(attributes);
  } catch (const json::error&) {
    return 0;
  }
  ev::dynamodb_item written;
  try {
    written = ev::write_item(first);
  } catch (const json::error&) {
    return 0;  // NaN cannot come from N text, but an enum or a number may still refuse
  }
  const auto second = ev::read_item<fuzz::item>(json::read<ev::dynamodb_item>(json::write(written)));
  if (!(second == first)) std::abort();
  return 0;
}
