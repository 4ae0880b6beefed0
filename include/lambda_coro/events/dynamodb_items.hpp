// DynamoDB items (NewImage, OldImage, Keys of a stream record) bound to described structs
// and back, as Go's dynamodbattribute.UnmarshalMap / MarshalMap do:
//   const auto o = events::read_item<order>(record.dynamodb.new_image);
//   events::dynamodb_item image = events::write_item(o);
// S: std::string and described enums; N: any arithmetic type, range-checked; B: dynamodb_bytes;
// BOOL: bool; SS/NS/BS: std::set or std::vector; L: std::vector; M: a described struct or a
// std::map with string keys; NULL (or absence): an empty std::optional. Members take the
// struct's JSON wire names (json_options). Errors are json::error with the item path.
#ifndef LAMBDA_CORO_EVENTS_DYNAMODB_ITEMS_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_DYNAMODB_ITEMS_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/base64.hpp>
#include <lambda_coro/events/dynamodb.hpp>
#include <lambda_coro/json/detail/traits.hpp>
#include <lambda_coro/json/error.hpp>
#include <lambda_coro/json/naming.hpp>

#include <boost/describe/enum_from_string.hpp>
#include <boost/describe/enum_to_string.hpp>
#include <boost/mp11/algorithm.hpp>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

// DynamoDB's binary type (B, and the elements of BS), decoded from the stream's base64.
using dynamodb_bytes = std::vector<std::byte>;

