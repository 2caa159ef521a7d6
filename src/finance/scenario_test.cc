#include "finance/scenario.h"

#include <gtest/gtest.h>

#include <cmath>

#include "finance/finance_fixture.h"
#include "finance/scenario_projection.h"

namespace continuum {
namespace {

// Worked by hand: an ICO of four patients in 2024-25.
//   a: two cardiology follow-ups at 100.00 and one dermatology follow-up at 80.00; an emergency
//      admission the year before (2023-06) and two in the year, 2,000.00 and 3,000.00.
//   b: no admission the year before; one emergency admission of 1,000.00 in the year.
//   c: dies in hospital on 2024-12-20 after an emergency admission of 4,000.00 on 2024-12-01
//      and one of 2,500.00 on 2024-10-01 (80 days before: outside a 30-day window).
//   d: a GP consultation of 39.00.
class ScenarioExample : public testing::Test {
 protected:
  void SetUp() override {
    f_.Organisation("ICO1", OrgKind::kIco);
    f_.Organisation("P1", OrgKind::kPractice, "ICO1");
    f_.Organisation("RA", OrgKind::kAcuteTrust);
    const uint32_t a = f_.Patient("P1", "2015-01-01"), b = f_.Patient("P1", "2015-01-01"),
                   c = f_.Patient("P1", "2015-01-01"), d = f_.Patient("P1", "2015-01-01");
    f_.SetSpecialty(f_.Event(a, "2024-05-01", Setting::kOutpatientFollowUp, "RA", 100), "320");
    f_.SetSpecialty(f_.Event(a, "2024-07-01", Setting::kOutpatientFollowUp, "RA", 100), "320");
    f_.SetSpecialty(f_.Event(a, "2024-08-01", Setting::kOutpatientFollowUp, "RA", 80), "330");
    f_.Event(a, "2023-06-01", Setting::kEmergency, "RA", 1500, "I50.9", 2);
    f_.Event(a, "2024-06-01", Setting::kEmergency, "RA", 2000, "I50.9", 3);
    f_.Event(a, "2025-01-01", Setting::kEmergency, "RA", 3000, "I50.9", 4);
    f_.Event(b, "2024-09-01", Setting::kEmergency, "RA", 1000, "J18.9", 1);
    f_.Event(c, "2024-10-01", Setting::kEmergency, "RA", 2500, "C34.9", 5);
    f_.Event(c, "2024-12-01", Setting::kEmergency, "RA", 4000, "C34.9", 9);
    f_.Died(c, "2024-12-20", PlaceOfDeath::kHospital);
    f_.Event(d, "2024-04-10", Setting::kGp, "P1", 39);
    p_ = &f_.Finish();
    auto scope = IcoScopeOf(*p_, "ICO1", "");
    ASSERT_TRUE(scope.ok());
    scope_ = *scope;
  }
  ScenarioProjection Project(std::string_view changes, std::span<const double> risk = {}) {
    auto s =
        ParseScenario(R"({"name": "test", "changes": [)" + std::string(changes) + "]}", "s.json");
    EXPECT_TRUE(s.ok()) << s.status().message();
    return ProjectScenario(*s, *p_, p_->events.cost, scope_, *ParseDate("2024-04-01"),
                           *ParseDate("2025-03-31"), risk);
  }
  FinanceFixture f_;
  const Population* p_ = nullptr;
  IcoScope scope_;
};

TEST_F(ScenarioExample, ShiftsAShareOfFollowUps) {
  // Half the cardiology follow-ups (2 x 100.00) move to community clinics at 45.00: 100.00
  // removed, 45.00 added, 55.00 saved; dermatology stays.
  const ScenarioProjection p = Project(
      R"({"kind": "shift_outpatient_follow_ups", "share": 0.5, "to_setting": "community",
          "unit_cost": 45.00, "specialties": ["320"]})");
  EXPECT_EQ(p.base.total, 100 * (100 + 100 + 80 + 2000 + 3000 + 1000 + 2500 + 4000 + 39));
  ASSERT_EQ(p.effects.size(), 1u);
  EXPECT_EQ(p.effects[0].cost_removed, 10000);
  EXPECT_EQ(p.effects[0].cost_added, 4500);
  EXPECT_EQ(p.effects[0].Saving(), 5500);
  EXPECT_DOUBLE_EQ(p.effects[0].events_removed, 1.0);
  EXPECT_EQ(p.effects[0].patients, 1);
  EXPECT_EQ(p.Saving(), 5500);
  EXPECT_EQ(p.scenario_cost[0], 100 * (100 + 100 + 80 + 2000 + 3000) - 5500);
}

TEST_F(ScenarioExample, CaseManagesTheHighestRisk) {
  // The top 25% of a list of 4 is 1 patient: a, the only one admitted the year before. Her
  // admissions this year (5,000.00) fall by 20%: 1,000.00 saved for 600.00 of case management.
  const ScenarioProjection p = Project(
      R"({"kind": "case_management", "top_pct": 25, "emergency_admission_reduction": 0.2,
          "cost_per_patient": 600})");
  EXPECT_EQ(p.effects[0].patients, 1);
  EXPECT_EQ(p.effects[0].cost_removed, 100000);
  EXPECT_EQ(p.effects[0].cost_added, 60000);
  EXPECT_DOUBLE_EQ(p.effects[0].events_removed, 0.4);
  EXPECT_EQ(p.Saving(), 40000);
  // 26% of 4 is 1.04: two patients, a then (by last year's cost, all 0) the first of the rest.
  EXPECT_EQ(Project(R"({"kind": "case_management", "top_pct": 26,
                        "emergency_admission_reduction": 0.2, "cost_per_patient": 600})")
                .effects[0]
                .patients,
            2);
}

