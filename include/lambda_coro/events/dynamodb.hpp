// Amazon DynamoDB Streams events, with DynamoDB's attribute-value type.
#ifndef LAMBDA_CORO_EVENTS_DYNAMODB_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_DYNAMODB_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/streams.hpp>
#include <lambda_coro/events/naming.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

// One DynamoDB value in its wire form: exactly one member is set. Numbers stay strings
// (DynamoDB numbers have 38 digits of precision); binary values are base64.
struct dynamodb_attribute_value {
  std::optional<std::string> s;
  std::optional<std::string> n;
  std::optional<std::string> b;
  std::optional<std::vector<std::string>> ss;
  std::optional<std::vector<std::string>> ns;
  std::optional<std::vector<std::string>> bs;
  std::optional<std::map<std::string, dynamodb_attribute_value>> m;
  std::optional<std::vector<dynamodb_attribute_value>> l;
  std::optional<bool> null;
  std::optional<bool> boolean;

  friend bool operator==(const dynamodb_attribute_value&, const dynamodb_attribute_value&) = default;
};
BOOST_DESCRIBE_STRUCT(dynamodb_attribute_value, (), (s, n, b, ss, ns, bs, m, l, null, boolean))
constexpr auto json_options(const dynamodb_attribute_value*) {
  return json::object_options(json::naming::as_written, json::rename{"s", "S"}, json::rename{"n", "N"},
                              json::rename{"b", "B"}, json::rename{"ss", "SS"}, json::rename{"ns", "NS"},
                              json::rename{"bs", "BS"}, json::rename{"m", "M"}, json::rename{"l", "L"},
                              json::rename{"null", "NULL"}, json::rename{"boolean", "BOOL"});
}

using dynamodb_item = std::map<std::string, dynamodb_attribute_value>;

struct dynamodb_stream_record {
  std::optional<double> approximate_creation_date_time;  // epoch seconds
  dynamodb_item keys;
  dynamodb_item new_image;
  dynamodb_item old_image;
  std::string sequence_number;
  std::int64_t size_bytes = 0;
  std::string stream_view_type;  // KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES
};
BOOST_DESCRIBE_STRUCT(dynamodb_stream_record, (),
                      (approximate_creation_date_time, keys, new_image, old_image, sequence_number, size_bytes,
                       stream_view_type))
constexpr auto json_options(const dynamodb_stream_record*) { return json::object_options(json::naming::pascal_case); }

struct dynamodb_user_identity {
  std::string type;
  std::string principal_id;
};
BOOST_DESCRIBE_STRUCT(dynamodb_user_identity, (), (type, principal_id))

struct dynamodb_event_record {
  std::string event_id;
  std::string event_name;  // INSERT, MODIFY, REMOVE
  std::string event_version;
  std::string event_source;
  std::string aws_region;
  dynamodb_stream_record dynamodb;
  std::string event_source_arn;
  std::optional<dynamodb_user_identity> user_identity;
  // Records that came through Kinesis Data Streams for DynamoDB.
  std::optional<std::string> record_format;  // "application/json"
  std::optional<std::string> table_name;
};
BOOST_DESCRIBE_STRUCT(dynamodb_event_record, (),
                      (event_id, event_name, event_version, event_source, aws_region, dynamodb, event_source_arn,
                       user_identity, record_format, table_name))
constexpr auto json_options(const dynamodb_event_record*) {
  return json::object_options(json::naming::camel_case, json::rename{"event_id", "eventID"},
                              json::rename{"event_source_arn", "eventSourceARN"});
}

struct dynamodb_event : tumbling_window_fields {
  std::vector<dynamodb_event_record> records;
};
BOOST_DESCRIBE_STRUCT(dynamodb_event, (tumbling_window_fields), (records))
constexpr auto json_options(const dynamodb_event*) { return json::object_options(json::naming::pascal_case); }

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_DYNAMODB_HPP_INCLUDED
