// The emulator's Runtime API listener: a small HTTP/1.1 server, one thread per connection,
// that reads request bodies as they arrive, Content-Length or chunked with trailers. It is
// its own because a streamed response ends with HTTP trailers (the error of a stream that
// failed midway), which cpp-httplib's server rejects, and because a streamed body must be
// handed on piece by piece rather than buffered whole.
#ifndef LAMBDA_CORO_EMULATOR_RUNTIME_API_SERVER_HPP_INCLUDED
#define LAMBDA_CORO_EMULATOR_RUNTIME_API_SERVER_HPP_INCLUDED

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace emulator {

inline bool same_name(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return (x | 0x20) == (y | 0x20); });
}

struct api_fields {
  std::vector<std::pair<std::string, std::string>> items;
  std::string get(std::string_view name) const {
    for (const auto& [n, v] : items)
      if (same_name(n, name)) return v;
    return {};
  }
};

// A request as far as it has been read: the head, then the body through read_body().
class api_request {
public:
  std::string method, path;
  api_fields headers;
  api_fields trailers;  // of a chunked body, once it has been read to its end

  // The next piece of the body into `piece`: false at its end (or on a broken connection,
  // then failed() is true). Pieces are as the client sent them: one per chunk.
  bool read_body(std::string& piece) { return next_piece_(piece); }
  // The whole body, up to `limit` bytes (false, and failed(), beyond).
  bool read_all(std::string& body, std::size_t limit) {
    body.clear();
    for (std::string piece; read_body(piece);) {
      if (body.size() + piece.size() > limit) {
        failed_ = true;
        return false;
      }
      body += piece;
    }
    return !failed_;
  }
  bool failed() const { return failed_; }

private:
  friend class runtime_api_server;
  std::function<bool(std::string&)> next_piece_;
  bool failed_ = false;
};

struct api_response {
  int status = 200;
  api_fields headers;
  std::string body;
  bool close = false;  // end the connection after this response
};

class runtime_api_server {
public:
  using handler = std::function<api_response(api_request&)>;

  explicit runtime_api_server(handler handle) : handle_(std::move(handle)) {}
  runtime_api_server(const runtime_api_server&) = delete;
  runtime_api_server& operator=(const runtime_api_server&) = delete;
  ~runtime_api_server() { stop(); }

  // Listens on host:port (0: any free port); the port, or -1.
  int start(const std::string& host, int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) return -1;
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener_ < 0) return -1;
    int one = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    socklen_t length = sizeof address;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener_, 1024) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      ::close(listener_);
      listener_ = -1;
      return -1;
    }
    accepting_ = std::thread([this] { accept_loop(); });
    return ntohs(address.sin_port);
  }

  // Ends every connection (handlers blocked in a long poll must be woken by their owner).
  void stop() {
    {
      std::lock_guard lock(mutex_);
      if (stopped_) return;
      stopped_ = true;
      if (listener_ >= 0) ::shutdown(listener_, SHUT_RDWR);
      for (int fd : connections_) ::shutdown(fd, SHUT_RDWR);
    }
    if (accepting_.joinable()) accepting_.join();
    if (listener_ >= 0) ::close(listener_);
    listener_ = -1;
    std::vector<std::thread> threads;
    {
      std::lock_guard lock(mutex_);
      threads.swap(threads_);
    }
    for (auto& t : threads) t.join();
  }

