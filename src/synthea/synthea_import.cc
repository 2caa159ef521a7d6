#include "synthea/synthea_import.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "clinical/codelist.h"
#include "clinical/observation_codes.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/money.h"
#include "core/nhs_number.h"
#include "core/quoted.h"
#include "model/codes.h"
#include "model/schema.h"
#include "synthea/synthea_mapping.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

std::string Upper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

// One Synthea file, its columns found by name (Synthea has added columns between versions, so
// position is not relied on).
class SyntheaFile {
 public:
  // Opens `name` in `folder`; absent is not an error (an optional file), a missing column is.
  static Result<std::optional<SyntheaFile>> Open(const fs::path& folder, const std::string& name) {
    const fs::path path = folder / name;
    if (!fs::exists(path)) return std::optional<SyntheaFile>();
    auto file = CsvFile::Read(path.string());
    if (!file.ok()) return file.status();
    return std::optional<SyntheaFile>(SyntheaFile(name, std::move(*file)));
  }
  const std::string& name() const { return name_; }
  // The header names `columns`; else why not.
  std::optional<std::string> Lacks(std::initializer_list<std::string_view> columns) {
    std::vector<std::string_view> header;
    cursor_.emplace(file_);
    if (!cursor_->Next(&header)) return "the file is empty; its first line must name its columns";
    // Synthea writes its columns in capitals (Id aside); they are found whatever their case.
    for (size_t i = 0; i < header.size(); ++i) {
      if (!index_.emplace(Upper(header[i]), static_cast<int>(i)).second) {
        return "the header names the column " + std::string(header[i]) + " twice";
      }
    }
    for (std::string_view c : columns) {
      if (!index_.count(Upper(c))) {
        return "the header has no column " + std::string(c) +
               " (Synthea's CSV File Data Dictionary names it)";
      }
    }
    return std::nullopt;
  }
  bool Next() { return cursor_->Next(&fields_); }
  int64_t line() const { return cursor_->line(); }
  const Status& status() const { return cursor_->status(); }
  // The field of column `name`, or empty when the file has no such column.
  std::string_view operator[](std::string_view name) const {
    const auto at = index_.find(Upper(name));
    if (at == index_.end() || static_cast<size_t>(at->second) >= fields_.size()) return {};
    return fields_[at->second];
  }
  int64_t bytes() const { return static_cast<int64_t>(file_.text().size()); }

 private:
  SyntheaFile(std::string name, CsvFile file) : name_(std::move(name)), file_(std::move(file)) {}
  std::string name_;
  CsvFile file_;
  std::optional<CsvCursor> cursor_;
  std::unordered_map<std::string, int> index_;
  std::vector<std::string_view> fields_;
};

// The day of a Synthea date or timestamp ("2019-11-14", "2019-11-14T10:02:31Z").
std::string DayOf(std::string_view text) {
  return text.size() >= 10 ? std::string(text.substr(0, 10)) : std::string(text);
}

struct Organisation {
  std::string id, name;
  bool hospital = false;  // had an inpatient, emergency or urgent care encounter
};

struct Encounter {
  int64_t line;
  size_t patient;
  std::string org;
  std::string klass;
  std::string start, stop;
  Pence cost = 0;
  bool costed = false;
  std::optional<int64_t> event;  // its event id, once staged
};

struct Patient {
  int64_t line;
  int64_t id = 0;
  std::string birth, death;
  std::string sex;
  std::unordered_map<std::string, int> practice_visits;  // org -> wellness and ambulatory visits
  std::string first_visited;                             // an org, for ties
  bool rejected = false;
};

class Importer {
 public:
  Importer(Workspace& workspace, const SyntheaOptions& options, const CodelistCatalogue& codelists,
           const ObservationCodes& observation_codes)
      : workspace_(workspace),
        options_(options),
        codelists_(codelists),
        observation_codes_(observation_codes) {
    summary_.what = "Synthea rows";
    summary_.item = "row";
  }

