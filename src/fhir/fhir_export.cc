#include "fhir/fhir_export.h"

#include <ctime>
#include <filesystem>
#include <memory>
#include <unordered_map>
#include <vector>

#include "clinical/observation_codes.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/money.h"
#include "fhir/fhir_codes.h"
#include "fhir/fhir_terms.h"
#include "fhir/json_out.h"
#include "model/schema.h"

namespace continuum {

int64_t FhirExportCounts::Total() const {
  int64_t total = 0;
  for (const auto& [type, count] : resources) total += count;
  return total;
}

namespace {

using fhir::AppendCoding;
using fhir::AppendConcept;
using fhir::AppendConceptList;
using fhir::AppendJsonString;
using fhir::AppendReference;

// One NDJSON file of one resource type, written through a buffer.
class ResourceFile {
 public:
  static Result<std::unique_ptr<ResourceFile>> Create(const std::filesystem::path& folder,
                                                      std::string type) {
    auto writer = CsvWriter::Create((folder / (type + ".ndjson")).string());
    if (!writer.ok()) return writer.status();
    return std::unique_ptr<ResourceFile>(new ResourceFile(std::move(type), std::move(*writer)));
  }
  // Starts a resource: {"resourceType":"<type>","id":"<id>"; the caller appends the rest.
  std::string& Begin(std::string_view id) {
    line_.assign("{\"resourceType\":\"");
    line_.append(type_);
    line_.append("\",\"id\":");
    AppendJsonString(&line_, id);
    return line_;
  }
  void End() {
    line_.append("}\n");
    writer_->Raw(line_);
    ++count_;
  }
  Status Close() { return writer_->Close(); }
  const std::string& type() const { return type_; }
  int64_t count() const { return count_; }

 private:
  ResourceFile(std::string type, std::unique_ptr<CsvWriter> writer)
      : type_(std::move(type)), writer_(std::move(writer)) {}
  std::string type_;
  std::unique_ptr<CsvWriter> writer_;
  std::string line_;
  int64_t count_ = 0;
};

// The columns of a row being exported, by name.
class Row {
 public:
  Row(const TableSpec& table, TableScan& scan) : table_(table), scan_(scan) {}
  int Column(std::string_view name) const { return ColumnIndex(table_, name); }
  bool Has(int c) const { return !scan_.IsNull(c); }
  std::string_view Text(int c) const { return scan_.Text(c); }
  int64_t Int(int c) const { return scan_.Int(c); }
  std::string IntText(int c) const { return std::to_string(scan_.Int(c)); }
  std::string_view Date(int c) {
    return {date_,
            static_cast<size_t>(FormatDateTo(static_cast<Day>(scan_.Int(c)), date_) - date_)};
  }

 private:
  const TableSpec& table_;
  TableScan& scan_;
  char date_[16];
};

void AppendDate(std::string* out, std::string_view name, std::string_view date) {
  out->append(",\"");
  out->append(name);
  out->append("\":\"");
  out->append(date);
  out->push_back('"');
}

void AppendField(std::string* out, std::string_view name) {
  out->append(",\"");
  out->append(name);
  out->append("\":");
}

void AppendCodeExtension(std::string* out, bool* first, std::string_view url,
                         std::string_view code) {
  out->append(*first ? ",\"extension\":[" : ",");
  *first = false;
  out->append("{\"url\":");
  AppendJsonString(out, url);
  out->append(",\"valueCode\":");
  AppendJsonString(out, code);
  out->push_back('}');
}

// The resource types written, in the order the manifest lists them.
constexpr const char* kTypes[] = {
    "Organization",           "Practitioner", "PractitionerRole", "Patient",
    "EpisodeOfCare",          "Condition",    "Observation",      "Encounter",
    "MedicationRequest",      "Procedure",    "ChargeItem",       "ServiceRequest",
    "OrganizationAffiliation"};

class Exporter {
 public:
  Exporter(Workspace& workspace, std::filesystem::path folder)
      : workspace_(workspace), folder_(std::move(folder)) {}

