// Amazon DocumentDB change stream events. Document contents stay MongoDB extended JSON
// ({"$oid": …}, {"$timestamp": …}) in json::value: their shape is the user's collection.
#ifndef LAMBDA_CORO_EVENTS_DOCUMENTDB_HPP_INCLUDED
#define LAMBDA_CORO_EVENTS_DOCUMENTDB_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/events/naming.hpp>

#include <optional>
#include <string>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE
namespace events {

struct documentdb_namespace {
  std::string db;
  std::optional<std::string> coll;  // absent for database-level events (dropDatabase)
};
BOOST_DESCRIBE_STRUCT(documentdb_namespace, (), (db, coll))

struct documentdb_update_description {
  json::value updated_fields;
  std::vector<std::string> removed_fields;
  json::value truncated_arrays;
};
BOOST_DESCRIBE_STRUCT(documentdb_update_description, (), (updated_fields, removed_fields, truncated_arrays))

struct documentdb_change_event {
  json::value id;  // the resume token, {"_data": …}
  json::value cluster_time;
  std::string operation_type;  // insert, update, replace, delete, drop, rename, dropDatabase, invalidate
  std::optional<documentdb_namespace> ns;
  std::optional<documentdb_namespace> to;  // rename's target
  json::value document_key;
  json::value full_document;
  std::optional<documentdb_update_description> update_description;
  json::value txn_number;
  json::value lsid;
  json::value wall_time;
};
BOOST_DESCRIBE_STRUCT(documentdb_change_event, (),
                      (id, cluster_time, operation_type, ns, to, document_key, full_document, update_description,
                       txn_number, lsid, wall_time))
constexpr auto json_options(const documentdb_change_event*) {
  return json::object_options(json::naming::camel_case, json::rename{"id", "_id"});
}

struct documentdb_event_record {
  documentdb_change_event event;
};
BOOST_DESCRIBE_STRUCT(documentdb_event_record, (), (event))

struct documentdb_event {
  std::string event_source;  // aws:docdb
  std::string event_source_arn;
  std::vector<documentdb_event_record> events;
};
BOOST_DESCRIBE_STRUCT(documentdb_event, (), (event_source, event_source_arn, events))

}  // namespace events
LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_EVENTS_DOCUMENTDB_HPP_INCLUDED