  Status Read(const fs::path& folder) {
    CONTINUUM_RETURN_IF_ERROR(ReadOrganisations(folder));
    CONTINUUM_RETURN_IF_ERROR(ReadPatients(folder));
    CONTINUUM_RETURN_IF_ERROR(ReadEncounters(folder));
    CONTINUUM_RETURN_IF_ERROR(ReadProcedures(folder));
    StageOrganisationsAndPatients();
    StageEncounters();
    CONTINUUM_RETURN_IF_ERROR(ReadMedications(folder));
    CONTINUUM_RETURN_IF_ERROR(ReadConditions(folder));
    CONTINUUM_RETURN_IF_ERROR(ReadObservations(folder));
    CONTINUUM_RETURN_IF_ERROR(ReadProviders(folder));
    CONTINUUM_RETURN_IF_ERROR(ReadClaims(folder));
    return Status::Ok();
  }

  const StagedTables& staged() const { return staged_; }
  const std::vector<ImportIssue>& issues() const { return issues_; }
  SourceSummary& summary() { return summary_; }

  void Name(int64_t source, TableId table, ImportIssue& issue) const {
    const Source& s = sources_[static_cast<size_t>(source)];
    issue.file = files_[s.file];
    issue.line = s.line;
    if (!issue.column.empty()) {
      issue.column = std::string(SyntheaColumnOf(table, files_[s.file], issue.column));
    }
    for (const TableSpec& t : Tables()) {
      for (size_t at; (at = issue.reason.find(t.file)) != std::string::npos;) {
        issue.reason.replace(at, t.file.size(), "the rows from Synthea");
      }
    }
  }

 private:
  struct Source {
    uint8_t file;
    int64_t line;
  };

  int64_t SourceOf(const SyntheaFile& file, int64_t line) { return SourceAt(file.name(), line); }
  int64_t SourceAt(const std::string& name, int64_t line) {
    auto at = std::find(files_.begin(), files_.end(), name);
    if (at == files_.end()) at = files_.insert(files_.end(), name);
    sources_.push_back({static_cast<uint8_t>(at - files_.begin()), line});
    return static_cast<int64_t>(sources_.size() - 1);
  }

  void Problem(const std::string& file, int64_t line, std::string_view column, std::string reason) {
    issues_.push_back({file, line, std::string(column), std::move(reason)});
  }
  // A row refused only because its patient was: listed after the problems of their own.
  void Consequence(const std::string& file, int64_t line, std::string_view column) {
    issues_.push_back({file, line, std::string(column),
                       "its patient was refused in patients.csv, so this row is too", true});
  }

  // Opens a file; a required one that is absent, or any with a column missing, is a problem with
  // the whole file and gives nothing.
  Result<std::optional<SyntheaFile>> Open(const fs::path& folder, const std::string& name,
                                          bool required,
                                          std::initializer_list<std::string_view> columns) {
    auto file = SyntheaFile::Open(folder, name);
    if (!file.ok()) return file.status();
    if (!*file) {
      if (required)
        Problem(name, 0, "", "is required: Synthea writes it with --exporter.csv.export");
      return file;
    }
    if (auto lacks = (*file)->Lacks(columns)) {
      Problem(name, 1, "", *lacks);
      return std::optional<SyntheaFile>();
    }
    summary_.files += 1;
    summary_.bytes += (*file)->bytes();
    return file;
  }

  // Calls `row` with each row of a file (see Open), counting them; a row the CSV cannot be read
  // past is a problem at its line.
  Status EachRow(const fs::path& folder, const std::string& name, bool required,
                 std::initializer_list<std::string_view> columns,
                 const std::function<void(const SyntheaFile&)>& row) {
    auto file = Open(folder, name, required, columns);
    if (!file.ok()) return file.status();
    if (!*file) return Status::Ok();
    SyntheaFile& f = **file;
    while (f.Next()) {
      ++summary_.read[f.name()];
      row(f);
    }
    if (!f.status().ok()) Problem(f.name(), f.line(), "", f.status().message());
    return Status::Ok();
  }

