// libFuzzer target: arbitrary bytes into a rich described struct and into json::value.
// Whatever reads must write, and what is written must read back to the same thing.
#include <lambda_coro/lambda_coro.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace json = lambda_coro::json;

namespace fuzz {

enum class mood { happy, sad };
BOOST_DESCRIBE_ENUM(mood, happy, sad)

struct leaf {
  std::uint8_t small = 0;
  std::int64_t big = 0;
  float ratio = 0;
  std::optional<bool> flag;
  friend bool operator==(const leaf&, const leaf&) = default;
};
BOOST_DESCRIBE_STRUCT(leaf, (), (small, big, ratio, flag))

struct base {
  std::string id;
  friend bool operator==(const base&, const base&) = default;
};
BOOST_DESCRIBE_STRUCT(base, (), (id))

struct record : base {
  std::string message_id;
  std::vector<leaf> leaves;
  std::map<std::string, std::vector<double>> series;
  std::optional<mood> feeling;
  std::variant<std::monostate, std::int32_t, double, std::string, std::vector<std::string>> either;
  json::value any;
  json::raw detail;
  std::vector<record> children;
  friend bool operator==(const record&, const record&) = default;
};
BOOST_DESCRIBE_STRUCT(record, (base), (message_id, leaves, series, feeling, either, any, detail, children))
constexpr auto json_options(const record*) {
  return json::object_options(json::naming::camel_case, json::rename{"message_id", "messageID"});
}

// Raw text is kept verbatim; compare it by meaning.
bool same(const record& a, const record& b) {
  if (json::read<json::value>(a.detail.text.empty() ? "null" : a.detail.text) !=
      json::read<json::value>(b.detail.text.empty() ? "null" : b.detail.text))
    return false;
  record a2 = a, b2 = b;
  a2.detail = b2.detail = {};
  if (a2.children.size() != b2.children.size()) return false;
  for (std::size_t i = 0; i < a2.children.size(); ++i)
    if (!same(a2.children[i], b2.children[i])) return false;
  a2.children.clear();
  b2.children.clear();
  return a2 == b2;
}

}  // namespace fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    const auto v = json::read<json::value>(input);
    const std::string text = json::write(v);
    if (json::read<json::value>(text) != v) std::abort();
    if (json::write(json::read<json::value>(text)) != text) std::abort();
  } catch (const json::error&) {
  }
  try {
    const auto r = json::read<fuzz::record>(input);
    const std::string text = json::write(r);
    if (!fuzz::same(json::read<fuzz::record>(text), r)) std::abort();
  } catch (const json::error&) {
  }
  return 0;
}
