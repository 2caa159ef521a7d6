// Reading JSON files that users write (contracts, scenarios, other settings) into Continuum's
// own types, with messages that name the file and the field: nlohmann-json stays inside
// json_reader.cc.
//
//   Result<JsonDocument> doc = JsonDocument::Read("contracts/nelson_vale.json");
//   Result<JsonObject> root = doc->root().Object({"name", "period"});
//   Result<std::string> name = root->String("name");
//   Result<JsonObject> period = root->Object("period", {"start", "end"});
//   Result<Day> start = period->Date("start");
//   // errors read "nelson_vale.json, field period.start: '2024-02-30' is not a date"
//
// An object's allowed fields are declared when it is opened, so a misspelt field is reported as
// unknown (with the fields it could have been) before a required one is reported missing.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/status.h"

namespace continuum {

enum class JsonType { kNull, kBoolean, kNumber, kString, kArray, kObject };

struct JsonNode;  // json_reader.cc
struct JsonTree;  // json_reader.cc
class JsonObject;

// One value in a parsed document, with the path that reached it ("corridor.overspend[1]").
// A view: it lives as long as its JsonDocument.
class JsonValue {
 public:
  JsonType type() const;
  bool IsNull() const { return type() == JsonType::kNull; }
  // Where this value is: "" for the whole file, else "corridor.overspend[1].ico_share".
  const std::string& path() const { return path_; }
  // The value as the file wrote it, for messages: 1.50, "half", true, null, an array, an object.
  std::string Written() const;
  // An invalid-input status naming the file and this value:
  // "nelson_vale.json, field corridor.overspend[1].ico_share: <reason>".
  Status Error(std::string_view reason) const;

  Result<bool> Boolean() const;
  Result<std::string> String() const;
  Result<double> Number() const;
  // A whole number that fits in 64 bits, written without a fraction or exponent.
  Result<int64_t> Integer() const;
  // An exact decimal as a count of 10^-decimals: with decimals 6, 0.8 is 800000 and 1 is
  // 1000000. More decimals than that, or an exponent, is an error; so is a value too large.
  Result<int64_t> FixedPoint(int decimals) const;
  // Pounds as pence, exactly (core/money.h), written as a number (1750.00) or a string
  // ("1750.00"); at most two decimals, never negative.
  Result<Pence> Pounds() const;
  // A "YYYY-MM-DD" string (core/date.h).
  Result<Day> Date() const;
  // A string that must be one of `choices`; returns its index.
  Result<int> OneOf(std::span<const std::string_view> choices) const;
  Result<std::vector<JsonValue>> Array() const;
  // An object whose fields must all be among `fields`; any other is an error naming them.
  Result<JsonObject> Object(std::initializer_list<std::string_view> fields) const;
  // One field of an object before it is opened, for objects whose allowed fields depend on one
  // of them (a "kind"); nullopt when this is not an object or has no such field.
  std::optional<JsonValue> Field(std::string_view name) const;

 private:
  friend class JsonDocument;
  friend class JsonObject;
  JsonValue(const JsonNode* node, const JsonTree* tree, std::string path)
      : node_(node), tree_(tree), path_(std::move(path)) {}
  Status TypeError(std::string_view expected) const;

  const JsonNode* node_;
  const JsonTree* tree_;  // for the file name
  std::string path_;
};

// The fields of one object, opened by JsonValue::Object with the names it may hold. Asking for
// a field that was not declared there is a programmer error (asserted).
class JsonObject {
 public:
  const JsonValue& value() const { return value_; }
  bool Has(std::string_view name) const;
  // The field, or "field <path>: is required" when it is absent. A null field is returned as is.
  Result<JsonValue> Required(std::string_view name) const;
  // The field, or nullopt when it is absent or null.
  std::optional<JsonValue> Optional(std::string_view name) const;

  // Required fields of one type: Required(name) then the JsonValue accessor of the same name.
  Result<std::string> String(std::string_view name) const;
  Result<double> Number(std::string_view name) const;
  Result<bool> Boolean(std::string_view name) const;
  Result<Pence> Pounds(std::string_view name) const;
  Result<Day> Date(std::string_view name) const;
  Result<std::vector<JsonValue>> Array(std::string_view name) const;
  Result<JsonObject> Object(std::string_view name,
                            std::initializer_list<std::string_view> fields) const;

 private:
  friend class JsonValue;
  JsonObject(JsonValue value, std::vector<std::string> fields)
      : value_(std::move(value)), fields_(std::move(fields)) {}
  const JsonNode* Find(std::string_view name) const;

  JsonValue value_;
  std::vector<std::string> fields_;  // the names declared when the object was opened
};

// A parsed JSON file. Duplicate field names in an object are rejected, and so is nesting deeper
// than kMaxDepth (so that no file can exhaust the stack).
class JsonDocument {
 public:
  static constexpr int kMaxDepth = 256;

  // Parses `text`; `file_name` is how messages name it. A syntax error reads
  // "nelson_vale.json line 3, column 14: <reason>".
  static Result<JsonDocument> Parse(std::string_view text, std::string file_name);
  // Reads and parses the file at `path`; messages name it by its file name without the folder.
  static Result<JsonDocument> Read(const std::string& path);

  JsonDocument(JsonDocument&&) noexcept;
  JsonDocument& operator=(JsonDocument&&) noexcept;
  ~JsonDocument();

  const std::string& file_name() const;
  // The top-level value; it and everything reached from it live as long as this document.
  JsonValue root() const;

 private:
  explicit JsonDocument(std::unique_ptr<JsonTree> tree);
  std::unique_ptr<JsonTree> tree_;
};

}  // namespace continuum
