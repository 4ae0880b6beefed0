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

// The same shape with borrowed strings: what it reads must equal what the owning read gives.
struct borrowed {
  std::string_view id;
  std::string_view message_id;
  std::map<std::string_view, std::vector<double>> series;
  std::vector<borrowed> children;
};
BOOST_DESCRIBE_STRUCT(borrowed, (), (id, message_id, series, children))
constexpr auto json_options(const borrowed*) {
  return json::object_options(json::naming::camel_case, json::rename{"message_id", "messageID"});
}

bool same(const borrowed& a, const record& b) {
  if (a.id != b.id || a.message_id != b.message_id || a.series.size() != b.series.size() ||
      a.children.size() != b.children.size())
    return false;
  for (const auto& [key, values] : b.series) {
    const auto found = a.series.find(key);
    if (found == a.series.end() || found->second != values) return false;
  }
  for (std::size_t i = 0; i < a.children.size(); ++i)
    if (!same(a.children[i], b.children[i])) return false;
  return true;
}

// What the single-pass reader takes: no views, json::value, json::raw or variants.
struct owned {
  std::string id;
  std::string message_id;
  std::vector<leaf> leaves;
  std::map<std::string, std::vector<double>> series;
  std::optional<mood> feeling;
  std::vector<bool> flags;
  std::vector<owned> children;
  friend bool operator==(const owned&, const owned&) = default;
};
BOOST_DESCRIBE_STRUCT(owned, (), (id, message_id, leaves, series, feeling, flags, children))
constexpr auto json_options(const owned*) {
  return json::object_options(json::naming::camel_case, json::rename{"message_id", "messageID"});
}

// `input` read by On-Demand alone, with the reader's document checks; false if it fails.
template <class T>
bool read_on_demand(std::string_view input, T& out) {
  while (!input.empty() && (input.back() == ' ' || input.back() == '\n' || input.back() == '\r' || input.back() == '\t'))
    input.remove_suffix(1);
  const simdjson::padded_string padded(input);
  static simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  if (parser.iterate(padded).get(doc)) return false;
  try {
    json::detail::read_context<false> ctx;
    json::detail::read_value(doc, out, ctx);
  } catch (const json::error&) {
    return false;
  }
  const char* rest = nullptr;
  return doc.current_location().get(rest) == simdjson::OUT_OF_BOUNDS;
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
    // A borrowed read of the same input gives the same strings. It may also fail: On-Demand
    // checks skipped values for structure only, and the two types skip different keys.
    static json::reader borrowing;
    fuzz::borrowed b;
    bool borrowed_read = true;
    try {
      borrowing.read(input, b);
    } catch (const json::error&) {
      borrowed_read = false;
    }
    if (borrowed_read && !fuzz::same(b, r)) std::abort();
  } catch (const json::error&) {
  }
  // The single-pass reader takes a subset of what On-Demand takes, and reads it the same.
  {
    const simdjson::padded_string padded(input);
    fuzz::owned single;
    bool taken = true;
    try {
      json::detail::single_pass_read<false>(std::string_view(padded.data(), padded.size()), single);
    } catch (const json::detail::single_pass_gave_up&) {
      taken = false;
    }
    fuzz::owned on_demand;
    if (taken && (!fuzz::read_on_demand(input, on_demand) || !(on_demand == single))) std::abort();
  }
  // Numbers the reader takes word-wide must be what simdjson's validating parser makes of
  // them, and text it rejects must be rejected (number errors aside: the DOM refuses
  // integers beyond 64 bits, which a double takes).
  static simdjson::dom::parser dom;
  std::vector<double> ours;
  bool accepted = true;
  try {
    ours = json::read<std::vector<double>>(input);
  } catch (const json::error&) {
    accepted = false;
  }
  simdjson::dom::element root;
  simdjson::dom::array numbers;
  const auto code = dom.parse(input.data(), input.size()).get(root);
  if (code == simdjson::SUCCESS && root.get_array().get(numbers) == simdjson::SUCCESS) {
    std::vector<double> theirs;
    bool all_numbers = true;
    for (const auto element : numbers) {
      double d = 0;
      if (element.get_double().get(d) != simdjson::SUCCESS) all_numbers = false;
      theirs.push_back(d);
    }
    if (all_numbers && (!accepted || ours != theirs)) std::abort();  // == : the DOM reads "-0" as integer 0
  } else if (code != simdjson::SUCCESS && accepted && code != simdjson::NUMBER_ERROR) {
    std::abort();
  }
  return 0;
}
