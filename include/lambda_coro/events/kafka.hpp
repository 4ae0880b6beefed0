// Apache Kafka events: Amazon MSK and self-managed clusters.
#ifndef LAMBDA_CORO_EVENTS_KAFKA_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_KAFKA_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

// Present when the event source mapping validates records against a schema registry.
struct kafka_schema_metadata {
  std::string data_format;  // AVRO, PROTOBUF, JSON
  std::string schema_id;
};
BOOST_DESCRIBE_STRUCT(kafka_schema_metadata, (), (data_format, schema_id))

// One header: its name, and its value as the array of byte values Lambda sends (Java's
// signed bytes, -128..127); kafka_header_value turns them into a string.
using kafka_header = std::map<std::string, std::vector<int>>;

inline std::string kafka_header_value(const std::vector<int>& bytes) {
  std::string s;
  s.reserve(bytes.size());
  for (int b : bytes) s.push_back(static_cast<char>(static_cast<unsigned char>(b)));
  return s;
}

struct kafka_record {
  std::string topic;
  std::int64_t partition = 0;
  std::int64_t offset = 0;
  std::int64_t timestamp = 0;  // epoch milliseconds
  std::string timestamp_type;  // CREATE_TIME or LOG_APPEND_TIME
  std::optional<std::string> key;    // base64; absent for records without a key
  std::optional<std::string> value;  // base64; absent for tombstones
  std::vector<kafka_header> headers;
  std::optional<kafka_schema_metadata> key_schema_metadata;
  std::optional<kafka_schema_metadata> value_schema_metadata;
};
BOOST_DESCRIBE_STRUCT(kafka_record, (),
                      (topic, partition, offset, timestamp, timestamp_type, key, value, headers, key_schema_metadata,
                       value_schema_metadata))

struct kafka_event {
  std::string event_source;                       // aws:kafka or SelfManagedKafka
  std::optional<std::string> event_source_arn;    // MSK only
  std::string bootstrap_servers;
  std::map<std::string, std::vector<kafka_record>> records;  // by "topic-partition"
};
BOOST_DESCRIBE_STRUCT(kafka_event, (), (event_source, event_source_arn, bootstrap_servers, records))

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_KAFKA_HPP_INCLUDED