  Status Run() {
    auto observation_codes = ShippedObservationCodes();
    if (!observation_codes.ok()) return observation_codes.status();
    observation_codes_ = std::move(*observation_codes);
    for (const char* type : kTypes) {
      auto file = ResourceFile::Create(folder_, type);
      if (!file.ok()) return file.status();
      files_.emplace(type, std::move(*file));
    }
    CONTINUUM_RETURN_IF_ERROR(ReadDeaths());
    CONTINUUM_RETURN_IF_ERROR(ExportTable(TableId::kOrganisations, &Exporter::Organisation));
    CONTINUUM_RETURN_IF_ERROR(ExportTable(TableId::kStaff, &Exporter::Staff));
    CONTINUUM_RETURN_IF_ERROR(ExportTable(TableId::kPatients, &Exporter::Patient));
    CONTINUUM_RETURN_IF_ERROR(ExportTable(TableId::kRegistrations, &Exporter::Registration));
    CONTINUUM_RETURN_IF_ERROR(ExportTable(TableId::kConditions, &Exporter::Condition));
    CONTINUUM_RETURN_IF_ERROR(ExportTable(TableId::kObservations, &Exporter::Observation));
    CONTINUUM_RETURN_IF_ERROR(ExportTable(TableId::kActivity, &Exporter::Activity));
    CONTINUUM_RETURN_IF_ERROR(ExportTable(TableId::kReferrals, &Exporter::Referral));
    CONTINUUM_RETURN_IF_ERROR(ExportTable(TableId::kMemberships, &Exporter::Membership));
    // A type with no resources leaves no file, as a bulk export lists only what it has.
    for (const char* type : kTypes) {
      ResourceFile& file = *files_.at(type);
      CONTINUUM_RETURN_IF_ERROR(file.Close());
      if (file.count() == 0) {
        std::error_code ignored;
        std::filesystem::remove(folder_ / (std::string(type) + ".ndjson"), ignored);
      } else {
        counts_.resources[type] = file.count();
      }
    }
    return WriteManifest();
  }

  const FhirExportCounts& counts() const { return counts_; }

 private:
  using RowWriter = Status (Exporter::*)(Row&);

  Status ExportTable(TableId id, RowWriter write) {
    const TableSpec& table = Table(id);
    auto scan = workspace_.Scan(id);
    if (!scan.ok()) return scan.status();
    Row row(table, **scan);
    while ((*scan)->NextRow()) CONTINUUM_RETURN_IF_ERROR((this->*write)(row));
    return (*scan)->status();
  }

  // Deaths become part of their Patient resource.
  Status ReadDeaths() {
    const TableSpec& table = Table(TableId::kDeaths);
    auto scan = workspace_.Scan(TableId::kDeaths);
    if (!scan.ok()) return scan.status();
    const int patient = ColumnIndex(table, "patient_id"), date = ColumnIndex(table, "date"),
              place = ColumnIndex(table, "place"),
              preferred = ColumnIndex(table, "preferred_place");
    while ((*scan)->NextRow()) {
      Death& d = deaths_[(*scan)->Int(patient)];
      d.date = static_cast<Day>((*scan)->Int(date));
      d.place = (*scan)->Text(place);
      d.preferred = (*scan)->IsNull(preferred) ? "" : std::string((*scan)->Text(preferred));
    }
    return (*scan)->status();
  }

  Status Organisation(Row& row) {
    static const int id = row.Column("org_id"), name = row.Column("name"),
                     kind = row.Column("kind"), parent = row.Column("parent_id");
    ResourceFile* file = files_.at("Organization").get();
    std::string& out = file->Begin(fhir::ResourceIdOfKey(row.Text(id)));
    out.append(",\"identifier\":[{\"system\":");
    AppendJsonString(&out, fhir::kOdsCodeSystem);
    out.append(",\"value\":");
    AppendJsonString(&out, row.Text(id));
    out.append("}],\"active\":true,\"type\":[");
    AppendConcept(&out, fhir::kOrgKindSystem, row.Text(kind));
    out.append("],\"name\":");
    AppendJsonString(&out, row.Text(name));
    if (row.Has(parent)) {
      AppendField(&out, "partOf");
      AppendReference(&out, "Organization", fhir::ResourceIdOfKey(row.Text(parent)));
    }
    file->End();
    return Status::Ok();
  }

  Status Staff(Row& row) {
    static const int id = row.Column("staff_id"), org = row.Column("org_id"),
                     role = row.Column("role"), specialty = row.Column("specialty");
    const std::string staff = row.IntText(id);
    ResourceFile* practitioner = files_.at("Practitioner").get();
    std::string& p = practitioner->Begin(staff);
    p.append(",\"active\":true");
    practitioner->End();
    ResourceFile* file = files_.at("PractitionerRole").get();
    std::string& out = file->Begin(staff);
    out.append(",\"active\":true");
    AppendField(&out, "practitioner");
    AppendReference(&out, "Practitioner", staff);
    AppendField(&out, "organization");
    AppendReference(&out, "Organization", fhir::ResourceIdOfKey(row.Text(org)));
    AppendConceptList(&out, "code", fhir::kStaffRoleSystem, row.Text(role));
    if (row.Has(specialty)) {
      AppendConceptList(&out, "specialty", fhir::kTreatmentFunctionSystem, row.Text(specialty));
    }
    file->End();
    return Status::Ok();
  }

