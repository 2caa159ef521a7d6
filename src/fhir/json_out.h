// Writing FHIR JSON by hand, a resource to a line: the export writes millions of resources, and
// appending to one buffer is many times quicker than building a document first.
//
//   std::string line = "{\"resourceType\":\"Patient\",\"id\":";
//   AppendJsonString(&line, id);  // "\"100001\"", with any quote or backslash escaped
#pragma once

#include <string>
#include <string_view>

namespace continuum::fhir {

// `text` as a JSON string, quotes included. Text from a workspace is UTF-8 without control
// characters but the tab (import refuses the rest), so only quotes, backslashes and control
// characters need escaping.
inline void AppendJsonString(std::string* out, std::string_view text) {
  out->push_back('"');
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(c);
    } else if (byte < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out->append("\\u00");
      out->push_back(kHex[byte >> 4]);
      out->push_back(kHex[byte & 15]);
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

// A reference to another resource: {"reference":"Type/id"}.
inline void AppendReference(std::string* out, std::string_view type, std::string_view id) {
  out->append("{\"reference\":");
  AppendJsonString(out, std::string(type) + "/" + std::string(id));
  out->push_back('}');
}

// A Coding: {"system":...,"code":...}.
inline void AppendCoding(std::string* out, std::string_view system, std::string_view code) {
  out->append("{\"system\":");
  AppendJsonString(out, system);
  out->append(",\"code\":");
  AppendJsonString(out, code);
  out->push_back('}');
}

// A CodeableConcept of one coding: {"coding":[{"system":...,"code":...}]}.
inline void AppendConcept(std::string* out, std::string_view system, std::string_view code) {
  out->append("{\"coding\":[");
  AppendCoding(out, system, code);
  out->append("]}");
}

// An element holding an array of one CodeableConcept: ,"name":[{"coding":[...]}].
inline void AppendConceptList(std::string* out, std::string_view name, std::string_view system,
                              std::string_view code) {
  out->append(",\"");
  out->append(name);
  out->append("\":[");
  AppendConcept(out, system, code);
  out->push_back(']');
}

// Whether `text` is a number as JSON writes it (so that it can stand unquoted).
inline bool IsJsonNumber(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  if (i == text.size()) return false;
  if (text[i] == '0') {
    ++i;
  } else if (text[i] >= '1' && text[i] <= '9') {
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  } else {
    return false;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    const size_t digits = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == digits) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    const size_t digits = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == digits) return false;
  }
  return i == text.size();
}

}  // namespace continuum::fhir
