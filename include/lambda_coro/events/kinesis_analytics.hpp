// Amazon Kinesis Data Analytics (SQL applications): input preprocessing and output
// delivery functions, and the record results they return.
#ifndef LAMBDA_CORO_EVENTS_KINESIS_ANALYTICS_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_KINESIS_ANALYTICS_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/base64.hpp>
#include <lambda_coro/events/naming.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct kinesis_analytics_stream_record_metadata {
  std::string sequence_number;
  std::string partition_key;
  std::string shard_id;
  std::int64_t approximate_arrival_timestamp = 0;
};
BOOST_DESCRIBE_STRUCT(kinesis_analytics_stream_record_metadata, (),
                      (sequence_number, partition_key, shard_id, approximate_arrival_timestamp))

struct kinesis_analytics_firehose_record_metadata {
  std::int64_t approximate_arrival_timestamp = 0;
};
BOOST_DESCRIBE_STRUCT(kinesis_analytics_firehose_record_metadata, (), (approximate_arrival_timestamp))

struct kinesis_analytics_delivery_metadata {
  std::int64_t retry_hint = 0;
};
BOOST_DESCRIBE_STRUCT(kinesis_analytics_delivery_metadata, (), (retry_hint))

struct kinesis_analytics_record {
  std::string record_id;
  std::string data;  // base64
  std::optional<kinesis_analytics_stream_record_metadata> kinesis_stream_record_metadata;
  std::optional<kinesis_analytics_firehose_record_metadata> kinesis_firehose_record_metadata;
  std::optional<kinesis_analytics_delivery_metadata> lambda_delivery_record_metadata;
};
BOOST_DESCRIBE_STRUCT(kinesis_analytics_record, (),
                      (record_id, data, kinesis_stream_record_metadata, kinesis_firehose_record_metadata,
                       lambda_delivery_record_metadata))

// Input preprocessing fills stream_arn; output delivery does not.
struct kinesis_analytics_event {
  std::string invocation_id;
  std::string application_arn;
  std::optional<std::string> stream_arn;
  std::vector<kinesis_analytics_record> records;
};
BOOST_DESCRIBE_STRUCT(kinesis_analytics_event, (), (invocation_id, application_arn, stream_arn, records))

struct kinesis_analytics_record_result {
  std::string record_id;
  std::string result;  // Ok, Dropped, ProcessingFailed (preprocessing); Ok, DeliveryFailed (delivery)
  std::optional<std::string> data;  // base64, preprocessing only

  // Preprocessing: the record transformed into `bytes` (base64-encoded here).
  static kinesis_analytics_record_result ok(const kinesis_analytics_record& r, std::string_view bytes) {
    return {r.record_id, "Ok", base64_encode(bytes)};
  }
  // Output delivery: the record was delivered.
  static kinesis_analytics_record_result delivered(const kinesis_analytics_record& r) {
    return {r.record_id, "Ok", std::nullopt};
  }
  static kinesis_analytics_record_result dropped(const kinesis_analytics_record& r) {
    return {r.record_id, "Dropped", std::nullopt};
  }
  static kinesis_analytics_record_result processing_failed(const kinesis_analytics_record& r) {
    return {r.record_id, "ProcessingFailed", std::nullopt};
  }
  static kinesis_analytics_record_result delivery_failed(const kinesis_analytics_record& r) {
    return {r.record_id, "DeliveryFailed", std::nullopt};
  }
};
BOOST_DESCRIBE_STRUCT(kinesis_analytics_record_result, (), (record_id, result, data))

struct kinesis_analytics_response {
  std::vector<kinesis_analytics_record_result> records;
};
BOOST_DESCRIBE_STRUCT(kinesis_analytics_response, (), (records))

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_KINESIS_ANALYTICS_HPP_INCLUDED
