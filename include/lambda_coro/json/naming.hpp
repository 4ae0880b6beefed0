// Wire names: how a described struct's members are spelled in JSON.
#ifndef LAMBDA_CORO_JSON_NAMING_HPP_INCLUDED
#define LAMBDA_CORO_JSON_NAMING_HPP_INCLUDED

#include <lambda_coro/config.hpp>

#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstddef>
#include <string_view>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace json {

enum class naming {
  as_written,   // message_id -> message_id
  camel_case,   // message_id -> messageId
  pascal_case,  // message_id -> MessageId (SNS, CloudFormation)
  kebab_case,   // message_id -> message-id (Client VPN)
};

// One member whose wire name no policy produces: {"event_source_arn", "eventSourceARN"}.
struct rename {
  std::string_view member;
  std::string_view wire;
};

// What a struct declares about its JSON form, returned from an ADL hook found by argument
// type, next to the struct:
//   constexpr auto json_options(const sqs_message*) {
//     return lambda_coro::json::object_options(lambda_coro::json::naming::camel_case,
//                                              lambda_coro::json::rename{"event_source_arn", "eventSourceARN"});
//   }
template <std::size_t RenameCount>
struct object_options {
  naming policy = naming::as_written;
  std::array<rename, RenameCount> renames{};

  constexpr object_options() = default;
  template <class... Renames>
  constexpr explicit object_options(naming p, Renames... r) : policy(p), renames{r...} {}
};
template <class... Renames>
object_options(naming, Renames...) -> object_options<sizeof...(Renames)>;

namespace detail {

void json_options() = delete;  // makes the unqualified call below an ADL lookup

template <class T>
concept has_json_options = requires { json_options(static_cast<const T*>(nullptr)); };

template <class T>
using described_members =
    boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>;

template <class T>
constexpr bool is_member_name(std::string_view name) {
  bool found = false;
  boost::mp11::mp_for_each<described_members<T>>([&](auto d) {
    if (std::string_view(d.name) == name) found = true;
  });
  return found;
}

template <class T, class Options>
constexpr bool renames_name_members(const Options& opts) {
  for (const auto& r : opts.renames)
    if (!is_member_name<T>(r.member)) return false;
  return true;
}

template <class T>
constexpr auto options_of() {
  if constexpr (has_json_options<T>) {
    constexpr auto opts = json_options(static_cast<const T*>(nullptr));
    static_assert(renames_name_members<T>(opts),
                  "lambda_coro::json: json_options() renames a member that the struct does not describe");
    return opts;
  } else {
    return object_options<0>{};
  }
}

constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

// Writes the wire name of `member` under `policy` into out (if given); returns its length.
constexpr std::size_t apply_naming(naming policy, std::string_view member, char* out) {
  std::size_t n = 0;
  auto put = [&](char c) {
    if (out) out[n] = c;
    ++n;
  };
  if (policy == naming::as_written || policy == naming::kebab_case) {
    for (char c : member) put(c == '_' && policy == naming::kebab_case ? '-' : c);
    return n;
  }
  bool upper_next = policy == naming::pascal_case;
  for (char c : member) {
    if (c == '_') {
      upper_next = n > 0 || policy == naming::pascal_case;
      continue;
    }
    put(upper_next && is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c);
    upper_next = false;
  }
  return n;
}

constexpr bool is_plain_name(std::string_view name) {
  for (char c : name)
    if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) return false;
  return !name.empty();
}

// Owner is the class that declares the member (a base, for inherited members): its own
// options decide the spelling.
template <class Owner, class Descriptor>
struct wire_name {
  static constexpr auto options = options_of<Owner>();

  static constexpr std::string_view renamed() {
    for (const auto& r : options.renames)
      if (r.member == std::string_view(Descriptor::name)) return r.wire;
    return {};
  }
  static constexpr std::size_t length() {
    constexpr std::string_view r = renamed();
    if constexpr (!r.empty())
      return r.size();
    else
      return apply_naming(options.policy, Descriptor::name, nullptr);
  }
  static constexpr std::size_t size = length();

  // "\"name\":" so the writer emits a key with a single copy, zero-padded to a multiple of
  // 16 bytes so that the copy is of a fixed size (no library call).
  static constexpr std::size_t key_block_size = (size + 3 + 15) / 16 * 16;
  static constexpr std::array<char, key_block_size> make_key() {
    std::array<char, key_block_size> key{};
    key[0] = '"';
    constexpr std::string_view r = renamed();
    if constexpr (!r.empty()) {
      for (std::size_t i = 0; i < size; ++i) key[i + 1] = r[i];
    } else {
      apply_naming(options.policy, Descriptor::name, key.data() + 1);
    }
    key[size + 1] = '"';
    key[size + 2] = ':';
    return key;
  }
  static constexpr std::array<char, key_block_size> key = make_key();
  static constexpr std::string_view quoted_key{key.data(), size + 3};
  static constexpr std::string_view name{key.data() + 1, size};
  static_assert(is_plain_name(name),
                "lambda_coro::json: a wire name must be non-empty, without quotes, backslashes "
                "or control characters");
};

template <class T>
struct member_pointer_class;
template <class C, class M>
struct member_pointer_class<M C::*> {
  using type = C;
  using member = M;
};

template <class Descriptor>
using member_owner =
    typename member_pointer_class<std::remove_cv_t<decltype(Descriptor::pointer)>>::type;
template <class Descriptor>
using member_type =
    typename member_pointer_class<std::remove_cv_t<decltype(Descriptor::pointer)>>::member;

template <class Descriptor>
using member_wire_name = wire_name<member_owner<Descriptor>, Descriptor>;

}  // namespace detail
}  // namespace json
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_JSON_NAMING_HPP_INCLUDED
