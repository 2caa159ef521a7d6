#include "fhir/fhir_import.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "clinical/codelist.h"
#include "clinical/observation_codes.h"
#include "core/date.h"
#include "core/money.h"
#include "core/quoted.h"
#include "fhir/fhir_codes.h"
#include "fhir/fhir_mapping.h"
#include "fhir/fhir_terms.h"
#include "fhir/resource_files.h"
#include "ingest/staged_tables.h"
#include "model/schema.h"

namespace continuum {

namespace {

using fhir::Resource;
using fhir::SourceRef;
using fhir::StringAt;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

constexpr int64_t kUnassigned = -1;

// The whole number a resource id spells, if it is one (FHIR ids of Continuum's own export).
std::optional<int64_t> NumericId(std::string_view id) {
  if (id.empty() || id.size() > 18 || id[0] == '0') return std::nullopt;
  int64_t value = 0;
  const auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), value);
  if (error != std::errc() || end != id.data() + id.size() || value < 1) return std::nullopt;
  return value;
}

// A reference's target: "Patient/17", "https://server/fhir/Patient/17/_history/2" and
// "urn:uuid:..." (a Bundle's entries name each other so) all come apart into type and id.
struct Target {
  std::string_view type;  // empty for urn:uuid
  std::string_view id;
};

std::optional<Target> TargetOf(element reference_holder) {
  const std::string_view text = StringAt(reference_holder, "reference");
  if (text.empty()) return std::nullopt;
  if (text.starts_with("urn:uuid:")) return Target{{}, text.substr(9)};
  std::string_view rest = text;
  if (const size_t history = rest.find("/_history/"); history != std::string_view::npos) {
    rest = rest.substr(0, history);
  }
  const size_t slash = rest.rfind('/');
  if (slash == std::string_view::npos || slash == 0) return std::nullopt;
  const size_t before = rest.rfind('/', slash - 1);
  const size_t start = before == std::string_view::npos ? 0 : before + 1;
  return Target{rest.substr(start, slash - start), rest.substr(slash + 1)};
}

// The first coding of a CodeableConcept (or an array of them) whose system passes `accept`.
std::string_view CodeInConcept(element codeable,
                               const std::function<bool(std::string_view)>& accept) {
  array concepts;
  if (codeable.get(concepts) == simdjson::SUCCESS) {
    for (element c : concepts) {
      const std::string_view code = CodeInConcept(c, accept);
      if (!code.empty()) return code;
    }
    return {};
  }
  array codings;
  if (!codeable.is_object() || codeable.at_key("coding").get(codings) != simdjson::SUCCESS)
    return {};
  for (element coding : codings) {
    if (accept(StringAt(coding, "system"))) return StringAt(coding, "code");
  }
  return {};
}

std::string_view CodeIn(simdjson::simdjson_result<element> held,
                        const std::function<bool(std::string_view)>& accept) {
  element codeable;
  if (held.get(codeable) != simdjson::SUCCESS) return {};
  return CodeInConcept(codeable, accept);
}

// "system|code" of a concept's first coding, to list a code no codelist holds.
std::string FirstCoding(simdjson::simdjson_result<element> held) {
  element codeable;
  array codings;
  if (held.get(codeable) != simdjson::SUCCESS || !codeable.is_object() ||
      codeable.at_key("coding").get(codings) != simdjson::SUCCESS) {
    return "(no coding)";
  }
  for (element coding : codings) {
    return std::string(StringAt(coding, "system")) + "|" + std::string(StringAt(coding, "code"));
  }
  return "(no coding)";
}

auto SystemIs(std::string_view wanted) {
  return [wanted](std::string_view system) { return system == wanted; };
}

bool IsIcd10System(std::string_view system) {
  return system.starts_with("http://hl7.org/fhir/sid/icd-10");  // icd-10, icd-10-uk, icd-10-cm
}
bool IsOpcs4System(std::string_view system) {
  return system.find("OPCS-4") != std::string_view::npos ||
         system.find("opcs-4") != std::string_view::npos ||
         system.find("opcs4") != std::string_view::npos;
}
bool IsTreatmentFunctionSystem(std::string_view system) {
  return system.ends_with("treatment-function");
}
bool IsBnfSystem(std::string_view system) {
  return system == fhir::kBnfSystem || system.ends_with("/bnf") || system.ends_with("BNF");
}

// The value of the extension with `url` (valueCode, valueString, valueInteger as text,
// valueCodeableConcept's first code, valueReference's reference), or empty.
std::string ExtensionValue(element resource, std::string_view url) {
  array extensions;
  if (resource.at_key("extension").get(extensions) != simdjson::SUCCESS) return {};
  for (element extension : extensions) {
    if (StringAt(extension, "url") != url) continue;
    for (const char* key : {"valueCode", "valueString"}) {
      const std::string_view text = StringAt(extension, key);
      if (!text.empty()) return std::string(text);
    }
    int64_t number;
    if (extension.at_key("valueInteger").get(number) == simdjson::SUCCESS) {
      return std::to_string(number);
    }
    element codeable;
    if (extension.at_key("valueCodeableConcept").get(codeable) == simdjson::SUCCESS) {
      return std::string(CodeInConcept(codeable, [](std::string_view) { return true; }));
    }
    element reference;
    if (extension.at_key("valueReference").get(reference) == simdjson::SUCCESS) {
      return std::string(StringAt(reference, "reference"));
    }
  }
  return {};
}

// A number's text as the JSON wrote it (so that 27.40 stays 27.40), or empty.
std::string NumberText(element holder, std::string_view key) {
  element value;
  if (holder.at_key(key).get(value) != simdjson::SUCCESS) return {};
  if (value.is_int64()) return std::to_string(int64_t(value));
  if (value.is_uint64()) return std::to_string(uint64_t(value));
  if (value.is_double()) {
    // simdjson keeps no text for numbers: the shortest decimal that reads back the same.
    char text[32];
    const auto [end, error] = std::to_chars(text, text + sizeof text, double(value));
    return error == std::errc() ? std::string(text, end) : std::string();
  }
  return {};
}