  Status ReadOrganisations(const fs::path& folder) {
    return EachRow(folder, "organizations.csv", true, {"Id", "NAME"}, [&](const SyntheaFile& f) {
      const std::string id(f["Id"]);
      if (organisations_.count(id)) {
        Problem(f.name(), f.line(), "Id", Quoted(id) + " appears more than once");
        return;
      }
      org_lines_[id] = {f.line(), SourceOf(f, f.line())};
      organisations_[id] = {id, std::string(f["NAME"])};
      org_order_.push_back(id);
    });
  }

  Status ReadPatients(const fs::path& folder) {
    return EachRow(folder, "patients.csv", true, {"Id", "BIRTHDATE", "DEATHDATE", "GENDER"},
                   [&](const SyntheaFile& f) {
                     const std::string id(f["Id"]);
                     if (patient_index_.count(id)) {
                       Problem(f.name(), f.line(), "Id", Quoted(id) + " appears more than once");
                       return;
                     }
                     patient_index_[id] = patients_.size();
                     Patient p;
                     p.line = f.line();
                     p.birth = DayOf(f["BIRTHDATE"]);
                     p.death = DayOf(f["DEATHDATE"]);
                     p.sex = std::string(f["GENDER"]);
                     patients_.push_back(std::move(p));
                     patient_sources_.push_back(SourceOf(f, f.line()));
                   });
  }

  Status ReadEncounters(const fs::path& folder) {
    return EachRow(
        folder, "encounters.csv", true,
        {"Id", "START", "STOP", "PATIENT", "ORGANIZATION", "ENCOUNTERCLASS", "BASE_ENCOUNTER_COST"},
        [&](const SyntheaFile& f) {
          const std::string id(f["Id"]);
          const auto patient = patient_index_.find(std::string(f["PATIENT"]));
          if (patient == patient_index_.end()) {
            Problem(f.name(), f.line(), "PATIENT",
                    Quoted(f["PATIENT"]) + " is not a patient of patients.csv");
            return;
          }
          const std::string org(f["ORGANIZATION"]);
          auto organisation = organisations_.find(org);
          if (organisation == organisations_.end()) {
            Problem(f.name(), f.line(), "ORGANIZATION",
                    Quoted(org) + " is not an organisation of organizations.csv");
            return;
          }
          Encounter e{f.line(),
                      patient->second,
                      org,
                      std::string(f["ENCOUNTERCLASS"]),
                      std::string(f["START"]),
                      std::string(f["STOP"])};
          if (!f["BASE_ENCOUNTER_COST"].empty()) {
            auto pence = ParsePounds(f["BASE_ENCOUNTER_COST"]);
            if (!pence.ok()) {
              Problem(f.name(), f.line(), "BASE_ENCOUNTER_COST", pence.status().message());
              return;
            }
            e.cost = *pence;
            e.costed = true;
          }
          if (e.klass == "inpatient" || e.klass == "emergency" || e.klass == "urgentcare") {
            organisation->second.hospital = true;
          }
          if (e.klass == "wellness" || e.klass == "ambulatory") {
            Patient& p = patients_[patient->second];
            if (p.practice_visits.empty()) p.first_visited = org;
            ++p.practice_visits[org];
          }
          if (!encounter_index_.emplace(id, encounters_.size()).second) {
            Problem(f.name(), f.line(), "Id", Quoted(id) + " appears more than once");
            return;
          }
          encounters_.push_back(std::move(e));
          encounter_sources_.push_back(SourceOf(f, f.line()));
        });
  }

