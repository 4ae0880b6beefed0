// check_event: an event type against a sample: read, write, read again, nothing lost.
#pragma once

#include "test_support.hpp"

#include <string>
#include <vector>

namespace test {

// Paths of the sample's non-null members that the re-written document lacks.
inline void collect_missing(const json::value& sample, const json::value& written, const std::string& path,
                            std::vector<std::string>& missing) {
  if (sample.is_object()) {
    for (const auto& [key, v] : sample.as_object()) {
      if (v.is_null()) continue;
      const json::value* w = written.find(key);
      if (!w)
        missing.push_back(path + "." + key);
      else
        collect_missing(v, *w, path + "." + key, missing);
    }
  } else if (sample.is_array() && written.is_array()) {
    for (std::size_t i = 0; i < sample.size() && i < written.size(); ++i)
      collect_missing(sample[i], written[i], path + "[" + std::to_string(i) + "]", missing);
  }
}

// Reads `file` as T, writes it back, reads that again: both writes agree, nothing is lost.
template <class T>
T check_event(const std::string& file) {
  CAPTURE(file);
  // "name.json": AWS's samples in events/; "own-events/name.json": samples written for lambda-coro.
  const std::string text = file.find('/') == std::string::npos ? test::event(file) : test::data_file(file);
  const T event = json::read<T>(text);
  if constexpr (json::detail::single_pass_readable<T>()) {
    // The single-pass reader takes every sample whole, and reads what On-Demand reads.
    const std::optional<T> single = test::read_single_pass<T>(text);
    REQUIRE(single.has_value());
    CHECK(json::write(*single) == json::write(test::read_on_demand<T>(text)));
  }
  const std::string written = json::write(event);
  CHECK(json::write(json::read<T>(written)) == written);
  std::vector<std::string> missing;
  collect_missing(json::read<json::value>(text), json::read<json::value>(written), "$", missing);
  std::string list;
  for (const auto& m : missing) list += m + " ";
  CAPTURE(list);
  CHECK(missing.empty());
  return event;
}


}  // namespace test