// With the risk model's probabilities, case management takes the highest: here c (0.6), whose
// admissions this year (6,500.00) fall by 20%: 1,300.00 saved for 600.00.
TEST_F(ScenarioExample, CaseManagementRanksOnTheRiskModelWhenGiven) {
  const std::vector<double> risk = {0.3, 0.1, 0.6, std::nan("")};
  const ScenarioProjection p = Project(
      R"({"kind": "case_management", "top_pct": 25, "emergency_admission_reduction": 0.2,
          "cost_per_patient": 600})",
      risk);
  EXPECT_EQ(p.case_finding, CaseFinding::kRiskModel);
  EXPECT_EQ(p.effects[0].patients, 1);
  EXPECT_EQ(p.effects[0].cost_removed, 130000);
  EXPECT_EQ(p.scenario_cost[2], 100 * (2500 + 4000) - 130000 + 60000);
}

TEST_F(ScenarioExample, MovesDeathsFromHospitalHome) {
  // Of c's admissions only the one within 30 days of death (4,000.00) is avoidable; moving 40%
  // of hospital deaths home avoids 1,600.00 for 40% x 1,200.00 = 480.00 of care at home.
  const ScenarioProjection p = Project(
      R"({"kind": "end_of_life_at_home", "share": 0.4, "days_before_death": 30,
          "cost_per_death": 1200, "label": "die at home"})");
  EXPECT_EQ(p.effects[0].label, "die at home");
  EXPECT_EQ(p.effects[0].patients, 1);
  EXPECT_EQ(p.effects[0].cost_removed, 160000);
  EXPECT_EQ(p.effects[0].cost_added, 48000);
  EXPECT_EQ(p.Saving(), 112000);
}

TEST(Scenario, BadFilesNameTheFieldAndWhy) {
  auto error = [](std::string_view json) {
    auto s = ParseScenario(json, "s.json");
    return s.ok() ? std::string("ok") : s.status().message();
  };
  EXPECT_EQ(error(R"({"name": "x", "changes": [{"kind": "shift_outpatient_follow_ups",
      "share": 0.5, "to_setting": "comunity", "unit_cost": 45}]})"),
            "s.json, field changes[0].to_setting: must be one of gp, nurse, community, op_first, "
            "op_followup, ae, elective, day_case, emergency, mental_health, social_care, "
            "prescription, end_of_life, not \"comunity\"");
  EXPECT_EQ(error(R"({"name": "x", "changes": [{"kind": "case_management", "top_pct": 2,
      "emergency_admission_reduction": 1.5, "cost_per_patient": 600}]})"),
            "s.json, field changes[0].emergency_admission_reduction: must be between 0 and 1, "
            "not 1.5");
  EXPECT_EQ(
      error(R"({"name": "x", "changes": [{"kind": "case_management", "top_pct": 0,
      "emergency_admission_reduction": 0.5, "cost_per_patient": 600}]})"),
      "s.json, field changes[0].top_pct: must be a percentage above 0 and at most 100, not 0");
  EXPECT_EQ(error(R"({"name": "x", "changes": [{"kind": "end_of_life_at_home", "share": 0.5,
      "cost_per_death": 100, "top_pct": 3}]})")
                .substr(0, 51),
            "s.json, field changes[0].top_pct: unknown field; ex");
  EXPECT_EQ(error(R"({"name": "x", "changes": [
      {"kind": "end_of_life_at_home", "share": 0.5, "cost_per_death": 100},
      {"kind": "end_of_life_at_home", "share": 0.2, "cost_per_death": 100}]})"),
            "s.json, field changes[1].kind: a second end_of_life_at_home change would count the "
            "same admissions twice; combine them");
  EXPECT_EQ(error(R"({"name": "x", "changes": [{"kind": "shift_outpatient_follow_ups",
      "share": 0.5, "to_setting": "community", "unit_cost": 45, "specialties": []}]})"),
            "s.json, field changes[0].specialties: must list at least one treatment function "
            "code; leave it out to move follow-ups of every specialty");
  EXPECT_EQ(error(R"({"name": "x", "changes": []})"),
            "s.json, field changes: must list at least one change");
  EXPECT_EQ(error(R"({"name": "x", "changes": [{"kind": "close_hospital"}]})").substr(0, 40),
            "s.json, field changes[0].kind: must be o");
}

}  // namespace
}  // namespace continuum
