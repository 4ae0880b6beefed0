// Amazon Kinesis Data Streams events and Kinesis Data Firehose transformations.
#ifndef LAMBDA_CORO_EVENTS_KINESIS_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_KINESIS_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/base64.hpp>
#include <lambda_coro/events/streams.hpp>
#include <lambda_coro/events/naming.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct kinesis_record_data {
  std::string kinesis_schema_version;
  std::string partition_key;
  std::string sequence_number;
  std::string data;  // base64: see events::base64_decode
  double approximate_arrival_timestamp = 0;  // epoch seconds
  std::optional<std::string> encryption_type;
};
BOOST_DESCRIBE_STRUCT(kinesis_record_data, (),
                      (kinesis_schema_version, partition_key, sequence_number, data, approximate_arrival_timestamp,
                       encryption_type))

struct kinesis_event_record {
  kinesis_record_data kinesis;
  std::string event_source;
  std::string event_version;
  std::string event_id;
  std::string event_name;
  std::string invoke_identity_arn;
  std::string aws_region;
  std::string event_source_arn;
};
BOOST_DESCRIBE_STRUCT(kinesis_event_record, (),
                      (kinesis, event_source, event_version, event_id, event_name, invoke_identity_arn, aws_region,
                       event_source_arn))
constexpr auto json_options(const kinesis_event_record*) {
  return json::object_options(json::naming::camel_case, json::rename{"event_id", "eventID"},
                              json::rename{"event_source_arn", "eventSourceARN"});
}

struct kinesis_event : tumbling_window_fields {
  std::vector<kinesis_event_record> records;
};
BOOST_DESCRIBE_STRUCT(kinesis_event, (tumbling_window_fields), (records))
constexpr auto json_options(const kinesis_event*) { return json::object_options(json::naming::pascal_case); }

// ---- Firehose ----

struct firehose_kinesis_record_metadata {
  std::string shard_id;
  std::string partition_key;
  std::int64_t approximate_arrival_timestamp = 0;  // epoch milliseconds
  std::string sequence_number;
  std::int64_t subsequence_number = 0;
};
BOOST_DESCRIBE_STRUCT(firehose_kinesis_record_metadata, (),
                      (shard_id, partition_key, approximate_arrival_timestamp, sequence_number, subsequence_number))

// Records from an Amazon MSK source.
struct firehose_msk_record_metadata {
  std::string offset;
  std::string partition_id;
  std::int64_t approximate_arrival_timestamp = 0;  // epoch milliseconds
};
BOOST_DESCRIBE_STRUCT(firehose_msk_record_metadata, (), (offset, partition_id, approximate_arrival_timestamp))

struct firehose_event_record {
  std::string record_id;
  std::int64_t approximate_arrival_timestamp = 0;  // epoch milliseconds
  std::string data;                                // base64 (Direct PUT and Kinesis sources)
  std::optional<firehose_kinesis_record_metadata> kinesis_record_metadata;
  std::optional<std::string> kafka_record_value;   // base64 (MSK sources, instead of data)
  std::optional<firehose_msk_record_metadata> msk_record_metadata;
};
BOOST_DESCRIBE_STRUCT(firehose_event_record, (),
                      (record_id, approximate_arrival_timestamp, data, kinesis_record_metadata, kafka_record_value,
                       msk_record_metadata))

struct firehose_event {
  std::string invocation_id;
  std::string delivery_stream_arn;
  std::optional<std::string> source_kinesis_stream_arn;
  std::optional<std::string> source_msk_arn;
  std::string region;
  std::vector<firehose_event_record> records;
};
BOOST_DESCRIBE_STRUCT(firehose_event, (),
                      (invocation_id, delivery_stream_arn, source_kinesis_stream_arn, source_msk_arn, region, records))
constexpr auto json_options(const firehose_event*) {
  return json::object_options(json::naming::camel_case, json::rename{"source_msk_arn", "sourceMSKArn"});
}

struct firehose_response_record_metadata {
  std::map<std::string, std::string> partition_keys;  // dynamic partitioning
  std::optional<json::value> otf_metadata;            // Iceberg destinations
};
BOOST_DESCRIBE_STRUCT(firehose_response_record_metadata, (), (partition_keys, otf_metadata))

struct firehose_response_record {
  std::string record_id;
  std::string result;  // Ok, Dropped, ProcessingFailed
  std::string data;    // base64
  std::optional<firehose_response_record_metadata> metadata;

  // The record transformed into `bytes` (base64-encoded here).
  static firehose_response_record ok(const firehose_event_record& r, std::string_view bytes) {
    return {r.record_id, "Ok", base64_encode(bytes), std::nullopt};
  }
  static firehose_response_record dropped(const firehose_event_record& r) {
    return {r.record_id, "Dropped", r.data, std::nullopt};
  }
  // Firehose keeps the original record and sends it to the error output.
  static firehose_response_record processing_failed(const firehose_event_record& r) {
    return {r.record_id, "ProcessingFailed", r.data, std::nullopt};
  }
};
BOOST_DESCRIBE_STRUCT(firehose_response_record, (), (record_id, result, data, metadata))

struct firehose_response {
  std::vector<firehose_response_record> records;
};
BOOST_DESCRIBE_STRUCT(firehose_response, (), (records))

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_KINESIS_HPP_INCLUDED