  Status Patient(Row& row) {
    static const int id = row.Column("patient_id"), nhs = row.Column("nhs_number"),
                     birth = row.Column("birth_date"), sex = row.Column("sex"),
                     lsoa = row.Column("lsoa"), imd = row.Column("imd_decile");
    ResourceFile* file = files_.at("Patient").get();
    const int64_t patient = row.Int(id);
    std::string& out = file->Begin(std::to_string(patient));
    bool first = true;
    AppendCodeExtension(&out, &first, fhir::kLsoaExtension, row.Text(lsoa));
    out.append(",{\"url\":");
    AppendJsonString(&out, fhir::kImdDecileExtension);
    out.append(",\"valueInteger\":");
    out.append(row.IntText(imd));
    out.push_back('}');
    const auto death = deaths_.find(patient);
    if (death != deaths_.end()) {
      AppendCodeExtension(&out, &first, fhir::kPlaceOfDeathExtension, death->second.place);
      if (!death->second.preferred.empty()) {
        AppendCodeExtension(&out, &first, fhir::kPreferredPlaceOfDeathExtension,
                            death->second.preferred);
      }
    }
    out.append("],\"identifier\":[{\"system\":");
    AppendJsonString(&out, fhir::kNhsNumberSystem);
    out.append(",\"value\":");
    AppendJsonString(&out, row.Text(nhs));
    out.append("}],\"gender\":");
    out.append(row.Text(sex) == "F" ? "\"female\"" : "\"male\"");
    AppendDate(&out, "birthDate", row.Date(birth));
    if (death != deaths_.end())
      AppendDate(&out, "deceasedDateTime", FormatDate(death->second.date));
    file->End();
    return Status::Ok();
  }

  Status Registration(Row& row) {
    static const int patient = row.Column("patient_id"), practice = row.Column("practice_id"),
                     start = row.Column("start_date"), start_reason = row.Column("start_reason"),
                     end = row.Column("end_date"), end_reason = row.Column("end_reason");
    ResourceFile* file = files_.at("EpisodeOfCare").get();
    std::string& out = file->Begin(std::to_string(++registrations_));
    bool first = true;
    AppendCodeExtension(&out, &first, fhir::kStartReasonExtension, row.Text(start_reason));
    if (row.Has(end_reason)) {
      AppendCodeExtension(&out, &first, fhir::kEndReasonExtension, row.Text(end_reason));
    }
    out.append(row.Has(end) ? "],\"status\":\"finished\"" : "],\"status\":\"active\"");
    AppendConceptList(&out, "type", fhir::kEpisodeTypeSystem, fhir::kRegistrationEpisode);
    AppendField(&out, "patient");
    AppendReference(&out, "Patient", row.IntText(patient));
    AppendField(&out, "managingOrganization");
    AppendReference(&out, "Organization", fhir::ResourceIdOfKey(row.Text(practice)));
    out.append(",\"period\":{\"start\":\"");
    out.append(row.Date(start));
    out.push_back('"');
    if (row.Has(end)) {
      out.append(",\"end\":\"");
      out.append(row.Date(end));
      out.push_back('"');
    }
    out.push_back('}');
    file->End();
    return Status::Ok();
  }

  Status Condition(Row& row) {
    static const int patient = row.Column("patient_id"), condition = row.Column("condition"),
                     onset = row.Column("onset_date"), resolved = row.Column("resolved_date");
    ResourceFile* file = files_.at("Condition").get();
    std::string& out = file->Begin(std::to_string(++conditions_));
    AppendField(&out, "clinicalStatus");
    AppendConcept(&out, fhir::kConditionClinicalSystem, row.Has(resolved) ? "resolved" : "active");
    AppendConceptList(&out, "category", fhir::kConditionCategorySystem, "problem-list-item");
    AppendField(&out, "code");
    AppendConcept(&out, fhir::kConditionSystem, row.Text(condition));
    AppendField(&out, "subject");
    AppendReference(&out, "Patient", row.IntText(patient));
    AppendDate(&out, "onsetDateTime", row.Date(onset));
    if (row.Has(resolved)) AppendDate(&out, "abatementDateTime", row.Date(resolved));
    file->End();
    return Status::Ok();
  }