  // A procedure's cost is part of its encounter's; its code is SNOMED CT, not the OPCS-4 that
  // activity records, so it gives no procedure code.
  Status ReadProcedures(const fs::path& folder) {
    return EachRow(
        folder, "procedures.csv", false, {"ENCOUNTER", "BASE_COST"}, [&](const SyntheaFile& f) {
          const auto at = encounter_index_.find(std::string(f["ENCOUNTER"]));
          if (at == encounter_index_.end()) {
            Problem(f.name(), f.line(), "ENCOUNTER",
                    Quoted(f["ENCOUNTER"]) + " is not an encounter of encounters.csv");
            return;
          }
          if (f["BASE_COST"].empty()) return;
          auto pence = ParsePounds(f["BASE_COST"]);
          if (!pence.ok()) {
            Problem(f.name(), f.line(), "BASE_COST", pence.status().message());
            return;
          }
          encounters_[at->second].cost += *pence;
          encounters_[at->second].costed = true;
          ++summary_.not_kept
                ["procedures.csv CODE: SNOMED CT (activity records OPCS-4; the procedure's cost is "
                 "added to its encounter's)"];
        });
  }

  // The practice a patient is registered with: the practice of most of their wellness and
  // ambulatory encounters (the first visited, on a tie).
  std::string PracticeOf(const Patient& p) const {
    std::string best;
    int most = 0;
    for (const auto& [org, visits] : p.practice_visits) {
      if (organisations_.at(org).hospital) continue;
      if (visits > most || (visits == most && org == p.first_visited)) {
        best = org;
        most = visits;
      }
    }
    return best;
  }

  void StageOrganisationsAndPatients() {
    const TableId o = TableId::kOrganisations;
    std::vector<std::string> row;
    // The commissioner and ICO are made once: a second import into the workspace finds them.
    std::unordered_set<std::string> stored;
    if (auto scan = workspace_.Scan(o); scan.ok()) {
      while ((*scan)->NextRow()) stored.emplace((*scan)->Text(0));
    }
    if (!stored.count(options_.commissioner)) {
      row = {options_.commissioner, options_.commissioner_name, "commissioner", ""};
      staged_.Add(o, row, Synthetic());
    }
    if (!stored.count(options_.ico)) {
      row = {options_.ico, options_.ico_name, "ico", options_.commissioner};
      staged_.Add(o, row, Synthetic());
    }
    for (const std::string& id : org_order_) {
      const Organisation& org = organisations_.at(id);
      row = {org.id, org.name, org.hospital ? "acute_trust" : "practice",
             org.hospital ? "" : options_.ico};
      staged_.Add(o, row, org_lines_.at(id).second);
    }
    auto largest = LargestKey(workspace_, TableId::kPatients);
    int64_t next = largest.ok() ? *largest : 0;
    std::unordered_set<std::string> taken = NhsNumbersInUse();
    uint32_t nhs = 999999999;
    for (size_t i = 0; i < patients_.size(); ++i) {
      Patient& p = patients_[i];
      p.id = ++next;
      const std::string practice = PracticeOf(p);
      if (practice.empty()) {
        Problem(files_[sources_[patient_sources_[i]].file], p.line, "Id",
                "the patient has no wellness or ambulatory encounter at a practice (an "
                "organisation without inpatient or emergency encounters), so no practice to be "
                "registered with");
        p.rejected = true;
        continue;
      }
      // A synthetic NHS number from the top of the test range (999 ...), skipping any in use.
      std::string number;
      while (number.empty() || taken.count(number)) {
        int check;
        while ((check = NhsCheckDigit(nhs)) < 0) --nhs;
        number = std::to_string(nhs) + std::to_string(check);
        --nhs;
      }
      const TableId t = TableId::kPatients;
      row = {std::to_string(p.id),
             number,
             p.birth,
             p.sex,
             options_.lsoa,
             std::to_string(options_.imd_decile)};
      staged_.Add(t, row, patient_sources_[i]);
      const TableId r = TableId::kRegistrations;
      row = {std::to_string(p.id),          practice, p.birth, "birth", p.death,
             p.death.empty() ? "" : "death"};
      staged_.Add(r, row, patient_sources_[i]);
      if (!p.death.empty()) {
        row = {std::to_string(p.id), p.death, "other", ""};
        staged_.Add(TableId::kDeaths, row, patient_sources_[i]);
      }
    }
  }

  std::unordered_set<std::string> NhsNumbersInUse() {
    std::unordered_set<std::string> numbers;
    auto scan = workspace_.Scan(TableId::kPatients);
    if (!scan.ok()) return numbers;
    const int column = ColumnIndex(Table(TableId::kPatients), "nhs_number");
    while ((*scan)->NextRow()) numbers.emplace((*scan)->Text(column));
    return numbers;
  }

