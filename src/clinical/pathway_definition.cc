// Reads a pathway definition through the codec and checks what JSON cannot: that every code
// pattern can match, that each entry and step has the filters its kind needs, and that steps
// follow the entry or earlier steps only.
#include "clinical/pathway_definition.h"

#include <algorithm>
#include <filesystem>

#include "codec/json_reader.h"
#include "core/embedded.h"
#include "core/quoted.h"
#include "model/codes.h"

namespace continuum {
namespace {

constexpr std::string_view kEntryKinds[] = {"referral", "activity", "discharge", "register",
                                            "observation"};
constexpr std::string_view kStepKinds[] = {"activity", "referral", "observation", "death"};
constexpr std::string_view kCycles[] = {"financial_year"};
constexpr int kMaxDays = 3650;

std::string Join(std::span<const std::string_view> names, std::string_view last = ", ") {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    out += i == 0 ? "" : i + 1 == names.size() ? last : ", ";
    out += names[i];
  }
  return out;
}

// An entry's fields by its kind (death is never an entry).
Result<JsonObject> OpenEntry(const JsonValue& v, RecordKind kind) {
  switch (kind) {
    case RecordKind::kActivity:
      return v.Object({"kind", "title", "exclude_registers", "settings", "specialty", "diagnosis",
                       "procedure", "medicine"});
    case RecordKind::kDischarge:
      return v.Object({"kind", "title", "exclude_registers", "settings", "specialty", "diagnosis",
                       "procedure"});
    case RecordKind::kReferral:
      return v.Object({"kind", "title", "exclude_registers", "from", "specialty", "reason"});
    case RecordKind::kObservation:
      return v.Object({"kind", "title", "exclude_registers", "observation", "value"});
    case RecordKind::kRegister:
    case RecordKind::kDeath:
      return v.Object({"kind", "title", "exclude_registers", "condition", "cycle", "grace_days"});
  }
  return v.Object({});
}

// A step's fields by its kind (discharges and registers are never steps).
Result<JsonObject> OpenStep(const JsonValue& v, RecordKind kind) {
  switch (kind) {
    case RecordKind::kActivity:
    case RecordKind::kDischarge:
    case RecordKind::kRegister:
      return v.Object({"id", "title", "action", "kind", "after", "within_days", "settings",
                       "specialty", "diagnosis", "procedure", "medicine", "same_specialty_as"});
    case RecordKind::kReferral:
      return v.Object({"id", "title", "action", "kind", "after", "within_days", "from", "specialty",
                       "reason", "same_specialty_as"});
    case RecordKind::kObservation:
      return v.Object(
          {"id", "title", "action", "kind", "after", "within_days", "observation", "value"});
    case RecordKind::kDeath:
      return v.Object({"id", "title", "action", "kind", "after", "within_days", "place"});
  }
  return v.Object({});
}

// The kind of an entry or step, one of `kinds`, read before the object is opened.
Result<RecordKind> KindOf(const JsonValue& v, std::span<const std::string_view> kinds) {
  if (v.type() != JsonType::kObject) return v.Object({}).status();
  std::optional<JsonValue> field = v.Field("kind");
  if (!field) return v.Error("needs a kind: one of " + Join(kinds));
  Result<int> kind = field->OneOf(kinds);
  if (!kind.ok()) return kind.status();
  return static_cast<RecordKind>(FindCode(kRecordKindCodes, kinds[*kind]));
}

Status ReadPatterns(const JsonObject& o, std::string_view name, CodeSystem system,
                    CodePatterns* patterns) {
  std::optional<JsonValue> field = o.Optional(name);
  if (!field) return Status::Ok();
  Result<CodePatterns> read = CodePatterns::Read(*field, system);
  if (!read.ok()) return read.status();
  *patterns = std::move(*read);
  return Status::Ok();
}

// A filter's codes from a closed list (settings, organisation kinds, places): an array of at
// least one.
Result<std::vector<JsonValue>> Codes(const JsonValue& field) {
  Result<std::vector<JsonValue>> items = field.Array();
  if (items.ok() && items->empty())
    return field.Error("must list at least one code; leave it out to match any");
  return items;
}

// Codes from a closed list as bits over their indexes.
Status ReadCodeBits(const JsonObject& o, std::string_view name, CodeList codes, uint32_t* bits) {
  std::optional<JsonValue> field = o.Optional(name);
  if (!field) return Status::Ok();
  Result<std::vector<JsonValue>> items = Codes(*field);
  if (!items.ok()) return items.status();
  for (const JsonValue& item : *items) {
    Result<int> code = item.OneOf(codes);
    if (!code.ok()) return code.status();
    *bits |= 1u << *code;
  }
  return Status::Ok();
}

Status ReadActivityFilters(const JsonObject& o, RecordFilter* f) {
  CONTINUUM_RETURN_IF_ERROR(ReadCodeBits(o, "settings", kSettingCodes, &f->settings));
  CONTINUUM_RETURN_IF_ERROR(ReadPatterns(o, "specialty", CodeSystem::kSpecialty, &f->specialty));
  CONTINUUM_RETURN_IF_ERROR(ReadPatterns(o, "diagnosis", CodeSystem::kIcd10, &f->diagnosis));
  CONTINUUM_RETURN_IF_ERROR(ReadPatterns(o, "procedure", CodeSystem::kOpcs4, &f->procedure));
  if (f->kind == RecordKind::kDischarge) {
    std::optional<JsonValue> field = o.Optional("settings");
    if (!field) {
      return o.value().Error("a discharge entry needs settings: elective, day_case or emergency");
    }
    const Result<std::vector<JsonValue>> items = Codes(*field);  // read above, so valid
    for (const JsonValue& item : *items) {
      const int s = *item.OneOf(kSettingCodes);
      if (!IsAdmission(static_cast<Setting>(s))) {
        return item.Error(std::string(kSettingCodes[s]) +
                          " is not an admission: a discharge ends an elective, day_case or "
                          "emergency stay");
      }
    }
    return Status::Ok();
  }
  return ReadPatterns(o, "medicine", CodeSystem::kBnf, &f->medicine);
}

Status ReadObservationFilters(const JsonObject& o, RecordFilter* f) {
  Result<JsonValue> kind_field = o.Required("observation");
  if (!kind_field.ok()) return kind_field.status();
  Result<int> kind = kind_field->OneOf(kObservationKindCodes);
  if (!kind.ok()) return kind.status();
  f->observation = *kind;
  if (std::optional<JsonValue> value = o.Optional("value")) {
    const CodeList codes = ObservationValueCodes(static_cast<ObservationKind>(*kind));
    if (codes.empty()) {
      return value->Error(std::string(kObservationKindCodes[*kind]) +
                          " is a measurement; only coded observations (smoking_status, "
                          "annual_review, care_plan, preferred_place_of_death) take a value");
    }
    Result<int> code = value->OneOf(codes);
    if (!code.ok()) return code.status();
    f->value = *code;
  }
  return Status::Ok();
}

Status ReadDeathFilters(const JsonObject& o, RecordFilter* f) {
  std::optional<JsonValue> place = o.Optional("place");
  if (!place) return Status::Ok();
  if (place->type() == JsonType::kString && *place->String() == "preferred") {
    f->preferred_place = true;
    return Status::Ok();
  }
  return ReadCodeBits(o, "place", kPlaceOfDeathCodes, &f->places);
}

// The filters an entry or a step of `f->kind` carries. An activity or a referral needs at least
// one; a step may narrow its records by `same_specialty_as` alone (`has_same_specialty`), an
// entry has no such field.
Status ReadFilters(const JsonObject& o, RecordFilter* f, bool is_step, bool has_same_specialty) {
  std::string_view needs_one_of;
  switch (f->kind) {
    case RecordKind::kActivity:
    case RecordKind::kDischarge:
      CONTINUUM_RETURN_IF_ERROR(ReadActivityFilters(o, f));
      needs_one_of = "settings, specialty, diagnosis, procedure, medicine";
      break;
    case RecordKind::kReferral:
      CONTINUUM_RETURN_IF_ERROR(ReadCodeBits(o, "from", kOrgKindCodes, &f->referrers));
      CONTINUUM_RETURN_IF_ERROR(
          ReadPatterns(o, "specialty", CodeSystem::kSpecialty, &f->specialty));
      CONTINUUM_RETURN_IF_ERROR(ReadPatterns(o, "reason", CodeSystem::kIcd10, &f->diagnosis));
      needs_one_of = "from, specialty, reason";
      break;
    case RecordKind::kObservation:
      return ReadObservationFilters(o, f);
    case RecordKind::kDeath:
      return ReadDeathFilters(o, f);
    case RecordKind::kRegister: {
      Result<JsonValue> condition = o.Required("condition");
      if (!condition.ok()) return condition.status();
      Result<int> code = condition->OneOf(kConditionCodes);
      if (!code.ok()) return code.status();
      f->condition = *code;
      return Status::Ok();
    }
  }
  const bool unfiltered = f->settings == 0 && f->referrers == 0 && f->specialty.empty() &&
                          f->diagnosis.empty() && f->procedure.empty() && f->medicine.empty();
  if (unfiltered && !has_same_specialty) {
    return o.value().Error("matches every " +
                           std::string(kRecordKindCodes[static_cast<int>(f->kind)]) +
                           ": give at least one of " + std::string(needs_one_of) +
                           (is_step ? " or same_specialty_as" : ""));
  }
  return Status::Ok();
}

Result<std::string> Identifier(const JsonObject& o, std::string_view name) {
  Result<JsonValue> field = o.Required(name);
  if (!field.ok()) return field.status();
  Result<std::string> id = field->String();
  if (!id.ok()) return id.status();
  const bool plain = !id->empty() && std::all_of(id->begin(), id->end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (!plain) {
    return field->Error("must be lowercase letters, digits and _ (like annual_review), not " +
                        field->Written());
  }
  if (*id == "entry") return field->Error("'entry' names the pathway's entry; choose another id");
  return id;
}

Result<std::optional<std::string>> OptionalText(const JsonObject& o, std::string_view name) {
  std::optional<JsonValue> field = o.Optional(name);
  if (!field) return std::optional<std::string>();
  Result<std::string> text = field->String();
  if (!text.ok()) return text.status();
  return std::optional<std::string>(*text);
}

Result<PathwayEntry> ReadEntry(const JsonObject& root) {
  Result<JsonValue> value = root.Required("entry");
  if (!value.ok()) return value.status();
  Result<RecordKind> kind = KindOf(*value, kEntryKinds);
  if (!kind.ok()) return kind.status();
  Result<JsonObject> o = OpenEntry(*value, *kind);
  if (!o.ok()) return o.status();
  PathwayEntry entry{.filter = {.kind = *kind}};
  Result<std::optional<std::string>> title = OptionalText(*o, "title");
  if (!title.ok()) return title.status();
  entry.title = title->value_or("");
  CONTINUUM_RETURN_IF_ERROR(ReadFilters(*o, &entry.filter, false, false));
  CONTINUUM_RETURN_IF_ERROR(
      ReadCodeBits(*o, "exclude_registers", kConditionCodes, &entry.exclude_registers));
  if (*kind != RecordKind::kRegister) return entry;
  if (std::optional<JsonValue> cycle = o->Optional("cycle")) {
    Result<int> code = cycle->OneOf(kCycles);
    if (!code.ok()) return code.status();
    entry.yearly = true;
  }
  if (std::optional<JsonValue> grace = o->Optional("grace_days")) {
    if (!entry.yearly) return grace->Error("applies only to an entry with a cycle");
    Result<int64_t> days = grace->Integer();
    if (!days.ok()) return days.status();
    if (*days < 0 || *days > 364)
      return grace->Error("must be between 0 and 364 days, not " + grace->Written());
    entry.grace_days = static_cast<int>(*days);
  }
  return entry;
}

// What each step says it follows, read ahead so that a step naming a later one can be told
// apart from one naming a step that does not exist, and a cycle shown whole.
struct StepLinks {
  std::vector<std::string> ids;
  std::vector<int> after;  // index, kEntry, or -2 when it names no step
};

StepLinks ReadLinks(const std::vector<JsonValue>& steps) {
  StepLinks links;
  for (const JsonValue& step : steps) {
    std::optional<JsonValue> id = step.Field("id");
    links.ids.push_back(id && id->type() == JsonType::kString ? *id->String() : "");
  }
  for (size_t i = 0; i < steps.size(); ++i) {
    std::optional<JsonValue> after = steps[i].Field("after");
    int target = i == 0 ? kEntry : static_cast<int>(i) - 1;
    if (after && after->type() == JsonType::kString) {
      const std::string name = *after->String();
      const auto at = std::find(links.ids.begin(), links.ids.end(), name);
      target = name == "entry"         ? kEntry
               : at == links.ids.end() ? -2
                                       : static_cast<int>(at - links.ids.begin());
    }
    links.after.push_back(target);
  }
  return links;
}

// Resolves a reference to the entry or an earlier step (`after`, `same_specialty_as`) of step i.
Result<int> EarlierStep(const JsonValue& field, const StepLinks& links, int i) {
  Result<std::string> name = field.String();
  if (!name.ok()) return name.status();
  if (*name == "entry") return kEntry;
  const auto at = std::find(links.ids.begin(), links.ids.end(), *name);
  if (at == links.ids.end()) {
    std::vector<std::string_view> known = {"entry"};
    for (int s = 0; s < i; ++s) known.push_back(links.ids[s]);
    return field.Error(Quoted(*name) + " is not a step of this pathway; expected " +
                       Join(known, " or "));
  }
  const int target = static_cast<int>(at - links.ids.begin());
  if (target == i) return field.Error("a step cannot follow itself");
  if (target > i) {
    // Following the later step's own `after` back: does it come round to this step?
    std::string path = links.ids[i];
    for (int s = target, hops = 0; s >= 0 && hops <= static_cast<int>(links.ids.size());
         s = links.after[s], ++hops) {
      path += " -> " + links.ids[s];
      if (s == i) return field.Error("the steps form a cycle (" + path + ")");
    }
    return field.Error(Quoted(*name) +
                       " is a later step; a step follows the entry or an earlier "
                       "step");
  }
  return target;
}

bool HasSpecialty(RecordKind kind) {
  return kind == RecordKind::kActivity || kind == RecordKind::kReferral ||
         kind == RecordKind::kDischarge;
}

Result<PathwayStep> ReadStep(const JsonValue& value, const StepLinks& links, int i,
                             const PathwayDefinition& d) {
  Result<RecordKind> kind = KindOf(value, kStepKinds);
  if (!kind.ok()) return kind.status();
  Result<JsonObject> o = OpenStep(value, *kind);
  if (!o.ok()) return o.status();
  PathwayStep step{.filter = {.kind = *kind}, .after = i == 0 ? kEntry : i - 1};
  Result<std::string> id = Identifier(*o, "id");
  if (!id.ok()) return id.status();
  for (int s = 0; s < i; ++s) {
    if (d.steps[s].id == *id) {
      return o->Required("id")->Error(Quoted(*id) + " is already the id of steps[" +
                                      std::to_string(s) + "]");
    }
  }
  step.id = *id;
  Result<std::string> title = o->String("title");
  if (!title.ok()) return title.status();
  step.title = *title;
  Result<std::optional<std::string>> action = OptionalText(*o, "action");
  if (!action.ok()) return action.status();
  step.action = action->value_or(step.title);
  if (std::optional<JsonValue> after = o->Optional("after")) {
    Result<int> target = EarlierStep(*after, links, i);
    if (!target.ok()) return target.status();
    step.after = *target;
  }
  std::optional<JsonValue> same;
  if (HasSpecialty(*kind)) same = o->Optional("same_specialty_as");
  if (same) {
    Result<int> target = EarlierStep(*same, links, i);
    if (!target.ok()) return target.status();
    const RecordKind of = *target == kEntry ? d.entry.filter.kind : d.steps[*target].filter.kind;
    if (!HasSpecialty(of)) {
      return same->Error(Quoted(*same->String()) + " is " +
                         std::string(of == RecordKind::kObservation ? "an " : "a ") +
                         std::string(kRecordKindCodes[static_cast<int>(of)]) +
                         ", which has no specialty");
    }
    step.same_specialty_as = *target;
  }
  if (std::optional<JsonValue> within = o->Optional("within_days")) {
    Result<int64_t> days = within->Integer();
    if (!days.ok()) return days.status();
    if (*days < 0) return within->Error("must be 0 or more days, not " + within->Written());
    if (*days > kMaxDays)
      return within->Error("must be at most " + std::to_string(kMaxDays) + " days, not " +
                           within->Written());
    step.within_days = static_cast<int>(*days);
  }
  CONTINUUM_RETURN_IF_ERROR(ReadFilters(*o, &step.filter, true, same.has_value()));
  return step;
}

Result<PathwayDefinition> ReadDocument(const Result<JsonDocument>& doc) {
  if (!doc.ok()) return doc.status();
  Result<JsonObject> root = doc->root().Object({"id", "title", "source", "entry", "steps"});
  if (!root.ok()) return root.status();
  PathwayDefinition d{.file = doc->file_name()};
  Result<std::string> id = Identifier(*root, "id");
  if (!id.ok()) return id.status();
  d.id = *id;
  Result<std::string> title = root->String("title");
  if (!title.ok()) return title.status();
  d.title = *title;
  Result<std::string> source = root->String("source");
  if (!source.ok()) return source.status();
  d.source = *source;
  Result<PathwayEntry> entry = ReadEntry(*root);
  if (!entry.ok()) return entry.status();
  d.entry = std::move(*entry);
  Result<std::vector<JsonValue>> steps = root->Array("steps");
  if (!steps.ok()) return steps.status();
  if (steps->empty()) return root->Required("steps")->Error("must list at least one step");
  if (steps->size() > kMaxPathwaySteps) {
    return root->Required("steps")->Error("has " + std::to_string(steps->size()) +
                                          " steps; a pathway has at most " +
                                          std::to_string(kMaxPathwaySteps));
  }
  const StepLinks links = ReadLinks(*steps);
  for (size_t i = 0; i < steps->size(); ++i) {
    Result<PathwayStep> step = ReadStep((*steps)[i], links, static_cast<int>(i), d);
    if (!step.ok()) return step.status();
    d.steps.push_back(std::move(*step));
  }
  return d;
}

}  // namespace

Result<PathwayDefinition> ParsePathwayDefinition(std::string_view json,
                                                 const std::string& file_name) {
  return ReadDocument(JsonDocument::Parse(json, file_name));
}

Result<PathwayDefinition> ReadPathwayDefinition(const std::string& path) {
  return ReadDocument(JsonDocument::Read(path));
}

Result<std::vector<PathwayDefinition>> ShippedPathways() {
  std::vector<std::string_view> paths = EmbeddedFiles("data/pathways");
  std::sort(paths.begin(), paths.end());
  std::vector<PathwayDefinition> shipped;
  for (std::string_view path : paths) {
    const std::string name = std::filesystem::path(path).filename().string();
    Result<PathwayDefinition> d = ParsePathwayDefinition(EmbeddedFile(path), name);
    if (!d.ok()) return Status::Internal("the shipped pathway " + d.status().message());
    shipped.push_back(std::move(*d));
  }
  return shipped;
}

}  // namespace continuum
