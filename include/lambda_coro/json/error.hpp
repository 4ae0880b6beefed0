// json::error: every failure to read or write JSON, naming the JSON path.
#ifndef LAMBDA_CORO_JSON_ERROR_HPP_INCLUDED
#define LAMBDA_CORO_JSON_ERROR_HPP_INCLUDED

#include <lambda_coro/config.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace json {

// what() reads "<path>: <problem>", e.g. "$.Records[2].body: expected string, got number".
class error : public std::runtime_error {
public:
  explicit error(std::string problem, std::string path = "$")
      : std::runtime_error(problem), problem_(std::move(problem)), path_(std::move(path)) {
    compose();
  }

  const char* what() const noexcept override { return what_.c_str(); }
  // JSONPath-style location of the failure: "$", "$.a.b[3]", "$[\"key with spaces\"]".
  const std::string& path() const noexcept { return path_; }
  // The failure without its location.
  const std::string& problem() const noexcept { return problem_; }

  // Used while unwinding: each enclosing object or array adds its segment in front.
  void prepend_key(std::string_view key) {
    std::string segment;
    if (is_identifier(key)) {
      segment.reserve(key.size() + 1);
      segment += '.';
      segment += key;
    } else {
      segment += "[\"";
      for (char c : key) {
        if (c == '"' || c == '\\') segment += '\\';
        segment += c;
      }
      segment += "\"]";
    }
    insert_segment(segment);
  }
  void prepend_index(std::size_t index) {
    insert_segment("[" + std::to_string(index) + "]");
  }

private:
  static bool is_identifier(std::string_view key) noexcept {
    if (key.empty()) return false;
    for (char c : key) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-';
      if (!ok) return false;
    }
    return true;
  }
  void insert_segment(const std::string& segment) {
    path_.insert(1, segment);  // after the leading '$'
    compose();
  }
  void compose() { what_ = path_ + ": " + problem_; }

  std::string problem_;
  std::string path_;
  std::string what_;
};

}  // namespace json
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_JSON_ERROR_HPP_INCLUDED
