// Reads a generated ICO back with the CSV reader and checks every rule the importer enforces
// (docs/data-format.md), independently of the generator's code: keys, references, code lists,
// value ranges, registration cover, ordering, deaths ending registrations.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "core/csv.h"
#include "core/date.h"
#include "core/money.h"
#include "core/nhs_number.h"
#include "generate/generator.h"
#include "generate/heart_failure_pathway.h"
#include "generate/plants.h"
#include "generate/test_folder.h"
#include "model/codes.h"
#include "model/schema.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

constexpr Day kOpen = INT32_MAX;

struct Period {
  Day start, end;
  std::string practice;
};

struct ConditionSpan {
  Day onset, resolved;
};

struct PatientFacts {
  Day birth = 0;
  std::vector<Period> registrations;
  Day death = kOpen;
  std::string place_of_death, preferred_place;
  std::map<std::string, ConditionSpan, std::less<>> conditions;  // by condition code
  bool Has(std::string_view condition, Day day) const {
    auto it = conditions.find(condition);
    return it != conditions.end() && it->second.onset <= day && day < it->second.resolved;
  }
  bool IsRegisteredOn(Day day) const {
    for (const Period& p : registrations) {
      if (p.start <= day && day <= p.end) return true;
    }
    return false;
  }
  std::string PracticeOn(Day day) const {
    for (const Period& p : registrations) {
      if (p.start <= day && day <= p.end) return p.practice;
    }
    return "";
  }
};

