// Amazon Lex code hooks: V1 (intents and slots as strings) and V2 (session state, slot
// values with interpretations).
#ifndef LAMBDA_CORO_EVENTS_LEX_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_LEX_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

// ---- Lex V1 ----

struct lex_bot {
  std::string name;
  std::string alias;
  std::string version;
};
BOOST_DESCRIBE_STRUCT(lex_bot, (), (name, alias, version))

struct lex_slot_detail {
  std::vector<std::map<std::string, std::string>> resolutions;
  std::optional<std::string> original_value;
};
BOOST_DESCRIBE_STRUCT(lex_slot_detail, (), (resolutions, original_value))

using lex_slots = std::map<std::string, std::optional<std::string>>;  // null: not yet filled

struct lex_intent {
  std::string name;
  lex_slots slots;
  std::map<std::string, lex_slot_detail> slot_details;
  std::string confirmation_status;  // None, Confirmed, Denied
};
BOOST_DESCRIBE_STRUCT(lex_intent, (), (name, slots, slot_details, confirmation_status))

struct lex_event {
  std::string message_version;
  std::string invocation_source;  // DialogCodeHook or FulfillmentCodeHook
  std::string user_id;
  std::string input_transcript;
  std::map<std::string, std::string> session_attributes;
  std::map<std::string, std::string> request_attributes;
  lex_bot bot;
  std::string output_dialog_mode;  // Text or Voice
  lex_intent current_intent;
  std::vector<lex_intent> alternative_intents;
};
BOOST_DESCRIBE_STRUCT(lex_event, (),
                      (message_version, invocation_source, user_id, input_transcript, session_attributes,
                       request_attributes, bot, output_dialog_mode, current_intent, alternative_intents))

struct lex_message {
  std::string content_type;  // PlainText, SSML, CustomPayload
  std::string content;
};
BOOST_DESCRIBE_STRUCT(lex_message, (), (content_type, content))

struct lex_button {
  std::string text;
  std::string value;
};
BOOST_DESCRIBE_STRUCT(lex_button, (), (text, value))

struct lex_generic_attachment {
  std::optional<std::string> title;
  std::optional<std::string> sub_title;
  std::optional<std::string> image_url;
  std::optional<std::string> attachment_link_url;
  std::vector<lex_button> buttons;
};
BOOST_DESCRIBE_STRUCT(lex_generic_attachment, (), (title, sub_title, image_url, attachment_link_url, buttons))

struct lex_response_card {
  std::int64_t version = 1;
  std::string content_type;
  std::vector<lex_generic_attachment> generic_attachments;
};
BOOST_DESCRIBE_STRUCT(lex_response_card, (), (version, content_type, generic_attachments))

struct lex_dialog_action {
  std::string type;  // ElicitIntent, ElicitSlot, ConfirmIntent, Delegate, Close
  std::optional<std::string> fulfillment_state;
  std::optional<lex_message> message;
  std::optional<std::string> intent_name;
  std::optional<lex_slots> slots;
  std::optional<std::string> slot_to_elicit;
  std::optional<lex_response_card> response_card;
};
BOOST_DESCRIBE_STRUCT(lex_dialog_action, (),
                      (type, fulfillment_state, message, intent_name, slots, slot_to_elicit, response_card))

struct lex_response {
  std::map<std::string, std::string> session_attributes;
  lex_dialog_action dialog_action;
};
BOOST_DESCRIBE_STRUCT(lex_response, (), (session_attributes, dialog_action))

// ---- Lex V2 ----

struct lex_v2_bot {
  std::string id;
  std::string name;
  std::string locale_id;
  std::string version;
  std::string alias_id;
  std::optional<std::string> alias_name;
};
BOOST_DESCRIBE_STRUCT(lex_v2_bot, (), (id, name, locale_id, version, alias_id, alias_name))

struct lex_v2_slot_value {
  std::optional<std::string> original_value;
  std::optional<std::string> interpreted_value;
  std::vector<std::string> resolved_values;
};
BOOST_DESCRIBE_STRUCT(lex_v2_slot_value, (), (original_value, interpreted_value, resolved_values))

// A slot: one value (shape Scalar) or several (shape List, each a slot of its own).
struct lex_v2_slot {
  std::optional<std::string> shape;
  std::optional<lex_v2_slot_value> value;
  std::vector<lex_v2_slot> values;
};
BOOST_DESCRIBE_STRUCT(lex_v2_slot, (), (shape, value, values))

struct lex_v2_intent {
  std::string name;
  std::map<std::string, std::optional<lex_v2_slot>> slots;  // null: not yet filled
  std::optional<std::string> state;  // Failed, Fulfilled, InProgress, ReadyForFulfillment, Waiting…
  std::optional<std::string> confirmation_state;  // Confirmed, Denied, None
  json::value kendra_response;
};
BOOST_DESCRIBE_STRUCT(lex_v2_intent, (), (name, slots, state, confirmation_state, kendra_response))

