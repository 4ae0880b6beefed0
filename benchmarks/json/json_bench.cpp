// JSON binding throughput: lambda-coro against nlohmann::json and Boost.JSON, same structs,
// same inputs, interleaved in one run. Typed read = text -> struct, typed write = struct -> text.
//
//   json_bench [--seconds S] [--rounds R]
//
// Each (workload, library, direction) runs for S seconds per round; rounds are interleaved
// so that machine noise hits every library alike; the median round is reported.
#include "workloads.hpp"

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
#include <optional>
#include <string>
#include <vector>

// nlohmann::json 3.11 has no std::optional support of its own: null for empty, as usual.
NLOHMANN_JSON_NAMESPACE_BEGIN
template <class T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& o) {
    if (o)
      j = *o;
    else
      j = nullptr;
  }
  static void from_json(const json& j, std::optional<T>& o) {
    if (j.is_null())
      o.reset();
    else
      o = j.get<T>();
  }
};
NLOHMANN_JSON_NAMESPACE_END

namespace bench {

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

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(dimensions, w, h, d, unit)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(product, id, sku, title, desc, price, weight, stock, featured, note,
                                                discount, size, tags, hist)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(catalog, products)

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
  // All three libraries must agree on the struct before anything is timed; writes are
  // compared through our reader (libraries differ on nulls and number spelling).
  const T ours = lambda_coro::json::read<T>(text);
  const std::string expected = lambda_coro::json::write(ours);
  const auto canonical = [](const std::string& written) {
    return lambda_coro::json::write(lambda_coro::json::read<T>(written));
  };
  if (expected != lambda_coro::json::write(nlohmann::json::parse(text).get<T>()) ||
      expected != lambda_coro::json::write(boost::json::value_to<T>(boost::json::parse(text))) ||
      expected != canonical(nlohmann::json(ours).dump()) ||
      expected != canonical(boost::json::serialize(boost::json::value_from(ours)))) {
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
  add_workload<bench::catalog>(all, "generic, 4 200 records", bench::generic_document_text());

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
