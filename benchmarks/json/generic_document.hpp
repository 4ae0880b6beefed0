// The generic 1 MB benchmark document: 4 200 product records with short and long strings
// (escapes, non-ASCII text), doubles, booleans, nulls, a nested object and two small arrays
// each. Plain owning structs whose member names are the wire names, so every library binds
// them with its stock machinery.
#pragma once

#include <boost/describe.hpp>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace bench {

struct dimensions {
  double w = 0, h = 0, d = 0;
  std::string unit;
};
struct product {
  std::int64_t id = 0;
  std::string sku;
  std::string title;
  std::string desc;
  double price = 0;
  double weight = 0;
  bool stock = false;
  bool featured = false;
  std::optional<std::string> note;
  std::optional<double> discount;
  dimensions size;
  std::vector<std::string> tags;
  std::vector<double> hist;
};
struct catalog {
  std::vector<product> products;
};
BOOST_DESCRIBE_STRUCT(dimensions, (), (w, h, d, unit))
BOOST_DESCRIBE_STRUCT(product, (),
                      (id, sku, title, desc, price, weight, stock, featured, note, discount, size, tags, hist))
BOOST_DESCRIBE_STRUCT(catalog, (), (products))

// The text, written by hand so that nulls appear in it (writers omit empty optionals).
inline std::string generic_document_text(int records = 4200) {
  static const char* const titles[] = {"Cup", "Café bowl — 12 oz", "Kettle, 1.7 l",
                                       "Teller für Brot", "日本の急須", "Mug \"Monday\""};
  static const char* const notes[] = {"Stoneware.\nDishwasher safe.", "Décor peint à la main.",
                                      "Label: C:\\cups \"as is\".", "Größe: mittel.",
                                      "Plain text, nothing to escape."};
  static const char* const tag_words[] = {"kitchen", "gift", "sale", "new", "ceramic", "glass", "eco"};
  std::string text = "{\"products\":[";
  char number[64];
  std::uint32_t state = 12345;
  auto next = [&state] { return state = state * 1664525u + 1013904223u; };
  for (int i = 0; i < records; ++i) {
    if (i) text += ',';
    text += "{\"id\":" + std::to_string(100000 + i);
    text += ",\"sku\":\"SKU-" + std::to_string(i * 7 % 100000) + "\"";
    text += std::string(",\"title\":\"") + (i % 6 == 5 ? "Mug \\\"Monday\\\"" : titles[i % 6]) + "\"";
    std::string note = notes[i % 5];
    std::string escaped;
    for (char c : note) {
      if (c == '\n') escaped += "\\n";
      else if (c == '"' || c == '\\') escaped += std::string("\\") + c;
      else escaped += c;
    }
    text += ",\"desc\":\"" + escaped + "\"";
    std::snprintf(number, sizeof number, ",\"price\":%.2f", static_cast<double>(next() % 100000) / 100.0);
    text += number;
    std::snprintf(number, sizeof number, ",\"weight\":%.15g", static_cast<double>(next() % 1000000) / 7919.0);
    text += number;
    text += i % 3 ? ",\"stock\":true" : ",\"stock\":false";
    text += i % 10 ? ",\"featured\":false" : ",\"featured\":true";
    text += i % 50 ? ",\"note\":null" : ",\"note\":\"superseded\"";
    if (i % 2)
      text += ",\"discount\":null";
    else {
      std::snprintf(number, sizeof number, ",\"discount\":%.2f", static_cast<double>(next() % 50) / 100.0);
      text += number;
    }
    std::snprintf(number, sizeof number, ",\"size\":{\"w\":%.1f,\"h\":%.1f,\"d\":%.1f,\"unit\":\"cm\"}",
                  static_cast<double>(next() % 400) / 10.0, static_cast<double>(next() % 400) / 10.0,
                  static_cast<double>(next() % 400) / 10.0);
    text += number;
    text += ",\"tags\":[";
    for (int t = 0; t < 1 + i % 3; ++t) text += std::string(t ? "," : "") + "\"" + tag_words[(i + t) % 7] + "\"";
    text += "],\"hist\":[";
    for (int h = 0; h < 2; ++h) {
      std::snprintf(number, sizeof number, "%s%.2f", h ? "," : "", static_cast<double>(next() % 100000) / 100.0);
      text += number;
    }
    text += "]}";
  }
  text += "]}";
  return text;
}

}  // namespace bench