  Status Observation(Row& row) {
    static const int patient = row.Column("patient_id"), date = row.Column("date"),
                     kind = row.Column("kind"), value = row.Column("value");
    ResourceFile* file = files_.at("Observation").get();
    std::string& out = file->Begin(std::to_string(++observations_));
    out.append(",\"status\":\"final\"");
    const int k = FindCode(kObservationKindCodes, row.Text(kind));
    const std::string_view text = row.Text(value);
    // Continuum's kind, and the standard code a receiving system reads: SNOMED CT for a
    // measurement, LOINC's smoking status for the finding it holds
    // (data/codelists/observations.csv).
    out.append(",\"code\":{\"coding\":[");
    AppendCoding(&out, fhir::kObservationKindSystem, row.Text(kind));
    if (k >= 0) {
      const auto measured = static_cast<ObservationKind>(k);
      const bool finding = !ObservationValueCodes(measured).empty();
      const std::string_view standard = observation_codes_.CodeFor(
          finding ? ObservationSystem::kLoinc : ObservationSystem::kSnomedCt, measured, "");
      if (!standard.empty()) {
        out.push_back(',');
        AppendCoding(&out, finding ? fhir::kLoincSystem : fhir::kSnomedSystem, standard);
      }
    }
    out.append("]}");
    AppendField(&out, "subject");
    AppendReference(&out, "Patient", row.IntText(patient));
    AppendDate(&out, "effectiveDateTime", row.Date(date));
    const std::string_view unit = k >= 0 ? ContinuumUnit(static_cast<ObservationKind>(k)) : "";
    if (!unit.empty() && fhir::IsJsonNumber(text)) {
      out.append(",\"valueQuantity\":{\"value\":");
      out.append(text);
      out.append(",\"unit\":");
      AppendJsonString(&out, unit);
      out.append(",\"system\":");
      AppendJsonString(&out, fhir::kUcumSystem);
      out.append(",\"code\":");
      AppendJsonString(&out, unit);
      out.push_back('}');
    } else if (!unit.empty() || k < 0) {
      AppendField(&out, "valueString");
      AppendJsonString(&out, text);
    } else {
      // A coded value: Continuum's code and, for a finding, its SNOMED CT code.
      out.append(",\"valueCodeableConcept\":{\"coding\":[");
      const std::string_view finding = observation_codes_.CodeFor(
          ObservationSystem::kSnomedCt, static_cast<ObservationKind>(k), text);
      if (!finding.empty()) {
        AppendCoding(&out, fhir::kSnomedSystem, finding);
        out.push_back(',');
      }
      AppendCoding(&out, fhir::kObservationValueSystem, text);
      out.append("]}");
    }
    file->End();
    return Status::Ok();
  }

