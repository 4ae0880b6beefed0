// Decodes a CloudWatch Logs subscription event: base64, then gzip (zlib), then JSON.
// Opt-in: include this header and link zlib (-lz; Debian's zlib1g-dev has the static
// libz.a for bootstraps). Functions that never read logs carry none of it.
#ifndef LAMBDA_CORO_EVENTS_CLOUDWATCH_LOGS_ZLIB_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_CLOUDWATCH_LOGS_ZLIB_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/base64.hpp>
#include <lambda_coro/events/cloudwatch_logs.hpp>
#include <lambda_coro/json/error.hpp>
#include <lambda_coro/json/read.hpp>

#include <zlib.h>

#include <cstddef>
#include <string>
#include <string_view>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

// A bound on what one payload may inflate to, so that a crafted payload cannot exhaust
// memory. CloudWatch batches up to ~1 MB of log events; 64 MiB leaves ample room.
inline constexpr std::size_t gunzip_default_max_size = std::size_t{64} << 20;

// The bytes of one or more concatenated gzip members. Throws json::error (at `path`) on
// data that is not gzip, is cut short, fails its CRC, or inflates beyond max_size.
inline std::string gunzip(std::string_view gz, std::size_t max_size = gunzip_default_max_size,
                          const char* path = "$") {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) throw json::error("zlib could not start inflating", path);
  struct end_on_exit {
    z_stream& s;
    ~end_on_exit() { inflateEnd(&s); }
  } guard{stream};

  std::string out;
  out.resize(gz.size() * 4 + 256 < max_size ? gz.size() * 4 + 256 : max_size);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  stream.avail_in = static_cast<uInt>(gz.size());
  std::size_t produced = 0;
  for (;;) {
    if (produced == out.size()) {
      if (out.size() >= max_size) throw json::error("gzip payload inflates beyond the size limit", path);
      out.resize(out.size() * 2 < max_size ? out.size() * 2 : max_size);
    }
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    stream.avail_out = static_cast<uInt>(out.size() - produced);
    const int status = inflate(&stream, Z_NO_FLUSH);
    produced = out.size() - stream.avail_out;
    if (status == Z_STREAM_END) {
      if (stream.avail_in == 0) break;
      if (inflateReset(&stream) != Z_OK) throw json::error("zlib could not restart inflating", path);
      continue;  // another gzip member follows
    }
    if (status == Z_BUF_ERROR && stream.avail_in == 0) throw json::error("gzip payload is cut short", path);
    if (status != Z_OK && status != Z_BUF_ERROR)
      throw json::error(std::string("not valid gzip: ") + (stream.msg ? stream.msg : "inflate failed"), path);
  }
  out.resize(produced);
  return out;
}

// The log events of a subscription delivery, in one call:
//   for (const auto& e : events::decode(event).log_events) …
inline cloudwatch_logs_data decode(const cloudwatch_logs_event& event,
                                   std::size_t max_size = gunzip_default_max_size) {
  const auto gz = base64_decode(event.awslogs.data);
  if (!gz) throw json::error("not base64", "$.awslogs.data");
  return json::read<cloudwatch_logs_data>(gunzip(*gz, max_size, "$.awslogs.data"));
}

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_CLOUDWATCH_LOGS_ZLIB_HPP_INCLUDED
