// A small HTTP/1.1 client for the Lambda Runtime API: one keep-alive connection to a
// numeric address, TCP_NODELAY, each request written with one system call, responses read
// into reused buffers that keep simdjson's padding after the body. No DNS resolver,
// no TLS, no locale: what a static bootstrap should carry and nothing else. Blocking, or
// non-blocking with requests that suspend on the loop while the socket would block.
#ifndef LAMBDA_CORO_TRANSPORT_HTTP_CLIENT_HPP_INCLUDED
#define LAMBDA_CORO_TRANSPORT_HTTP_CLIENT_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/coro/loop.hpp>
#include <lambda_coro/coro/task.hpp>
#include <lambda_coro/detail/text.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace detail {

// Bytes readable past the end of a received body, so simdjson can parse it in place.
inline constexpr std::size_t body_padding = 64;

// Where the Runtime API listens, from AWS_LAMBDA_RUNTIME_API: "host:port", "[v6]:port",
// "localhost:port" or "http://host:port/base-path".
struct runtime_endpoint {
  std::string host;
  std::uint16_t port = 0;
  std::string base_path;  // "" or "/base-path", without a trailing slash
  std::string authority;  // host:port, an IPv6 host in brackets: for messages and Host
  sockaddr_storage address{};
  socklen_t address_length = 0;
};