namespace detail {

using json::detail::is_described_enum;
using json::detail::is_described_struct;
using json::detail::is_integer;
using json::detail::is_map;
using json::detail::is_optional;
using json::detail::is_vector;

template <class T>
inline constexpr bool is_set = json::detail::is_specialization<T, std::set>::value;
template <class T>
inline constexpr bool is_number = is_integer<T> || std::is_floating_point_v<T>;

inline const char* attribute_kind(const dynamodb_attribute_value& v) noexcept {
  if (v.s) return "S";
  if (v.n) return "N";
  if (v.b) return "B";
  if (v.ss) return "SS";
  if (v.ns) return "NS";
  if (v.bs) return "BS";
  if (v.m) return "M";
  if (v.l) return "L";
  if (v.null) return "NULL";
  if (v.boolean) return "BOOL";
  return "an empty attribute value";
}

[[noreturn]] inline void mismatch(const char* expected, const dynamodb_attribute_value& v) {
  throw json::error(std::string("expected DynamoDB ") + expected + ", found " + attribute_kind(v));
}

template <class T>
void read_number(std::string_view text, T& out) {
  const char* first = text.data();
  const char* last = first + text.size();
  if constexpr (is_integer<T>) {
    if (const auto [end, ec] = std::from_chars(first, last, out); ec == std::errc{} && end == last) return;
    // DynamoDB may spell an integer as 1E+2 or 100.0; take it when it is exactly one in range.
    double d = 0;
    const auto [end, ec] = std::from_chars(first, last, d);
    if (ec != std::errc{} || end != last || !std::isfinite(d))
      throw json::error("N \"" + std::string(text) + "\" is not a number");
    if (d != std::floor(d)) throw json::error("N " + std::string(text) + " is not an integer");
    // In range: min <= d < 2^digits (both bounds exact in a double).
    if (!(d >= static_cast<double>(std::numeric_limits<T>::min()) &&
          d < std::ldexp(1.0, std::numeric_limits<T>::digits)))
      throw json::error("N " + std::string(text) + " is out of range for this integer type");
    out = static_cast<T>(d);
  } else {
    const auto [end, ec] = std::from_chars(first, last, out);
    if (ec == std::errc::result_out_of_range)
      throw json::error("N " + std::string(text) + " is out of range for this floating-point type");
    if (ec != std::errc{} || end != last || !std::isfinite(out))  // from_chars takes "nan" and "inf"
      throw json::error("N \"" + std::string(text) + "\" is not a number");
  }
}

inline dynamodb_bytes read_bytes(std::string_view base64) {
  const auto decoded = base64_decode(base64);
  if (!decoded) throw json::error("B is not base64");
  dynamodb_bytes bytes(decoded->size());
  for (std::size_t i = 0; i < decoded->size(); ++i) bytes[i] = static_cast<std::byte>((*decoded)[i]);
  return bytes;
}

template <class T>
void read_attribute(const dynamodb_attribute_value& v, T& out);

template <class T>
void read_members(const dynamodb_item& item, T& out) {
  boost::mp11::mp_for_each<json::detail::described_members<T>>([&](auto d) {
    using D = decltype(d);
    constexpr std::string_view name = json::detail::member_wire_name<D>::name;
    const auto found = item.find(std::string(name));
    if (found == item.end()) return;
    try {
      read_attribute(found->second, out.*D::pointer);
    } catch (json::error& e) {
      e.prepend_key(name);
      throw;
    }
  });
}

// Reads each element of a set or list attribute into a vector or set of E.
template <class E, class Container, class Elements>
void read_elements(const Elements& elements, Container& out) {
  out.clear();
  std::size_t index = 0;
  for (const auto& element : elements) {
    try {
      E e{};
      if constexpr (std::is_same_v<typename Elements::value_type, dynamodb_attribute_value>)
        read_attribute(element, e);
      else if constexpr (std::is_same_v<E, dynamodb_bytes>)
        e = read_bytes(element);
      else if constexpr (is_number<E>)
        read_number(element, e);
      else
        e = element;
      if constexpr (is_set<Container>)
        out.insert(std::move(e));
      else
        out.push_back(std::move(e));
    } catch (json::error& err) {
      err.prepend_index(index);
      throw;
    }
    ++index;
  }
}

template <class T>
void read_attribute(const dynamodb_attribute_value& v, T& out) {
  if constexpr (is_optional<T>) {
    if (v.null && *v.null) {
      out.reset();
    } else {
      if (!out) out.emplace();
      read_attribute(v, *out);
    }
  } else if constexpr (std::is_same_v<T, dynamodb_attribute_value>) {
    out = v;
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!v.s) mismatch("S", v);
    out = *v.s;
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!v.boolean) mismatch("BOOL", v);
    out = *v.boolean;
  } else if constexpr (is_number<T>) {
    if (!v.n) mismatch("N", v);
    read_number(*v.n, out);
  } else if constexpr (std::is_same_v<T, dynamodb_bytes>) {
    if (!v.b) mismatch("B", v);
    out = read_bytes(*v.b);
  } else if constexpr (is_described_enum<T>) {
    if (!v.s) mismatch("S", v);
    if (!boost::describe::enum_from_string(v.s->c_str(), out))
      throw json::error("\"" + *v.s + "\" names no enumerator of this enum");
  } else if constexpr (is_vector<T> || is_set<T>) {
    using E = typename T::value_type;
    if constexpr (std::is_same_v<E, std::string>) {
      if (v.ss) return read_elements<E>(*v.ss, out);
    } else if constexpr (is_number<E>) {
      if (v.ns) return read_elements<E>(*v.ns, out);
    } else if constexpr (std::is_same_v<E, dynamodb_bytes>) {
      if (v.bs) return read_elements<E>(*v.bs, out);
    }
    if (!v.l) mismatch(std::is_same_v<E, std::string> ? "SS or L"
                       : is_number<E>                 ? "NS or L"
                       : std::is_same_v<E, dynamodb_bytes> ? "BS or L"
                                                           : "L",
                       v);
    read_elements<E>(*v.l, out);
  } else if constexpr (is_map<T>) {
    static_assert(std::is_same_v<typename T::key_type, std::string>, "DynamoDB map keys are strings");
    if (!v.m) mismatch("M", v);
    out.clear();
    for (const auto& [key, element] : *v.m) {
      try {
        read_attribute(element, out[key]);
      } catch (json::error& e) {
        e.prepend_key(key);
        throw;
      }
    }
  } else if constexpr (is_described_struct<T>) {
    if (!v.m) mismatch("M", v);
    read_members(*v.m, out);
  } else {
    static_assert(json::detail::always_false<T>,
                  "lambda_coro::events: this type has no DynamoDB form. Supported: std::string, bool, "
                  "arithmetic types, dynamodb_bytes, described enums and structs, std::optional, "
                  "std::vector, std::set, std::map with string keys, dynamodb_attribute_value");
  }
}

template <class T>
dynamodb_attribute_value write_attribute(const T& v);

template <class T>
bool omitted(const T& v) {
  if constexpr (is_optional<T>)
    return !v.has_value();
  else if constexpr (is_set<T>)
    return v.empty();  // DynamoDB has no empty sets
  else
    return false;
}

