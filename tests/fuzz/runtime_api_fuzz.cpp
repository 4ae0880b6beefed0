// libFuzzer target for the Runtime API client's response parser: the input is what a peer
// sends back over a real loopback socket (status line, headers, Content-Length or chunked
// bodies), and the AWS_LAMBDA_RUNTIME_API parser gets the same bytes.
#include <lambda_coro/lambda_coro.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

namespace detail = lambda_coro::detail;

namespace {

int listen_on_loopback(std::uint16_t& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 || ::listen(fd, 16) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
    std::abort();
  port = ntohs(address.sin_port);
  return fd;
}

// Plays the peer once: reads the request head, answers with `reply` in two writes (so the
// client also sees a partial response), then closes its side and waits for the client's.
void answer_once(int listener, std::string_view reply) {
  const int peer = ::accept(listener, nullptr, nullptr);
  if (peer < 0) std::abort();
  std::string request;
  char buffer[4096];
  while (request.find("\r\n\r\n") == std::string::npos) {
    const ssize_t n = ::recv(peer, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    request.append(buffer, static_cast<std::size_t>(n));
  }
  const std::size_t split = reply.empty() ? 0 : static_cast<unsigned char>(reply[0]) % reply.size();
  ::send(peer, reply.data(), split, MSG_NOSIGNAL);
  ::send(peer, reply.data() + split, reply.size() - split, MSG_NOSIGNAL);
  ::shutdown(peer, SHUT_WR);
  while (::recv(peer, buffer, sizeof buffer, 0) > 0) {
  }
  ::close(peer);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  try {
    (void)detail::parse_runtime_endpoint(input);
  } catch (const std::invalid_argument&) {
  }

  static std::uint16_t port = 0;
  static const int listener = listen_on_loopback(port);
  // One client for every input: its receive buffer is reused, as the runtime's is.
  static detail::http_client client(detail::parse_runtime_endpoint("127.0.0.1:" + std::to_string(port)));

  std::thread peer(answer_once, listener, input);
  try {
    const detail::http_response& response = client.request("GET", "/2018-06-01/runtime/invocation/next", {}, {});
    if (response.status < 0 || response.status > 999 || response.body.size() > size) std::abort();
    // The padding the JSON parser relies on is there and zeroed.
    for (std::size_t i = 0; i < detail::body_padding; ++i)
      if (response.body.data()[response.body.size() + i] != 0) std::abort();
    for (const auto& header : response.headers)
      if (header.name.size() + header.value.size() > size) std::abort();
  } catch (const detail::connection_error&) {
  }
  client.disconnect();
  peer.join();
  return 0;
}
