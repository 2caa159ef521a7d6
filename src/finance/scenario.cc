// Reads a scenario through the codec; every problem names the file and the field.
#include "finance/scenario.h"

#include "codec/json_reader.h"
#include "core/quoted.h"
#include "finance/share_field.h"

namespace continuum {
namespace {

Status ReadFollowUps(const JsonObject& o, ScenarioChange* c) {
  Result<PartsPerMillion> share = ShareField(o, "share");
  if (!share.ok()) return share.status();
  c->share = *share;
  Result<JsonValue> to = o.Required("to_setting");
  if (!to.ok()) return to.status();
  Result<int> setting = to->OneOf(kSettingCodes);
  if (!setting.ok()) return setting.status();
  if (Setting(*setting) == Setting::kOutpatientFollowUp)
    return to->Error("must be another setting than op_followup");
  c->to_setting = Setting(*setting);
  Result<Pence> unit = o.Pounds("unit_cost");
  if (!unit.ok()) return unit.status();
  c->unit_cost = *unit;
  if (std::optional<JsonValue> list = o.Optional("specialties")) {
    Result<std::vector<JsonValue>> items = list->Array();
    if (!items.ok()) return items.status();
    if (items->empty())
      return list->Error(
          "must list at least one treatment function code; leave it out to move "
          "follow-ups of every specialty");
    for (const JsonValue& item : *items) {
      Result<std::string> code = item.String();
      if (!code.ok()) return code.status();
      if (!IsKnownSpecialty(*code))
        return item.Error(Quoted(*code) + " is not a treatment function code");
      c->specialties.push_back(*code);
    }
  }
  return Status::Ok();
}

Status ReadCaseManagement(const JsonObject& o, ScenarioChange* c) {
  Result<JsonValue> top = o.Required("top_pct");
  if (!top.ok()) return top.status();
  Result<int64_t> pct = top->FixedPoint(4);  // percent to 4 decimals: millionths of the list
  if (!pct.ok()) return pct.status();
  if (*pct <= 0 || *pct > 100 * 10'000)
    return top->Error("must be a percentage above 0 and at most 100, not " + top->Written());
  c->top_share = *pct;
  Result<PartsPerMillion> reduction = ShareField(o, "emergency_admission_reduction");
  if (!reduction.ok()) return reduction.status();
  c->share = *reduction;
  Result<Pence> cost = o.Pounds("cost_per_patient");
  if (!cost.ok()) return cost.status();
  c->cost_per_patient = *cost;
  return Status::Ok();
}

Status ReadEndOfLife(const JsonObject& o, ScenarioChange* c) {
  Result<PartsPerMillion> share = ShareField(o, "share");
  if (!share.ok()) return share.status();
  c->share = *share;
  if (std::optional<JsonValue> days = o.Optional("days_before_death")) {
    Result<int64_t> n = days->Integer();
    if (!n.ok()) return n.status();
    if (*n < 1 || *n > 365)
      return days->Error("must be from 1 to 365 days, not " + days->Written());
    c->days_before_death = static_cast<int>(*n);
  }
  Result<Pence> cost = o.Pounds("cost_per_death");
  if (!cost.ok()) return cost.status();
  c->cost_per_death = *cost;
  return Status::Ok();
}

Result<Scenario> ReadDocument(const Result<JsonDocument>& document) {
  if (!document.ok()) return document.status();
  Result<JsonObject> root = document->root().Object({"name", "changes"});
  if (!root.ok()) return root.status();
  Scenario scenario;
  Result<std::string> name = root->String("name");
  if (!name.ok()) return name.status();
  scenario.name = *name;
  Result<std::vector<JsonValue>> changes = root->Array("changes");
  if (!changes.ok()) return changes.status();
  if (changes->empty()) return root->Required("changes")->Error("must list at least one change");
  for (const JsonValue& item : *changes) {
    // Each kind has its own fields; read the kind first, then the object with just those.
    Result<JsonObject> any =
        item.Object({"kind", "label", "share", "to_setting", "unit_cost", "specialties", "top_pct",
                     "emergency_admission_reduction", "cost_per_patient", "days_before_death",
                     "cost_per_death"});
    if (!any.ok()) return any.status();
    Result<JsonValue> kind_field = any->Required("kind");
    if (!kind_field.ok()) return kind_field.status();
    Result<int> kind = kind_field->OneOf(kScenarioKindCodes);
    if (!kind.ok()) return kind.status();
    // Two changes to the same patients' admissions would count the same saving twice.
    const bool once = ScenarioChange::Kind(*kind) != ScenarioChange::Kind::kShiftFollowUps;
    for (const ScenarioChange& before : scenario.changes)
      if (once && int(before.kind) == *kind)
        return kind_field->Error("a second " + std::string(kScenarioKindCodes[*kind]) +
                                 " change would count the same admissions twice; combine them");
    ScenarioChange change{.kind = ScenarioChange::Kind(*kind),
                          .label = std::string(kScenarioKindCodes[*kind])};
    Status read;
    switch (change.kind) {
      case ScenarioChange::Kind::kShiftFollowUps: {
        Result<JsonObject> o =
            item.Object({"kind", "label", "share", "to_setting", "unit_cost", "specialties"});
        read = o.ok() ? ReadFollowUps(*o, &change) : o.status();
        break;
      }
      case ScenarioChange::Kind::kCaseManagement: {
        Result<JsonObject> o = item.Object(
            {"kind", "label", "top_pct", "emergency_admission_reduction", "cost_per_patient"});
        read = o.ok() ? ReadCaseManagement(*o, &change) : o.status();
        break;
      }
      case ScenarioChange::Kind::kEndOfLifeAtHome: {
        Result<JsonObject> o =
            item.Object({"kind", "label", "share", "days_before_death", "cost_per_death"});
        read = o.ok() ? ReadEndOfLife(*o, &change) : o.status();
        break;
      }
    }
    CONTINUUM_RETURN_IF_ERROR(read);
    if (std::optional<JsonValue> label = any->Optional("label")) {
      Result<std::string> text = label->String();
      if (!text.ok()) return text.status();
      change.label = *text;
    }
    scenario.changes.push_back(std::move(change));
  }
  return scenario;
}

}  // namespace

Result<Scenario> ParseScenario(std::string_view json, const std::string& file_name) {
  return ReadDocument(JsonDocument::Parse(json, file_name));
}

Result<Scenario> ReadScenario(const std::string& path) {
  return ReadDocument(JsonDocument::Read(path));
}

}  // namespace continuum
