// JSON binding throughput: lambda-coro against nlohmann::json and Boost.JSON, same structs,
// same inputs, interleaved in one run. Typed read = text -> struct, typed write = struct -> text.
//
//   json_bench [--seconds S] [--rounds R]
//
// Each (workload, library, direction) runs for S seconds per round; rounds are interleaved
// so that machine noise hits every library alike; the median round is reported.
#include <lambda_coro/lambda_coro.hpp>

#include <boost/describe.hpp>
#include <boost/json.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

// Member names are the wire names, so every library binds them with its stock machinery.
namespace bench {

struct http_info {
  std::string method, path, protocol, sourceIp, userAgent;
};
struct request_context {
  std::string accountId, apiId, domainName, domainPrefix;
  http_info http;
  std::string requestId, routeKey, stage, time;
  std::int64_t timeEpoch = 0;
};
struct http_api_request {
  std::string version, routeKey, rawPath, rawQueryString;
  std::vector<std::string> cookies;
  std::map<std::string, std::string> headers;
  std::map<std::string, std::string> queryStringParameters;
  request_context requestContext;
  std::string body;
  bool isBase64Encoded = false;
};

struct message_attribute {
  std::string stringValue;
  std::vector<std::string> stringListValues;
  std::vector<std::string> binaryListValues;
  std::string dataType;
};
struct sqs_message {
  std::string messageId, receiptHandle, body, md5OfBody, md5OfMessageAttributes, eventSourceARN, eventSource,
      awsRegion;
  std::map<std::string, std::string> attributes;
  std::map<std::string, message_attribute> messageAttributes;
};
struct sqs_event {
  std::vector<sqs_message> Records;
};

BOOST_DESCRIBE_STRUCT(http_info, (), (method, path, protocol, sourceIp, userAgent))
BOOST_DESCRIBE_STRUCT(request_context, (),
                      (accountId, apiId, domainName, domainPrefix, http, requestId, routeKey, stage, time, timeEpoch))
BOOST_DESCRIBE_STRUCT(http_api_request, (),
                      (version, routeKey, rawPath, rawQueryString, cookies, headers, queryStringParameters,
                       requestContext, body, isBase64Encoded))
BOOST_DESCRIBE_STRUCT(message_attribute, (), (stringValue, stringListValues, binaryListValues, dataType))
BOOST_DESCRIBE_STRUCT(sqs_message, (),
                      (messageId, receiptHandle, body, md5OfBody, md5OfMessageAttributes, eventSourceARN,
                       eventSource, awsRegion, attributes, messageAttributes))
BOOST_DESCRIBE_STRUCT(sqs_event, (), (Records))

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(http_info, method, path, protocol, sourceIp, userAgent)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(request_context, accountId, apiId, domainName, domainPrefix, http,
                                                requestId, routeKey, stage, time, timeEpoch)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(http_api_request, version, routeKey, rawPath, rawQueryString, cookies,
                                                headers, queryStringParameters, requestContext, body,
                                                isBase64Encoded)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(message_attribute, stringValue, stringListValues, binaryListValues,
                                                dataType)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(sqs_message, messageId, receiptHandle, body, md5OfBody,
                                                md5OfMessageAttributes, eventSourceARN, eventSource, awsRegion,
                                                attributes, messageAttributes)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(sqs_event, Records)

// An API Gateway HTTP API (v2) request as AWS sends it, about 1 KB.
const char* const http_api_request_text = R"({
    "version": "2.0",
    "routeKey": "POST /orders/{id}",
    "rawPath": "/orders/42",
    "rawQueryString": "expand=items&limit=10",
    "cookies": ["session=abc123", "theme=dark"],
    "headers": {
        "accept": "application/json",
        "content-length": "57",
        "content-type": "application/json",
        "host": "aaaaaaaaaa.execute-api.us-west-2.amazonaws.com",
        "user-agent": "curl/7.58.0",
        "x-amzn-trace-id": "Root=1-5e9f0c65-1de4d666d4dd26aced652b6c",
        "x-forwarded-for": "1.2.3.4",
        "x-forwarded-port": "443",
        "x-forwarded-proto": "https"
    },
    "queryStringParameters": {"expand": "items", "limit": "10"},
    "requestContext": {
        "accountId": "123456789012",
        "apiId": "aaaaaaaaaa",
        "domainName": "aaaaaaaaaa.execute-api.us-west-2.amazonaws.com",
        "domainPrefix": "aaaaaaaaaa",
        "http": {
            "method": "POST",
            "path": "/orders/42",
            "protocol": "HTTP/1.1",
            "sourceIp": "1.2.3.4",
            "userAgent": "curl/7.58.0"
        },
        "requestId": "LV7fzho-PHcEJPw=",
        "routeKey": "POST /orders/{id}",
        "stage": "$default",
        "time": "21/Apr/2020:15:08:21 +0000",
        "timeEpoch": 1587481701067
    },
    "body": "{\"item\":\"book\",\"quantity\":2,\"note\":\"gift \\u2013 wrap it\"}",
    "isBase64Encoded": false
})";