private:
  void accept_loop() {
    for (;;) {
      const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        return;
      }
      int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      std::lock_guard lock(mutex_);
      if (stopped_) {
        ::close(fd);
        return;
      }
      connections_.insert(fd);
      threads_.emplace_back([this, fd] { serve(fd); });
    }
  }

  // Buffered reading of one connection.
  struct reader {
    int fd;
    std::string buffer;
    std::size_t at = 0;

    bool fill() {
      if (at > 0 && at == buffer.size()) {
        buffer.clear();
        at = 0;
      }
      char bytes[65536];
      for (;;) {
        const ssize_t n = ::recv(fd, bytes, sizeof bytes, 0);
        if (n > 0) {
          buffer.append(bytes, static_cast<std::size_t>(n));
          return true;
        }
        if (n < 0 && errno == EINTR) continue;
        return false;
      }
    }
    // A line without its CRLF; false at the end of the stream or past `limit` bytes.
    bool line(std::string& out, std::size_t limit = 65536) {
      for (;;) {
        const auto end = buffer.find("\r\n", at);
        if (end != std::string::npos) {
          out.assign(buffer, at, end - at);
          at = end + 2;
          return true;
        }
        if (buffer.size() - at > limit || !fill()) return false;
      }
    }
    bool exact(std::string& out, std::size_t n) {
      out.clear();
      while (out.size() < n) {
        if (at == buffer.size() && !fill()) return false;
        const std::size_t take = std::min(n - out.size(), buffer.size() - at);
        out.append(buffer, at, take);
        at += take;
      }
      return true;
    }
  };

  static bool parse_field(const std::string& line, api_fields& into) {
    const auto colon = line.find(':');
    if (colon == std::string::npos || colon == 0) return false;
    std::string_view value = std::string_view(line).substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    into.items.emplace_back(line.substr(0, colon), std::string(value));
    return true;
  }

  static bool send_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  static const char* reason(int status) {
    switch (status) {
      case 200: return "OK";
      case 202: return "Accepted";
      case 400: return "Bad Request";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 410: return "Gone";
      case 413: return "Payload Too Large";
      case 500: return "Internal Server Error";
      default: return "Status";
    }
  }

  // Requests one after another until the client or the server closes the connection.
  void serve(int fd) {
    reader in{fd, {}, 0};
    for (bool open = true; open;) {
      api_request request;
      std::string line;
      if (!in.line(line)) break;
      const auto space1 = line.find(' '), space2 = line.rfind(' ');
      if (space1 == std::string::npos || space2 == space1 || !line.starts_with(std::string_view(line).substr(0, space1))) break;
      request.method = line.substr(0, space1);
      request.path = line.substr(space1 + 1, space2 - space1 - 1);
      request.path = request.path.substr(0, request.path.find('?'));
      bool head_ok = true;
      while ((head_ok = in.line(line)) && !line.empty())
        if (!parse_field(line, request.headers)) head_ok = false;
      if (!head_ok) break;

      const bool chunked = same_name(request.headers.get("Transfer-Encoding"), "chunked");
      std::size_t length = 0;
      const std::string length_text = request.headers.get("Content-Length");
      if (!chunked && !length_text.empty()) {
        const auto [end, ec] = std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
        if (ec != std::errc{} || end != length_text.data() + length_text.size()) break;
      }
      bool body_done = false;
      request.next_piece_ = [&](std::string& piece) {
        if (body_done) return false;
        if (!chunked) {
          body_done = true;
          if (!in.exact(piece, length)) request.failed_ = true;
          return !request.failed_ && length > 0;
        }
        std::string size_line;
        std::size_t size = 0;
        if (!in.line(size_line)) {
          request.failed_ = body_done = true;
          return false;
        }
        const auto [end, ec] = std::from_chars(size_line.data(), size_line.data() + size_line.size(), size, 16);
        if (ec != std::errc{} || end == size_line.data()) {
          request.failed_ = body_done = true;
          return false;
        }
        if (size == 0) {  // trailers up to an empty line
          body_done = true;
          std::string trailer;
          while (in.line(trailer)) {
            if (trailer.empty()) return false;
            parse_field(trailer, request.trailers);
          }
          request.failed_ = true;
          return false;
        }
        std::string crlf;
        if (!in.exact(piece, size) || !in.exact(crlf, 2) || crlf != "\r\n") {
          request.failed_ = body_done = true;
          return false;
        }
        return true;
      };

      api_response response = handle_(request);
      // What the handler left unread goes, so the next request starts where it should.
      for (std::string rest; !request.failed_ && request.read_body(rest);) {
      }
      if (request.failed_) response.close = true;
      std::string out = "HTTP/1.1 " + std::to_string(response.status) + " " + reason(response.status) + "\r\n";
      bool has_type = false;
      for (const auto& [n, v] : response.headers.items) {
        out += n + ": " + v + "\r\n";
        has_type = has_type || same_name(n, "Content-Type");
      }
      if (!has_type) out += "Content-Type: application/json\r\n";
      out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
      if (response.close) out += "Connection: close\r\n";
      out += "\r\n";
      out += response.body;
      open = send_all(fd, out) && !response.close;
    }
    std::lock_guard lock(mutex_);
    connections_.erase(fd);
    ::close(fd);
  }

  handler handle_;
  int listener_ = -1;
  std::thread accepting_;
  std::mutex mutex_;
  std::set<int> connections_;
  std::vector<std::thread> threads_;
  bool stopped_ = false;
};

}  // namespace emulator

#endif  // LAMBDA_CORO_EMULATOR_RUNTIME_API_SERVER_HPP_INCLUDED