bool IsKey(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

Day DateOf(std::string_view text) {
  auto day = ParseDate(text);
  EXPECT_TRUE(day.ok()) << text;
  return day.ok() ? *day : 0;
}

int64_t IntegerOf(std::string_view text) {
  EXPECT_FALSE(text.empty());
  int64_t value = 0;
  for (char c : text) {
    EXPECT_TRUE(c >= '0' && c <= '9') << text;
    value = value * 10 + (c - '0');
  }
  return value;
}

class GeneratedRules : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = TestFolder("rules");
    options_.patients = 12000;
    options_.practices = 5;
    options_.icos = 2;
    options_.control_practices = 3;
    options_.years = 3;
    options_.seed = 77;
    auto report = GenerateIco(options_, folder_);
    ASSERT_TRUE(report.ok()) << report.status().message();
    for (const PlantedPractice& p : report->planted) {
      if (p.position == kDelayedHeartFailurePathwayPractice) delayed_.insert(p.org_id);
    }
  }
  static void TearDownTestSuite() { fs::remove_all(folder_); }

  // Calls `row` with each data row of a file, after checking the header and row shapes.
  static void ForEachRow(TableId table,
                         const std::function<void(const std::vector<std::string_view>&)>& row) {
    const TableSpec& spec = Table(table);
    auto file = CsvFile::Read(folder_ + "/" + std::string(spec.file));
    ASSERT_TRUE(file.ok()) << file.status().message();
    ASSERT_FALSE(file->text().empty());
    ASSERT_EQ(file->text().back(), '\n') << spec.file;
    ASSERT_EQ(file->text().find('\r'), std::string_view::npos) << spec.file;
    CsvCursor cursor(*file);
    std::vector<std::string_view> fields;
    ASSERT_TRUE(cursor.Next(&fields));
    ASSERT_EQ(fields.size(), spec.columns.size()) << spec.file;
    for (size_t i = 0; i < fields.size(); ++i) EXPECT_EQ(fields[i], spec.columns[i].name);
    while (cursor.Next(&fields)) {
      ASSERT_EQ(fields.size(), spec.columns.size()) << spec.file << " line " << cursor.line();
      row(fields);
    }
    ASSERT_TRUE(cursor.status().ok()) << cursor.status().message();
  }

  void LoadOrganisationsAndPatients() {
    ForEachRow(TableId::kOrganisations, [&](const auto& f) {
      EXPECT_TRUE(IsKey(f[0])) << f[0];
      EXPECT_FALSE(f[1].empty());
      const int kind = FindCode(kOrgKindCodes, f[2]);
      ASSERT_GE(kind, 0) << f[2];
      EXPECT_TRUE(kinds_.emplace(std::string(f[0]), static_cast<OrgKind>(kind)).second) << f[0];
      parents_[std::string(f[0])] = std::string(f[3]);
    });
    ForEachRow(TableId::kPatients, [&](const auto& f) {
      const int64_t id = IntegerOf(f[0]);
      EXPECT_GT(id, 0);
      EXPECT_TRUE(IsValidNhsNumber(f[1])) << f[1];
      EXPECT_EQ(f[1].substr(0, 3), "999");
      EXPECT_TRUE(nhs_.insert(std::string(f[1])).second) << "NHS number reused: " << f[1];
      EXPECT_TRUE(f[3] == "F" || f[3] == "M");
      EXPECT_TRUE(IsLsoaCode(f[4])) << f[4];
      EXPECT_EQ(f[4].substr(0, 5), "E0199") << "synthetic LSOAs use codes no real LSOA has";
      const int64_t decile = IntegerOf(f[5]);
      EXPECT_TRUE(decile >= 1 && decile <= 10);
      auto [it, added] = lsoa_decile_.emplace(std::string(f[4]), decile);
      EXPECT_EQ(it->second, decile) << "IMD decile differs within LSOA " << f[4];
      EXPECT_GT(id, last_patient_) << "patients out of order";
      last_patient_ = id;
      patients_[id].birth = DateOf(f[2]);
    });
    ForEachRow(TableId::kRegistrations, [&](const auto& f) {
      auto it = patients_.find(IntegerOf(f[0]));
      ASSERT_NE(it, patients_.end());
      ASSERT_TRUE(kinds_.count(std::string(f[1])));
      EXPECT_EQ(kinds_[std::string(f[1])], OrgKind::kPractice);
      const Day start = DateOf(f[2]);
      EXPECT_GE(start, it->second.birth);
      const int start_reason = FindCode(kRegistrationStartCodes, f[3]);
      ASSERT_GE(start_reason, 0);
      if (start_reason == static_cast<int>(RegistrationStart::kBirth)) {
        EXPECT_LE(start - it->second.birth, 28) << "registered at birth long after birth";
      }
      EXPECT_EQ(f[4].empty(), f[5].empty()) << "end_date and end_reason go together";
      const Day end = f[4].empty() ? kOpen : DateOf(f[4]);
      EXPECT_GE(end, start);
      if (!f[5].empty()) {
        const int reason = FindCode(kRegistrationEndCodes, f[5]);
        EXPECT_GE(reason, 0) << f[5];
        if (reason == static_cast<int>(RegistrationEnd::kDeath))
          death_registrations_[it->first] = end;
      }
      for (const Period& other : it->second.registrations) {
        EXPECT_TRUE(end < other.start || start > other.end) << "overlap for patient " << f[0];
      }
      it->second.registrations.push_back({start, end, std::string(f[1])});
    });
    ForEachRow(TableId::kDeaths, [&](const auto& f) {
      auto it = patients_.find(IntegerOf(f[0]));
      ASSERT_NE(it, patients_.end());
      EXPECT_EQ(it->second.death, kOpen) << "two deaths for " << f[0];
      it->second.death = DateOf(f[1]);
      EXPECT_GE(FindCode(kPlaceOfDeathCodes, f[2]), 0);
      if (!f[3].empty()) {
        EXPECT_GE(FindCode(kPlaceOfDeathCodes, f[3]), 0);
      }
      it->second.place_of_death = std::string(f[2]);
      it->second.preferred_place = std::string(f[3]);
    });
    ForEachRow(TableId::kConditions, [&](const auto& f) {
      auto it = patients_.find(IntegerOf(f[0]));
      ASSERT_NE(it, patients_.end());
      it->second.conditions[std::string(f[1])] = {DateOf(f[2]),
                                                  f[3].empty() ? kOpen : DateOf(f[3])};
    });
  }

  static inline std::string folder_;
  static inline GeneratorOptions options_;
  static inline std::set<std::string> delayed_;  // org ids of the delayed heart failure pathway
  std::map<std::string, OrgKind> kinds_;
  std::map<std::string, std::string> parents_;
  std::unordered_map<int64_t, PatientFacts> patients_;
  std::set<std::string> nhs_;
  std::map<std::string, int64_t> lsoa_decile_;
  std::map<int64_t, Day> death_registrations_;
  int64_t last_patient_ = 0;
};

