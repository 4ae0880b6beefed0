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
#include <poll.h>
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

  // Sends a request to base_path + path and reads the whole response, blocking. A reused
  // keep-alive connection that turns out to be closed is replaced once; other failures
  // throw connection_error.
  const http_response& request(std::string_view method, std::string_view path,
                               const std::vector<http_header>& headers, std::string_view body) {
    begin(method, path, headers, body, false);
    run_blocking();
    return response_;
  }

  // The same, suspending on this thread's loop while a non-blocking socket would block.
  // Arguments must stay valid until the task finishes.
  task<const http_response*> send(std::string_view method, std::string_view path,
                                  const std::vector<http_header>& headers, std::string_view body) {
    begin(method, path, headers, body, false);
    co_await run();
    co_return &response_;
  }

  // Sends a request and leaves its response unread, blocking until it has gone: a long poll
  // whose answer does not matter, only that it was asked.
  void send_without_reading(std::string_view method, std::string_view path, const std::vector<http_header>& headers) {
    begin(method, path, headers, {}, false);
    expect_response_ = false;
    run_blocking();
  }

  // A request whose body goes in pieces (Transfer-Encoding: chunked), none of it buffered:
  // open_chunked() prepares the head, which leaves with the first chunk; each chunk goes
  // out at once; finish_chunked() sends the last chunk with `trailers` ("Name: value\r\n"
  // lines) and reads the response. Each send has a blocking form and a task.
  void open_chunked(std::string_view method, std::string_view path, const std::vector<http_header>& headers) {
    begin(method, path, headers, {}, true);
  }
  void send_chunk_blocking(std::string_view bytes) {
    if (prepare_chunk(bytes)) run_blocking();
  }
  task<> send_chunk(std::string_view bytes) {
    if (prepare_chunk(bytes)) co_await run();
  }
  const http_response& finish_chunked_blocking(std::string_view trailers) {
    prepare_last_chunk(trailers);
    run_blocking();
    return response_;
  }
  task<const http_response*> finish_chunked(std::string_view trailers) {
    prepare_last_chunk(trailers);
    co_await run();
    co_return &response_;
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

  enum class io_need { nothing, readable, writable };
  // Where an exchange stands; advance() moves it on as far as the socket allows.
  enum class phase { connecting, connected, sending, head, body, chunk_size, chunk_data, trailers, done };

  void begin(std::string_view method, std::string_view path, const std::vector<http_header>& headers,
             std::string_view body, bool chunked) {
    retried_ = false;
    reused_ = fd_ >= 0;
    prepare_request(method, path, headers, body, chunked);
    if (chunked) return;  // the head goes with the first chunk
    request_parts_[0] = {head_.data(), head_.size()};
    request_parts_[1] = {const_cast<char*>(body.data()), body.size()};
    request_part_count_ = body.empty() ? 1 : 2;
    expect_response_ = true;
    start_sending();
  }

  // One chunk of a chunked body: false for an empty one (it would end the body).
  bool prepare_chunk(std::string_view bytes) {
    if (bytes.empty()) return false;
    const auto end = std::to_chars(chunk_line_, chunk_line_ + sizeof chunk_line_ - 2, bytes.size(), 16).ptr;
    end[0] = '\r';
    end[1] = '\n';
    request_part_count_ = 0;
    add_head_if_pending();
    request_parts_[request_part_count_++] = {chunk_line_, static_cast<std::size_t>(end + 2 - chunk_line_)};
    request_parts_[request_part_count_++] = {const_cast<char*>(bytes.data()), bytes.size()};
    request_parts_[request_part_count_++] = {const_cast<char*>(crlf), 2};
    expect_response_ = false;
    start_sending();
    return true;
  }

  void prepare_last_chunk(std::string_view trailers) {
    last_chunk_.assign("0\r\n").append(trailers).append("\r\n");
    request_part_count_ = 0;
    add_head_if_pending();
    request_parts_[request_part_count_++] = {last_chunk_.data(), last_chunk_.size()};
    expect_response_ = true;
    start_sending();
  }

  // The head of a chunked request goes with its first chunk; a connection found closed
  // may be replaced only then, before any of the body has left.
  void add_head_if_pending() {
    if (head_pending_) {
      request_parts_[request_part_count_++] = {head_.data(), head_.size()};
      head_pending_ = false;
    } else {
      reused_ = false;
    }
  }

  void start_sending() {
    std::memcpy(parts_, request_parts_, sizeof parts_);
    first_part_ = 0;
    part_count_ = request_part_count_;
    phase_ = fd_ >= 0 ? phase::sending : connect();
  }

  void run_blocking() {
    for (io_need need; (need = advance()) != io_need::nothing;) {
      // Only a non-blocking socket asks to wait.
      pollfd ready{fd_, static_cast<short>(need == io_need::readable ? POLLIN : POLLOUT), 0};
      while (::poll(&ready, 1, -1) < 0 && errno == EINTR) {
      }
    }
  }

  task<> run() {
    for (io_need need; (need = advance()) != io_need::nothing;) {
      if (need == io_need::readable)
        co_await wait_readable(fd_);
      else
        co_await wait_writable(fd_);
    }
  }

  io_need advance() {
    for (;;) {
      try {
        return step();
      } catch (const stale_connection&) {
        // The peer closed a kept-alive connection before answering: once, on a new one.
        disconnect();
        if (!reused_ || retried_) throw connection_error("the Runtime API closed the connection before responding");
        retried_ = true;
      } catch (const connection_error&) {
        disconnect();  // the stream's position in the response is lost: never reuse it
        throw;
      }
      start_sending();
    }
  }

  io_need step() {
    for (;;) {
      switch (phase_) {
        case phase::connecting:
          phase_ = phase::connected;
          return io_need::writable;
        case phase::connected: {
          int err = 0;
          socklen_t length = sizeof err;
          ::getsockopt(fd_, SOL_SOCKET, SO_ERROR, &err, &length);
          if (err != 0) throw cannot_connect(err);
          phase_ = phase::sending;
          break;
        }
        case phase::sending:
          if (!try_send()) return io_need::writable;
          if (!expect_response_) {  // a chunk of a body still going
            phase_ = phase::done;
            return io_need::nothing;
          }
          used_ = 0;
          phase_ = phase::head;
          break;
        case phase::head: {
          const auto found = used_ >= 4 ? std::string_view(data(), used_).find("\r\n\r\n") : std::string_view::npos;
          if (found == std::string_view::npos) {
            if (used_ > (1u << 20)) throw connection_error("the Runtime API sent a response head over 1 MiB");
            if (!try_receive(used_ > 0)) return io_need::readable;
            break;
          }
          head_end_ = found + 4;
          start_body();
          break;
        }
        case phase::body:
          if (used_ >= head_end_ + body_length_) {
            finish(head_end_ + body_length_);
            return io_need::nothing;
          }
          if (!try_receive(true)) return io_need::readable;
          break;
        case phase::chunk_size: {
          const auto line_end = std::string_view(data(), used_).find("\r\n", read_at_);
          if (line_end == std::string_view::npos) {
            if (!try_receive(true)) return io_need::readable;
            break;
          }
          std::size_t size = 0;
          const char* p = data() + read_at_;
          const auto [end, ec] = std::from_chars(p, data() + line_end, size, 16);
          if (ec != std::errc{} || end == p) throw connection_error("the Runtime API sent an invalid chunk size");
          if (size > max_response_body - (body_end_ - head_end_))
            throw connection_error("the Runtime API sent a body over 128 MiB");
          read_at_ = line_end + 2;
          chunk_size_ = size;
          if (size == 0) {
            phase_ = phase::trailers;
          } else {
            reserve(read_at_ + size + 2);
            phase_ = phase::chunk_data;
          }
          break;
        }
        case phase::chunk_data:
          if (used_ < read_at_ + chunk_size_ + 2) {
            if (!try_receive(true)) return io_need::readable;
            break;
          }
          // Compacted in place right after the head.
          std::memmove(data() + body_end_, data() + read_at_, chunk_size_);
          body_end_ += chunk_size_;
          read_at_ += chunk_size_ + 2;
          phase_ = phase::chunk_size;
          break;
        case phase::trailers: {  // lines up to an empty one; none of them is kept
          const auto line_end = std::string_view(data(), used_).find("\r\n", read_at_);
          if (line_end == std::string_view::npos) {
            if (!try_receive(true)) return io_need::readable;
            break;
          }
          const bool empty = line_end == read_at_;
          read_at_ = line_end + 2;
          if (empty) {
            finish(body_end_);
            return io_need::nothing;
          }
          break;
        }
        case phase::done:
          return io_need::nothing;
      }
    }
  }

  void start_body() {
    parse_head(std::string_view(data(), head_end_));
    const bool chunked = iequals(response_.header("Transfer-Encoding"), "chunked");
    const std::string_view length_text = response_.header("Content-Length");
    body_length_ = 0;
    if (chunked) {
      read_at_ = body_end_ = head_end_;
      phase_ = phase::chunk_size;
      return;
    }
    if (!length_text.empty()) {
      const auto [end, ec] =
          std::from_chars(length_text.data(), length_text.data() + length_text.size(), body_length_);
      if (ec != std::errc{} || end != length_text.data() + length_text.size())
        throw connection_error("the Runtime API sent an invalid Content-Length");
      if (body_length_ > max_response_body) throw connection_error("the Runtime API sent a body over 128 MiB");
    }
    reserve(head_end_ + body_length_);
    phase_ = phase::body;
  }

  void finish(std::size_t body_end) {
    // Header views are taken last: reading the body may have moved the buffer.
    parse_head(std::string_view(data(), head_end_));
    response_.body = std::string_view(data() + head_end_, body_end - head_end_);
    std::memset(data() + body_end, 0, body_padding);
    phase_ = phase::done;
    if (iequals(response_.header("Connection"), "close")) disconnect();
  }

  connection_error cannot_connect(int err) const {
    return connection_error("cannot connect to the Runtime API at " + endpoint_.authority + ": " + std::strerror(err));
  }

  // Opens the connection: done (sending) for a blocking socket, or under way (connecting).
  phase connect() {
    const int type = SOCK_STREAM | SOCK_CLOEXEC | (mode_ == io_mode::non_blocking ? SOCK_NONBLOCK : 0);
    const int fd = ::socket(endpoint_.address.ss_family, type, 0);
    if (fd < 0) throw connection_error(std::string("socket: ") + std::strerror(errno));
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    int rc;
    do {
      rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&endpoint_.address), endpoint_.address_length);
    } while (rc < 0 && errno == EINTR);
    if (rc < 0 && errno != EINPROGRESS) {
      const int err = errno;
      ::close(fd);
      throw cannot_connect(err);
    }
    fd_ = fd;
    return rc < 0 ? phase::connecting : phase::sending;
  }

  void prepare_request(std::string_view method, std::string_view path, const std::vector<http_header>& headers,
                       std::string_view body, bool chunked) {
    head_.clear();
    head_.append(method).append(" ").append(endpoint_.base_path).append(path).append(" HTTP/1.1\r\nHost: ");
    head_.append(endpoint_.authority).append("\r\n");
    for (const auto& h : headers) head_.append(h.name).append(": ").append(h.value).append("\r\n");
    head_pending_ = chunked;
    if (chunked) {
      head_.append("Transfer-Encoding: chunked\r\n");
    } else if (method != "GET") {
      char length[24];
      const auto end = std::to_chars(length, length + sizeof length, body.size()).ptr;
      head_.append("Content-Length: ").append(length, static_cast<std::size_t>(end - length)).append("\r\n");
    }
    head_.append("\r\n");
  }

  // Sends what is left of the request, in as few system calls as the socket takes; false
  // when it would block first.
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
    // Starts at a page: most answers and many events fit, and a bigger body grows it once
    // (its Content-Length is reserved whole), so a small function keeps its RSS small.
    std::size_t capacity = b.capacity ? b.capacity : 4096;
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
    reserve(used_ + 2048);  // room to read into; the recv takes all there is
    for (;;) {
      const ssize_t n = ::recv(fd_, data() + used_, capacity() - body_padding - used_, 0);
      if (n > 0) {
        used_ += static_cast<std::size_t>(n);
        return true;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return false;
      const int err = n < 0 ? errno : 0;
      if (!response_started && (n == 0 || err == ECONNRESET)) throw stale_connection{};
      throw connection_error(n == 0 ? std::string("the Runtime API closed the connection mid-response")
                                    : std::string("receiving from the Runtime API: ") + std::strerror(err));
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
  static constexpr char crlf[] = "\r\n";
  std::string head_;
  bool head_pending_ = false;  // of a chunked request, until its first chunk
  char chunk_line_[24] = {};   // a chunk's size line
  std::string last_chunk_;     // and trailers
  iovec request_parts_[4] = {};  // the request (or chunk) to send: head, size line, bytes, CRLF
  int request_part_count_ = 0;
  iovec parts_[4] = {};  // what is left of it to send
  int first_part_ = 0, part_count_ = 0;
  bool expect_response_ = true;  // false while a chunked body goes out
  phase phase_ = phase::done;
  bool reused_ = false, retried_ = false;
  std::size_t head_end_ = 0, body_length_ = 0, read_at_ = 0, body_end_ = 0, chunk_size_ = 0;
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