  // The source of the rows Synthea does not give (the commissioner and ICO): organizations.csv's
  // header.
  int64_t Synthetic() { return SourceAt("organizations.csv", 1); }

  // The setting of an encounter: SettingOfSyntheaClass, an inpatient stay read as an emergency
  // admission when the patient came through A&E or urgent care that day.
  void StageEncounters() {
    std::unordered_set<std::string> emergency_days;  // patient|day
    for (const Encounter& e : encounters_) {
      if (e.klass == "emergency" || e.klass == "urgentcare") {
        emergency_days.insert(std::to_string(e.patient) + "|" + DayOf(e.start));
      }
    }
    auto largest = LargestKey(workspace_, TableId::kActivity);
    next_event_ = largest.ok() ? *largest : 0;
    const TableId t = TableId::kActivity;
    for (size_t i = 0; i < encounters_.size(); ++i) {
      Encounter& e = encounters_[i];
      const Patient& p = patients_[e.patient];
      if (p.rejected) {
        Consequence(encounters_file_, e.line, "PATIENT");
        continue;
      }
      const std::string day = DayOf(e.start);
      const bool at_practice = !organisations_.at(e.org).hospital;
      const std::optional<Setting> setting = SettingOfSyntheaClass(
          e.klass, at_practice, emergency_days.count(std::to_string(e.patient) + "|" + day) > 0);
      if (!setting) {
        Problem(encounters_file_, e.line, "ENCOUNTERCLASS",
                Quoted(e.klass) +
                    " is no encounter class of Synthea's (wellness, ambulatory, "
                    "outpatient, emergency, urgentcare, inpatient, home, hospice, "
                    "snf, virtual)");
        continue;
      }
      std::vector<std::string> row(Table(t).columns.size());
      e.event = ++next_event_;
      row[0] = std::to_string(*e.event);
      row[1] = std::to_string(p.id);
      row[2] = day;
      row[3] = kSettingCodes[static_cast<int>(*setting)];
      row[4] = e.org;
      if (IsAdmission(*setting)) {
        auto from = ParseDate(day), to = ParseDate(DayOf(e.stop));
        row[8] = from.ok() && to.ok() ? std::to_string(*to - *from) : "0";
      }
      row[9] = "1";
      if (e.costed) row[10] = FormatPounds(e.cost);
      staged_.Add(t, row, encounter_sources_[i]);
    }
  }

  Status ReadMedications(const fs::path& folder) {
    const TableId t = TableId::kActivity;
    return EachRow(
        folder, "medications.csv", false,
        {"START", "PATIENT", "ENCOUNTER", "DISPENSES", "TOTALCOST"}, [&](const SyntheaFile& f) {
          const auto at = encounter_index_.find(std::string(f["ENCOUNTER"]));
          if (at == encounter_index_.end()) {
            Problem(f.name(), f.line(), "ENCOUNTER",
                    Quoted(f["ENCOUNTER"]) + " is not an encounter of encounters.csv");
            return;
          }
          const Encounter& e = encounters_[at->second];
          const Patient& p = patients_[e.patient];
          if (p.rejected) {
            Consequence(f.name(), f.line(), "ENCOUNTER");
            return;
          }
          std::vector<std::string> row(Table(t).columns.size());
          row[0] = std::to_string(++next_event_);
          row[1] = std::to_string(p.id);
          row[2] = DayOf(f["START"]);
          row[3] = "prescription";
          row[4] = e.org;
          row[9] = f["DISPENSES"];
          if (!f["TOTALCOST"].empty()) row[10] = f["TOTALCOST"];
          staged_.Add(t, row, SourceOf(f, f.line()));
          ++summary_.not_kept["medications.csv CODE: RxNorm (activity records BNF codes)"];
        });
  }