TEST_F(GeneratedRules, OrganisationsFormTheIcoHierarchy) {
  LoadOrganisationsAndPatients();
  std::map<OrgKind, int> count;
  for (const auto& [id, kind] : kinds_) {
    ++count[kind];
    const std::string& parent = parents_[id];
    if (kind == OrgKind::kPractice) {
      ASSERT_TRUE(kinds_.count(parent)) << id;
      EXPECT_TRUE(kinds_[parent] == OrgKind::kIco || kinds_[parent] == OrgKind::kCommissioner);
    } else if (kind == OrgKind::kIco) {
      ASSERT_TRUE(kinds_.count(parent));
      EXPECT_EQ(kinds_[parent], OrgKind::kCommissioner);
    } else if (!parent.empty()) {
      EXPECT_TRUE(kinds_.count(parent));
    }
  }
  EXPECT_EQ(count[OrgKind::kCommissioner], 1);
  EXPECT_EQ(count[OrgKind::kIco], options_.icos);
  EXPECT_EQ(count[OrgKind::kPractice],
            options_.icos * options_.practices + options_.control_practices);
  for (OrgKind kind : {OrgKind::kAcuteTrust, OrgKind::kCommunityTrust, OrgKind::kMentalHealthTrust,
                       OrgKind::kSocialCare, OrgKind::kCharity, OrgKind::kSocialEnterprise,
                       OrgKind::kRiskPartner}) {
    EXPECT_GE(count[kind], 1) << kOrgKindCodes[static_cast<int>(kind)];
  }
  int controls = 0;
  for (const auto& [id, kind] : kinds_) {
    controls += kind == OrgKind::kPractice && kinds_[parents_[id]] == OrgKind::kCommissioner;
  }
  EXPECT_EQ(controls, options_.control_practices);
}

TEST_F(GeneratedRules, StaffBelongToOrganisations) {
  LoadOrganisationsAndPatients();
  std::set<int64_t> ids;
  int64_t last = 0, gps = 0;
  ForEachRow(TableId::kStaff, [&](const auto& f) {
    const int64_t id = IntegerOf(f[0]);
    EXPECT_GT(id, last);
    last = id;
    EXPECT_TRUE(ids.insert(id).second);
    EXPECT_TRUE(kinds_.count(std::string(f[1]))) << f[1];
    EXPECT_GE(FindCode(kStaffRoleCodes, f[2]), 0) << f[2];
    if (!f[3].empty()) {
      EXPECT_TRUE(IsKnownSpecialty(f[3])) << f[3];
    }
    if (f[2] == "gp" && kinds_[parents_[std::string(f[1])]] == OrgKind::kIco) ++gps;
  });
  EXPECT_EQ(gps, options_.icos * 8);  // round(12000 / 1500) per ICO
}

TEST_F(GeneratedRules, PatientsRegistrationsAndDeathsAgree) {
  LoadOrganisationsAndPatients();
  const Day window_start = DayFromCivil(2022, 4, 1);
  int64_t before_window = 0;
  for (const auto& [id, p] : patients_) {
    ASSERT_FALSE(p.registrations.empty()) << "patient " << id << " was never registered";
    Day first = kOpen, last_end = 0;
    for (const Period& r : p.registrations) {
      first = std::min(first, r.start);
      last_end = std::max(last_end, r.end);
    }
    before_window += first < window_start;
    if (p.death != kOpen) {
      EXPECT_EQ(last_end, p.death) << "the last registration ends on the day of death";
      ASSERT_TRUE(death_registrations_.count(id));
      EXPECT_EQ(death_registrations_[id], p.death);
    } else {
      EXPECT_FALSE(death_registrations_.count(id)) << "registration ended by death, no death row";
    }
  }
  EXPECT_GE(before_window, options_.icos * options_.patients);
}

