// The JSON benchmarks' workloads: an API Gateway v2 request, SQS batches and the generic
// document, as plain structs shared by json_bench, glaze_bench and the runtime bootstraps.
#pragma once

#include "generic_document.hpp"

#include <lambda_coro/json.hpp>

#include <boost/describe.hpp>

#include <cstdint>
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

// An API Gateway HTTP API (v2) request as AWS sends it, about 1 KB.
inline const char* const http_api_request_text = R"({
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

inline sqs_message make_message(int i) {
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

inline std::string sqs_batch_text(int records) {
  sqs_event e;
  for (int i = 0; i < records; ++i) e.Records.push_back(make_message(i));
  return lambda_coro::json::write(e);
}

}  // namespace bench
