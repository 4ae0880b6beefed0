// Lines on stderr, where Lambda collects a function's logs.
#ifndef LAMBDA_CORO_DETAIL_LOG_HPP_INCLUDED
#define LAMBDA_CORO_DETAIL_LOG_HPP_INCLUDED

#include <lambda_coro/config.hpp>

#include <errno.h>
#include <unistd.h>

#include <string>
#include <string_view>

LAMBDA_CORO_BEGIN_NAMESPACE
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

// One line on stderr, written with a single system call so lines never interleave.
inline void log_line(std::string_view text) {
  std::string line;
  line.reserve(text.size() + 15);
  line.append("[lambda-coro] ").append(text).append("\n");
  write_all(STDERR_FILENO, line);
}

}  // namespace detail
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_DETAIL_LOG_HPP_INCLUDED
