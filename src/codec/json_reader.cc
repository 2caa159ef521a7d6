// nlohmann-json's SAX parser builds Continuum's own tree: numbers keep the text they were written
// with, so decimals such as money are read exactly, and no nlohmann type leaves this file.
#include "codec/json_reader.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/quoted.h"

namespace continuum {

struct JsonNode {
  JsonType type = JsonType::kNull;
  bool boolean = false;
  std::string text;                // a string's contents, or a number as the file wrote it
  std::vector<std::string> keys;   // an object's field names in file order, one per child
  std::vector<JsonNode> children;  // an array's items, or an object's values (keys[i]'s value)
};

struct JsonTree {
  std::string file_name;
  JsonNode root;
};

namespace {

// A field's name as a path shows it: quoted, cut short and escaped (core/quoted.h) when it is
// long or holds what a message must not print.
std::string ChildPath(const std::string& parent, std::string_view name) {
  const std::string shown = name.size() <= kQuotedCharacters && Printable(name) == name
                                ? std::string(name)
                                : Quoted(name, '"');
  return parent.empty() ? shown : parent + "." + shown;
}

std::string ItemPath(const std::string& parent, size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

Status FieldError(const std::string& file, const std::string& path, std::string_view reason) {
  return Status::InvalidInput(file + (path.empty() ? ": " : ", field " + path + ": ") +
                              std::string(reason));
}

// "nelson_vale.json line 3, column 14: <reason>" for byte `at` of `text`.
Status SyntaxError(const std::string& file, std::string_view text, size_t at,
                   std::string_view reason) {
  const std::string_view before = text.substr(0, at);
  const size_t line = 1 + std::count(before.begin(), before.end(), '\n');
  const size_t newline = before.rfind('\n');
  const size_t col = 1 + (newline == std::string_view::npos ? at : at - newline - 1);
  return Status::InvalidInput(file + " line " + std::to_string(line) + ", column " +
                              std::to_string(col) + ": " + std::string(reason));
}

// What nlohmann's syntax errors may say was expected (its lexer's token_type_name()).
constexpr std::string_view kTokenTypes[] = {"'[', '{', or a literal",
                                            "true literal",
                                            "false literal",
                                            "null literal",
                                            "string literal",
                                            "number literal",
                                            "'['",
                                            "'{'",
                                            "']'",
                                            "'}'",
                                            "':'",
                                            "','",
                                            "<parse error>",
                                            "end of input",
                                            "<uninitialized>",
                                            "<unknown token>"};

// Builds the tree as nlohmann's parser reports each token. Containers in progress are kept on a
// stack of pointers; only the innermost one grows, so the pointers stay valid.
class TreeBuilder {
 public:
  using json = nlohmann::json;

  explicit TreeBuilder(JsonTree* tree) : tree_(tree) {}

  bool null() { return Add(JsonNode{}); }
  bool boolean(bool value) { return Add(JsonNode{.type = JsonType::kBoolean, .boolean = value}); }
  bool number_integer(json::number_integer_t value) { return Number(std::to_string(value)); }
  bool number_unsigned(json::number_unsigned_t value) { return Number(std::to_string(value)); }
  bool number_float(json::number_float_t, const json::string_t& written) { return Number(written); }
  bool string(json::string_t& value) {
    return Add(JsonNode{.type = JsonType::kString, .text = std::move(value)});
  }
  bool binary(json::binary_t&) { return Fail("binary values are not JSON text"); }
  bool start_object(size_t) { return Open(JsonType::kObject); }
  bool end_object() { return Close(); }
  bool start_array(size_t) { return Open(JsonType::kArray); }
  bool end_array() { return Close(); }
  bool key(json::string_t& name) {
    JsonNode* object = open_.back();
    if (std::find(object->keys.begin(), object->keys.end(), name) != object->keys.end()) {
      error_ = FieldError(tree_->file_name, ChildPath(OpenPath(), name), "appears twice");
      return false;
    }
    object->keys.push_back(std::move(name));
    return true;
  }
  bool parse_error(size_t position, const std::string&, const nlohmann::detail::exception& e) {
    syntax_error_at_ = position;
    syntax_reason_ = e.what();
    return false;
  }

  // The error that stopped the parse: a structural one found here, else nlohmann's syntax error.
  Status Error(std::string_view text) const {
    if (!error_.ok()) return error_;
    // nlohmann reports "[json.exception.parse_error.101] parse error at line 3, column 14: why".
    std::string reason = syntax_reason_;
    const size_t column = reason.find("column ");
    const size_t colon = reason.find(": ", column == std::string::npos ? 0 : column);
    if (colon != std::string::npos) {
      reason = reason.substr(colon + 2);
    } else if (const size_t bracket = reason.find("] "); bracket != std::string::npos) {
      reason = reason.substr(bracket + 2);
    }
    // nlohmann quotes the token it was reading whole, which may be megabytes or hold control
    // characters; it is shown as every quoted value is.
    // It reads "...; last read: '<token>'", then perhaps "; expected <a token type>", and the
    // token may hold anything, those words included.
    constexpr std::string_view kLastRead = "; last read: '";
    if (const size_t last = reason.find(kLastRead); last != std::string::npos) {
      const size_t from = last + kLastRead.size();
      size_t end = reason.size() - 1;  // the token's closing quote
      for (std::string_view expected : kTokenTypes) {
        const std::string suffix = "'; expected " + std::string(expected);
        if (reason.size() >= from + suffix.size() && reason.ends_with(suffix)) {
          end = reason.size() - suffix.size();
          break;
        }
      }
      if (end >= from && reason[end] == '\'') {
        reason = reason.substr(0, from - 1) +
                 Quoted(std::string_view(reason).substr(from, end - from)) + reason.substr(end + 1);
      }
    }
    // The character that stopped the parser is the last one it read (or the end of the text); a
    // line break that ends a broken literal is counted on the line it ends.
    const size_t at = std::min(syntax_error_at_ == 0 ? 0 : syntax_error_at_ - 1, text.size());
    return SyntaxError(tree_->file_name, text, at, reason);
  }

 private:
  bool Number(std::string written) {
    return Add(JsonNode{.type = JsonType::kNumber, .text = std::move(written)});
  }

  // Places a value in the container being read (after its key, for an object) or at the top.
  JsonNode* Place(JsonNode node) {
    if (open_.empty()) {
      tree_->root = std::move(node);
      return &tree_->root;
    }
    open_.back()->children.push_back(std::move(node));
    return &open_.back()->children.back();
  }
  bool Add(JsonNode node) {
    Place(std::move(node));
    return true;
  }
  bool Open(JsonType type) {
    if (open_.size() >= static_cast<size_t>(JsonDocument::kMaxDepth)) {
      return Fail("nested more than " + std::to_string(JsonDocument::kMaxDepth) + " levels deep");
    }
    open_.push_back(Place(JsonNode{.type = type}));
    return true;
  }
  bool Close() {
    open_.pop_back();
    return true;
  }
  bool Fail(const std::string& reason) {
    error_ = FieldError(tree_->file_name, OpenPath(), reason);
    return false;
  }
  // The path of the innermost container being read, for messages.
  std::string OpenPath() const {
    std::string path;
    for (size_t i = 0; i + 1 < open_.size(); ++i) {
      const JsonNode* parent = open_[i];
      path = parent->type == JsonType::kObject ? ChildPath(path, parent->keys.back())
                                               : ItemPath(path, parent->children.size() - 1);
    }
    return path;
  }

  JsonTree* tree_;
  std::vector<JsonNode*> open_;  // the objects and arrays being read, outermost first
  Status error_;
  size_t syntax_error_at_ = 0;  // bytes read when nlohmann found a syntax error
  std::string syntax_reason_;
};

const char* TypeName(JsonType type) {
  switch (type) {
    case JsonType::kNull:
      return "null";
    case JsonType::kBoolean:
      return "a boolean";
    case JsonType::kNumber:
      return "a number";
    case JsonType::kString:
      return "a string";
    case JsonType::kArray:
      return "an array";
    case JsonType::kObject:
      return "an object";
  }
  return "";
}

}  // namespace

// JsonValue

JsonType JsonValue::type() const { return node_->type; }

std::string JsonValue::Written() const {
  switch (node_->type) {
    case JsonType::kNull:
      return "null";
    case JsonType::kBoolean:
      return node_->boolean ? "true" : "false";
    case JsonType::kNumber:
      return node_->text;
    case JsonType::kString:
      return Quoted(node_->text, '"');
    default:
      return TypeName(node_->type);
  }
}

Status JsonValue::Error(std::string_view reason) const {
  return FieldError(tree_->file_name, path_, reason);
}

Status JsonValue::TypeError(std::string_view expected) const {
  return Error("must be " + std::string(expected) + ", not " + Written());
}

Result<bool> JsonValue::Boolean() const {
  if (node_->type != JsonType::kBoolean) return TypeError("true or false");
  return node_->boolean;
}

Result<std::string> JsonValue::String() const {
  if (node_->type != JsonType::kString) return TypeError("a string");
  return node_->text;
}

Result<double> JsonValue::Number() const {
  if (node_->type != JsonType::kNumber) return TypeError("a number");
  double value = 0;
  const std::string& t = node_->text;
  const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (error != std::errc() || end != t.data() + t.size()) return Error("is out of range");
  return value;
}

Result<int64_t> JsonValue::Integer() const {
  if (node_->type != JsonType::kNumber) return TypeError("a whole number");
  const std::string& t = node_->text;
  if (t.find_first_of(".eE") != std::string::npos) return TypeError("a whole number");
  int64_t value = 0;
  const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (error != std::errc() || end != t.data() + t.size()) return Error("is too large, " + t);
  return value;
}

Result<int64_t> JsonValue::FixedPoint(int decimals) const {
  if (node_->type != JsonType::kNumber) return TypeError("a number");
  const std::string& t = node_->text;
  if (t.find_first_of("eE") != std::string::npos) {
    return Error("must be written as a plain decimal (like 0.25), not " + t);
  }
  const bool negative = t[0] == '-';
  const size_t dot = t.find('.');
  const std::string whole = t.substr(negative, dot == std::string::npos ? t.npos : dot - negative);
  std::string fraction = dot == std::string::npos ? "" : t.substr(dot + 1);
  if (fraction.size() > static_cast<size_t>(decimals)) {
    return Error("must have at most " + std::to_string(decimals) + " decimals, not " + t);
  }
  if (whole.size() + decimals > 18) return Error("is too large, " + t);
  fraction.append(decimals - fraction.size(), '0');
  int64_t value = 0;
  for (char c : whole + fraction) value = value * 10 + (c - '0');
  return negative ? -value : value;
}

Result<Pence> JsonValue::Pounds() const {
  if (node_->type != JsonType::kNumber && node_->type != JsonType::kString) {
    return TypeError("an amount in pounds");
  }
  if (!node_->text.empty() && node_->text[0] == '-') {
    return Error("must be 0 or more, not " + node_->text);
  }
  Result<Pence> pence = ParsePounds(node_->text);
  if (!pence.ok()) return Error(pence.status().message());
  return pence;
}

Result<Day> JsonValue::Date() const {
  if (node_->type != JsonType::kString) return TypeError("a date (YYYY-MM-DD)");
  Result<Day> day = ParseDate(node_->text);
  if (!day.ok()) return Error(day.status().message());
  return day;
}

Result<int> JsonValue::OneOf(std::span<const std::string_view> choices) const {
  std::string names;
  for (std::string_view choice : choices)
    names += (names.empty() ? "" : ", ") + std::string(choice);
  if (node_->type != JsonType::kString) return TypeError("one of " + names);
  const auto found = std::find(choices.begin(), choices.end(), node_->text);
  if (found == choices.end()) return TypeError("one of " + names);
  return static_cast<int>(found - choices.begin());
}

Result<std::vector<JsonValue>> JsonValue::Array() const {
  if (node_->type != JsonType::kArray) return TypeError("an array");
  std::vector<JsonValue> items;
  items.reserve(node_->children.size());
  for (size_t i = 0; i < node_->children.size(); ++i) {
    items.push_back(JsonValue(&node_->children[i], tree_, ItemPath(path_, i)));
  }
  return items;
}

Result<JsonObject> JsonValue::Object(std::initializer_list<std::string_view> fields) const {
  if (node_->type != JsonType::kObject) return TypeError("an object");
  std::vector<std::string> names(fields.begin(), fields.end());
  for (const std::string& key : node_->keys) {
    if (std::find(names.begin(), names.end(), key) == names.end()) {
      return FieldError(tree_->file_name, ChildPath(path_, key),
                        names.empty() ? "unknown field; this object takes no fields"
                                      : "unknown field; expected one of " + JoinNames(names));
    }
  }
  return JsonObject(*this, std::move(names));
}

std::optional<JsonValue> JsonValue::Field(std::string_view name) const {
  if (node_->type != JsonType::kObject) return std::nullopt;
  const auto found = std::find(node_->keys.begin(), node_->keys.end(), name);
  if (found == node_->keys.end()) return std::nullopt;
  return JsonValue(&node_->children[found - node_->keys.begin()], tree_, ChildPath(path_, name));
}

// JsonObject

const JsonNode* JsonObject::Find(std::string_view name) const {
  assert(std::find(fields_.begin(), fields_.end(), name) != fields_.end() &&
         "a field must be declared when its object is opened");
  const JsonNode* node = value_.node_;
  const auto found = std::find(node->keys.begin(), node->keys.end(), name);
  return found == node->keys.end() ? nullptr : &node->children[found - node->keys.begin()];
}

bool JsonObject::Has(std::string_view name) const { return Find(name) != nullptr; }

Result<JsonValue> JsonObject::Required(std::string_view name) const {
  const std::string path = ChildPath(value_.path_, name);
  const JsonNode* node = Find(name);
  if (node == nullptr) return FieldError(value_.tree_->file_name, path, "is required");
  return JsonValue(node, value_.tree_, path);
}

std::optional<JsonValue> JsonObject::Optional(std::string_view name) const {
  const JsonNode* node = Find(name);
  if (node == nullptr || node->type == JsonType::kNull) return std::nullopt;
  return JsonValue(node, value_.tree_, ChildPath(value_.path_, name));
}

Result<std::string> JsonObject::String(std::string_view name) const {
  Result<JsonValue> field = Required(name);
  if (!field.ok()) return field.status();
  return field->String();
}

Result<double> JsonObject::Number(std::string_view name) const {
  Result<JsonValue> field = Required(name);
  if (!field.ok()) return field.status();
  return field->Number();
}

Result<bool> JsonObject::Boolean(std::string_view name) const {
  Result<JsonValue> field = Required(name);
  if (!field.ok()) return field.status();
  return field->Boolean();
}

Result<Pence> JsonObject::Pounds(std::string_view name) const {
  Result<JsonValue> field = Required(name);
  if (!field.ok()) return field.status();
  return field->Pounds();
}

Result<Day> JsonObject::Date(std::string_view name) const {
  Result<JsonValue> field = Required(name);
  if (!field.ok()) return field.status();
  return field->Date();
}

Result<std::vector<JsonValue>> JsonObject::Array(std::string_view name) const {
  Result<JsonValue> field = Required(name);
  if (!field.ok()) return field.status();
  return field->Array();
}

Result<JsonObject> JsonObject::Object(std::string_view name,
                                      std::initializer_list<std::string_view> fields) const {
  Result<JsonValue> field = Required(name);
  if (!field.ok()) return field.status();
  return field->Object(fields);
}

// JsonDocument

JsonDocument::JsonDocument(std::unique_ptr<JsonTree> tree) : tree_(std::move(tree)) {}
JsonDocument::JsonDocument(JsonDocument&&) noexcept = default;
JsonDocument& JsonDocument::operator=(JsonDocument&&) noexcept = default;
JsonDocument::~JsonDocument() = default;

const std::string& JsonDocument::file_name() const { return tree_->file_name; }

JsonValue JsonDocument::root() const { return JsonValue(&tree_->root, tree_.get(), ""); }

Result<JsonDocument> JsonDocument::Parse(std::string_view text, std::string file_name) {
  auto tree = std::make_unique<JsonTree>();
  tree->file_name = std::move(file_name);
  // nlohmann's reader stops at a NUL byte as at the end of the text, so a document followed by
  // one and anything at all would be taken whole; JSON text holds no NUL anywhere.
  if (const size_t nul = text.find('\0'); nul != std::string_view::npos) {
    return SyntaxError(tree->file_name, text, nul,
                       "a NUL byte; JSON text holds none, and nothing but white space may follow "
                       "the document");
  }
  TreeBuilder builder(tree.get());
  bool parsed = false;
  try {
    parsed = nlohmann::json::sax_parse(text.begin(), text.end(), &builder);
  } catch (const std::exception& e) {  // nlohmann reports through the handler; this is a guard
    return Status::InvalidInput(tree->file_name + ": " + e.what());
  }
  if (!parsed) return builder.Error(text);
  return JsonDocument(std::move(tree));
}

Result<JsonDocument> JsonDocument::Read(const std::string& path) {
  Result<CsvFile> file = CsvFile::Read(path);  // the whole file in memory, named without folder
  if (!file.ok()) return file.status();
  return Parse(file->text(), file->name());
}

}  // namespace continuum
