#pragma once

#include <doctest/doctest.h>

#include "lambda_coro_under_test.hpp"

#include <cstdint>
#include <fstream>
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

template <class T>
T round_trip(const T& v) {
  return json::read<T>(json::write(v));
}

}  // namespace test