  Status Activity(Row& row) {
    static const int event = row.Column("event_id"), patient = row.Column("patient_id"),
                     date = row.Column("date"), setting = row.Column("setting"),
                     provider = row.Column("provider_id"), specialty = row.Column("specialty"),
                     diagnosis = row.Column("diagnosis"), procedure = row.Column("procedure"),
                     stay = row.Column("length_of_stay"), quantity = row.Column("quantity"),
                     cost = row.Column("cost"), medicine = row.Column("medicine");
    const std::string id = row.IntText(event);
    const std::string subject = row.IntText(patient);
    const std::string day(row.Date(date));
    const int s = FindCode(kSettingCodes, row.Text(setting));
    const bool prescription = s == static_cast<int>(Setting::kPrescription);
    const int64_t units = row.Int(quantity);
    const std::string_view type = prescription ? "MedicationRequest" : "Encounter";
    ResourceFile* file = files_.at(std::string(type)).get();
    std::string& out = file->Begin(id);
    if (prescription) {
      if (row.Has(specialty)) {
        out.append(",\"extension\":[{\"url\":");
        AppendJsonString(&out, fhir::kSpecialtyExtension);
        out.append(",\"valueCodeableConcept\":");
        AppendConcept(&out, fhir::kTreatmentFunctionSystem, row.Text(specialty));
        out.append("}]");
      }
      out.append(",\"status\":\"completed\",\"intent\":\"order\"");
      AppendField(&out, "medicationCodeableConcept");
      if (row.Has(medicine)) {
        AppendConcept(&out, fhir::kBnfSystem, row.Text(medicine));
      } else {
        out.append("{\"text\":\"medicine not recorded\"}");
      }
      AppendField(&out, "subject");
      AppendReference(&out, "Patient", subject);
      AppendDate(&out, "authoredOn", day);
      if (row.Has(diagnosis)) {
        AppendConceptList(&out, "reasonCode", fhir::kIcd10System, row.Text(diagnosis));
      }
      out.append(",\"dispenseRequest\":{\"quantity\":{\"value\":");
      out.append(std::to_string(units));
      out.append("},\"performer\":");
      AppendReference(&out, "Organization", fhir::ResourceIdOfKey(row.Text(provider)));
      out.push_back('}');
    } else {
      out.append(",\"status\":\"finished\",\"class\":{\"system\":");
      AppendJsonString(&out, fhir::kActCodeSystem);
      out.append(",\"code\":");
      AppendJsonString(&out, fhir::EncounterClassOf(static_cast<Setting>(s)));
      out.append("},\"type\":[");
      AppendConcept(&out, fhir::kSettingSystem, row.Text(setting));
      out.push_back(']');
      if (row.Has(specialty)) {
        AppendField(&out, "serviceType");
        AppendConcept(&out, fhir::kTreatmentFunctionSystem, row.Text(specialty));
      }
      AppendField(&out, "subject");
      AppendReference(&out, "Patient", subject);
      out.append(",\"period\":{\"start\":\"");
      out.append(day);
      if (row.Has(stay)) {
        out.append("\",\"end\":\"");
        out.append(FormatDate(static_cast<Day>(row.Int(date) + row.Int(stay))));
        out.append("\"},\"length\":{\"value\":");
        out.append(row.IntText(stay));
        out.append(",\"unit\":\"days\",\"system\":");
        AppendJsonString(&out, fhir::kUcumSystem);
        out.append(",\"code\":\"d\"}");
      } else {
        out.append("\"}");
      }
      if (row.Has(diagnosis)) {
        AppendConceptList(&out, "reasonCode", fhir::kIcd10System, row.Text(diagnosis));
      }
      AppendField(&out, "serviceProvider");
      AppendReference(&out, "Organization", fhir::ResourceIdOfKey(row.Text(provider)));
    }
    file->End();
    if (row.Has(procedure)) {
      ResourceFile* procedures = files_.at("Procedure").get();
      std::string& p = procedures->Begin(id);
      if (prescription) {
        p.append(",\"extension\":[{\"url\":");
        AppendJsonString(&p, fhir::kEventExtension);
        p.append(",\"valueReference\":");
        AppendReference(&p, type, id);
        p.append("}]");
      }
      p.append(",\"status\":\"completed\"");
      AppendField(&p, "code");
      AppendConcept(&p, fhir::kOpcs4System, row.Text(procedure));
      AppendField(&p, "subject");
      AppendReference(&p, "Patient", subject);
      if (!prescription) {
        AppendField(&p, "encounter");
        AppendReference(&p, "Encounter", id);
      }
      AppendDate(&p, "performedDateTime", day);
      procedures->End();
    }
    if (row.Has(cost) || (!prescription && units != 1)) {
      ResourceFile* charges = files_.at("ChargeItem").get();
      std::string& c = charges->Begin(id);
      c.append(",\"status\":\"billed\"");
      AppendField(&c, "code");
      AppendConcept(&c, fhir::kSettingSystem, row.Text(setting));
      AppendField(&c, "subject");
      AppendReference(&c, "Patient", subject);
      if (!prescription) {
        AppendField(&c, "context");
        AppendReference(&c, "Encounter", id);
      }
      AppendDate(&c, "occurrenceDateTime", day);
      c.append(",\"quantity\":{\"value\":");
      c.append(std::to_string(units));
      c.push_back('}');
      if (row.Has(cost)) {
        char pounds[32];
        c.append(",\"priceOverride\":{\"value\":");
        c.append(pounds, FormatPoundsTo(row.Int(cost), pounds));
        c.append(",\"currency\":\"GBP\"}");
      }
      if (prescription) {
        c.append(",\"supportingInformation\":[");
        AppendReference(&c, "MedicationRequest", id);
        c.push_back(']');
      }
      charges->End();
    }
    return Status::Ok();
  }