TEST_F(GeneratedRules, ConditionsAndObservationsArePlausible) {
  LoadOrganisationsAndPatients();
  ForEachRow(TableId::kConditions, [&](const auto& f) {
    auto it = patients_.find(IntegerOf(f[0]));
    ASSERT_NE(it, patients_.end());
    EXPECT_GE(FindCode(kConditionCodes, f[1]), 0) << f[1];
    const Day onset = DateOf(f[2]);
    EXPECT_GE(onset, it->second.birth);
    EXPECT_LE(onset, it->second.death);
    if (!f[3].empty()) {
      EXPECT_GE(DateOf(f[3]), onset);
    }
  });
  ForEachRow(TableId::kObservations, [&](const auto& f) {
    auto it = patients_.find(IntegerOf(f[0]));
    ASSERT_NE(it, patients_.end());
    const Day day = DateOf(f[1]);
    EXPECT_TRUE(it->second.IsRegisteredOn(day)) << "observation outside registration";
    EXPECT_LE(day, it->second.death);
    const int kind = FindCode(kObservationKindCodes, f[2]);
    ASSERT_GE(kind, 0);
    const std::string value(f[3]);
    switch (static_cast<ObservationKind>(kind)) {
      case ObservationKind::kSmokingStatus:
      case ObservationKind::kAnnualReview:
      case ObservationKind::kCarePlan:
      case ObservationKind::kPreferredPlaceOfDeath:
      case ObservationKind::kOverallExperience:
      case ObservationKind::kCareAdjustment:
        EXPECT_GE(FindCode(ObservationValueCodes(static_cast<ObservationKind>(kind)), value), 0)
            << value;
        break;
      case ObservationKind::kHba1c: {
        const int64_t v = IntegerOf(value);
        EXPECT_TRUE(v >= 20 && v <= 200) << value;
        break;
      }
      case ObservationKind::kSystolicBp: {
        const int64_t v = IntegerOf(value);
        EXPECT_TRUE(v >= 60 && v <= 260) << value;
        break;
      }
      case ObservationKind::kDiastolicBp: {
        const int64_t v = IntegerOf(value);
        EXPECT_TRUE(v >= 30 && v <= 160) << value;
        break;
      }
      case ObservationKind::kBmi: {
        ASSERT_EQ(value.size() - value.find('.'), 2u) << "one decimal: " << value;
        const double v = std::stod(value);
        EXPECT_TRUE(v >= 10.0 && v <= 80.0) << value;
        break;
      }
    }
  });
}

TEST_F(GeneratedRules, ActivityFollowsTheImportRules) {
  LoadOrganisationsAndPatients();
  int64_t last_id = 0, events = 0;
  std::map<Setting, int64_t> by_setting;
  ForEachRow(TableId::kActivity, [&](const auto& f) {
    const int64_t id = IntegerOf(f[0]);
    ASSERT_GT(id, last_id) << "event ids ascend";
    last_id = id;
    ++events;
    auto it = patients_.find(IntegerOf(f[1]));
    ASSERT_NE(it, patients_.end());
    const Day day = DateOf(f[2]);
    ASSERT_TRUE(it->second.IsRegisteredOn(day)) << "event " << f[0] << " outside registration";
    EXPECT_LE(day, it->second.death) << "activity after death";
    const int s = FindCode(kSettingCodes, f[3]);
    ASSERT_GE(s, 0) << f[3];
    const auto setting = static_cast<Setting>(s);
    ++by_setting[setting];
    ASSERT_TRUE(kinds_.count(std::string(f[4]))) << f[4];
    if (setting == Setting::kGp || setting == Setting::kNurse ||
        setting == Setting::kPrescription) {
      EXPECT_EQ(f[4], it->second.PracticeOn(day)) << "primary care by the patient's own practice";
    }
    if (!f[5].empty()) {
      EXPECT_TRUE(IsKnownSpecialty(f[5])) << f[5];
    }
    if (!f[6].empty()) {
      EXPECT_TRUE(IsIcd10Code(f[6])) << f[6];
    }
    if (!f[7].empty()) {
      EXPECT_TRUE(IsOpcs4Code(f[7])) << f[7];
    }
    if (IsHospitalSetting(setting)) {
      EXPECT_FALSE(f[5].empty()) << "hospital events carry a specialty";
      EXPECT_FALSE(f[6].empty()) << "hospital events carry a diagnosis";
    }
    if (IsAdmission(setting)) {
      ASSERT_FALSE(f[8].empty()) << "admissions need a length of stay";
      const int64_t stay = IntegerOf(f[8]);
      if (setting == Setting::kDayCase) {
        EXPECT_EQ(stay, 0);
      }
      if (it->second.death != kOpen) {
        EXPECT_LE(day + stay, it->second.death);
      }
    } else {
      EXPECT_TRUE(f[8].empty()) << "length of stay only on admissions";
    }
    const int64_t quantity = IntegerOf(f[9]);
    EXPECT_GE(quantity, 1);
    if (setting != Setting::kPrescription && setting != Setting::kSocialCare) {
      EXPECT_EQ(quantity, 1);
    }
    ASSERT_FALSE(f[10].empty()) << "every event is costed";
    EXPECT_EQ(f[10].size() - f[10].find('.'), 3u) << "two decimals: " << f[10];
    EXPECT_TRUE(ParsePounds(f[10]).ok()) << f[10];
  });
  EXPECT_GT(events, 0);
  for (int s = 0; s < kSettingCount; ++s) {
    EXPECT_GT(by_setting[static_cast<Setting>(s)], 0) << "no " << kSettingCodes[s] << " events";
  }
}

