// AWS event types: described structs with AWS's wire names, bound by the JSON layer.
#ifndef LAMBDA_CORO_EVENTS_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_HPP_INCLUDED

#include <lambda_coro/events/alb.hpp>
#include <lambda_coro/events/apigw.hpp>
#include <lambda_coro/events/base64.hpp>
#include <lambda_coro/events/cloudformation.hpp>
#include <lambda_coro/events/cloudwatch_logs.hpp>
#include <lambda_coro/events/cognito.hpp>
#include <lambda_coro/events/dynamodb.hpp>
#include <lambda_coro/events/eventbridge.hpp>
#include <lambda_coro/events/kinesis.hpp>
#include <lambda_coro/events/lambda_url.hpp>
#include <lambda_coro/events/s3.hpp>
#include <lambda_coro/events/secrets_manager.hpp>
#include <lambda_coro/events/ses.hpp>
#include <lambda_coro/events/sns.hpp>
#include <lambda_coro/events/sqs.hpp>
#include <lambda_coro/events/streams.hpp>
#endif  // LAMBDA_CORO_EVENTS_HPP_INCLUDED