sqs_message make_message(int i) {
  sqs_message m;
  m.messageId = "059f36b4-87a3-44ab-83d2-66" + std::to_string(1000000000 + i);
  m.receiptHandle = "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a/VRNy2/kIBzBwqrtMiVH61RIy6Z4QRKnLBxE==" + std::to_string(i);
  m.body = "{\"orderId\":" + std::to_string(i) + ",\"status\":\"shipped\",\"items\":[\"a\",\"b\"]}";
  m.md5OfBody = "e4e68fb7bd0e697a0ae8f1bb342846b3";
  m.md5OfMessageAttributes = "582c92c5c5b6ac403040a4f3ab3115c9";
  m.eventSourceARN = "arn:aws:sqs:us-east-2:123456789012:my-queue";
  m.eventSource = "aws:sqs";
  m.awsRegion = "us-east-2";
  m.attributes = {{"ApproximateReceiveCount", "1"},
                  {"SentTimestamp", "1545082649183"},
                  {"SenderId", "AIDAIENQZJOLO23YVJ4VO"},
                  {"ApproximateFirstReceiveTimestamp", "1545082649185"}};
  m.messageAttributes = {{"tenant", {"acme-" + std::to_string(i % 7), {}, {}, "String"}},
                         {"priority", {std::to_string(i % 3), {}, {}, "Number"}}};
  return m;
}

std::string sqs_batch_text(int records) {
  sqs_event e;
  for (int i = 0; i < records; ++i) e.Records.push_back(make_message(i));
  return lambda_coro::json::write(e);
}

}  // namespace bench

namespace {

// Makes `value` observable so the work producing it is not optimised away.
template <class T>
void keep(const T& value) {
  asm volatile("" : : "g"(&value) : "memory");
}

using clock_type = std::chrono::steady_clock;

// Calls fn repeatedly for about `seconds`; returns nanoseconds per call.
double time_per_call(const std::function<void()>& fn, double seconds) {
  std::size_t batch = 1;
  std::size_t calls = 0;
  const auto start = clock_type::now();
  const auto budget = std::chrono::duration<double>(seconds);
  for (;;) {
    for (std::size_t i = 0; i < batch; ++i) fn();
    calls += batch;
    const auto elapsed = clock_type::now() - start;
    if (elapsed >= budget)
      return std::chrono::duration<double, std::nano>(elapsed).count() / static_cast<double>(calls);
    if (batch < 1024) batch *= 2;
  }
}

struct measurement {
  std::string workload, library, direction;
  std::size_t bytes = 0;
  std::function<void()> run;
  std::vector<double> ns;
};

template <class T>
void add_workload(std::vector<measurement>& all, const std::string& name, const std::string& text) {
  // All three libraries must agree on the struct before anything is timed.
  const T ours = lambda_coro::json::read<T>(text);
  const std::string expected = lambda_coro::json::write(ours);
  if (expected != lambda_coro::json::write(nlohmann::json::parse(text).get<T>()) ||
      expected != lambda_coro::json::write(boost::json::value_to<T>(boost::json::parse(text))) ||
      boost::json::parse(expected) != boost::json::parse(nlohmann::json(ours).dump()) ||
      boost::json::parse(expected) != boost::json::parse(boost::json::serialize(boost::json::value_from(ours)))) {
    std::fprintf(stderr, "libraries disagree on %s\n", name.c_str());
    std::exit(1);
  }
  auto input = std::make_shared<const std::string>(text);
  auto value = std::make_shared<const T>(ours);
  const std::size_t in = input->size();
  const std::size_t out = expected.size();
  all.push_back({name, "lambda-coro", "read", in, [input] { keep(lambda_coro::json::read<T>(*input)); }, {}});
  all.push_back({name, "nlohmann", "read", in, [input] { keep(nlohmann::json::parse(*input).get<T>()); }, {}});
  all.push_back({name, "Boost.JSON", "read", in,
                 [input] { keep(boost::json::value_to<T>(boost::json::parse(*input))); }, {}});
  all.push_back({name, "lambda-coro", "write", out, [value] { keep(lambda_coro::json::write(*value)); }, {}});
  all.push_back({name, "nlohmann", "write", out, [value] { keep(nlohmann::json(*value).dump()); }, {}});
  all.push_back({name, "Boost.JSON", "write", out,
                 [value] { keep(boost::json::serialize(boost::json::value_from(*value))); }, {}});
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 0.3;
  int rounds = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::atof(argv[i + 1]);
    else if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::atoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: %s [--seconds S] [--rounds R]\n", argv[0]);
      return 2;
    }
  }

  std::vector<measurement> all;
  add_workload<bench::http_api_request>(all, "API GW v2 request", bench::http_api_request_text);
  add_workload<bench::sqs_event>(all, "SQS batch, 10 records", bench::sqs_batch_text(10));
  add_workload<bench::sqs_event>(all, "SQS batch, ~1 MB", bench::sqs_batch_text(1250));

  for (int r = 0; r < rounds; ++r)
    for (auto& m : all) m.ns.push_back(time_per_call(m.run, seconds));

  std::printf("| workload | size | direction | lambda-coro | nlohmann | Boost.JSON | vs nlohmann | vs Boost.JSON |\n");
  std::printf("|---|---:|---|---:|---:|---:|---:|---:|\n");
  for (std::size_t i = 0; i < all.size(); i += 3) {
    const double ours = median(all[i].ns), nl = median(all[i + 1].ns), bj = median(all[i + 2].ns);
    auto cell = [&](double ns) {
      static char buf[64];
      const double mbps = static_cast<double>(all[i].bytes) / ns * 1e3;
      if (ns >= 1e6)
        std::snprintf(buf, sizeof buf, "%.2f ms, %.0f MB/s", ns / 1e6, mbps);
      else
        std::snprintf(buf, sizeof buf, "%.2f µs, %.0f MB/s", ns / 1e3, mbps);
      return std::string(buf);
    };
    std::printf("| %s | %zu B | %s | %s | %s | %s | %.1f× | %.1f× |\n", all[i].workload.c_str(), all[i].bytes,
                all[i].direction.c_str(), cell(ours).c_str(), cell(nl).c_str(), cell(bj).c_str(), nl / ours,
                bj / ours);
  }
  return 0;
}
