// Amazon SES email receiving events (the Lambda action).
#ifndef LAMBDA_CORO_EVENTS_SES_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_SES_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct ses_mail_header {
  std::string name;
  std::string value;
};
BOOST_DESCRIBE_STRUCT(ses_mail_header, (), (name, value))

struct ses_common_headers {
  std::vector<std::string> from;
  std::vector<std::string> to;
  std::vector<std::string> cc;
  std::vector<std::string> bcc;
  std::vector<std::string> sender;
  std::vector<std::string> reply_to;
  std::string return_path;
  std::string message_id;
  std::string date;
  std::string subject;
};
BOOST_DESCRIBE_STRUCT(ses_common_headers, (), (from, to, cc, bcc, sender, reply_to, return_path, message_id, date, subject))

struct ses_mail {
  ses_common_headers common_headers;
  std::string source;
  std::string timestamp;
  std::vector<std::string> destination;
  std::vector<ses_mail_header> headers;
  bool headers_truncated = false;
  std::string message_id;
};
BOOST_DESCRIBE_STRUCT(ses_mail, (), (common_headers, source, timestamp, destination, headers, headers_truncated, message_id))

struct ses_verdict {
  std::string status;  // PASS, FAIL, GRAY, PROCESSING_FAILED, DISABLED
};
BOOST_DESCRIBE_STRUCT(ses_verdict, (), (status))

struct ses_receipt_action {
  std::string type;
  std::optional<std::string> invocation_type;
  std::optional<std::string> function_arn;
  std::optional<std::string> topic_arn;
  std::optional<std::string> bucket_name;
  std::optional<std::string> object_key;
  std::optional<std::string> object_key_prefix;
};
BOOST_DESCRIBE_STRUCT(ses_receipt_action, (),
                      (type, invocation_type, function_arn, topic_arn, bucket_name, object_key, object_key_prefix))

struct ses_receipt {
  std::vector<std::string> recipients;
  std::string timestamp;
  ses_verdict spam_verdict;
  ses_verdict dkim_verdict;
  ses_verdict dmarc_verdict;
  std::optional<std::string> dmarc_policy;
  ses_verdict spf_verdict;
  ses_verdict virus_verdict;
  ses_receipt_action action;
  std::int64_t processing_time_millis = 0;
};
BOOST_DESCRIBE_STRUCT(ses_receipt, (),
                      (recipients, timestamp, spam_verdict, dkim_verdict, dmarc_verdict, dmarc_policy, spf_verdict,
                       virus_verdict, action, processing_time_millis))

struct ses_message {
  ses_mail mail;
  ses_receipt receipt;
};
BOOST_DESCRIBE_STRUCT(ses_message, (), (mail, receipt))

struct ses_event_record {
  std::string event_version;
  std::string event_source;
  ses_message ses;
};
BOOST_DESCRIBE_STRUCT(ses_event_record, (), (event_version, event_source, ses))

struct ses_event {
  std::vector<ses_event_record> records;
};
BOOST_DESCRIBE_STRUCT(ses_event, (), (records))
constexpr auto json_options(const ses_event*) { return json::object_options(json::naming::pascal_case); }

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_SES_HPP_INCLUDED