inline runtime_endpoint parse_runtime_endpoint(std::string_view spec) {
  const std::string original(spec);
  auto invalid = [&](const char* why) {
    return std::invalid_argument("AWS_LAMBDA_RUNTIME_API=\"" + original + "\": " + why);
  };
  runtime_endpoint ep;
  if (spec.starts_with("http://")) spec.remove_prefix(7);
  if (const auto slash = spec.find('/'); slash != std::string_view::npos) {
    ep.base_path = std::string(spec.substr(slash));
    while (!ep.base_path.empty() && ep.base_path.back() == '/') ep.base_path.pop_back();
    spec = spec.substr(0, slash);
  }
  ep.authority = std::string(spec);
  std::string_view host, port;
  if (spec.starts_with('[')) {
    const auto close = spec.find(']');
    if (close == std::string_view::npos || close + 1 >= spec.size() || spec[close + 1] != ':')
      throw invalid("expected [ipv6-address]:port");
    host = spec.substr(1, close - 1);
    port = spec.substr(close + 2);
  } else {
    const auto colon = spec.rfind(':');
    if (colon == std::string_view::npos) throw invalid("expected host:port");
    host = spec.substr(0, colon);
    port = spec.substr(colon + 1);
  }
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535)
    throw invalid("the port must be a number from 1 to 65535");
  ep.port = static_cast<std::uint16_t>(value);
  ep.host = std::string(host);
  const std::string numeric = host == "localhost" ? std::string("127.0.0.1") : ep.host;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&ep.address);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&ep.address);
  if (inet_pton(AF_INET, numeric.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(ep.port);
    ep.address_length = sizeof(sockaddr_in);
  } else if (inet_pton(AF_INET6, numeric.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(ep.port);
    ep.address_length = sizeof(sockaddr_in6);
  } else {
    throw invalid("the host must be an IP address or localhost (no DNS)");
  }
  return ep;
}

// The connection failed or was closed before a complete response arrived.
class connection_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Far above Lambda's largest payload (6 MB); a longer body means a broken or hostile peer,
// and bounds what a Content-Length or chunk size can make the client allocate.
inline constexpr std::size_t max_response_body = std::size_t{1} << 27;

struct http_header {
  std::string_view name;
  std::string_view value;
};

// Views into the client's buffer: valid until its next request into the same buffer (use_buffer).
struct http_response {
  int status = 0;
  std::vector<http_header> headers;
  std::string_view body;  // body_padding readable bytes follow it

  std::string_view header(std::string_view name) const noexcept {
    for (const auto& h : headers)
      if (iequals(h.name, name)) return h.value;
    return {};
  }
};

class http_client {
public:
  // Blocking sockets suit a loop that does one thing at a time; non-blocking ones let a
  // request suspend on this thread's event loop while the socket would block.
  enum class io_mode { blocking, non_blocking };

  explicit http_client(runtime_endpoint endpoint, io_mode mode = io_mode::blocking)
      : endpoint_(std::move(endpoint)), mode_(mode) {}
  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;
  ~http_client() { disconnect(); }

  const runtime_endpoint& endpoint() const noexcept { return endpoint_; }
  io_mode mode() const noexcept { return mode_; }

  // Sends a request to base_path + path and reads the whole response. A reused keep-alive
  // connection that turns out to be closed is replaced once; other failures throw
  // connection_error. Arguments must stay valid until the task finishes.
  task<const http_response*> send(std::string_view method, std::string_view path,
                                  const std::vector<http_header>& headers, std::string_view body) {
    const bool reused = fd_ >= 0;
    try {
      co_await exchange(method, path, headers, body);
      co_return &response_;
    } catch (const stale_connection&) {
      if (!reused) throw connection_error("the Runtime API closed the connection before responding");
    }
    disconnect();
    co_await exchange(method, path, headers, body);
    co_return &response_;
  }

  // send(), run to the end on this thread.
  const http_response& request(std::string_view method, std::string_view path,
                               const std::vector<http_header>& headers, std::string_view body) {
    return *send(method, path, headers, body).sync_wait();
  }

  void disconnect() noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  // Responses are read into one of two buffers, chosen here: what one holds stays intact
  // while requests go through the other (the runtime keeps an event while it answers it).
  void use_buffer(unsigned index) noexcept { active_ = index & 1; }

private:
  // Closed before any byte of the response: safe to retry on a new connection.
  struct stale_connection {};

  task<> exchange(std::string_view method, std::string_view path, const std::vector<http_header>& headers,
                  std::string_view body) {
    try {
      if (fd_ < 0) co_await connect();
      prepare_request(method, path, headers, body);
      while (!try_send()) co_await wait_writable(fd_);
      co_await read_response();
    } catch (const connection_error&) {
      disconnect();  // the stream's position in the response is lost: never reuse it
      throw;
    }
    if (iequals(response_.header("Connection"), "close")) disconnect();
  }

  task<> connect() {
    const int type = SOCK_STREAM | SOCK_CLOEXEC | (mode_ == io_mode::non_blocking ? SOCK_NONBLOCK : 0);
    const int fd = ::socket(endpoint_.address.ss_family, type, 0);
    if (fd < 0) throw connection_error(std::string("socket: ") + std::strerror(errno));
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    int rc;
    do {
      rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&endpoint_.address), endpoint_.address_length);
    } while (rc < 0 && errno == EINTR);
    int err = rc < 0 ? errno : 0;
    if (err == EINPROGRESS) {
      fd_ = fd;  // owned from here, so a failure below closes it
      co_await wait_writable(fd);
      socklen_t length = sizeof err;
      ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &length);
      fd_ = -1;
    }
    if (err != 0) {
      ::close(fd);
      throw connection_error("cannot connect to the Runtime API at " + endpoint_.authority + ": " +
                             std::strerror(err));
    }
    fd_ = fd;
  }

  void prepare_request(std::string_view method, std::string_view path, const std::vector<http_header>& headers,
                       std::string_view body) {
    head_.clear();
    head_.append(method).append(" ").append(endpoint_.base_path).append(path).append(" HTTP/1.1\r\nHost: ");
    head_.append(endpoint_.authority).append("\r\n");
    for (const auto& h : headers) head_.append(h.name).append(": ").append(h.value).append("\r\n");
    if (method != "GET") {
      char length[24];
      const auto end = std::to_chars(length, length + sizeof length, body.size()).ptr;
      head_.append("Content-Length: ").append(length, static_cast<std::size_t>(end - length)).append("\r\n");
    }
    head_.append("\r\n");
    parts_[0] = {head_.data(), head_.size()};
    parts_[1] = {const_cast<char*>(body.data()), body.size()};
    first_part_ = 0;
    part_count_ = body.empty() ? 1 : 2;
  }

  // Sends what is left of the request; false when the socket would block first.
  bool try_send() {
    while (part_count_ > 0) {
      msghdr message{};
      message.msg_iov = parts_ + first_part_;
      message.msg_iovlen = static_cast<decltype(message.msg_iovlen)>(part_count_);
      const ssize_t sent = ::sendmsg(fd_, &message, MSG_NOSIGNAL);
      if (sent < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return false;
        const int err = errno;
        disconnect();
        if (err == EPIPE || err == ECONNRESET) throw stale_connection{};
        throw connection_error(std::string("sending to the Runtime API: ") + std::strerror(err));
      }
      auto left = static_cast<std::size_t>(sent);
      while (part_count_ > 0 && left >= parts_[first_part_].iov_len) {
        left -= parts_[first_part_].iov_len;
        ++first_part_;
        --part_count_;
      }
      if (part_count_ > 0) {
        iovec& part = parts_[first_part_];
        part.iov_base = static_cast<char*>(part.iov_base) + left;
        part.iov_len -= left;
      }
    }
    return true;
  }

  char* data() noexcept { return buffers_[active_].bytes.get(); }
  std::size_t capacity() const noexcept { return buffers_[active_].capacity; }

  void reserve(std::size_t needed) {
    needed += body_padding;
    receive_buffer& b = buffers_[active_];
    if (needed <= b.capacity) return;
    std::size_t capacity = b.capacity ? b.capacity : 16384;
    while (capacity < needed) capacity *= 2;
    auto bigger = std::make_unique<char[]>(capacity);
    if (used_) std::memcpy(bigger.get(), b.bytes.get(), used_);
    b.bytes = std::move(bigger);
    b.capacity = capacity;
  }

  // Reads at least one more byte into the buffer; false when the socket would block first.
  bool try_receive(bool response_started) {
    // Head, body and chunk framing together: trailers or chunk lines cannot grow it unbounded.
    if (used_ > max_response_body + (std::size_t{1} << 21))
      throw connection_error("the Runtime API sent a response over 130 MiB");
    reserve(used_ + 4096);
    for (;;) {
      const ssize_t n = ::recv(fd_, data() + used_, capacity() - body_padding - used_, 0);
      if (n > 0) {
        used_ += static_cast<std::size_t>(n);
        return true;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return false;
      const int err = n < 0 ? errno : 0;
      disconnect();
      if (!response_started && (n == 0 || err == ECONNRESET)) throw stale_connection{};
      throw connection_error(n == 0 ? std::string("the Runtime API closed the connection mid-response")
                                    : std::string("receiving from the Runtime API: ") + std::strerror(err));
    }
  }

  task<> read_response() {
    used_ = 0;
    std::size_t head_end = 0;
    for (;;) {
      if (used_ >= 4) {
        const std::string_view seen(data(), used_);
        const auto found = seen.find("\r\n\r\n");
        if (found != std::string_view::npos) {
          head_end = found + 4;
          break;
        }
        if (used_ > (1u << 20)) throw connection_error("the Runtime API sent a response head over 1 MiB");
      }
      while (!try_receive(used_ > 0)) co_await wait_readable(fd_);
    }
    // Header views are taken last: reading the body may move the buffer.
    parse_head(std::string_view(data(), head_end));
    const bool chunked = iequals(response_.header("Transfer-Encoding"), "chunked");
    const std::string_view length_text = response_.header("Content-Length");
    std::size_t length = 0;
    if (!chunked && !length_text.empty()) {
      const auto [end, ec] = std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
      if (ec != std::errc{} || end != length_text.data() + length_text.size())
        throw connection_error("the Runtime API sent an invalid Content-Length");
      if (length > max_response_body) throw connection_error("the Runtime API sent a body over 128 MiB");
    }
    std::size_t body_end;
    if (chunked) {
      body_end = co_await read_chunked_body(head_end);
    } else {
      reserve(head_end + length);
      while (used_ < head_end + length)
        while (!try_receive(true)) co_await wait_readable(fd_);
      body_end = head_end + length;
    }
    parse_head(std::string_view(data(), head_end));
    response_.body = std::string_view(data() + head_end, body_end - head_end);
    std::memset(data() + body_end, 0, body_padding);
  }

  // Where the line that starts at `from` ends, once it has arrived.
  task<std::size_t> line_end(std::size_t from) {
    std::size_t end;
    while ((end = std::string_view(data(), used_).find("\r\n", from)) == std::string_view::npos)
      while (!try_receive(true)) co_await wait_readable(fd_);
    co_return end;
  }

  // Compacts the chunks in place right after the head; returns where the body ends.
  task<std::size_t> read_chunked_body(std::size_t head_end) {
    std::size_t read_at = head_end;
    std::size_t body_end = head_end;
    for (;;) {
      const std::size_t end_of_line = co_await line_end(read_at);
      std::size_t size = 0;
      const char* p = data() + read_at;
      const auto [end, ec] = std::from_chars(p, data() + end_of_line, size, 16);
      if (ec != std::errc{} || end == p) throw connection_error("the Runtime API sent an invalid chunk size");
      if (size > max_response_body - (body_end - head_end))
        throw connection_error("the Runtime API sent a body over 128 MiB");
      read_at = end_of_line + 2;
      if (size == 0) break;
      reserve(read_at + size + 2);
      while (used_ < read_at + size + 2)
        while (!try_receive(true)) co_await wait_readable(fd_);
      std::memmove(data() + body_end, data() + read_at, size);
      body_end += size;
      read_at += size + 2;
    }
    // Trailer lines up to an empty one; none of them is kept.
    for (;;) {
      const std::size_t end_of_line = co_await line_end(read_at);
      const bool empty = end_of_line == read_at;
      read_at = end_of_line + 2;
      if (empty) co_return body_end;
    }
  }

  void parse_head(std::string_view head) {
    response_.headers.clear();
    const auto first_line_end = head.find("\r\n");
    const std::string_view status_line = head.substr(0, first_line_end);
    // "HTTP/1.x NNN[ reason]"
    const auto digit = [&](std::size_t i) { return status_line[i] >= '0' && status_line[i] <= '9'; };
    if (!status_line.starts_with("HTTP/1.") || status_line.size() < 12 || status_line[8] != ' ' || !digit(9) ||
        !digit(10) || !digit(11) || (status_line.size() > 12 && status_line[12] != ' '))
      throw connection_error("the Runtime API sent an invalid status line");
    response_.status = (status_line[9] - '0') * 100 + (status_line[10] - '0') * 10 + (status_line[11] - '0');
    std::size_t pos = first_line_end + 2;
    while (pos < head.size()) {
      const auto end = head.find("\r\n", pos);
      if (end == pos || end == std::string_view::npos) break;
      const std::string_view line = head.substr(pos, end - pos);
      const auto colon = line.find(':');
      if (colon != std::string_view::npos) {
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
        response_.headers.push_back({line.substr(0, colon), value});
      }
      pos = end + 2;
    }
  }

  runtime_endpoint endpoint_;
  io_mode mode_;
  int fd_ = -1;
  std::string head_;
  iovec parts_[2] = {};  // the request being sent: head, body
  int first_part_ = 0, part_count_ = 0;
  struct receive_buffer {
    std::unique_ptr<char[]> bytes;
    std::size_t capacity = 0;
  };
  receive_buffer buffers_[2];
  unsigned active_ = 0;
  std::size_t used_ = 0;
  http_response response_;
};

}  // namespace detail
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_TRANSPORT_HTTP_CLIENT_HPP_INCLUDED
