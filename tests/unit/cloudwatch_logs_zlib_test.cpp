// CloudWatch Logs payloads decoded with zlib: AWS's sample, payloads made here with zlib,
// and every way a payload can be wrong.
#include "../support/event_check.hpp"

#include <lambda_coro/events/cloudwatch_logs_zlib.hpp>

#include <zlib.h>

#include <string>

namespace ev = lambda_coro::events;

namespace {

std::string gzip(const std::string& text) {
  z_stream s{};
  REQUIRE(deflateInit2(&s, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&s, static_cast<uLong>(text.size())), '\0');
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  s.avail_in = static_cast<uInt>(text.size());
  s.next_out = reinterpret_cast<Bytef*>(out.data());
  s.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&s, Z_FINISH) == Z_STREAM_END);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

ev::cloudwatch_logs_event event_of(const std::string& gz) {
  ev::cloudwatch_logs_event e;
  e.awslogs.data = ev::base64_encode(gz);
  return e;
}

}  // namespace

TEST_CASE("AWS's CloudWatch Logs sample decodes in one call") {
  const auto e = test::check_event<ev::cloudwatch_logs_event>("cloudwatch-logs-event.json");
  const ev::cloudwatch_logs_data data = ev::decode(e);
  CHECK(data.message_type == "DATA_MESSAGE");
  CHECK(data.log_group == "testLogGroup");
  REQUIRE(data.log_events.size() == 2);
  CHECK(data.log_events[0].message == "[ERROR] First test message");
  CHECK(data.log_events[1].timestamp == 1440442987001);
}

TEST_CASE("a payload of many log events, over several output buffers, and concatenated gzip members") {
  ev::cloudwatch_logs_data data;
  data.owner = "123456789012";
  data.log_group = "/aws/lambda/f";
  data.message_type = "DATA_MESSAGE";
  for (int i = 0; i < 5000; ++i)
    data.log_events.push_back({std::to_string(i), 1700000000000 + i, "line " + std::to_string(i) + " \xc3\xa9\n"});
  const std::string text = json::write(data);
  const auto decoded = ev::decode(event_of(gzip(text)));
  CHECK(json::write(decoded) == text);
  CHECK(ev::gunzip(gzip("ab") + gzip("cd")) == "abcd");
  CHECK(ev::gunzip(gzip("")) == "");
}

TEST_CASE("broken payloads are clear errors at $.awslogs.data") {
  ev::cloudwatch_logs_event not_base64;
  not_base64.awslogs.data = "***";
  CHECK_THROWS_WITH_AS(ev::decode(not_base64), doctest::Contains("$.awslogs.data"), json::error);
  CHECK_THROWS_WITH_AS(ev::decode(event_of("plain text, not gzip")), doctest::Contains("not valid gzip"), json::error);
  const std::string gz = gzip(R"({"owner":"1","logEvents":[]})");
  CHECK_THROWS_WITH_AS(ev::decode(event_of(gz.substr(0, gz.size() - 6))), doctest::Contains("cut short"), json::error);
  std::string bad_crc = gz;
  bad_crc[bad_crc.size() - 8] ^= 1;
  CHECK_THROWS_AS(ev::decode(event_of(bad_crc)), json::error);
  CHECK_THROWS_AS(ev::decode(event_of("")), json::error);
  CHECK_THROWS_AS(ev::decode(event_of(gzip("not json"))), json::error);
  CHECK_THROWS_AS(ev::decode(event_of(gz + "trailing")), json::error);
}

TEST_CASE("a payload that inflates beyond the limit is refused before it is held") {
  const std::string bomb = gzip(std::string(1 << 20, 'a'));  // ~1 KiB that inflates to 1 MiB
  CHECK(ev::gunzip(bomb).size() == 1u << 20);
  CHECK_THROWS_WITH_AS(ev::gunzip(bomb, 1 << 19), doctest::Contains("size limit"), json::error);
  CHECK(ev::gunzip(bomb, 1 << 20).size() == 1u << 20);
}