TEST_F(GeneratedRules, ReferralsComeFromThePatientsPractice) {
  LoadOrganisationsAndPatients();
  int64_t last_id = 0, seen = 0;
  ForEachRow(TableId::kReferrals, [&](const auto& f) {
    const int64_t id = IntegerOf(f[0]);
    ASSERT_GT(id, last_id);
    last_id = id;
    auto it = patients_.find(IntegerOf(f[1]));
    ASSERT_NE(it, patients_.end());
    const Day day = DateOf(f[2]);
    ASSERT_TRUE(it->second.IsRegisteredOn(day));
    EXPECT_EQ(f[3], it->second.PracticeOn(day));
    ASSERT_TRUE(kinds_.count(std::string(f[4])));
    const OrgKind to = kinds_[std::string(f[4])];
    EXPECT_TRUE(to != OrgKind::kPractice && to != OrgKind::kIco && to != OrgKind::kCommissioner);
    if (!f[5].empty()) {
      EXPECT_TRUE(IsKnownSpecialty(f[5])) << f[5];
    }
    if (!f[6].empty()) {
      EXPECT_TRUE(IsIcd10Code(f[6])) << f[6];
    }
    const int outcome = FindCode(kReferralOutcomeCodes, f[7]);
    ASSERT_GE(outcome, 0);
    seen += outcome == static_cast<int>(ReferralOutcome::kSeen);
  });
  EXPECT_GT(seen, 0);
}

TEST_F(GeneratedRules, OutpatientFirstAttendancesFollowReferrals) {
  // patient -> (date, to_org, specialty) of referrals seen
  std::unordered_map<int64_t, std::vector<std::tuple<Day, std::string, std::string>>> referrals;
  ForEachRow(TableId::kReferrals, [&](const auto& f) {
    if (f[7] == "seen") {
      referrals[IntegerOf(f[1])].emplace_back(DateOf(f[2]), std::string(f[4]), std::string(f[5]));
    }
  });
  int64_t firsts = 0, tied = 0;
  ForEachRow(TableId::kActivity, [&](const auto& f) {
    if (f[3] != "op_first") return;
    ++firsts;
    const Day day = DateOf(f[2]);
    for (const auto& [when, to, specialty] : referrals[IntegerOf(f[1])]) {
      if (when <= day && to == f[4] && specialty == f[5]) {
        ++tied;
        break;
      }
    }
  });
  ASSERT_GT(firsts, 0);
  EXPECT_GT(static_cast<double>(tied) / firsts, 0.6) << tied << " of " << firsts;
}

TEST_F(GeneratedRules, MedicinesAreAnticoagulantsForAtrialFibrillation) {
  LoadOrganisationsAndPatients();
  const Day last_day = DayFromCivil(2025, 3, 31);
  std::set<int64_t> recently_treated;
  int64_t issues = 0;
  ForEachRow(TableId::kActivity, [&](const auto& f) {
    if (f[11].empty()) return;
    ++issues;
    EXPECT_EQ(f[3], "prescription") << "medicine applies only to prescriptions";
    EXPECT_EQ(f[9], "1") << "one medicine is one item";
    EXPECT_TRUE(IsBnfCode(f[11])) << f[11];
    EXPECT_EQ(f[11].substr(0, 7), "0208020") << "BNF 2.8.2, oral anticoagulants: " << f[11];
    const int64_t id = IntegerOf(f[1]);
    const Day day = DateOf(f[2]);
    EXPECT_TRUE(patients_[id].Has("af", day)) << "an anticoagulant without AF, patient " << id;
    if (day > last_day - 182) recently_treated.insert(id);
  });
  ASSERT_GT(issues, 0);
  int64_t on_register = 0, treated = 0;
  for (const auto& [id, p] : patients_) {
    if (!p.Has("af", last_day - 182) || !p.IsRegisteredOn(last_day)) continue;
    ++on_register;
    treated += recently_treated.count(id);
  }
  ASSERT_GT(on_register, 100);
  const double share = static_cast<double>(treated) / on_register;
  EXPECT_GT(share, 0.7) << treated << " of " << on_register;
  EXPECT_LT(share, 0.92) << treated << " of " << on_register;
}