  Status Referral(Row& row) {
    static const int id = row.Column("referral_id"), patient = row.Column("patient_id"),
                     date = row.Column("date"), from = row.Column("from_org"),
                     to = row.Column("to_org"), specialty = row.Column("specialty"),
                     reason = row.Column("reason"), outcome = row.Column("outcome");
    ResourceFile* file = files_.at("ServiceRequest").get();
    std::string& out = file->Begin(row.IntText(id));
    bool first = true;
    AppendCodeExtension(&out, &first, fhir::kReferralOutcomeExtension, row.Text(outcome));
    const int o = FindCode(kReferralOutcomeCodes, row.Text(outcome));
    out.append("],\"status\":");
    AppendJsonString(&out, fhir::ServiceRequestStatusOf(static_cast<ReferralOutcome>(o)));
    out.append(",\"intent\":\"order\"");
    AppendField(&out, "subject");
    AppendReference(&out, "Patient", row.IntText(patient));
    AppendDate(&out, "authoredOn", row.Date(date));
    AppendField(&out, "requester");
    AppendReference(&out, "Organization", fhir::ResourceIdOfKey(row.Text(from)));
    if (row.Has(specialty)) {
      AppendField(&out, "performerType");
      AppendConcept(&out, fhir::kTreatmentFunctionSystem, row.Text(specialty));
    }
    out.append(",\"performer\":[");
    AppendReference(&out, "Organization", fhir::ResourceIdOfKey(row.Text(to)));
    out.push_back(']');
    if (row.Has(reason)) {
      AppendConceptList(&out, "reasonCode", fhir::kIcd10System, row.Text(reason));
    }
    file->End();
    return Status::Ok();
  }

  Status Membership(Row& row) {
    static const int practice = row.Column("practice_id"), ico = row.Column("ico_id"),
                     start = row.Column("start_date"), end = row.Column("end_date");
    ResourceFile* file = files_.at("OrganizationAffiliation").get();
    std::string& out = file->Begin(std::to_string(++memberships_));
    out.append(",\"period\":{\"start\":\"");
    out.append(row.Date(start));
    out.push_back('"');
    if (row.Has(end)) {
      out.append(",\"end\":\"");
      out.append(row.Date(end));
      out.push_back('"');
    }
    out.push_back('}');
    AppendField(&out, "organization");
    AppendReference(&out, "Organization", fhir::ResourceIdOfKey(row.Text(ico)));
    AppendField(&out, "participatingOrganization");
    AppendReference(&out, "Organization", fhir::ResourceIdOfKey(row.Text(practice)));
    AppendConceptList(&out, "code", fhir::kAffiliationSystem, fhir::kIcoMembership);
    file->End();
    return Status::Ok();
  }

  // The Bulk Data manifest: each file with its resource type and count.
  Status WriteManifest() {
    auto writer = CsvWriter::Create((folder_ / "manifest.json").string());
    if (!writer.ok()) return writer.status();
    char now[32];
    const std::time_t t = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&t, &utc);
    std::strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &utc);
    std::string text = "{\n  \"transactionTime\": \"" + std::string(now) +
                       "\",\n  \"request\": \"continuum export --format fhir\",\n"
                       "  \"requiresAccessToken\": false,\n  \"output\": [";
    bool first = true;
    for (const char* type : kTypes) {
      const int64_t count = files_.at(type)->count();
      if (count == 0) continue;
      text += first ? "\n" : ",\n";
      first = false;
      text += "    {\"type\": \"" + std::string(type) + "\", \"url\": \"" + type +
              ".ndjson\", \"count\": " + std::to_string(count) + "}";
    }
    text += "\n  ],\n  \"error\": []\n}\n";
    (*writer)->Raw(text);
    return (*writer)->Close();
  }

  struct Death {
    Day date = 0;
    std::string place, preferred;
  };

  Workspace& workspace_;
  std::filesystem::path folder_;
  ObservationCodes observation_codes_;
  std::unordered_map<int64_t, Death> deaths_;
  std::unordered_map<std::string, std::unique_ptr<ResourceFile>> files_;
  int64_t registrations_ = 0, conditions_ = 0, observations_ = 0, memberships_ = 0;
  FhirExportCounts counts_;
};

}  // namespace

Result<FhirExportCounts> ExportFhir(Workspace& workspace, const std::string& folder) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) return Status::IoError(folder + ": " + error.message());
  Exporter exporter(workspace, folder);
  CONTINUUM_RETURN_IF_ERROR(exporter.Run());
  return exporter.counts();
}

}  // namespace continuum
