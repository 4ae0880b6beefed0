// json::value (any JSON, shape unknown in advance) and json::raw (JSON text kept verbatim).
#ifndef LAMBDA_CORO_JSON_VALUE_HPP_INCLUDED
#define LAMBDA_CORO_JSON_VALUE_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/json/error.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace json {

// Exact JSON text of a subtree. Reading stores the subtree's text after validating it;
// writing emits `text` verbatim, so it must hold valid JSON (an empty raw writes null).
struct raw {
  std::string text;
  friend bool operator==(const raw&, const raw&) = default;
};

enum class kind { null, boolean, integer, unsigned_integer, floating, string, array, object };

inline const char* kind_name(kind k) noexcept {
  switch (k) {
    case kind::null: return "null";
    case kind::boolean: return "boolean";
    case kind::integer:
    case kind::unsigned_integer:
    case kind::floating: return "number";
    case kind::string: return "string";
    case kind::array: return "array";
    case kind::object: return "object";
  }
  return "unknown";
}

// A JSON document tree. Objects keep their members in input order (duplicates too);
// integers stay integers: int64 when they fit, uint64 above INT64_MAX, otherwise double.
class value {
public:
  using array = std::vector<value>;
  using member = std::pair<std::string, value>;
  using object = std::vector<member>;

  value() noexcept = default;
  value(std::nullptr_t) noexcept {}
  value(bool b) noexcept : data_(b) {}
  template <std::integral I>
    requires(!std::same_as<I, bool>)
  value(I i) noexcept {
    if constexpr (std::is_signed_v<I>)
      data_ = static_cast<std::int64_t>(i);
    else if (static_cast<std::uint64_t>(i) <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      data_ = static_cast<std::int64_t>(i);
    else
      data_ = static_cast<std::uint64_t>(i);
  }
  value(double d) noexcept : data_(d) {}
  value(std::string s) noexcept : data_(std::move(s)) {}
  value(std::string_view s) : data_(std::string(s)) {}
  value(const char* s) : data_(std::string(s)) {}
  value(array a) noexcept : data_(std::move(a)) {}
  value(object o) noexcept : data_(std::move(o)) {}

  kind type() const noexcept { return static_cast<kind>(data_.index()); }
  bool is_null() const noexcept { return type() == kind::null; }
  bool is_bool() const noexcept { return type() == kind::boolean; }
  bool is_number() const noexcept {
    return type() == kind::integer || type() == kind::unsigned_integer || type() == kind::floating;
  }
  bool is_string() const noexcept { return type() == kind::string; }
  bool is_array() const noexcept { return type() == kind::array; }
  bool is_object() const noexcept { return type() == kind::object; }

  // Typed access; the wrong kind throws json::error.
  bool as_bool() const { return get<bool>(kind::boolean); }
  std::int64_t as_int64() const {
    if (type() == kind::integer) return std::get<std::int64_t>(data_);
    throw mismatch("an integer in int64 range");
  }
  std::uint64_t as_uint64() const {
    if (type() == kind::unsigned_integer) return std::get<std::uint64_t>(data_);
    if (type() == kind::integer && std::get<std::int64_t>(data_) >= 0)
      return static_cast<std::uint64_t>(std::get<std::int64_t>(data_));
    throw mismatch("an integer in uint64 range");
  }
  // Any number, converted.
  double as_double() const {
    switch (type()) {
      case kind::integer: return static_cast<double>(std::get<std::int64_t>(data_));
      case kind::unsigned_integer: return static_cast<double>(std::get<std::uint64_t>(data_));
      case kind::floating: return std::get<double>(data_);
      default: throw mismatch("number");
    }
  }
  const std::string& as_string() const { return get<std::string>(kind::string); }
  std::string& as_string() { return get<std::string>(kind::string); }
  const array& as_array() const { return get<array>(kind::array); }
  array& as_array() { return get<array>(kind::array); }
  const object& as_object() const { return get<object>(kind::object); }
  object& as_object() { return get<object>(kind::object); }

  // First member named `key`, or nullptr (also when this is not an object).
  const value* find(std::string_view key) const noexcept {
    if (!is_object()) return nullptr;
    for (const auto& [k, v] : std::get<object>(data_))
      if (k == key) return &v;
    return nullptr;
  }
  value* find(std::string_view key) noexcept {
    return const_cast<value*>(std::as_const(*this).find(key));
  }
  bool contains(std::string_view key) const noexcept { return find(key) != nullptr; }

  // Member or element that must exist; throws json::error naming the path otherwise.
  const value& at(std::string_view key) const {
    if (const value* v = find(key)) return *v;
    if (!is_object()) throw mismatch("object");
    error e("missing member");
    e.prepend_key(key);
    throw e;
  }
  const value& at(std::size_t index) const {
    const array& a = as_array();
    if (index < a.size()) return a[index];
    error e("index out of range (size " + std::to_string(a.size()) + ")");
    e.prepend_index(index);
    throw e;
  }
  const value& operator[](std::string_view key) const { return at(key); }
  const value& operator[](std::size_t index) const { return at(index); }

  // Number of elements or members; 0 for scalars.
  std::size_t size() const noexcept {
    if (is_array()) return std::get<array>(data_).size();
    if (is_object()) return std::get<object>(data_).size();
    return 0;
  }

  friend bool operator==(const value&, const value&) = default;

private:
  template <class T>
  const T& get(kind expected) const {
    if (type() != expected) throw mismatch(kind_name(expected));
    return std::get<T>(data_);
  }
  template <class T>
  T& get(kind expected) {
    if (type() != expected) throw mismatch(kind_name(expected));
    return std::get<T>(data_);
  }
  error mismatch(const std::string& expected) const {
    return error("expected " + expected + ", got " + kind_name(type()));
  }

  // Alternative order matches `kind`.
  std::variant<std::nullptr_t, bool, std::int64_t, std::uint64_t, double, std::string, array, object> data_;
};

}  // namespace json
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_JSON_VALUE_HPP_INCLUDED
