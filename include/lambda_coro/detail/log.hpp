// Log lines on stderr, where Lambda collects a function's logs: the level and format Lambda
// configures (AWS_LAMBDA_LOG_LEVEL, AWS_LAMBDA_LOG_FORMAT), one write() per line so that
// lines never interleave. The runtime's own messages and lambda_coro::logger share it.
#ifndef LAMBDA_CORO_DETAIL_LOG_HPP_INCLUDED
#define LAMBDA_CORO_DETAIL_LOG_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/json/detail/escape.hpp>

#include <errno.h>
#include <time.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

LAMBDA_CORO_BEGIN_NAMESPACE

enum class log_level : unsigned char { trace, debug, info, warn, error, fatal };
// Text: "[LEVEL]\ttimestamp\trequestId\tmessage key=value…"; JSON: one object per line.
enum class log_format : unsigned char { text, json };

namespace detail {

inline void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      return;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

inline bool ascii_iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  return true;
}

inline constexpr std::string_view level_names[] = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};

inline log_level parse_log_level(const char* text, log_level fallback) noexcept {
  if (!text) return fallback;
  for (unsigned i = 0; i < 6; ++i)
    if (ascii_iequals(text, level_names[i])) return static_cast<log_level>(i);
  return fallback;
}

struct log_settings {
  log_level level;
  log_format format;
};

// Read from the environment once; set_log_level/set_log_format change it.
inline log_settings& log_config() noexcept {
  static log_settings settings = [] {
    const char* format = std::getenv("AWS_LAMBDA_LOG_FORMAT");
    return log_settings{parse_log_level(std::getenv("AWS_LAMBDA_LOG_LEVEL"), log_level::info),
                        format && ascii_iequals(format, "json") ? log_format::json : log_format::text};
  }();
  return settings;
}

// The request id of the invocation in hand when a process serves one at a time (the runtime
// sets it); with concurrent invocations in one process there is none: context::log() knows.
inline const std::string* process_request_id = nullptr;

// RFC 3339 UTC with milliseconds, from the days-from-civil inverse (no time zone code).
inline void append_timestamp(std::string& out) {
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  const std::int64_t seconds = now.tv_sec;
  std::int64_t days = seconds / 86400;
  std::int64_t of_day = seconds % 86400;
  if (of_day < 0) {
    of_day += 86400;
    --days;
  }
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(days - era * 146097);
  const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned mp = (5 * day_of_year + 2) / 153;
  const unsigned day = day_of_year - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const auto year = static_cast<unsigned>(static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2));
  const auto millis = static_cast<unsigned>(now.tv_nsec / 1000000);
  char text[24];
  auto put = [&](int at, unsigned value, int digits) {
    for (int i = digits - 1; i >= 0; --i, value /= 10) text[at + i] = static_cast<char>('0' + value % 10);
  };
  put(0, year, 4);
  text[4] = '-';
  put(5, month, 2);
  text[7] = '-';
  put(8, day, 2);
  text[10] = 'T';
  put(11, static_cast<unsigned>(of_day / 3600), 2);
  text[13] = ':';
  put(14, static_cast<unsigned>(of_day / 60 % 60), 2);
  text[16] = ':';
  put(17, static_cast<unsigned>(of_day % 60), 2);
  text[19] = '.';
  put(20, millis, 3);
  text[23] = 'Z';
  out.append(text, sizeof text);
}

// Text lines stay one line: embedded newlines become carriage returns, as Lambda's runtimes do.
inline void append_one_line(std::string& out, std::string_view text) {
  const std::size_t at = out.size();
  out.append(text);
  for (std::size_t i = at; i < out.size(); ++i)
    if (out[i] == '\n') out[i] = '\r';
}

inline void append_json_string(std::string& out, std::string_view text) {
  json::detail::output sink(out);
  sink.put('"');
  json::detail::write_repaired(sink, text);
  sink.put('"');
  sink.commit();
}

// Starts a line in `line` (cleared, its capacity kept): JSON lines are left open for more
// members, text lines for more " key=value" fields. `source` names the runtime's own messages.
inline void begin_log_line(std::string& line, log_format format, log_level level, const std::string* request_id,
                           std::string_view message, std::string_view source) {
  line.clear();
  const std::string_view level_name = level_names[static_cast<unsigned>(level)];
  if (format == log_format::json) {
    line.append("{\"timestamp\":\"");
    append_timestamp(line);
    line.append("\",\"level\":\"").append(level_name).append("\"");
    if (request_id && !request_id->empty()) {
      line.append(",\"requestId\":");
      append_json_string(line, *request_id);
    }
    if (!source.empty()) {
      line.append(",\"logger\":");
      append_json_string(line, source);
    }
    line.append(",\"message\":");
    append_json_string(line, message);
    return;
  }
  if (!source.empty()) {  // the runtime's messages keep their plain "[lambda-coro] …" shape
    line.append("[").append(source).append("] ");
    append_one_line(line, message);
    return;
  }
  line.append("[").append(level_name).append("]\t");
  append_timestamp(line);
  line.append("\t");
  if (request_id && !request_id->empty()) line.append(*request_id).append("\t");
  append_one_line(line, message);
}

inline void end_log_line(std::string& line, log_format format) {
  line.append(format == log_format::json ? "}\n" : "\n");
  write_all(STDERR_FILENO, line);
}

// Each thread assembles its lines in one buffer that keeps its capacity: no allocation per line.
inline std::string& log_buffer() {
  thread_local std::string line;
  return line;
}

// A message of the runtime itself, at `level` (filtered like any other). Rare, so its line
// is its own: a bootstrap that never logs carries no per-thread buffer.
inline void log_line(std::string_view text, log_level level = log_level::error) {
  const log_settings settings = log_config();
  if (level < settings.level) return;
  std::string line;
  begin_log_line(line, settings.format, level, process_request_id, text, "lambda-coro");
  end_log_line(line, settings.format);
}

}  // namespace detail

// Changes what AWS_LAMBDA_LOG_LEVEL / AWS_LAMBDA_LOG_FORMAT set, for the whole process.
inline void set_log_level(log_level level) noexcept { detail::log_config().level = level; }
inline void set_log_format(log_format format) noexcept { detail::log_config().format = format; }
inline log_level current_log_level() noexcept { return detail::log_config().level; }

LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_DETAIL_LOG_HPP_INCLUDED
