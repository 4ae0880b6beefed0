// Reads an SQS event (a file argument, or stdin), binds it to described structs and
// writes a summary as JSON: the binding layer a typed Lambda handler rests on.
#include <lambda_coro/lambda_coro.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace json = lambda_coro::json;

struct message_attribute {
  std::optional<std::string> string_value;
  std::string data_type;
};
BOOST_DESCRIBE_STRUCT(message_attribute, (), (string_value, data_type))
constexpr auto json_options(const message_attribute*) { return json::object_options(json::naming::camel_case); }

struct sqs_message {
  std::string message_id;
  std::string body;
  std::string event_source_arn;
  std::map<std::string, std::string> attributes;
  std::map<std::string, message_attribute> message_attributes;
};
BOOST_DESCRIBE_STRUCT(sqs_message, (), (message_id, body, event_source_arn, attributes, message_attributes))
constexpr auto json_options(const sqs_message*) {
  return json::object_options(json::naming::camel_case, json::rename{"event_source_arn", "eventSourceARN"});
}

struct sqs_event {
  std::vector<sqs_message> records;
};
BOOST_DESCRIBE_STRUCT(sqs_event, (), (records))
constexpr auto json_options(const sqs_event*) { return json::object_options(json::naming::pascal_case); }

struct summary {
  std::size_t messages = 0;
  std::vector<std::string> bodies;
  std::optional<std::string> first_queue;
};
BOOST_DESCRIBE_STRUCT(summary, (), (messages, bodies, first_queue))
constexpr auto json_options(const summary*) { return json::object_options(json::naming::camel_case); }

int main(int argc, char** argv) {
  std::string input;
  if (argc > 1) {
    std::ifstream file(argv[1], std::ios::binary);
    if (!file) {
      std::cerr << "cannot open " << argv[1] << "\n";
      return 2;
    }
    input.assign(std::istreambuf_iterator<char>(file), {});
  } else {
    input.assign(std::istreambuf_iterator<char>(std::cin), {});
  }
  try {
    const auto event = json::read<sqs_event>(input);
    summary out{event.records.size(), {}, {}};
    for (const auto& m : event.records) out.bodies.push_back(m.body);
    if (!event.records.empty()) out.first_queue = event.records.front().event_source_arn;
    std::cout << json::write(out) << "\n";
    return 0;
  } catch (const json::error& e) {
    std::cerr << "bad event: " << e.what() << "\n";
    return 1;
  }
}
