// Structured logging for functions: levels TRACE…FATAL, Text or JSON lines as Lambda's
// log configuration asks (AWS_LAMBDA_LOG_FORMAT, AWS_LAMBDA_LOG_LEVEL), with the request id
// and the caller's fields:
//   lambda_coro::log().info("paid", {{"order", id}, {"amount", 12.5}});
//   ctx.log().error("charge failed", e);   // errorType, errorMessage
// A level below the configured one returns before any formatting; a line is assembled in a
// per-thread buffer (no allocation once it is warm) and written with one write() on stderr.
#ifndef LAMBDA_CORO_LOG_HPP_INCLUDED
#define LAMBDA_CORO_LOG_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/detail/demangle.hpp>
#include <lambda_coro/detail/log.hpp>
#include <lambda_coro/json/write.hpp>

#include <charconv>
#include <exception>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>

LAMBDA_CORO_BEGIN_NAMESPACE

// One field of a log line: a name and a string, number, bool or null. It refers to the value
// it was made from, so make it in the call.
class log_field {
public:
  template <class T>
  log_field(std::string_view name, const T& value) noexcept : name_(name) {
    if constexpr (std::is_same_v<T, bool>) {
      type_ = kind::boolean;
      boolean_ = value;
    } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
      type_ = kind::signed_integer;
      signed_ = value;
    } else if constexpr (std::is_integral_v<T>) {
      type_ = kind::unsigned_integer;
      unsigned_ = value;
    } else if constexpr (std::is_floating_point_v<T>) {
      type_ = kind::floating;
      floating_ = static_cast<double>(value);
    } else if constexpr (std::is_same_v<T, std::nullptr_t>) {
      type_ = kind::null;
    } else {
      static_assert(std::is_convertible_v<const T&, std::string_view>,
                    "a log field's value is a string, a number, a bool or nullptr; log a described struct "
                    "as the fields argument");
      type_ = kind::text;
      text_ = std::string_view(value);
    }
  }

  // Appends ",\"name\":value" (JSON) or " name=value" (text).
  void append_to(std::string& line, log_format format) const {
    if (format == log_format::json) {
      line.push_back(',');
      detail::append_json_string(line, name_);
      line.push_back(':');
    } else {
      line.push_back(' ');
      detail::append_one_line(line, name_);
      line.push_back('=');
    }
    char number[32];
    switch (type_) {
      case kind::text:
        if (format == log_format::json)
          detail::append_json_string(line, text_);
        else
          detail::append_one_line(line, text_);
        return;
      case kind::signed_integer:
        line.append(number, std::to_chars(number, number + sizeof number, signed_).ptr);
        return;
      case kind::unsigned_integer:
        line.append(number, std::to_chars(number, number + sizeof number, unsigned_).ptr);
        return;
      case kind::floating: {
        json::detail::output sink(line);
        json::detail::write_scalar(sink, floating_);  // JSON's spelling: null for NaN and infinities
        sink.commit();
        return;
      }
      case kind::boolean:
        line.append(boolean_ ? "true" : "false");
        return;
      case kind::null:
        line.append("null");
        return;
    }
  }

private:
  enum class kind : unsigned char { text, signed_integer, unsigned_integer, floating, boolean, null };
  std::string_view name_;
  kind type_;
  union {
    std::string_view text_;
    long long signed_;
    unsigned long long unsigned_;
    double floating_;
    bool boolean_;
  };
};

namespace detail {
template <class T>
concept log_fields_struct = json::detail::is_described_struct<T>;
}  // namespace detail

// Writes log lines. lambda_coro::log() is the process's; context::log() adds the
// invocation's request id even when invocations run concurrently in one process.
class logger {
public:
  using fields = std::initializer_list<log_field>;

  // request_id: nullptr for the invocation in hand when the process serves one at a time.
  explicit logger(const std::string* request_id = nullptr) noexcept : request_id_(request_id) {}

  bool enabled(log_level level) const noexcept { return level >= detail::log_config().level; }

  void trace(std::string_view message, fields f = {}) const { log(log_level::trace, message, f); }
  void debug(std::string_view message, fields f = {}) const { log(log_level::debug, message, f); }
  void info(std::string_view message, fields f = {}) const { log(log_level::info, message, f); }
  void warn(std::string_view message, fields f = {}) const { log(log_level::warn, message, f); }
  void error(std::string_view message, fields f = {}) const { log(log_level::error, message, f); }
  void fatal(std::string_view message, fields f = {}) const { log(log_level::fatal, message, f); }

  // The members of a described struct as the line's fields.
  template <detail::log_fields_struct T>
  void trace(std::string_view message, const T& f) const { log(log_level::trace, message, f); }
  template <detail::log_fields_struct T>
  void debug(std::string_view message, const T& f) const { log(log_level::debug, message, f); }
  template <detail::log_fields_struct T>
  void info(std::string_view message, const T& f) const { log(log_level::info, message, f); }
  template <detail::log_fields_struct T>
  void warn(std::string_view message, const T& f) const { log(log_level::warn, message, f); }
  template <detail::log_fields_struct T>
  void error(std::string_view message, const T& f) const { log(log_level::error, message, f); }
  template <detail::log_fields_struct T>
  void fatal(std::string_view message, const T& f) const { log(log_level::fatal, message, f); }

  // With errorType and errorMessage from the exception.
  void error(std::string_view message, const std::exception& e, fields f = {}) const {
    log_exception(log_level::error, message, e, f);
  }
  void fatal(std::string_view message, const std::exception& e, fields f = {}) const {
    log_exception(log_level::fatal, message, e, f);
  }

  void log(log_level level, std::string_view message, fields f = {}) const {
    const detail::log_settings settings = detail::log_config();
    if (level < settings.level) return;
    std::string& line = begin(settings, level, message);
    for (const log_field& field : f) field.append_to(line, settings.format);
    detail::end_log_line(line, settings.format);
  }

  template <detail::log_fields_struct T>
  void log(log_level level, std::string_view message, const T& f) const {
    const detail::log_settings settings = detail::log_config();
    if (level < settings.level) return;
    std::string& line = begin(settings, level, message);
    if (settings.format == log_format::text) line.push_back('\t');
    {
      json::detail::output sink(line);
      if (settings.format == log_format::json)
        json::detail::write_members(sink, f);  // ",name":value…
      else
        json::detail::write_value(sink, f);
      sink.commit();
    }
    detail::end_log_line(line, settings.format);
  }

private:
  std::string& begin(const detail::log_settings& settings, log_level level, std::string_view message) const {
    std::string& line = detail::log_buffer();
    detail::begin_log_line(line, settings.format, level, request_id_ ? request_id_ : detail::process_request_id,
                           message, {});
    return line;
  }

  void log_exception(log_level level, std::string_view message, const std::exception& e, fields f) const {
    const detail::log_settings settings = detail::log_config();
    if (level < settings.level) return;
    std::string& line = begin(settings, level, message);
    const std::string type = detail::demangle(typeid(e).name());
    log_field("errorType", type).append_to(line, settings.format);
    log_field("errorMessage", e.what()).append_to(line, settings.format);
    for (const log_field& field : f) field.append_to(line, settings.format);
    detail::end_log_line(line, settings.format);
  }

  const std::string* request_id_;
};

// The process's logger.
inline logger log() noexcept { return logger(); }

LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_LOG_HPP_INCLUDED