  // A patient's id by Synthea's, or 0 (with a problem) for one not imported.
  int64_t PatientId(const SyntheaFile& f, std::string_view column) {
    const auto at = patient_index_.find(std::string(f[column]));
    if (at == patient_index_.end()) {
      Problem(f.name(), f.line(), column, Quoted(f[column]) + " is not a patient of patients.csv");
      return 0;
    }
    if (patients_[at->second].rejected) {
      Consequence(f.name(), f.line(), column);
      return -1;
    }
    return patients_[at->second].id;
  }

  Status ReadConditions(const fs::path& folder) {
    const TableId t = TableId::kConditions;
    std::unordered_set<std::string> entries;
    return EachRow(
        folder, "conditions.csv", false, {"START", "STOP", "PATIENT", "CODE"},
        [&](const SyntheaFile& f) {
          // Synthea writes SNOMED CT codes (a SYSTEM column, where there is one, may say
          // otherwise).
          const std::string_view system = f["SYSTEM"];
          const bool icd10 = system.find("ICD") != std::string_view::npos;
          const uint32_t conditions = codelists_.ConditionsOf(
              icd10 ? CodelistSystem::kIcd10 : CodelistSystem::kSnomedCt, f["CODE"]);
          if (conditions == 0) {
            ++summary_.unlisted_codes[std::string(icd10 ? "icd10|" : "snomedct|") +
                                      std::string(f["CODE"])];
            ++summary_.not_used["conditions.csv: a code in no condition's codelist"];
            return;
          }
          const int64_t patient = PatientId(f, "PATIENT");
          if (patient <= 0) return;
          const int64_t source = SourceOf(f, f.line());
          for (int c = 0; c < kConditionCount; ++c) {
            if ((conditions >> c & 1u) == 0) continue;
            const std::string onset = DayOf(f["START"]);
            if (!entries.insert(std::to_string(patient) + "|" + std::to_string(c) + "|" + onset)
                     .second) {
              ++summary_
                    .not_used["conditions.csv: the same patient, condition and start as another"];
              continue;
            }
            const std::vector<std::string> row = {
                std::to_string(patient), std::string(kConditionCodes[c]), onset, DayOf(f["STOP"])};
            staged_.Add(t, row, source);
          }
        });
  }

  Status ReadObservations(const fs::path& folder) {
    const TableId t = TableId::kObservations;
    return EachRow(
        folder, "observations.csv", false, {"DATE", "PATIENT", "CODE", "VALUE"},
        [&](const SyntheaFile& f) {
          // Synthea writes LOINC codes for its observations.
          const ObservationCode* code =
              observation_codes_.Find(ObservationSystem::kLoinc, f["CODE"]);
          if (code == nullptr) {
            ++summary_.unlisted_codes["loinc|" + std::string(f["CODE"])];
            ++summary_.not_used["observations.csv: a code of no observation Continuum holds"];
            return;
          }
          const int64_t patient = PatientId(f, "PATIENT");
          if (patient <= 0) return;
          std::string value;
          if (code->kind == ObservationKind::kSmokingStatus) {
            value = SmokingStatusOfText(f["VALUE"]);
            if (value.empty()) {
              Problem(f.name(), f.line(), "VALUE",
                      Quoted(f["VALUE"]) +
                          " is no smoking status Continuum reads (never, former or "
                          "current smoker)");
              return;
            }
          } else {
            const std::string_view units = f["UNITS"];
            if (!units.empty() && units != code->unit) {
              Problem(f.name(), f.line(), "UNITS",
                      Quoted(units) + " is not the unit " + Quoted(code->unit) +
                          " that observations.csv (the codelist) gives LOINC " +
                          std::string(f["CODE"]));
              return;
            }
            auto converted = InContinuumUnit(*code, f["VALUE"]);
            if (!converted.ok()) {
              Problem(f.name(), f.line(), "VALUE", converted.status().message());
              return;
            }
            value = *converted;
          }
          const std::vector<std::string> row = {
              std::to_string(patient), DayOf(f["DATE"]),
              std::string(kObservationKindCodes[static_cast<int>(code->kind)]), value};
          staged_.Add(t, row, SourceOf(f, f.line()));
        });
  }