TEST_F(GeneratedRules, CodedItemsFitTheRecordAndDeathsNameTheLastPreference) {
  LoadOrganisationsAndPatients();
  std::unordered_map<int64_t, std::vector<std::pair<Day, std::string>>> preferences;
  int64_t plans = 0, reviews = 0;
  ForEachRow(TableId::kObservations, [&](const auto& f) {
    const int64_t id = IntegerOf(f[0]);
    const Day day = DateOf(f[1]);
    if (f[2] == "preferred_place_of_death") {
      preferences[id].emplace_back(day, std::string(f[3]));
    } else if (f[2] == "care_plan") {
      ++plans;
      EXPECT_EQ(f[3], "palliative");
      EXPECT_TRUE(patients_[id].Has("palliative", day)) << "care plan off the register: " << id;
    } else if (f[2] == "annual_review") {
      ++reviews;
      EXPECT_TRUE(patients_[id].Has(f[3], day)) << "review of " << f[3] << " for patient " << id;
    }
  });
  EXPECT_GT(plans, 0);
  EXPECT_GT(reviews, 0);
  int64_t with_preference = 0, in_preferred = 0, on_register = 0, on_register_with = 0, living = 0;
  for (auto& [id, p] : patients_) {
    std::vector<std::pair<Day, std::string>>& recorded = preferences[id];
    std::stable_sort(recorded.begin(), recorded.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    if (p.death == kOpen) {
      living += !recorded.empty();
      continue;
    }
    std::string last;
    for (const auto& [day, place] : recorded) {
      if (day <= p.death) last = place;
    }
    EXPECT_EQ(p.preferred_place, last) << "patient " << id;
    if (!p.preferred_place.empty()) {
      ++with_preference;
      in_preferred += p.place_of_death == p.preferred_place;
    }
    if (p.Has("palliative", p.death)) {
      ++on_register;
      on_register_with += !p.preferred_place.empty();
    }
  }
  EXPECT_GT(living, 0) << "some preferences belong to people alive at the end of the data";
  ASSERT_GT(on_register, 50);
  EXPECT_GT(static_cast<double>(on_register_with) / on_register, 0.5);
  ASSERT_GT(with_preference, 50);
  const double met = static_cast<double>(in_preferred) / with_preference;
  EXPECT_GT(met, 0.55);
  EXPECT_LT(met, 0.85);
}

double Median(std::vector<Day> values) {
  EXPECT_FALSE(values.empty());
  if (values.empty()) return 0;
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

double ShareWithin(const std::vector<Day>& waits, Day days) {
  return waits.empty() ? 0.0
                       : static_cast<double>(std::count_if(waits.begin(), waits.end(),
                                                           [&](Day w) { return w <= days; })) /
                             waits.size();
}

TEST_F(GeneratedRules, HeartFailureIsDiagnosedAfterReferralEchoAndReview) {
  LoadOrganisationsAndPatients();
  ASSERT_EQ(delayed_.size(), static_cast<size_t>(options_.icos));
  std::unordered_map<int64_t, std::vector<std::pair<Day, std::string>>> referrals;
  ForEachRow(TableId::kReferrals, [&](const auto& f) {
    if (f[5] == "320" && (f[6] == "R06.0" || f[6] == "I50.9")) {
      referrals[IntegerOf(f[1])].emplace_back(DateOf(f[2]), std::string(f[3]));
    }
  });
  std::unordered_map<int64_t, std::vector<Day>> echoes;
  std::set<std::pair<int64_t, Day>> reviews;
  ForEachRow(TableId::kActivity, [&](const auto& f) {
    if (f[7] == kEchocardiogram) {
      EXPECT_EQ(f[3], "community") << "at the community diagnostic centre";
      EXPECT_EQ(kinds_[std::string(f[4])], OrgKind::kCommunityTrust);
      EXPECT_EQ(f[5], "320");
      echoes[IntegerOf(f[1])].push_back(DateOf(f[2]));
    } else if (f[3] == "op_first" && f[5] == "320" && f[6] == "I50.9") {
      reviews.emplace(IntegerOf(f[1]), DateOf(f[2]));
    }
  });
  const Day window_start = DayFromCivil(2022, 4, 1);
  std::vector<Day> echo_waits[2], review_waits[2];  // by whether the practice is the delayed one
  for (const auto& [id, p] : patients_) {
    auto hf = p.conditions.find("heart_failure");
    if (hf == p.conditions.end()) continue;
    const Day onset = hf->second.onset;
    if (onset < window_start || !p.IsRegisteredOn(onset)) continue;
    EXPECT_TRUE(reviews.count({id, onset})) << "diagnosed at a cardiology review, patient " << id;
    Day echo = kOpen;
    for (Day day : echoes[id]) {
      if (day < onset && (echo == kOpen || day > echo)) echo = day;
    }
    ASSERT_NE(echo, kOpen) << "no echocardiogram before the review, patient " << id;
    const std::pair<Day, std::string>* referral = nullptr;
    for (const auto& r : referrals[id]) {
      if (r.first <= echo && (referral == nullptr || r.first > referral->first)) referral = &r;
    }
    ASSERT_NE(referral, nullptr) << "no referral before the echocardiogram, patient " << id;
    const bool delayed = delayed_.count(referral->second) > 0;
    echo_waits[delayed].push_back(echo - referral->first);
    review_waits[delayed].push_back(onset - referral->first);
  }
  ASSERT_GT(echo_waits[0].size(), 20u);
  ASSERT_GE(echo_waits[1].size(), 5u);
  EXPECT_GT(ShareWithin(echo_waits[0], 14), 0.7) << "most echocardiograms within two weeks";
  EXPECT_GT(ShareWithin(review_waits[0], 42), 0.8) << "most reviews within six weeks";
  EXPECT_LT(ShareWithin(echo_waits[1], 14), 0.3) << "the delayed practice's patients breach";
  EXPECT_LT(ShareWithin(review_waits[1], 42), 0.3);
  EXPECT_GT(Median(echo_waits[1]), 2.5 * Median(echo_waits[0]));
  EXPECT_GT(Median(review_waits[1]), 2 * Median(review_waits[0]));
}

TEST_F(GeneratedRules, SuspectedCancerIsSeenWithinTwoWeeksMostly) {
  LoadOrganisationsAndPatients();
  auto neoplasm = [](std::string_view icd10) {
    return icd10.size() >= 3 &&
           (icd10[0] == 'C' ||
            (icd10[0] == 'D' && std::stoi(std::string(icd10.substr(1, 2))) <= 48));
  };
  // patient -> (date, provider, specialty, diagnosis) of urgent referrals seen by an acute trust
  std::unordered_map<int64_t, std::vector<std::tuple<Day, std::string, std::string, std::string>>>
      urgent;
  ForEachRow(TableId::kReferrals, [&](const auto& f) {
    if (f[7] == "seen" && neoplasm(f[6]) && kinds_[std::string(f[4])] == OrgKind::kAcuteTrust) {
      urgent[IntegerOf(f[1])].emplace_back(DateOf(f[2]), f[4], f[5], f[6]);
    }
  });
  std::unordered_map<int64_t, std::vector<std::tuple<Day, std::string, std::string, std::string>>>
      firsts;
  ForEachRow(TableId::kActivity, [&](const auto& f) {
    if (f[3] == "op_first" && urgent.count(IntegerOf(f[1]))) {
      firsts[IntegerOf(f[1])].emplace_back(DateOf(f[2]), f[4], f[5], f[6]);
    }
  });
  std::vector<Day> waits;
  for (const auto& [id, referrals] : urgent) {
    for (const auto& [day, to, specialty, reason] : referrals) {
      Day wait = kOpen;
      for (const auto& [seen, provider, service, diagnosis] : firsts[id]) {
        if (seen >= day && provider == to && service == specialty && diagnosis == reason) {
          wait = std::min(wait, seen - day);
        }
      }
      ASSERT_NE(wait, kOpen) << "an urgent referral seen without an attendance, patient " << id;
      EXPECT_LE(wait, 35);
      waits.push_back(wait);
    }
  }
  ASSERT_GT(waits.size(), 300u);
  const double share = ShareWithin(waits, 14);
  EXPECT_GT(share, 0.86);
  EXPECT_LT(share, 0.95);
}

TEST_F(GeneratedRules, NoTemporaryFilesRemain) {
  for (const auto& entry : fs::directory_iterator(folder_)) {
    EXPECT_NE(entry.path().extension(), ".tmp") << entry.path();
  }
}

}  // namespace
}  // namespace continuum
