#pragma once

#include <doctest/doctest.h>

#include "lambda_coro_under_test.hpp"

#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace json = lambda_coro::json;

namespace test {

inline std::string data_file(std::string_view relative) {
  const std::string path = std::string(LAMBDA_CORO_TEST_DATA_DIR) + "/" + std::string(relative);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open test data " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string event(std::string_view name) { return data_file("events/" + std::string(name)); }

// A reproducible stream of pseudo-random numbers (xorshift64) for generated test inputs.
class random_numbers {
public:
  explicit random_numbers(std::uint64_t seed) : state_(seed) {}
  std::uint64_t operator()() noexcept {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return state_;
  }

private:
  std::uint64_t state_;
};

// The message json::error gives for `json`, or "no error".
template <class T>
std::string read_error(std::string_view json_text) {
  try {
    (void)json::read<T>(json_text);
  } catch (const json::error& e) {
    return e.what();
  }
  return "no error";
}

// `json_text` read by On-Demand alone, as the library reads what the single-pass reader gives up on.
template <class T, bool Overwrites = false>
T read_on_demand(std::string_view json_text, T out = T{}) {
  while (!json_text.empty() && (json_text.back() == ' ' || json_text.back() == '\n')) json_text.remove_suffix(1);
  const simdjson::padded_string padded(json_text);
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc = parser.iterate(padded).value();  // throws on malformed text
  json::detail::read_context<false, Overwrites> ctx;
  json::detail::read_value(doc, out, ctx);
  const char* rest = nullptr;
  if (doc.current_location().get(rest) != simdjson::OUT_OF_BOUNDS) throw json::error("trailing content");
  return out;
}

// `json_text` read by the single-pass reader alone, or nothing when it gives up. The bytes
// after the document (simdjson's padding, which the reader may load) continue it plausibly,
// so that a reader that took them for input would be caught.
template <class T, bool Overwrites = false>
std::optional<T> read_single_pass(std::string_view json_text, T out = T{}) {
  std::string buffer(json_text);
  for (std::size_t i = 0; i < 8; ++i) buffer += "9\"a\":1}]";  // 64 bytes
  try {
    json::detail::single_pass_read<Overwrites>(std::string_view(buffer.data(), json_text.size()), out);
  } catch (const json::detail::single_pass_gave_up&) {
    return std::nullopt;
  }
  return out;
}

template <class T>
T round_trip(const T& v) {
  return json::read<T>(json::write(v));
}

}  // namespace test