  Status ReadProviders(const fs::path& folder) {
    auto largest = LargestKey(workspace_, TableId::kStaff);
    int64_t next = largest.ok() ? *largest : 0;
    return EachRow(folder, "providers.csv", false, {"Id", "ORGANIZATION", "SPECIALITY"},
                   [&](const SyntheaFile& f) {
                     const std::string org(f["ORGANIZATION"]);
                     if (!organisations_.count(org)) {
                       Problem(f.name(), f.line(), "ORGANIZATION",
                               Quoted(org) + " is not an organisation of organizations.csv");
                       return;
                     }
                     const std::vector<std::string> row = {
                         std::to_string(++next), org,
                         std::string(StaffRoleOfSpeciality(f["SPECIALITY"])), ""};
                     staged_.Add(TableId::kStaff, row, SourceOf(f, f.line()));
                   });
  }

  // Claims restate the costs of encounters, medications and procedures (their amounts are in
  // claims_transactions.csv): each is checked to name an encounter, and gives no row.
  Status ReadClaims(const fs::path& folder) {
    return EachRow(folder, "claims.csv", false, {"Id", "APPOINTMENTID"}, [&](const SyntheaFile& f) {
      if (!encounter_index_.count(std::string(f["APPOINTMENTID"]))) {
        Problem(f.name(), f.line(), "APPOINTMENTID",
                Quoted(f["APPOINTMENTID"]) + " is not an encounter of encounters.csv");
        return;
      }
      ++summary_.not_used["claims.csv: a claim restates its encounter's costs"];
    });
  }

  Workspace& workspace_;
  const SyntheaOptions& options_;
  const CodelistCatalogue& codelists_;
  const ObservationCodes& observation_codes_;
  StagedTables staged_;
  std::vector<std::string> files_;  // the Synthea files named by sources_
  std::vector<Source> sources_;
  std::vector<ImportIssue> issues_;
  SourceSummary summary_;
  std::unordered_map<std::string, Organisation> organisations_;
  std::unordered_map<std::string, std::pair<int64_t, int64_t>> org_lines_;  // line, source
  std::vector<std::string> org_order_;
  std::unordered_map<std::string, size_t> patient_index_;
  std::vector<Patient> patients_;
  std::vector<int64_t> patient_sources_;
  std::string encounters_file_ = "encounters.csv";
  std::unordered_map<std::string, size_t> encounter_index_;
  std::vector<Encounter> encounters_;
  std::vector<int64_t> encounter_sources_;
  int64_t next_event_ = 0;
};

}  // namespace

Result<TranslatedImport> ImportSynthea(const std::string& folder, Workspace& workspace,
                                       const std::string& staging_folder,
                                       const ImportOptions& options, const SyntheaOptions& synthea,
                                       const StagedImport& import) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    return Status::NotFound(folder + " is not a folder of Synthea CSV files");
  }
  if (!IsLsoaCode(synthea.lsoa)) {
    return Status::InvalidInput("--synthea-lsoa " + Quoted(synthea.lsoa) +
                                " is not an LSOA code (E01 or W01 and six digits)");
  }
  auto codelists = ShippedCodelists();
  if (!codelists.ok()) return codelists.status();
  auto observation_codes = ShippedObservationCodes();
  if (!observation_codes.ok()) return observation_codes.status();
  Importer importer(workspace, synthea, *codelists, *observation_codes);
  CONTINUUM_RETURN_IF_ERROR(importer.Read(folder));
  auto report = importer.staged().Import(
      importer.issues(), staging_folder, options, import,
      [&](int64_t source, TableId table, ImportIssue& issue) {
        importer.Name(source, table, issue);
      },
      [&](ImportIssue& issue) {
        issue.reason = "the rows from Synthea for " + issue.file + ": " + issue.reason;
        issue.file = folder;
      });
  if (!report.ok()) return report.status();
  return TranslatedImport{std::move(*report), std::move(importer.summary())};
}

}  // namespace continuum
