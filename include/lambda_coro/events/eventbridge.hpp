// Amazon EventBridge (CloudWatch Events) events, scheduled events included.
#ifndef LAMBDA_CORO_EVENTS_EVENTBRIDGE_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_EVENTBRIDGE_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <boost/describe/class.hpp>

#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

// `Detail` is the event-specific payload: json::raw (the default) keeps its text to bind
// later, once `source` and `detail_type` say what it is; or name a described struct.
template <class Detail = json::raw>
struct eventbridge_event {
  std::string version;
  std::string id;
  std::string detail_type;  // "Scheduled Event" for schedules
  std::string source;       // aws.events for schedules
  std::string account;
  std::string time;
  std::string region;
  std::vector<std::string> resources;
  Detail detail;

  BOOST_DESCRIBE_CLASS(eventbridge_event, (), (version, id, detail_type, source, account, time, region, resources, detail),
                       (), ())
};
template <class Detail>
constexpr auto json_options(const eventbridge_event<Detail>*) {
  return json::object_options(json::naming::as_written, json::rename{"detail_type", "detail-type"});
}

using cloudwatch_event = eventbridge_event<>;

// A rule's schedule: detail-type "Scheduled Event", source "aws.events", an empty detail.
// (EventBridge Scheduler sends the input you configure instead: bind your own type.)
struct scheduled_event_detail {};
BOOST_DESCRIBE_STRUCT(scheduled_event_detail, (), ())
using scheduled_event = eventbridge_event<scheduled_event_detail>;

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_EVENTBRIDGE_HPP_INCLUDED