template <class T>
dynamodb_item write_members(const T& v) {
  dynamodb_item item;
  boost::mp11::mp_for_each<json::detail::described_members<T>>([&](auto d) {
    using D = decltype(d);
    const auto& member = v.*D::pointer;
    if (omitted(member)) return;
    constexpr std::string_view name = json::detail::member_wire_name<D>::name;
    try {
      item.emplace(std::string(name), write_attribute(member));
    } catch (json::error& e) {
      e.prepend_key(name);
      throw;
    }
  });
  return item;
}

template <class E>
std::string write_number(E n) {
  if constexpr (std::is_floating_point_v<E>) {
    if (!std::isfinite(n)) throw json::error("DynamoDB numbers are finite: cannot write NaN or infinity");
  }
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, n);
  return std::string(buffer, end);
}

inline std::string write_bytes(const dynamodb_bytes& bytes) {
  return base64_encode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

template <class T>
dynamodb_attribute_value write_attribute(const T& v) {
  dynamodb_attribute_value a;
  if constexpr (is_optional<T>) {
    if (!v) {
      a.null = true;
      return a;
    }
    return write_attribute(*v);
  } else if constexpr (std::is_same_v<T, dynamodb_attribute_value>) {
    a = v;
  } else if constexpr (std::is_same_v<T, std::string>) {
    a.s = v;
  } else if constexpr (std::is_same_v<T, bool>) {
    a.boolean = v;
  } else if constexpr (is_number<T>) {
    a.n = write_number(v);
  } else if constexpr (std::is_same_v<T, dynamodb_bytes>) {
    a.b = write_bytes(v);
  } else if constexpr (is_described_enum<T>) {
    const char* name = boost::describe::enum_to_string(v, nullptr);
    if (!name) throw json::error("enum value " + std::to_string(static_cast<long long>(v)) + " has no name");
    a.s = name;
  } else if constexpr (is_set<T>) {
    using E = typename T::value_type;
    std::vector<std::string> elements;
    elements.reserve(v.size());
    for (const auto& e : v) {
      if constexpr (std::is_same_v<E, std::string>)
        elements.push_back(e);
      else if constexpr (is_number<E>)
        elements.push_back(write_number(e));
      else if constexpr (std::is_same_v<E, dynamodb_bytes>)
        elements.push_back(write_bytes(e));
      else
        static_assert(json::detail::always_false<E>, "DynamoDB sets hold strings, numbers or dynamodb_bytes");
    }
    if constexpr (std::is_same_v<E, std::string>)
      a.ss = std::move(elements);
    else if constexpr (is_number<E>)
      a.ns = std::move(elements);
    else
      a.bs = std::move(elements);
  } else if constexpr (is_vector<T>) {
    std::vector<dynamodb_attribute_value> list;
    list.reserve(v.size());
    std::size_t index = 0;
    for (const auto& e : v) {
      try {
        list.push_back(write_attribute(e));
      } catch (json::error& err) {
        err.prepend_index(index);
        throw;
      }
      ++index;
    }
    a.l = std::move(list);
  } else if constexpr (is_map<T>) {
    static_assert(std::is_same_v<typename T::key_type, std::string>, "DynamoDB map keys are strings");
    dynamodb_item m;
    for (const auto& [key, e] : v) {
      if (omitted(e)) continue;
      try {
        m.emplace(key, write_attribute(e));
      } catch (json::error& err) {
        err.prepend_key(key);
        throw;
      }
    }
    a.m = std::move(m);
  } else if constexpr (is_described_struct<T>) {
    a.m = write_members(v);
  } else {
    static_assert(json::detail::always_false<T>, "lambda_coro::events: this type has no DynamoDB form");
  }
  return a;
}

}  // namespace detail

// Reads `item` into `out`'s described members; members the item lacks keep their values.
template <class T>
void read_item(const dynamodb_item& item, T& out) {
  static_assert(json::detail::is_described_struct<T>, "read_item binds described structs");
  detail::read_members(item, out);
}

template <class T>
T read_item(const dynamodb_item& item) {
  T out{};
  read_item(item, out);
  return out;
}

// An item with one attribute per member; empty optionals and empty sets are left out.
template <class T>
dynamodb_item write_item(const T& v) {
  static_assert(json::detail::is_described_struct<T>, "write_item writes described structs");
  return detail::write_members(v);
}

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_DYNAMODB_ITEMS_HPP_INCLUDED
