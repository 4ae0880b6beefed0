// Which C++ types bind to JSON, and as what.
#ifndef LAMBDA_CORO_JSON_DETAIL_TRAITS_HPP_INCLUDED
#define LAMBDA_CORO_JSON_DETAIL_TRAITS_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/json/value.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <variant>
#include <vector>

// static_assert needs a literal, so the message is a macro.
#define LAMBDA_CORO_DETAIL_UNBINDABLE                                                              \
  "lambda_coro::json cannot bind this type. Supported: bool, integers, float, double, "            \
  "std::string, std::optional, std::vector, std::map/std::unordered_map with std::string keys, "   \
  "std::variant, json::value, json::raw, structs described with BOOST_DESCRIBE_STRUCT and enums "  \
  "described with BOOST_DESCRIBE_ENUM"
#define LAMBDA_CORO_DETAIL_MAP_KEY "lambda_coro::json: map keys must be std::string (or std::string_view)"
#define LAMBDA_CORO_DETAIL_BORROWED                                                                \
  "lambda_coro::json: std::string_view views the parser's buffers, so only a json::reader (views " \
  "valid until its next read) or a lambda_coro::start handler (valid during the call) can read "   \
  "it; json::read returns values that must own their strings: use std::string"

LAMBDA_CORO_BEGIN_NAMESPACE
namespace json::detail {

template <class T, template <class...> class Template>
struct is_specialization : std::false_type {};
template <template <class...> class Template, class... Args>
struct is_specialization<Template<Args...>, Template> : std::true_type {};

template <class T>
inline constexpr bool is_optional = is_specialization<T, std::optional>::value;
template <class T>
inline constexpr bool is_vector = is_specialization<T, std::vector>::value;
template <class T>
inline constexpr bool is_variant = is_specialization<T, std::variant>::value;
template <class T>
inline constexpr bool is_map =
    is_specialization<T, std::map>::value || is_specialization<T, std::unordered_map>::value;

template <class T>
inline constexpr bool is_integer = std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                                   !std::is_same_v<T, char> && !std::is_same_v<T, wchar_t> &&
                                   !std::is_same_v<T, char8_t> && !std::is_same_v<T, char16_t> &&
                                   !std::is_same_v<T, char32_t>;

template <class T>
inline constexpr bool is_described_struct =
    std::is_class_v<T> && boost::describe::has_describe_members<T>::value;
template <class T>
inline constexpr bool is_described_enum =
    std::is_enum_v<T> && boost::describe::has_describe_enumerators<T>::value;

template <class T>
inline constexpr bool always_false = false;

// The JSON type an alternative of a std::variant is chosen by.
enum class variant_slot { null, boolean, integer, floating, string, array, object, ambiguous };

template <class T>
constexpr variant_slot slot_of() {
  if constexpr (std::is_same_v<T, std::monostate> || std::is_same_v<T, std::nullptr_t> || is_optional<T>)
    return variant_slot::null;
  else if constexpr (std::is_same_v<T, bool>)
    return variant_slot::boolean;
  else if constexpr (is_integer<T>)
    return variant_slot::integer;
  else if constexpr (std::is_floating_point_v<T>)
    return variant_slot::floating;
  else if constexpr (std::is_same_v<T, std::string> || is_described_enum<T>)
    return variant_slot::string;
  else if constexpr (is_vector<T>)
    return variant_slot::array;
  else if constexpr (is_map<T> || is_described_struct<T>)
    return variant_slot::object;
  else
    return variant_slot::ambiguous;  // json::value, json::raw, anything unbindable
}

template <class... Alternatives>
constexpr bool variant_is_distinguishable() {
  constexpr variant_slot slots[] = {slot_of<Alternatives>()...};
  for (std::size_t i = 0; i < sizeof...(Alternatives); ++i) {
    if (slots[i] == variant_slot::ambiguous) return false;
    for (std::size_t j = i + 1; j < sizeof...(Alternatives); ++j)
      if (slots[i] == slots[j]) return false;
  }
  return true;
}

template <class T>
struct variant_check;
template <class... Alternatives>
struct variant_check<std::variant<Alternatives...>> {
  static_assert(variant_is_distinguishable<Alternatives...>(),
                "lambda_coro::json: std::variant alternatives must each map to a different JSON type "
                "(null, boolean, integer, floating-point number, string, array, object); json::value "
                "and json::raw cannot be alternatives");
  static constexpr bool ok = true;
};

// Index of the alternative chosen for `slot`, or variant_npos.
template <class Variant, std::size_t I = 0>
constexpr std::size_t alternative_for(variant_slot slot) {
  if constexpr (I == std::variant_size_v<Variant>) {
    return std::variant_npos;
  } else {
    if (slot_of<std::variant_alternative_t<I, Variant>>() == slot) return I;
    return alternative_for<Variant, I + 1>(slot);
  }
}

template <class Map>
inline constexpr bool has_string_key = std::is_same_v<typename Map::key_type, std::string> ||
                                       std::is_same_v<typename Map::key_type, std::string_view>;

}  // namespace json::detail
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_JSON_DETAIL_TRAITS_HPP_INCLUDED