struct lex_v2_sentiment_score {
  double mixed = 0;
  double negative = 0;
  double neutral = 0;
  double positive = 0;
};
BOOST_DESCRIBE_STRUCT(lex_v2_sentiment_score, (), (mixed, negative, neutral, positive))

struct lex_v2_sentiment_response {
  std::string sentiment;
  lex_v2_sentiment_score sentiment_score;
};
BOOST_DESCRIBE_STRUCT(lex_v2_sentiment_response, (), (sentiment, sentiment_score))

struct lex_v2_interpretation {
  lex_v2_intent intent;
  std::optional<double> nlu_confidence;
  std::optional<lex_v2_sentiment_response> sentiment_response;
  std::optional<std::string> interpretation_source;  // Lex or Bedrock
};
BOOST_DESCRIBE_STRUCT(lex_v2_interpretation, (), (intent, nlu_confidence, sentiment_response, interpretation_source))

struct lex_v2_dialog_action {
  std::string type;  // Close, ConfirmIntent, Delegate, ElicitIntent, ElicitSlot
  std::optional<std::string> slot_to_elicit;
  json::value slot_elicitation_style;
  json::value sub_slot_to_elicit;
};
BOOST_DESCRIBE_STRUCT(lex_v2_dialog_action, (), (type, slot_to_elicit, slot_elicitation_style, sub_slot_to_elicit))

struct lex_v2_active_context_time_to_live {
  std::int64_t time_to_live_in_seconds = 0;
  std::int64_t turns_to_live = 0;
};
BOOST_DESCRIBE_STRUCT(lex_v2_active_context_time_to_live, (), (time_to_live_in_seconds, turns_to_live))

struct lex_v2_active_context {
  std::string name;
  std::map<std::string, std::string> context_attributes;
  lex_v2_active_context_time_to_live time_to_live;
};
BOOST_DESCRIBE_STRUCT(lex_v2_active_context, (), (name, context_attributes, time_to_live))

struct lex_v2_session_state {
  std::vector<lex_v2_active_context> active_contexts;
  std::map<std::string, std::string> session_attributes;
  json::value runtime_hints;
  std::optional<lex_v2_dialog_action> dialog_action;
  std::optional<lex_v2_intent> intent;
  std::optional<std::string> originating_request_id;
};
BOOST_DESCRIBE_STRUCT(lex_v2_session_state, (),
                      (active_contexts, session_attributes, runtime_hints, dialog_action, intent,
                       originating_request_id))

struct lex_v2_transcription {
  std::string transcription;
  double transcription_confidence = 0;
  json::value resolved_context;
  json::value resolved_slots;
};
BOOST_DESCRIBE_STRUCT(lex_v2_transcription, (),
                      (transcription, transcription_confidence, resolved_context, resolved_slots))

struct lex_v2_proposed_next_state {
  std::optional<lex_v2_dialog_action> dialog_action;
  std::optional<lex_v2_intent> intent;
  json::value prompt;
};
BOOST_DESCRIBE_STRUCT(lex_v2_proposed_next_state, (), (dialog_action, intent, prompt))

struct lex_v2_event {
  std::string message_version;
  std::string invocation_source;  // DialogCodeHook or FulfillmentCodeHook
  std::string input_mode;         // DTMF, Speech, Text
  std::string response_content_type;
  std::string session_id;
  std::string input_transcript;
  std::optional<std::string> invocation_label;
  lex_v2_bot bot;
  std::vector<lex_v2_interpretation> interpretations;
  std::optional<lex_v2_proposed_next_state> proposed_next_state;
  std::map<std::string, std::string> request_attributes;
  lex_v2_session_state session_state;
  std::vector<lex_v2_transcription> transcriptions;
};
BOOST_DESCRIBE_STRUCT(lex_v2_event, (),
                      (message_version, invocation_source, input_mode, response_content_type, session_id,
                       input_transcript, invocation_label, bot, interpretations, proposed_next_state,
                       request_attributes, session_state, transcriptions))

struct lex_v2_image_response_card {
  std::string title;
  std::optional<std::string> subtitle;
  std::optional<std::string> image_url;
  std::vector<lex_button> buttons;
};
BOOST_DESCRIBE_STRUCT(lex_v2_image_response_card, (), (title, subtitle, image_url, buttons))

struct lex_v2_message {
  std::string content_type;  // CustomPayload, ImageResponseCard, PlainText, SSML
  std::optional<std::string> content;
  std::optional<lex_v2_image_response_card> image_response_card;
};
BOOST_DESCRIBE_STRUCT(lex_v2_message, (), (content_type, content, image_response_card))

struct lex_v2_response {
  lex_v2_session_state session_state;
  std::vector<lex_v2_message> messages;
  std::map<std::string, std::string> request_attributes;
};
BOOST_DESCRIBE_STRUCT(lex_v2_response, (), (session_state, messages, request_attributes))

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_LEX_HPP_INCLUDED