// The text of the number at `key` in the object after `anchor` in a resource's JSON text, when it
// is the number `parsed` (so a decimal keeps the precision it was written with: 26.0 stays 26.0);
// else the number's shortest text.
std::string DecimalText(std::string_view text, std::string_view anchor, element holder,
                        std::string_view key) {
  std::string shortest = NumberText(holder, key);
  double parsed;
  if (text.empty() || holder.at_key(key).get(parsed) != simdjson::SUCCESS) return shortest;
  size_t at = text.find(anchor);
  if (at == std::string_view::npos) return shortest;
  at = text.find("\"" + std::string(key) + "\"", at + anchor.size());
  if (at == std::string_view::npos) return shortest;
  at = text.find(':', at);
  if (at == std::string_view::npos) return shortest;
  ++at;
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  size_t end = at;
  while (end < text.size() &&
         (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '-' ||
          text[end] == '.' || text[end] == 'e' || text[end] == 'E' || text[end] == '+')) {
    ++end;
  }
  const std::string_view token = text.substr(at, end - at);
  double value;
  const auto [stop, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (error != std::errc() || stop != token.data() + token.size() || value != parsed) {
    return shortest;
  }
  return std::string(token);
}

// Resource types read, and the one each table's rows come from first.
constexpr std::string_view kMapped[] = {"Organization",
                                        "Practitioner",
                                        "PractitionerRole",
                                        "Patient",
                                        "EpisodeOfCare",
                                        "Condition",
                                        "Observation",
                                        "Encounter",
                                        "Procedure",
                                        "MedicationRequest",
                                        "ChargeItem",
                                        "ServiceRequest",
                                        "OrganizationAffiliation"};

// CSV import's words for the tables, in FHIR's.
std::string InFhirTerms(std::string reason) {
  static constexpr std::pair<std::string_view, std::string_view> kWords[] = {
      {"patients.csv", "the Patient resources"},
      {"organisations.csv", "the Organization resources"},
      {"registrations.csv", "the EpisodeOfCare resources"},
      {"activity.csv", "the Encounter and MedicationRequest resources"},
      {"referrals.csv", "the ServiceRequest resources"},
      {"staff.csv", "the PractitionerRole resources"}};
  for (const auto& [csv, fhir] : kWords) {
    for (size_t at; (at = reason.find(csv)) != std::string::npos;) {
      reason.replace(at, csv.size(), fhir);
    }
  }
  return reason;
}

class Mapper {
 public:
  Mapper(Workspace& workspace, const CodelistCatalogue& codelists,
         const ObservationCodes& observation_codes)
      : workspace_(workspace), codelists_(codelists), observation_codes_(observation_codes) {
    for (const TableSpec& t : Tables()) widths_[static_cast<int>(t.id)] = t.columns.size();
  }

  Status Read(const std::string& folder) {
    // The practices the workspace holds already, so that an encounter or registration there reads
    // as one at a practice.
    auto stored = workspace_.Scan(TableId::kOrganisations);
    if (!stored.ok()) return stored.status();
    const int key = ColumnIndex(Table(TableId::kOrganisations), "org_id");
    const int kind = ColumnIndex(Table(TableId::kOrganisations), "kind");
    while ((*stored)->NextRow()) {
      if ((*stored)->Text(kind) == "practice") practices_.emplace((*stored)->Text(key));
    }
    CONTINUUM_RETURN_IF_ERROR((*stored)->status());
    // And the patients' NHS numbers, for references by identifier.
    auto patients = workspace_.Scan(TableId::kPatients);
    if (!patients.ok()) return patients.status();
    const int nhs = ColumnIndex(Table(TableId::kPatients), "nhs_number");
    while ((*patients)->NextRow()) {
      stored_nhs_.emplace((*patients)->Text(nhs), (*patients)->Int(0));
    }
    CONTINUUM_RETURN_IF_ERROR((*patients)->status());
    // First the resources others refer to, so that a reference resolves whatever the order.
    CONTINUUM_RETURN_IF_ERROR(files_.Glance(
        folder,
        [](std::string_view type) {
          return type == "Organization" || type == "Patient" || type == "Practitioner" ||
                 type == "PractitionerRole";
        },
        [&](const Resource& r) { return Identify(r); }));
    CONTINUUM_RETURN_IF_ERROR(AssignIds(patients_, TableId::kPatients));
    CONTINUUM_RETURN_IF_ERROR(AssignIds(practitioners_, TableId::kStaff));
    CONTINUUM_RETURN_IF_ERROR(files_.Read(folder, [&](const Resource& r) { return Map(r); }));
    for (const fhir::ReadProblem& p : files_.problems()) {
      issues_.push_back({files_.FileOf(p.source), files_.LineOf(p.source), "", p.reason});
      if (p.source.in_bundle) issues_.back().reason = Entry(p.source) + issues_.back().reason;
    }
    ApplyPending();
    CONTINUUM_RETURN_IF_ERROR(StageEvents());
    StageHeld(referrals_, TableId::kReferrals);
    StageHeld(staff_, TableId::kStaff);
    summary_.files = static_cast<int64_t>(files_.files().size());
    summary_.not_read = files_.not_read();
    summary_.bytes = files_.bytes();
    return Status::Ok();
  }

  const StagedTables& staged() const { return staged_; }
  const std::vector<ImportIssue>& issues() const { return issues_; }
  SourceSummary& summary() { return summary_; }

  // Names a staged row's problem against its resource.
  void Name(int64_t source, TableId table, ImportIssue& issue) const {
    const Source& s = sources_[static_cast<size_t>(source)];
    const std::string_view type = kMapped[s.type];
    issue.file = files_.FileOf(s.ref);
    issue.line = files_.LineOf(s.ref);
    issue.resource = std::string(type) + "/" + ids_.substr(s.id_at, s.id_size);
    if (s.ref.in_bundle) issue.resource = Entry(s.ref) + issue.resource;
    if (!issue.column.empty())
      issue.column = std::string(fhir::ElementOf(table, type, issue.column));
    issue.reason = InFhirTerms(issue.reason);
  }

 private:
  struct Source {
    SourceRef ref;
    uint8_t type;
    uint32_t id_size;
    uint64_t id_at;  // in ids_
  };
  struct Known {
    int64_t number = kUnassigned;  // patient_id or staff_id
    std::string key;               // org_id
    std::string birth, death;      // a patient's days, as YYYY-MM-DD
    bool refused = false;          // a Patient refused as FHIR
  };
  struct Held {
    std::vector<std::string> fields;
    int64_t source;
    std::string id;        // resource id, when it is not a number
    bool charged = false;  // a ChargeItem has given its units and cost
  };

  // An event's key among those whose ids are whole numbers: the number and whether it is a
  // prescription (most events, so a sorted array rather than a table of strings).
  static std::optional<uint64_t> NumberedEvent(std::string_view type, std::string_view id) {
    if (type != "Encounter" && type != "MedicationRequest") return std::nullopt;
    const std::optional<int64_t> n = NumericId(id);
    if (!n || *n >= (int64_t{1} << 61)) return std::nullopt;
    return (static_cast<uint64_t>(*n) << 1) | (type == "MedicationRequest" ? 1u : 0u);
  }

  // The held event "Type/id" names, or null.
  Held* FindEvent(const std::string& event) {
    const size_t slash = event.find('/');
    if (slash != std::string::npos) {
      if (auto key = NumberedEvent(std::string_view(event).substr(0, slash),
                                   std::string_view(event).substr(slash + 1))) {
        const auto at = std::lower_bound(numbered_events_.begin(), numbered_events_.end(),
                                         std::pair<uint64_t, uint32_t>{*key, 0});
        return at != numbered_events_.end() && at->first == *key ? &events_[at->second] : nullptr;
      }
    }
    const auto at = named_events_.find(event);
    return at == named_events_.end() ? nullptr : &events_[at->second];
  }

  static std::string Entry(const SourceRef& ref) { return "entry " + std::to_string(ref.at) + " "; }

  int TypeIndex(std::string_view type) const {
    for (size_t i = 0; i < std::size(kMapped); ++i) {
      if (kMapped[i] == type) return static_cast<int>(i);
    }
    return -1;
  }

  int64_t SourceOf(const Resource& r) {
    sources_.push_back({r.source, static_cast<uint8_t>(TypeIndex(r.type)),
                        static_cast<uint32_t>(r.id.size()), ids_.size()});
    ids_.append(r.id);
    return static_cast<int64_t>(sources_.size() - 1);
  }

  // A problem with a resource found while mapping it: it gives no row.
  Status Reject(const Resource& r, std::string_view element, std::string reason,
                bool consequence = false) {
    ImportIssue issue{files_.FileOf(r.source), files_.LineOf(r.source), std::string(element),
                      std::move(reason), consequence};
    issue.resource = std::string(r.type) + "/" + std::string(r.id);
    if (r.source.in_bundle) issue.resource = Entry(r.source) + issue.resource;
    issues_.push_back(std::move(issue));
    return Status::Ok();
  }

  void NotUsed(const Resource& r, const std::string& why) {
    ++summary_.not_used[std::string(r.type) + ": " + why];
  }

  std::vector<std::string> Row(TableId table) const {
    return std::vector<std::string>(widths_[static_cast<int>(table)]);
  }
  static int Col(TableId table, std::string_view name) { return ColumnIndex(Table(table), name); }

  // -- the first look: ids of the resources others refer to ------------------------------------

  Status Identify(const Resource& r) {
    if (r.type == "Organization") {
      Known& org = organisations_[std::string(r.id)];
      org.key = OrgKey(r.json, r.id);
      if (KindOf(r.json) == "practice") practices_.insert(org.key);
    } else if (r.type == "Patient") {
      Known& patient = patients_[std::string(r.id)];
      if (auto n = NumericId(r.id)) patient.number = *n;
      patient.birth = DateOf(StringAt(r.json, "birthDate"));
      patient.refused = PatientRefusal(r.json).has_value();
      array identifiers;
      if (r.json.at_key("identifier").get(identifiers) == simdjson::SUCCESS) {
        for (element identifier : identifiers) {
          if (StringAt(identifier, "system") == fhir::kNhsNumberSystem) {
            nhs_patients_[std::string(StringAt(identifier, "value"))] = std::string(r.id);
          }
        }
      }
      patient.death = DateOf(StringAt(r.json, "deceasedDateTime"));
    } else if (r.type == "PractitionerRole") {
      element organization, practitioner;
      std::optional<Target> org;
      if (r.json.at_key("organization").get(organization) == simdjson::SUCCESS) {
        org = TargetOf(organization);
        if (org) role_orgs_[std::string(r.id)] = org->id;
      }
      // A practitioner with one role works for its organisation; with several, for none in
      // particular.
      if (org && r.json.at_key("practitioner").get(practitioner) == simdjson::SUCCESS) {
        if (auto who = TargetOf(practitioner)) {
          auto [at, fresh] = practitioner_orgs_.emplace(who->id, org->id);
          if (!fresh && at->second != org->id) at->second.clear();
        }
      }
    } else {
      Known& practitioner = practitioners_[std::string(r.id)];
      if (auto n = NumericId(r.id)) practitioner.number = *n;
    }
    return Status::Ok();
  }

  // An organisation's kind: Continuum's code, else one its ODS role says.
  static std::string KindOf(element json) {
    const std::string_view own = CodeIn(json["type"], SystemIs(fhir::kOrgKindSystem));
    if (!own.empty()) return std::string(own);
    if (auto kind = fhir::OrgKindOfOdsRole(CodeIn(json["type"], fhir::IsOdsRoleSystem))) {
      return std::string(kOrgKindCodes[static_cast<int>(*kind)]);
    }
    return {};
  }

  static std::string OrgKey(element json, std::string_view id) {
    array identifiers;
    if (json.at_key("identifier").get(identifiers) == simdjson::SUCCESS) {
      for (element identifier : identifiers) {
        if (StringAt(identifier, "system") == fhir::kOdsCodeSystem) {
          return std::string(StringAt(identifier, "value"));
        }
      }
    }
    return KeyOfId(id);
  }

  // An org_id from a resource id Continuum's export wrote (fhir::ResourceIdOfKey).
  static std::string KeyOfId(std::string_view id) {
    std::string key(id);
    for (char& c : key) {
      if (c == '.') c = '_';
    }
    return key;
  }

  // Resources whose ids are not whole numbers are numbered after the largest number in use.
  Status AssignIds(std::unordered_map<std::string, Known>& known, TableId table) {
    int64_t largest = 0;
    for (const auto& [id, k] : known) largest = std::max(largest, k.number);
    auto stored = LargestKey(workspace_, table);
    if (!stored.ok()) return stored.status();
    largest = std::max(largest, *stored);
    std::vector<std::string> unnumbered;
    for (const auto& [id, k] : known) {
      if (k.number == kUnassigned) unnumbered.push_back(id);
    }
    std::sort(unnumbered.begin(), unnumbered.end());
    for (const std::string& id : unnumbered) known[id].number = ++largest;
    return Status::Ok();
  }

  // -- references ----------------------------------------------------------------------------

  // The patient_id a reference names, or why it names none.
  Result<std::string> PatientOf(element json, std::string_view key) {
    element holder;
    if (json.at_key(key).get(holder) != simdjson::SUCCESS) {
      return Status::InvalidInput("is required: the patient");
    }
    const std::optional<Target> target = TargetOf(holder);
    element identifier;
    if (!target && holder.at_key("identifier").get(identifier) == simdjson::SUCCESS &&
        StringAt(identifier, "system") == fhir::kNhsNumberSystem) {
      // A reference by NHS number, as NHS systems often write one.
      const std::string nhs(StringAt(identifier, "value"));
      if (const auto in = nhs_patients_.find(nhs); in != nhs_patients_.end()) {
        const Known& patient = patients_.at(in->second);
        if (patient.refused) {
          return Status::NotFound("its Patient, Patient/" + in->second +
                                  ", was refused, so this resource is too");
        }
        return std::to_string(patient.number);
      }
      if (const auto stored = stored_nhs_.find(nhs); stored != stored_nhs_.end()) {
        return std::to_string(stored->second);
      }
      return Status::InvalidInput("refers to NHS number " + Quoted(nhs) +
                                  ", which no Patient imported or in the workspace has");
    }
    if (!target || (!target->type.empty() && target->type != "Patient")) {
      return Status::InvalidInput(
          "must refer to a Patient (Patient/<id>, or an identifier with an NHS number)");
    }
    const auto at = patients_.find(std::string(target->id));
    if (at != patients_.end() && at->second.refused) {
      return Status::NotFound("its Patient, Patient/" + std::string(target->id) +
                              ", was refused, so this resource is too");
    }
    if (at != patients_.end()) return std::to_string(at->second.number);
    if (auto n = NumericId(target->id)) return std::to_string(*n);  // may be in the workspace
    return Status::InvalidInput("refers to " + Quoted(StringAt(holder, "reference")) +
                                ", which is not among the Patient resources imported");
  }

  // The org_id a reference names (an Organization, or a PractitionerRole's organization).
  Result<std::string> OrgOf(element holder, bool required) {
    const std::optional<Target> target = TargetOf(holder);
    if (!target) {
      if (!required) return std::string();
      return Status::InvalidInput("must refer to an Organization (Organization/<id>)");
    }
    std::string_view id = target->id;
    if (target->type == "Practitioner") {
      const auto works = practitioner_orgs_.find(std::string(target->id));
      if (works == practitioner_orgs_.end() || works->second.empty()) {
        return Status::InvalidInput(
            "refers to a Practitioner, who works for no one organisation (one PractitionerRole "
            "among those imported says which)");
      }
      id = works->second;
    } else if (target->type == "PractitionerRole") {
      const auto role = role_orgs_.find(std::string(target->id));
      if (role == role_orgs_.end()) {
        return Status::InvalidInput("refers to a PractitionerRole not among those imported");
      }
      id = role->second;
    } else if (!target->type.empty() && target->type != "Organization") {
      return Status::InvalidInput("must refer to an Organization, not a " +
                                  std::string(target->type));
    }
    const auto at = organisations_.find(std::string(id));
    if (at != organisations_.end()) return at->second.key;
    return KeyOfId(id);  // Continuum's own ids; may be in the workspace
  }
  Result<std::string> OrgAt(element json, std::string_view key, bool required) {
    element holder;
    if (json.at_key(key).get(holder) != simdjson::SUCCESS) {
      if (!required) return std::string();
      return Status::InvalidInput("is required");
    }
    return OrgOf(holder, required);
  }

  bool IsPractice(const std::string& org_id) const { return practices_.count(org_id) > 0; }

  // A FHIR date or dateTime as the day it names, or empty when it is not to the day.
  // A FHIR date or dateTime as the day it names, or empty when it is not one to the day: a
  // dateTime's time must be hh:mm:ss with an optional fraction, then Z or an offset.
  static std::string DateOf(std::string_view text) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') return {};
    if (text.size() > 10 && !IsTimeOfDay(text.substr(10))) return {};
    return std::string(text.substr(0, 10));
  }
  static bool IsTimeOfDay(std::string_view t) {
    const auto two = [&](size_t at, int most) {
      if (at + 2 > t.size() || !std::isdigit(static_cast<unsigned char>(t[at])) ||
          !std::isdigit(static_cast<unsigned char>(t[at + 1]))) {
        return false;
      }
      return (t[at] - '0') * 10 + (t[at + 1] - '0') <= most;
    };
    if (t.size() < 9 || t[0] != 'T' || !two(1, 23) || t[3] != ':' || !two(4, 59) || t[6] != ':' ||
        !two(7, 60)) {
      return false;
    }
    size_t at = 9;
    if (at < t.size() && t[at] == '.') {
      const size_t digits = ++at;
      while (at < t.size() && std::isdigit(static_cast<unsigned char>(t[at]))) ++at;
      if (at == digits) return false;
    }
    if (at == t.size()) return false;  // FHIR requires the zone when the time is given
    if (t.substr(at) == "Z") return true;
    return t.size() == at + 6 && (t[at] == '+' || t[at] == '-') && two(at + 1, 14) &&
           t[at + 3] == ':' && two(at + 4, 59);
  }

  // The day at `key` ("" when absent), or a problem when it is there but not to the day.
  Result<std::string> DayAt(element json, std::string_view key) {
    const std::string_view text = StringAt(json, key);
    if (text.empty()) return std::string();
    std::string day = DateOf(text);
    if (day.empty()) {
      return Status::InvalidInput(Quoted(text) +
                                  " is not a date to the day (YYYY-MM-DD, or a dateTime as "
                                  "2024-05-02T09:30:00Z)");
    }
    return day;
  }

  // The day a resource happened: its dateTime, else its period's start, else `recorded`.
  static Result<std::string> FirstDay(element json, std::string_view date_time,
                                      std::string_view period, std::string_view recorded) {
    std::string text(StringAt(json, date_time));
    element holder;
    if (text.empty() && json.at_key(period).get(holder) == simdjson::SUCCESS) {
      text = StringAt(holder, "start");
    }
    if (text.empty()) text = StringAt(json, recorded);
    std::string day = DateOf(text);
    if (!day.empty()) return day;
    if (text.empty()) {
      return Status::InvalidInput("is required (or " + std::string(period) + ".start, or " +
                                  std::string(recorded) + ")");
    }
    return Status::InvalidInput(Quoted(text) + " is not a date to the day");
  }

  // The observation a concept's SNOMED CT or LOINC coding records, or null.
  const ObservationCode* CodedObservation(element codeable) const {
    array codings;
    if (!codeable.is_object() || codeable.at_key("coding").get(codings) != simdjson::SUCCESS) {
      return nullptr;
    }
    for (element coding : codings) {
      const std::string_view system = StringAt(coding, "system");
      const ObservationCode* found = nullptr;
      if (system == fhir::kSnomedSystem) {
        found = observation_codes_.Find(ObservationSystem::kSnomedCt, StringAt(coding, "code"));
      } else if (system == fhir::kLoincSystem) {
        found = observation_codes_.Find(ObservationSystem::kLoinc, StringAt(coding, "code"));
      }
      if (found != nullptr) return found;
    }
    return nullptr;
  }

  // -- the mapping ---------------------------------------------------------------------------

  Status Map(const Resource& r) {
    ++summary_.read[std::string(r.type)];
    // A record its system marks as an error, or as care not given, is not care to count.
    const std::string_view status = StringAt(r.json, "status");
    if (status == "entered-in-error" || status == "cancelled" || status == "planned" ||
        status == "draft" || status == "revoked" || status == "not-billable" ||
        status == "not-done" || status == "aborted") {
      if (!(r.type == "ServiceRequest" && status == "revoked")) {  // a cancelled referral
        NotUsed(r, "status " + std::string(status));
        return Status::Ok();
      }
    }
    if (r.type == "Condition") {
      const std::string_view verified =
          CodeIn(r.json["verificationStatus"], [](std::string_view) { return true; });
      if (verified == "refuted" || verified == "entered-in-error") {
        NotUsed(r, "verificationStatus " + std::string(verified));
        return Status::Ok();
      }
    }
    if (r.type == "Organization") return MapOrganization(r);
    if (r.type == "Practitioner") return Status::Ok();  // its role carries the row
    if (r.type == "PractitionerRole") return MapPractitionerRole(r);
    if (r.type == "Patient") return MapPatient(r);
    if (r.type == "EpisodeOfCare") return MapEpisode(r);
    if (r.type == "Condition") return MapCondition(r);
    if (r.type == "Observation") return MapObservation(r);
    if (r.type == "Encounter" || r.type == "MedicationRequest") return MapEvent(r);
    if (r.type == "Procedure") return MapProcedure(r);
    if (r.type == "ChargeItem") return MapCharge(r);
    if (r.type == "ServiceRequest") return MapReferral(r);
    if (r.type == "OrganizationAffiliation") return MapAffiliation(r);
    NotUsed(r, "a resource type Continuum does not hold");
    return Status::Ok();
  }

#define CONTINUUM_TAKE(var, expression, element_path)                     \
  auto var##_result = (expression);                                       \
  if (!var##_result.ok())                                                 \
    return Reject(r, element_path, var##_result.status().message(),       \
                  var##_result.status().code() == StatusCode::kNotFound); \
  std::string var = std::move(*var##_result)

  Status MapOrganization(const Resource& r) {
    const TableId t = TableId::kOrganisations;
    std::vector<std::string> row = Row(t);
    row[0] = organisations_[std::string(r.id)].key;
    row[Col(t, "name")] = StringAt(r.json, "name");
    row[Col(t, "kind")] = KindOf(r.json);
    if (row[Col(t, "kind")].empty()) {
      return Reject(r, "Organization.type",
                    "needs a coding of " + std::string(fhir::kOrgKindSystem) +
                        " (commissioner, ico, practice, acute_trust, ...) or an ODS role (RO76 "
                        "a GP practice, RO197 a trust, RO98 or RO318 a commissioner): Continuum "
                        "reports by what an organisation is");
    }
    CONTINUUM_TAKE(parent, OrgAt(r.json, "partOf", false), "Organization.partOf");
    row[Col(t, "parent_id")] = parent;
    staged_.Add(t, row, SourceOf(r));
    return Status::Ok();
  }

  Status MapPractitionerRole(const Resource& r) {
    const TableId t = TableId::kStaff;
    element practitioner;
    std::optional<Target> target;
    if (r.json.at_key("practitioner").get(practitioner) == simdjson::SUCCESS) {
      target = TargetOf(practitioner);
    }
    CONTINUUM_TAKE(org, OrgAt(r.json, "organization", true), "PractitionerRole.organization");
    if (!target) return Reject(r, "PractitionerRole.practitioner", "is required");
    const auto at = practitioners_.find(std::string(target->id));
    if (at == practitioners_.end()) {
      return Reject(r, "PractitionerRole.practitioner",
                    "refers to " + Quoted(target->id) +
                        ", which is not among the Practitioner resources imported");
    }
    std::vector<std::string> row = Row(t);
    row[0] = std::to_string(at->second.number);
    row[Col(t, "org_id")] = org;
    row[Col(t, "role")] = CodeIn(r.json["code"], SystemIs(fhir::kStaffRoleSystem));
    if (row[Col(t, "role")].empty()) {
      NotUsed(r, "no role of Continuum's staff-role code system");
      return Status::Ok();
    }
    row[Col(t, "specialty")] = CodeIn(r.json["specialty"], IsTreatmentFunctionSystem);
    staff_.push_back({std::move(row), SourceOf(r), {}});
    return Status::Ok();
  }

  // Why a Patient cannot be taken, as FHIR, before its row's checks: the element and the reason;
  // none when it can. Asked at the first look too, so that what refers to a refused Patient is
  // refused in turn, as its consequence.
  static std::optional<std::pair<std::string, std::string>> PatientRefusal(element json) {
    const std::string_view birth = StringAt(json, "birthDate");
    if (!birth.empty() && DateOf(birth).empty()) {
      return std::pair{"Patient.birthDate", Quoted(birth) + " is not a date to the day"};
    }
    const std::string_view gender = StringAt(json, "gender");
    if (!gender.empty() && gender != "female" && gender != "male") {
      return std::pair{"Patient.gender",
                       Quoted(gender) +
                           " cannot be held: the data model records sex as registered, female "
                           "(F) or male (M)"};
    }
    if (ExtensionValue(json, fhir::kLsoaExtension).empty()) {
      return std::pair{"Patient.extension:lsoa", "is required: the LSOA of residence (extension " +
                                                     std::string(fhir::kLsoaExtension) +
                                                     ", valueCode)"};
    }
    if (ExtensionValue(json, fhir::kImdDecileExtension).empty()) {
      return std::pair{"Patient.extension:imd-decile",
                       "is required: the IMD decile of the LSOA (extension " +
                           std::string(fhir::kImdDecileExtension) + ", valueInteger)"};
    }
    bool deceased = false;
    const std::string_view died = StringAt(json, "deceasedDateTime");
    if (json.at_key("deceasedBoolean").get(deceased) == simdjson::SUCCESS && deceased &&
        died.empty()) {
      return std::pair{"Patient.deceasedBoolean",
                       "a death needs its date: give deceasedDateTime instead"};
    }
    if (!died.empty() && DateOf(died).empty()) {
      return std::pair{"Patient.deceasedDateTime", Quoted(died) + " is not a date to the day"};
    }
    return std::nullopt;
  }

  Status MapPatient(const Resource& r) {
    const TableId t = TableId::kPatients;
    if (!mapped_patients_.insert(std::string(r.id)).second) {
      return Reject(r, "Patient.id", Quoted(r.id) + " is the id of another Patient imported");
    }
    const Known& known = patients_[std::string(r.id)];
    std::vector<std::string> row = Row(t);
    row[0] = std::to_string(known.number);
    array identifiers;
    if (r.json.at_key("identifier").get(identifiers) == simdjson::SUCCESS) {
      for (element identifier : identifiers) {
        if (StringAt(identifier, "system") == fhir::kNhsNumberSystem) {
          row[Col(t, "nhs_number")] = StringAt(identifier, "value");
        }
      }
    }
    if (auto refused = PatientRefusal(r.json)) return Reject(r, refused->first, refused->second);
    row[Col(t, "birth_date")] = DateOf(StringAt(r.json, "birthDate"));
    const std::string_view gender = StringAt(r.json, "gender");
    row[Col(t, "sex")] = gender == "female" ? "F" : gender == "male" ? "M" : "";
    row[Col(t, "lsoa")] = ExtensionValue(r.json, fhir::kLsoaExtension);
    row[Col(t, "imd_decile")] = ExtensionValue(r.json, fhir::kImdDecileExtension);
    const std::string died = DateOf(StringAt(r.json, "deceasedDateTime"));
    const int64_t source = SourceOf(r);
    staged_.Add(t, row, source);
    if (!died.empty()) {
      const TableId d = TableId::kDeaths;
      std::vector<std::string> death = Row(d);
      death[0] = row[0];
      death[Col(d, "date")] = died;
      death[Col(d, "place")] = ExtensionValue(r.json, fhir::kPlaceOfDeathExtension);
      if (death[Col(d, "place")].empty()) death[Col(d, "place")] = "other";
      death[Col(d, "preferred_place")] =
          ExtensionValue(r.json, fhir::kPreferredPlaceOfDeathExtension);
      staged_.Add(d, death, source);
    }
    return Status::Ok();
  }

  Status MapEpisode(const Resource& r) {
    const TableId t = TableId::kRegistrations;
    CONTINUUM_TAKE(practice, OrgAt(r.json, "managingOrganization", true),
                   "EpisodeOfCare.managingOrganization");
    const std::string_view type = CodeIn(r.json["type"], SystemIs(fhir::kEpisodeTypeSystem));
    if (type != fhir::kRegistrationEpisode && !(type.empty() && IsPractice(practice))) {
      NotUsed(r, "not a registration with a practice");
      return Status::Ok();
    }
    CONTINUUM_TAKE(patient, PatientOf(r.json, "patient"), "EpisodeOfCare.patient");
    element period;
    if (r.json.at_key("period").get(period) != simdjson::SUCCESS) {
      return Reject(r, "EpisodeOfCare.period", "is required: the registration's first day");
    }
    CONTINUUM_TAKE(start, DayAt(period, "start"), "EpisodeOfCare.period.start");
    CONTINUUM_TAKE(end, DayAt(period, "end"), "EpisodeOfCare.period.end");
    std::vector<std::string> row = Row(t);
    row[0] = patient;
    row[Col(t, "practice_id")] = practice;
    row[Col(t, "start_date")] = start;
    row[Col(t, "end_date")] = end;
    const Known* known = FindPatient(r.json["patient"]);
    row[Col(t, "start_reason")] = ExtensionValue(r.json, fhir::kStartReasonExtension);
    if (row[Col(t, "start_reason")].empty()) {
      row[Col(t, "start_reason")] = known != nullptr && known->birth == start ? "birth" : "move_in";
    }
    row[Col(t, "end_reason")] = ExtensionValue(r.json, fhir::kEndReasonExtension);
    if (row[Col(t, "end_reason")].empty() && !end.empty()) {
      row[Col(t, "end_reason")] = known != nullptr && known->death == end ? "death" : "move_out";
    }
    staged_.Add(t, row, SourceOf(r));
    return Status::Ok();
  }

  const Known* FindPatient(simdjson::simdjson_result<element> holder) const {
    element h;
    if (holder.get(h) != simdjson::SUCCESS) return nullptr;
    const std::optional<Target> target = TargetOf(h);
    if (!target) return nullptr;
    const auto at = patients_.find(std::string(target->id));
    return at == patients_.end() ? nullptr : &at->second;
  }

  Status MapCondition(const Resource& r) {
    const TableId t = TableId::kConditions;
    element code;
    if (r.json.at_key("code").get(code) != simdjson::SUCCESS) {
      return Reject(r, "Condition.code", "is required: what the condition is");
    }
    uint32_t conditions = 0;
    const std::string_view own = CodeInConcept(code, SystemIs(fhir::kConditionSystem));
    std::string listed;  // the first coding, to report when no codelist holds it
    if (!own.empty()) {
      const int c = FindCode(kConditionCodes, own);
      if (c < 0) {
        return Reject(r, "Condition.code",
                      Quoted(own) + " is not one of Continuum's conditions (" +
                          std::string(kConditionCodes[0]) + ", ...)");
      }
      conditions = 1u << c;
    } else {
      array codings;
      if (code.at_key("coding").get(codings) == simdjson::SUCCESS) {
        for (element coding : codings) {
          const std::string_view system = StringAt(coding, "system");
          const std::string_view value = StringAt(coding, "code");
          if (listed.empty()) listed = std::string(system) + "|" + std::string(value);
          if (system == fhir::kSnomedSystem) {
            conditions |= codelists_.ConditionsOf(CodelistSystem::kSnomedCt, value);
          } else if (IsIcd10System(system)) {
            conditions |= codelists_.ConditionsOf(CodelistSystem::kIcd10, value);
          }
        }
      }
    }
    if (conditions == 0) {
      ++summary_.unlisted_codes[listed.empty() ? "(no coding)" : listed];
      NotUsed(r, "a code in no condition's codelist");
      return Status::Ok();
    }
    CONTINUUM_TAKE(patient, PatientOf(r.json, "subject"), "Condition.subject");
    CONTINUUM_TAKE(onset, FirstDay(r.json, "onsetDateTime", "onsetPeriod", "recordedDate"),
                   "Condition.onsetDateTime");
    CONTINUUM_TAKE(resolved, DayAt(r.json, "abatementDateTime"), "Condition.abatementDateTime");
    const int64_t source = SourceOf(r);
    for (int c = 0; c < kConditionCount; ++c) {
      if ((conditions >> c & 1u) == 0) continue;
      // One register entry per patient, condition and onset: two codes of one condition
      // recorded the same day are one entry.
      if (!condition_keys_.insert(patient + "|" + std::to_string(c) + "|" + onset).second) {
        ++summary_.not_used["Condition: the same patient, condition and onset as another"];
        continue;
      }
      std::vector<std::string> row = Row(t);
      row[0] = patient;
      row[Col(t, "condition")] = kConditionCodes[c];
      row[Col(t, "onset_date")] = onset;
      row[Col(t, "resolved_date")] = resolved;
      staged_.Add(t, row, source);
    }
    return Status::Ok();
  }

  Status MapObservation(const Resource& r) {
    const TableId t = TableId::kObservations;
    element code;
    if (r.json.at_key("code").get(code) != simdjson::SUCCESS) {
      return Reject(r, "Observation.code", "is required: what was observed");
    }
    std::string kind(CodeInConcept(code, SystemIs(fhir::kObservationKindSystem)));
    std::string value;
    // Another system's code: SNOMED CT or LOINC, through data/codelists/observations.csv.
    const ObservationCode* coded = kind.empty() ? CodedObservation(code) : nullptr;
    if (coded != nullptr) {
      kind = kObservationKindCodes[static_cast<int>(coded->kind)];
      value = coded->value;
    }
    if (kind.empty()) {
      ++summary_.unlisted_codes[FirstCoding(r.json["code"])];
      NotUsed(r, "a code of no observation Continuum holds");
      return Status::Ok();
    }
    CONTINUUM_TAKE(patient, PatientOf(r.json, "subject"), "Observation.subject");
    CONTINUUM_TAKE(date, FirstDay(r.json, "effectiveDateTime", "effectivePeriod", "issued"),
                   "Observation.effectiveDateTime");
    if (value.empty()) {
      element quantity, codeable;
      if (r.json.at_key("valueQuantity").get(quantity) == simdjson::SUCCESS) {
        value = DecimalText(r.text, "\"valueQuantity\"", quantity, "value");
        if (coded != nullptr && !value.empty()) {
          const std::string_view unit = StringAt(quantity, "code");
          if (!unit.empty() && unit != coded->unit) {
            return Reject(r, "Observation.valueQuantity.code",
                          Quoted(unit) + " is not the unit " + Quoted(coded->unit) +
                              " that observations.csv gives this code");
          }
          CONTINUUM_TAKE(converted, InContinuumUnit(*coded, value),
                         "Observation.valueQuantity.value");
          value = converted;
        }
      } else if (r.json.at_key("valueCodeableConcept").get(codeable) == simdjson::SUCCESS) {
        value = CodeInConcept(codeable, SystemIs(fhir::kObservationValueSystem));
        if (value.empty()) {
          const ObservationCode* finding = CodedObservation(codeable);
          if (finding != nullptr &&
              kObservationKindCodes[static_cast<int>(finding->kind)] == kind) {
            value = finding->value;
          }
        }
      } else if (!StringAt(r.json, "valueString").empty()) {
        value = StringAt(r.json, "valueString");
      } else {
        value = NumberText(r.json, "valueInteger");
      }
    }
    std::vector<std::string> row = Row(t);
    row[0] = patient;
    row[Col(t, "date")] = date;
    row[Col(t, "kind")] = kind;
    row[Col(t, "value")] = value;
    staged_.Add(t, row, SourceOf(r));
    return Status::Ok();
  }

  // Encounters and prescriptions are held until their Procedures and ChargeItems are read.
  Status MapEvent(const Resource& r) {
    const TableId t = TableId::kActivity;
    const bool prescription = r.type == "MedicationRequest";
    const std::string path(r.type);
    std::vector<std::string> row = Row(t);
    CONTINUUM_TAKE(patient, PatientOf(r.json, "subject"), path + ".subject");
    row[Col(t, "patient_id")] = patient;
    if (prescription) {
      CONTINUUM_TAKE(day, DayAt(r.json, "authoredOn"), "MedicationRequest.authoredOn");
      row[Col(t, "date")] = day;
      row[Col(t, "setting")] = "prescription";
      element dispense;
      const bool has_dispense = r.json.at_key("dispenseRequest").get(dispense) == simdjson::SUCCESS;
      std::string provider;
      if (has_dispense) {
        CONTINUUM_TAKE(performer, OrgAt(dispense, "performer", false),
                       "MedicationRequest.dispenseRequest.performer");
        provider = performer;
        element quantity;
        if (dispense.at_key("quantity").get(quantity) == simdjson::SUCCESS) {
          row[Col(t, "quantity")] = NumberText(quantity, "value");
        }
      }
      if (provider.empty()) {
        CONTINUUM_TAKE(requester, OrgAt(r.json, "requester", false), "MedicationRequest.requester");
        provider = requester;
      }
      if (provider.empty()) {
        return Reject(
            r, "MedicationRequest.dispenseRequest.performer",
            "is required (or a requester that is an Organization, a PractitionerRole or a "
            "Practitioner with one role): "
            "the organisation that prescribed");
      }
      row[Col(t, "provider_id")] = provider;
      row[Col(t, "medicine")] = CodeIn(r.json["medicationCodeableConcept"], IsBnfSystem);
      row[Col(t, "specialty")] = ExtensionValue(r.json, fhir::kSpecialtyExtension);
    } else {
      element period;
      if (r.json.at_key("period").get(period) != simdjson::SUCCESS) {
        return Reject(r, "Encounter.period", "is required: the day of the contact or admission");
      }
      CONTINUUM_TAKE(start, DayAt(period, "start"), "Encounter.period.start");
      CONTINUUM_TAKE(end, DayAt(period, "end"), "Encounter.period.end");
      row[Col(t, "date")] = start;
      CONTINUUM_TAKE(provider, OrgAt(r.json, "serviceProvider", true), "Encounter.serviceProvider");
      row[Col(t, "provider_id")] = provider;
      std::string setting(CodeIn(r.json["type"], SystemIs(fhir::kSettingSystem)));
      if (setting.empty()) {
        element klass;
        std::string_view act;
        if (r.json.at_key("class").get(klass) == simdjson::SUCCESS) act = StringAt(klass, "code");
        const std::string_view priority = CodeIn(r.json["priority"], [](auto) { return true; });
        const auto s = fhir::SettingOfClass(act, IsPractice(provider),
                                            priority == "EM" || priority == "emergency");
        if (!s) {
          return Reject(r, "Encounter.class",
                        Quoted(act) +
                            " is no encounter class Continuum reads (AMB, VR, EMER, "
                            "IMP, SS, HH): give Continuum's setting in Encounter.type");
        }
        setting = kSettingCodes[static_cast<int>(*s)];
      }
      row[Col(t, "setting")] = setting;
      row[Col(t, "specialty")] = CodeIn(r.json["serviceType"], IsTreatmentFunctionSystem);
      element length;
      if (r.json.at_key("length").get(length) == simdjson::SUCCESS) {
        row[Col(t, "length_of_stay")] = NumberText(length, "value");
      } else if (!end.empty() && !start.empty()) {
        const int s = FindCode(kSettingCodes, setting);
        if (s >= 0 && IsAdmission(static_cast<Setting>(s))) {
          auto from = ParseDate(start), to = ParseDate(end);
          if (from.ok() && to.ok()) row[Col(t, "length_of_stay")] = std::to_string(*to - *from);
        }
      }
    }
    row[Col(t, "diagnosis")] = CodeIn(r.json["reasonCode"], IsIcd10System);
    if (row[Col(t, "diagnosis")].empty() &&
        r.json.at_key("reasonCode").error() == simdjson::SUCCESS) {
      ++summary_.not_kept[path +
                          ".reasonCode: a reason not in ICD-10 (activity records ICD-10 "
                          "diagnoses)"];
    }
    if (prescription && row[Col(t, "medicine")].empty()) {
      ++summary_.not_kept[r.json.at_key("medicationReference").error() == simdjson::SUCCESS
                              ? "MedicationRequest.medicationReference: a medicine by reference "
                                "(activity records a BNF code)"
                              : "MedicationRequest.medicationCodeableConcept: a medicine not in "
                                "BNF codes (dm+d is not mapped to BNF)"];
    }
    if (row[Col(t, "quantity")].empty()) row[Col(t, "quantity")] = "1";
    const int64_t source = SourceOf(r);
    if (auto key = NumberedEvent(r.type, r.id)) {
      numbered_events_.emplace_back(*key, static_cast<uint32_t>(events_.size()));
    } else if (!named_events_.emplace(path + "/" + std::string(r.id), events_.size()).second) {
      return Reject(r, path + ".id", Quoted(r.id) + " is the id of another " + path + " imported");
    }
    events_.push_back({std::move(row), source, std::string(r.id)});
    return Status::Ok();
  }

  // A Procedure's main procedure or a ChargeItem's units and price, for the event it names:
  // kept until every event is read, as the files come in any order.
  struct Pending {
    std::string event;  // "Encounter/<id>" or "MedicationRequest/<id>"
    bool procedure;
    std::string code, quantity, cost;
    SourceRef ref;
    std::string id;
  };

  // "Encounter/<id>" (or MedicationRequest) from a reference to an event; "" when none.
  static std::string EventKey(simdjson::simdjson_result<element> holder, std::string_view type) {
    element h;
    if (holder.get(h) != simdjson::SUCCESS) return {};
    const std::optional<Target> target = TargetOf(h);
    if (!target) return {};
    return std::string(target->type.empty() ? type : target->type) + "/" + std::string(target->id);
  }

  Status MapProcedure(const Resource& r) {
    const std::string_view code = CodeIn(r.json["code"], IsOpcs4System);
    if (code.empty()) {
      ++summary_.unlisted_codes[FirstCoding(r.json["code"])];
      NotUsed(r, "no OPCS-4 code");
      return Status::Ok();
    }
    std::string event = EventKey(r.json["encounter"], "Encounter");
    // A prescription's procedure names its MedicationRequest in an extension.
    if (event.empty()) event = ExtensionValue(r.json, fhir::kEventExtension);
    if (event.empty()) {
      return Reject(r, "Procedure.encounter",
                    "is required: a procedure is recorded on the contact or admission it was "
                    "part of");
    }
    pending_.push_back(
        {std::move(event), true, std::string(code), {}, {}, r.source, std::string(r.id)});
    return Status::Ok();
  }

  Status MapCharge(const Resource& r) {
    std::string event = EventKey(r.json["context"], "Encounter");
    array supporting;
    if (event.empty() &&
        r.json.at_key("supportingInformation").get(supporting) == simdjson::SUCCESS) {
      for (element reference : supporting) {
        event =
            EventKey(simdjson::simdjson_result<element>(element(reference)), "MedicationRequest");
        if (!event.empty()) break;
      }
    }
    if (event.empty()) {
      return Reject(r, "ChargeItem.context",
                    "is required: the Encounter (context) or MedicationRequest "
                    "(supportingInformation) the cost belongs to");
    }
    Pending charge{std::move(event), false, {}, {}, {}, r.source, std::string(r.id)};
    element quantity, price;
    if (r.json.at_key("quantity").get(quantity) == simdjson::SUCCESS) {
      charge.quantity = NumberText(quantity, "value");
    }
    if (r.json.at_key("priceOverride").get(price) == simdjson::SUCCESS) {
      const std::string_view currency = StringAt(price, "currency");
      if (!currency.empty() && currency != "GBP") {
        return Reject(r, "ChargeItem.priceOverride.currency",
                      Quoted(currency) + " is not pounds sterling (GBP)");
      }
      element value;
      if (price.at_key("value").get(value) != simdjson::SUCCESS || !value.is_number()) {
        return Reject(r, "ChargeItem.priceOverride.value",
                      "is required, as a number (a FHIR decimal), when priceOverride is given");
      }
      // Read as a number, 2214.00 comes back as 2214: the same pence.
      charge.cost = NumberText(price, "value");
    }
    pending_.push_back(std::move(charge));
    return Status::Ok();
  }

  // Two quantities or prices added; a part that is not a number is kept as it is, for the row's
  // check to refuse.
  static std::string Sum(const std::string& a, const std::string& b, bool pounds) {
    if (a.empty() || b.empty()) return a.empty() ? b : a;
    if (pounds) {
      auto x = ParsePounds(a), y = ParsePounds(b);
      return x.ok() && y.ok() ? FormatPounds(*x + *y) : (x.ok() ? b : a);
    }
    int64_t x = 0, y = 0;
    const auto [xe, xerr] = std::from_chars(a.data(), a.data() + a.size(), x);
    const auto [ye, yerr] = std::from_chars(b.data(), b.data() + b.size(), y);
    if (xerr != std::errc() || yerr != std::errc() || xe != a.data() + a.size() ||
        ye != b.data() + b.size()) {
      return xerr == std::errc() ? b : a;
    }
    return std::to_string(x + y);
  }

  // Each Procedure and ChargeItem onto its event, once every event is read.
  void ApplyPending() {
    const TableId t = TableId::kActivity;
    const int procedure_column = Col(t, "procedure"), quantity_column = Col(t, "quantity"),
              cost_column = Col(t, "cost");
    std::sort(numbered_events_.begin(), numbered_events_.end());
    for (Pending& p : pending_) {
      const std::string_view type = p.procedure ? "Procedure" : "ChargeItem";
      Held* event = FindEvent(p.event);
      if (event == nullptr) {
        ImportIssue issue{files_.FileOf(p.ref), files_.LineOf(p.ref),
                          p.procedure ? "Procedure.encounter" : "ChargeItem.context",
                          "refers to " + Quoted(p.event) +
                              ", which is not among the Encounter and MedicationRequest "
                              "resources imported"};
        issue.resource = std::string(type) + "/" + p.id;
        if (p.ref.in_bundle) issue.resource = Entry(p.ref) + issue.resource;
        issues_.push_back(std::move(issue));
        continue;
      }
      std::vector<std::string>& fields = event->fields;
      if (p.procedure) {
        if (!fields[procedure_column].empty()) {
          ++summary_.not_used
                ["Procedure: a second procedure of one encounter (the first is the main "
                 "procedure)"];
          continue;
        }
        fields[procedure_column] = std::move(p.code);
      } else if (!event->charged) {
        event->charged = true;
        if (!p.quantity.empty()) fields[quantity_column] = std::move(p.quantity);
        if (!p.cost.empty()) fields[cost_column] = std::move(p.cost);
      } else {
        // Further ChargeItems of one event add their units and their price to it.
        fields[quantity_column] = Sum(fields[quantity_column], p.quantity, false);
        fields[cost_column] = Sum(fields[cost_column], p.cost, true);
        ++summary_.not_used
              ["ChargeItem: a further charge of one event (its units and price are "
               "added to the event's)"];
      }
    }
    pending_.clear();
    pending_.shrink_to_fit();
  }

  Status StageEvents() {
    // Events in the order of their ids, as an export writes them and a CSV import keeps them;
    // events whose ids are not whole numbers are numbered after the largest.
    auto stored = LargestKey(workspace_, TableId::kActivity);
    if (!stored.ok()) return stored.status();
    int64_t largest = *stored;
    std::vector<std::pair<int64_t, size_t>> order;
    order.reserve(events_.size());
    std::vector<size_t> unnumbered;
    for (size_t i = 0; i < events_.size(); ++i) {
      if (auto n = NumericId(events_[i].id)) {
        order.emplace_back(*n, i);
        largest = std::max(largest, *n);
      } else {
        unnumbered.push_back(i);
      }
    }
    for (size_t i : unnumbered) order.emplace_back(++largest, i);
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [id, i] : order) {
      events_[i].fields[0] = std::to_string(id);
      staged_.Add(TableId::kActivity, events_[i].fields, events_[i].source);
    }
    events_.clear();
    events_.shrink_to_fit();
    return Status::Ok();
  }

  Status MapReferral(const Resource& r) {
    const TableId t = TableId::kReferrals;
    std::vector<std::string> row = Row(t);
    CONTINUUM_TAKE(patient, PatientOf(r.json, "subject"), "ServiceRequest.subject");
    CONTINUUM_TAKE(day, DayAt(r.json, "authoredOn"), "ServiceRequest.authoredOn");
    CONTINUUM_TAKE(from, OrgAt(r.json, "requester", true), "ServiceRequest.requester");
    array performers;
    std::string to;
    if (r.json.at_key("performer").get(performers) == simdjson::SUCCESS) {
      for (element performer : performers) {
        CONTINUUM_TAKE(org, OrgOf(performer, true), "ServiceRequest.performer");
        to = org;
        break;
      }
    }
    if (to.empty()) {
      return Reject(r, "ServiceRequest.performer", "is required: the organisation referred to");
    }
    row[Col(t, "patient_id")] = patient;
    row[Col(t, "date")] = day;
    row[Col(t, "from_org")] = from;
    row[Col(t, "to_org")] = to;
    row[Col(t, "specialty")] = CodeIn(r.json["performerType"], IsTreatmentFunctionSystem);
    row[Col(t, "reason")] = CodeIn(r.json["reasonCode"], IsIcd10System);
    std::string outcome = ExtensionValue(r.json, fhir::kReferralOutcomeExtension);
    if (outcome.empty()) {
      const std::string_view status = StringAt(r.json, "status");
      const auto o = fhir::OutcomeOfStatus(status);
      if (!o) {
        return Reject(r, "ServiceRequest.status",
                      Quoted(status) +
                          " says nothing of the referral's outcome (active, "
                          "completed or revoked do)");
      }
      outcome = kReferralOutcomeCodes[static_cast<int>(*o)];
    }
    row[Col(t, "outcome")] = outcome;
    referrals_.push_back({std::move(row), SourceOf(r), std::string(r.id)});
    return Status::Ok();
  }

  // Referrals and staff: numbered as events are, then staged in the order read.
  void StageHeld(std::vector<Held>& held, TableId table) {
    int64_t largest = 0;
    if (table == TableId::kReferrals) {
      auto stored = LargestKey(workspace_, table);
      if (stored.ok()) largest = *stored;
      for (const Held& h : held) largest = std::max(largest, NumericId(h.id).value_or(0));
    }
    for (Held& h : held) {
      if (table == TableId::kReferrals) {
        auto n = NumericId(h.id);
        h.fields[0] = std::to_string(n ? *n : ++largest);
      }
      staged_.Add(table, h.fields, h.source);
    }
    held.clear();
  }

  Status MapAffiliation(const Resource& r) {
    const TableId t = TableId::kMemberships;
    CONTINUUM_TAKE(ico, OrgAt(r.json, "organization", true),
                   "OrganizationAffiliation.organization");
    CONTINUUM_TAKE(practice, OrgAt(r.json, "participatingOrganization", true),
                   "OrganizationAffiliation.participatingOrganization");
    const std::string_view code = CodeIn(r.json["code"], SystemIs(fhir::kAffiliationSystem));
    if (code != fhir::kIcoMembership) {
      NotUsed(r, "not a practice's membership of an ICO");
      return Status::Ok();
    }
    element period;
    if (r.json.at_key("period").get(period) != simdjson::SUCCESS) {
      return Reject(r, "OrganizationAffiliation.period", "is required: the first day as a member");
    }
    CONTINUUM_TAKE(start, DayAt(period, "start"), "OrganizationAffiliation.period.start");
    CONTINUUM_TAKE(end, DayAt(period, "end"), "OrganizationAffiliation.period.end");
    std::vector<std::string> row = Row(t);
    row[Col(t, "practice_id")] = practice;
    row[Col(t, "ico_id")] = ico;
    row[Col(t, "start_date")] = start;
    row[Col(t, "end_date")] = end;
    staged_.Add(t, row, SourceOf(r));
    return Status::Ok();
  }
#undef CONTINUUM_TAKE

  Workspace& workspace_;
  const CodelistCatalogue& codelists_;
  const ObservationCodes& observation_codes_;
  fhir::ResourceFiles files_;
  size_t widths_[kTableCount] = {};
  StagedTables staged_;
  std::vector<Source> sources_;
  std::string ids_;  // every staged resource's id, end to end
  std::vector<ImportIssue> issues_;
  SourceSummary summary_{"FHIR resources", "resource"};
  std::unordered_map<std::string, Known> organisations_, patients_, practitioners_;
  // PractitionerRole id -> the id of its Organization resource.
  std::unordered_map<std::string, std::string> role_orgs_;
  std::unordered_set<std::string> practices_;                  // org_ids of the practices
  std::unordered_set<std::string> mapped_patients_;            // Patient ids mapped so far
  std::unordered_map<std::string, std::string> nhs_patients_;  // NHS number -> Patient id
  std::unordered_map<std::string, int64_t> stored_nhs_;        // NHS number -> patient_id
  // Practitioner id -> the id of the Organization of their one PractitionerRole ("" for several).
  std::unordered_map<std::string, std::string> practitioner_orgs_;
  std::unordered_set<std::string> condition_keys_;
  std::vector<Held> events_, referrals_, staff_;
  std::vector<Pending> pending_;
  std::vector<std::pair<uint64_t, uint32_t>> numbered_events_;  // NumberedEvent -> events_
  std::unordered_map<std::string, size_t> named_events_;        // "Encounter/<id>" -> events_
};

}  // namespace

Result<TranslatedImport> ImportFhir(const std::string& folder, Workspace& workspace,
                                    const std::string& staging_folder, ImportOptions options,
                                    const StagedImport& import) {
  auto codelists = ShippedCodelists();
  if (!codelists.ok()) return codelists.status();
  auto observation_codes = ShippedObservationCodes();
  if (!observation_codes.ok()) return observation_codes.status();
  Mapper mapper(workspace, *codelists, *observation_codes);
  CONTINUUM_RETURN_IF_ERROR(mapper.Read(folder));
  bool any = false;
  for (const TableSpec& t : Tables()) any |= mapper.staged().Rows(t.id) > 0;
  if (!any && mapper.issues().empty()) {
    return Status::NotFound(folder + " holds no FHIR resources Continuum can import");
  }
  auto report = mapper.staged().Import(
      mapper.issues(), staging_folder, options, import,
      [&](int64_t source, TableId table, ImportIssue& issue) { mapper.Name(source, table, issue); },
      [&](ImportIssue& issue) {
        issue.reason = InFhirTerms("the resources for " + issue.file + ": " + issue.reason);
        issue.file = folder;
      });
  if (!report.ok()) return report.status();
  TranslatedImport result{std::move(*report), std::move(mapper.summary())};
  return result;
}

}  // namespace continuum
