// Every figure here is worked out by hand from the fixture built in each test: the days between
// steps, the states, adherence with Wilson's interval, the median and 90th percentile
// (interpolated between ranks), the episodes counted and excluded, and the worklist.
#include "clinical/pathway_engine.h"

#include <gtest/gtest.h>

#include "clinical/pathway_fixture.h"
#include "clinical/pathway_report.h"

namespace continuum {
namespace {

Day D(std::string_view iso) { return *ParseDate(iso); }

const std::vector<PathwayDefinition>& Shipped() {
  static const std::vector<PathwayDefinition> shipped = *ShippedPathways();
  return shipped;
}

// The shipped definitions with these ids, in this order.
std::vector<PathwayDefinition> Definitions(std::initializer_list<std::string_view> ids) {
  std::vector<PathwayDefinition> out;
  for (std::string_view id : ids) {
    for (const PathwayDefinition& d : Shipped()) {
      if (d.id == id) out.push_back(d);
    }
  }
  EXPECT_EQ(out.size(), ids.size());
  return out;
}

// An ICO with two member practices, a control practice under the commissioner and a hospital.
void Organisations(PathwayFixture& f) {
  f.Organisation("COM1", OrgKind::kCommissioner);
  f.Organisation("ICO1", OrgKind::kIco, "COM1");
  f.Organisation("P1", OrgKind::kPractice, "ICO1");
  f.Organisation("P2", OrgKind::kPractice, "ICO1");
  f.Organisation("C1", OrgKind::kPractice, "COM1");
  f.Organisation("RA", OrgKind::kAcuteTrust);
}

// The 2024-25 financial year.
PathwayOptions Year(std::string_view as_of, int threads = 2) {
  return {.from = D("2024-04-01"), .to = D("2025-03-31"), .as_of = D(as_of), .threads = threads};
}

int64_t State(const StepFigures& s, StepState state) { return s.states[static_cast<int>(state)]; }

void ExpectProportion(const Proportion& p, int64_t numerator, int64_t denominator) {
  EXPECT_EQ(p.numerator, numerator);
  EXPECT_EQ(p.denominator, denominator);
}

// Units in report order: the ICO, its practices, then the control practices and each of them.
enum Unit { kIco1, kP1, kP2, kControl, kC1 };

TEST(Pathways, SuspectedHeartFailureStepByStep) {
  PathwayFixture f;
  Organisations(f);
  const uint32_t a = f.Patient("P1", "2010-01-01"), b = f.Patient("P1", "2010-01-01"),
                 c = f.Patient("P2", "2010-01-01"), d = f.Patient("P1", "2010-01-01", "2024-09-10"),
                 e = f.Patient("P1", "2010-01-01", "2024-10-19"), g = f.Patient("C1", "2010-01-01"),
                 h = f.Patient("P1", "2010-01-01"), i = f.Patient("P1", "2010-01-01"),
                 known = f.Patient("P1", "2010-01-01");
  // a: echocardiogram after 9 days, cardiology follow-up after 31: both on time. The second
  // referral is not to cardiology and starts nothing.
  f.Referral(a, "2024-05-01", "P1", "RA", "320", "I50.9");
  f.Referral(a, "2024-05-01", "P1", "RA", "100", "I50.9");
  f.Activity(a, "2024-05-10", Setting::kOutpatientFirst, "RA", "320", "U20.1");
  f.Activity(a, "2024-06-01", Setting::kOutpatientFollowUp, "RA", "320");
  // b: the echocardiogram (a day case) after 21 days, the assessment after 59: both late. The
  // echocardiogram's attendance is in cardiology too, but one record meets one step only.
  f.Referral(b, "2024-06-03", "P1", "RA", "320", "R06.0");
  f.Activity(b, "2024-06-24", Setting::kDayCase, "RA", "320", "U201", 0);
  f.Activity(b, "2024-08-01", Setting::kOutpatientFirst, "RA", "320");
  // c: referred on 1 March 2025, no echocardiogram by the 15th: overdue on the 31st.
  f.Referral(c, "2025-03-01", "P2", "RA", "320", "I50.0");
  // d died eight days after referral, e left the list after the echocardiogram.
  f.Referral(d, "2024-09-02", "P1", "RA", "320", "I50.9");
  f.Died(d, "2024-09-10", PlaceOfDeath::kHospital);
  f.Referral(e, "2024-10-01", "P1", "RA", "320", "I50.9");
  f.Activity(e, "2024-10-05", Setting::kOutpatientFirst, "RA", "320", "U20.1");
  // g at the control practice: on time.
  f.Referral(g, "2024-07-01", "C1", "RA", "320", "I50.9");
  f.Activity(g, "2024-07-08", Setting::kOutpatientFirst, "RA", "320", "U201");
  f.Activity(g, "2024-07-20", Setting::kOutpatientFollowUp, "RA", "320");
  // h was referred before the year; i by the hospital, not a practice.
  f.Referral(h, "2023-12-01", "P1", "RA", "320", "I50.9");
  f.Referral(i, "2024-05-01", "RA", "RA", "320", "I50.9");
  // `known` has had heart failure since 2020: a referral of theirs is not for suspected heart
  // failure, and is counted as excluded.
  f.Condition(known, Condition::kHeartFailure, "2020-01-01");
  f.Referral(known, "2024-07-01", "P1", "RA", "320", "I50.9");
  const Population& p = f.Finish();
  const std::vector<PathwayDefinition> defs = Definitions({"suspected_heart_failure"});

  const PathwayRun run = FollowPathways(p, defs, Year("2025-03-31"));
  const PathwaysReport report = ReportPathways(p, defs, run, {});
  ASSERT_EQ(report.pathways.size(), 1u);
  const std::vector<UnitFigures>& units = report.pathways[0].units;
  ASSERT_EQ(units.size(), 5u);
  EXPECT_EQ(units[kIco1].id, "ICO1");
  EXPECT_EQ(units[kControl].kind, UnitKind::kControlGroup);
  EXPECT_EQ(units[kC1].id, "C1");

  const UnitFigures& ico = units[kIco1];
  EXPECT_EQ(ico.registered, 6);  // a, b, c, h, i, known: d and e are no longer on a list
  EXPECT_EQ(ico.patients, 5);
  EXPECT_EQ(ico.episodes, 5);
  EXPECT_EQ(ico.excluded[static_cast<int>(Exclusion::kOnExcludedRegister)], 1);  // known
  const StepFigures& echo = ico.steps[0];
  EXPECT_EQ(State(echo, StepState::kMetOnTime), 2);   // a, e
  EXPECT_EQ(State(echo, StepState::kMetLate), 1);     // b
  EXPECT_EQ(State(echo, StepState::kOverdue), 1);     // c
  EXPECT_EQ(State(echo, StepState::kClosedDied), 1);  // d
  EXPECT_EQ(echo.breaches, 2);
  EXPECT_EQ(echo.waiting_here, 1);  // c
  ExpectProportion(echo.adherence, 2, 4);
  // Days to the echocardiogram: 4, 9, 21; the 90th percentile lies 0.8 of the way from 9 to 21.
  EXPECT_DOUBLE_EQ(*echo.median_days, 9);
  EXPECT_DOUBLE_EQ(*echo.p90_days, 18.6);
  const StepFigures& review = ico.steps[1];
  EXPECT_EQ(State(review, StepState::kMetOnTime), 1);   // a
  EXPECT_EQ(State(review, StepState::kMetLate), 1);     // b
  EXPECT_EQ(State(review, StepState::kNotYetDue), 1);   // c, due 12 April
  EXPECT_EQ(State(review, StepState::kClosedDied), 1);  // d
  EXPECT_EQ(State(review, StepState::kClosedLeft), 1);  // e
  EXPECT_EQ(review.waiting_here, 0);
  ExpectProportion(review.adherence, 1, 2);
  EXPECT_DOUBLE_EQ(*review.median_days, 45);  // 31 and 59
  EXPECT_DOUBLE_EQ(*review.p90_days, 56.2);
  EXPECT_EQ(ico.on_time, 1);   // a
  EXPECT_EQ(ico.breached, 2);  // b, c
  EXPECT_EQ(ico.closed, 2);    // d, e
  EXPECT_EQ(ico.open, 0);
  // Wilson's 95% interval for 1 of 3: (0.0615, 0.7923).
  ExpectProportion(ico.adherence, 1, 3);
  EXPECT_NEAR(ico.adherence.value, 1.0 / 3, 1e-12);
  EXPECT_NEAR(ico.adherence.lower, 0.0615, 1e-4);
  EXPECT_NEAR(ico.adherence.upper, 0.7923, 1e-4);

  ExpectProportion(units[kP1].steps[0].adherence, 2, 3);  // a, e on time; b late; d closed
  ExpectProportion(units[kP2].steps[0].adherence, 0, 1);  // c
  EXPECT_EQ(units[kP1].episodes, 4);
  EXPECT_EQ(units[kP1].registered, 5);
  const UnitFigures& control = units[kControl];
  EXPECT_EQ(control.episodes, 1);
  ExpectProportion(control.adherence, 1, 1);
  EXPECT_DOUBLE_EQ(*control.steps[1].median_days, 19);

  // Only c's echocardiogram is overdue, 16 days after it fell due on 15 March.
  ASSERT_EQ(report.worklist.size(), 1u);
  const WorklistItem& item = report.worklist[0];
  EXPECT_EQ(item.patient_id, p.patients.id[c]);
  EXPECT_EQ(item.practice, "P2");
  EXPECT_EQ(item.pathway->steps[item.step].id, "echocardiogram");
  EXPECT_EQ(item.entry, D("2025-03-01"));
  EXPECT_EQ(item.due, D("2025-03-15"));
  EXPECT_EQ(item.days_overdue, 16);

  // One thread finds exactly what two do.
  const PathwayRun single = FollowPathways(p, defs, Year("2025-03-31", 1));
  ASSERT_EQ(single.episodes.size(), run.episodes.size());
  for (size_t n = 0; n < run.episodes.size(); ++n) {
    EXPECT_EQ(single.episodes[n].patient, run.episodes[n].patient);
    for (int s = 0; s < 2; ++s) {
      EXPECT_EQ(single.Outcome(single.episodes[n], s).state, run.Outcome(run.episodes[n], s).state);
      EXPECT_EQ(single.Outcome(single.episodes[n], s).met, run.Outcome(run.episodes[n], s).met);
    }
  }
  EXPECT_EQ(single.records_scanned, run.records_scanned);

  // --practice P2: its figures alone, and its worklist.
  const PathwaysReport p2 =
      ReportPathways(p, defs, run, {.practice = p.organisations.ids.Find("P2")});
  ASSERT_EQ(p2.pathways[0].units.size(), 1u);
  EXPECT_EQ(p2.pathways[0].units[0].id, "P2");
  EXPECT_EQ(p2.worklist.size(), 1u);

  // The groups as wholes (the commissioner's oversight): each group's figures exactly as in the
  // full report, no practice's own, no worklist.
  const PathwaysReport groups = ReportPathways(p, defs, run, {.groups_only = true});
  EXPECT_TRUE(groups.worklist.empty());
  for (size_t d = 0; d < report.pathways.size(); ++d) {
    std::vector<const UnitFigures*> wholes;
    for (const UnitFigures& u : report.pathways[d].units) {
      if (u.kind == UnitKind::kIco || u.kind == UnitKind::kControlGroup) wholes.push_back(&u);
    }
    ASSERT_EQ(groups.pathways[d].units.size(), wholes.size());
    ASSERT_FALSE(wholes.empty());
    for (size_t k = 0; k < wholes.size(); ++k) {
      const UnitFigures& g = groups.pathways[d].units[k];
      EXPECT_EQ(g.id, wholes[k]->id);
      EXPECT_EQ(g.registered, wholes[k]->registered);
      EXPECT_EQ(g.patients, wholes[k]->patients);
      EXPECT_EQ(g.episodes, wholes[k]->episodes);
      EXPECT_EQ(g.on_time, wholes[k]->on_time);
      EXPECT_EQ(g.breached, wholes[k]->breached);
      EXPECT_EQ(g.excluded, wholes[k]->excluded);
      for (size_t st = 0; st < g.steps.size(); ++st)
        EXPECT_EQ(g.steps[st].states, wholes[k]->steps[st].states);
    }
  }
}

TEST(Pathways, DiabetesAnnualCareWithinTheFinancialYear) {
  PathwayFixture f;
  Organisations(f);
  const uint32_t j = f.Patient("P1", "2010-01-01"), k = f.Patient("P1", "2010-01-01"),
                 l = f.Patient("P1", "2010-01-01"), m = f.Patient("P1", "2010-01-01", "2024-11-01"),
                 n = f.Patient("P2", "2024-10-01"), o = f.Patient("P1", "2010-01-01");
  // j: every care process in the year (and an HbA1c either side of it, which do not count).
  f.Condition(j, Condition::kDiabetes, "2020-01-01");
  f.Observation(j, "2024-03-20", ObservationKind::kHba1c, 50);
  f.Observation(j, "2024-05-01", ObservationKind::kHba1c, 52);
  f.Observation(j, "2024-05-01", ObservationKind::kSystolicBp, 138);
  f.Observation(j, "2024-06-01", ObservationKind::kBmi, 29.5);
  f.Observation(j, "2024-07-01", ObservationKind::kSmokingStatus, "never");
  f.Observation(j, "2024-09-01", ObservationKind::kAnnualReview, "diabetes");
  f.Observation(j, "2025-04-10", ObservationKind::kHba1c, 49);
  // k: diagnosed in August, an HbA1c only; an asthma review is not a diabetes review.
  f.Condition(k, Condition::kDiabetes, "2024-08-01");
  f.Observation(k, "2024-08-15", ObservationKind::kHba1c, 61);
  f.Observation(k, "2024-09-01", ObservationKind::kAnnualReview, "asthma");
  // l: diagnosed 58 days before the year's end, inside the 90 days' grace.
  f.Condition(l, Condition::kDiabetes, "2025-02-01");
  // m died in November, with an HbA1c in June.
  f.Condition(m, Condition::kDiabetes, "2010-01-01");
  f.Observation(m, "2024-06-01", ObservationKind::kHba1c, 70);
  f.Died(m, "2024-11-01", PlaceOfDeath::kHome);
  // n registered in October; the review came after the year's end.
  f.Condition(n, Condition::kDiabetes, "2015-01-01");
  for (ObservationKind kind : {ObservationKind::kHba1c, ObservationKind::kSystolicBp,
                               ObservationKind::kBmi, ObservationKind::kSmokingStatus})
    f.Observation(n, "2024-12-01", kind, 1);
  f.Observation(n, "2025-04-02", ObservationKind::kAnnualReview, "diabetes");
  // o's diabetes was resolved before the year.
  f.Condition(o, Condition::kDiabetes, "2019-01-01", "2024-03-01");
  const Population& p = f.Finish();
  const std::vector<PathwayDefinition> defs = Definitions({"diabetes_annual_care"});

  // Status at the end of June 2025: the year's care processes fell due on 31 March.
  const PathwayRun run = FollowPathways(p, defs, Year("2025-06-30"));
  const PathwaysReport report = ReportPathways(p, defs, run, {});
  const UnitFigures& ico = report.pathways[0].units[kIco1];
  EXPECT_EQ(ico.episodes, 4);                                                  // j, k, m, n
  EXPECT_EQ(ico.excluded[static_cast<int>(Exclusion::kJoinedLateInYear)], 1);  // l
  EXPECT_EQ(report.pathways[0].units[kP1].excluded[static_cast<int>(Exclusion::kJoinedLateInYear)],
            1);
  const StepFigures& hba1c = ico.steps[0];
  ExpectProportion(hba1c.adherence, 4, 4);
  // Days from entry: j 30 (from 1 April), k 14 (from onset), m 61, n 61 (from registration).
  EXPECT_DOUBLE_EQ(*hba1c.median_days, 45.5);
  EXPECT_DOUBLE_EQ(*hba1c.p90_days, 61);
  for (int s : {1, 2, 3}) {  // blood pressure, BMI, smoking status: j and n; k overdue; m closed
    ExpectProportion(ico.steps[s].adherence, 2, 3);
    EXPECT_EQ(State(ico.steps[s], StepState::kOverdue), 1);
    EXPECT_EQ(State(ico.steps[s], StepState::kClosedDied), 1);
  }
  EXPECT_DOUBLE_EQ(*ico.steps[3].median_days, 76);  // j 91, n 61
  const StepFigures& review = ico.steps[4];
  ExpectProportion(review.adherence, 1, 3);  // j; k and n overdue
  EXPECT_DOUBLE_EQ(*review.median_days, 153);
  EXPECT_EQ(ico.steps[1].waiting_here, 1);  // k
  EXPECT_EQ(review.waiting_here, 1);        // n
  EXPECT_EQ(ico.on_time, 1);
  EXPECT_EQ(ico.breached, 2);
  EXPECT_EQ(ico.closed, 1);
  ExpectProportion(ico.adherence, 1, 3);

  // k's four missing processes and n's review, each 91 days overdue, by practice.
  ASSERT_EQ(report.worklist.size(), 5u);
  const std::vector<std::string> steps = {"blood_pressure", "bmi", "smoking_status",
                                          "annual_review", "annual_review"};
  for (size_t w = 0; w < 5; ++w) {
    const WorklistItem& item = report.worklist[w];
    EXPECT_EQ(item.pathway->steps[item.step].id, steps[w]);
    EXPECT_EQ(item.patient_id, p.patients.id[w < 4 ? k : n]);
    EXPECT_EQ(item.practice, w < 4 ? "P1" : "P2");
    EXPECT_EQ(item.due, D("2025-03-31"));
    EXPECT_EQ(item.days_overdue, 91);
  }

  // On the year's last day the processes not done fall due that day: overdue, 0 days.
  const PathwaysReport year_end =
      ReportPathways(p, defs, FollowPathways(p, defs, Year("2025-03-31")), {});
  ExpectProportion(year_end.pathways[0].units[kIco1].steps[4].adherence, 1, 3);
  EXPECT_EQ(year_end.worklist.front().days_overdue, 0);
}

TEST(Pathways, EndOfLifeCareToDeathInThePreferredPlace) {
  PathwayFixture f;
  Organisations(f);
  const uint32_t pa = f.Patient("P1", "2010-01-01", "2024-08-01"),
                 q = f.Patient("P1", "2010-01-01"), r = f.Patient("P2", "2010-01-01", "2024-09-01"),
                 s = f.Patient("P2", "2010-01-01"), late = f.Patient("P1", "2024-06-01");
  // pa: care plan after 9 days, preferred place (home) after 19, died at home 73 days later.
  f.Condition(pa, Condition::kPalliative, "2024-05-01");
  f.Observation(pa, "2024-05-10", ObservationKind::kCarePlan, "palliative");
  f.Observation(pa, "2024-05-20", ObservationKind::kPreferredPlaceOfDeath, "home");
  f.Died(pa, "2024-08-01", PlaceOfDeath::kHome);
  // q: a care plan after 44 days (late), no preferred place; a diabetes care plan is not one.
  f.Condition(q, Condition::kPalliative, "2024-06-01");
  f.Observation(q, "2024-06-05", ObservationKind::kCarePlan, "diabetes");
  f.Observation(q, "2024-07-15", ObservationKind::kCarePlan, "palliative");
  // r preferred a hospice and died in hospital.
  f.Condition(r, Condition::kPalliative, "2024-07-01");
  f.Observation(r, "2024-07-05", ObservationKind::kCarePlan, "palliative");
  f.Observation(r, "2024-07-05", ObservationKind::kPreferredPlaceOfDeath, "hospice");
  f.Died(r, "2024-09-01", PlaceOfDeath::kHospital);
  f.PreferredPlace(r, PlaceOfDeath::kHospice);
  // s joined eleven days before the status day; `late` joined before registering.
  f.Condition(s, Condition::kPalliative, "2025-03-20");
  f.Condition(late, Condition::kPalliative, "2024-05-01");
  const Population& p = f.Finish();
  const std::vector<PathwayDefinition> defs = Definitions({"end_of_life_care"});

  const PathwayRun run = FollowPathways(p, defs, Year("2025-03-31"));
  const PathwaysReport report = ReportPathways(p, defs, run, {});
  EXPECT_EQ(report.pathways[0].not_registered, 1);
  const UnitFigures& ico = report.pathways[0].units[kIco1];
  EXPECT_EQ(ico.episodes, 4);
  const StepFigures& plan = ico.steps[0];
  ExpectProportion(plan.adherence, 2, 3);  // pa 9, r 4; q 44 late; s not yet due
  EXPECT_EQ(State(plan, StepState::kNotYetDue), 1);
  EXPECT_DOUBLE_EQ(*plan.median_days, 9);
  EXPECT_DOUBLE_EQ(*plan.p90_days, 37);  // 4, 9, 44: 0.8 of the way from 9 to 44
  EXPECT_EQ(plan.waiting_here, 1);       // s
  const StepFigures& place = ico.steps[1];
  ExpectProportion(place.adherence, 2, 3);  // pa 19, r 4; q overdue
  EXPECT_DOUBLE_EQ(*place.median_days, 11.5);
  EXPECT_DOUBLE_EQ(*place.p90_days, 17.5);
  EXPECT_EQ(place.waiting_here, 1);  // q
  const StepFigures& death = ico.steps[2];
  EXPECT_EQ(State(death, StepState::kMetOnTime), 1);  // pa, where recorded on 20 May
  EXPECT_EQ(State(death, StepState::kNotMet), 1);     // r
  EXPECT_EQ(State(death, StepState::kWaiting), 2);    // q, s
  ExpectProportion(death.adherence, 1, 2);
  EXPECT_DOUBLE_EQ(*death.median_days, 73);
  EXPECT_EQ(ico.on_time, 1);
  EXPECT_EQ(ico.breached, 2);
  EXPECT_EQ(ico.open, 1);
  ASSERT_EQ(report.worklist.size(), 1u);
  EXPECT_EQ(report.worklist[0].patient_id, p.patients.id[q]);
  EXPECT_EQ(report.worklist[0].due, D("2024-06-29"));
  EXPECT_EQ(report.worklist[0].days_overdue, 275);
}

TEST(Pathways, DischargeFollowUpAndTwoWeekWaitTogether) {
  PathwayFixture f;
  Organisations(f);
  const uint32_t t = f.Patient("P1", "2010-01-01"), u = f.Patient("P1", "2010-01-01"),
                 v = f.Patient("P2", "2010-01-01", "2024-08-11"), w = f.Patient("P2", "2010-01-01"),
                 x = f.Patient("P2", "2010-01-01"), y = f.Patient("P1", "2010-01-01"),
                 z = f.Patient("P2", "2010-01-01"), aa = f.Patient("P1", "2010-01-01");
  // t: discharged on 6 June, seen by the GP 4 days later; again on 1 November, by the practice
  // nurse the same day. The GP visit before the admission does not count.
  f.Activity(t, "2024-05-30", Setting::kGp, "P1", "");
  f.Activity(t, "2024-06-01", Setting::kEmergency, "RA", "300", "", 5);
  f.Activity(t, "2024-06-10", Setting::kGp, "P1", "");
  f.Activity(t, "2024-11-01", Setting::kEmergency, "RA", "300", "", 0);
  f.Activity(t, "2024-11-01", Setting::kNurse, "P1", "");
  // u: discharged on 3 July, a community nurse 12 days later.
  f.Activity(u, "2024-07-01", Setting::kEmergency, "RA", "300", "", 2);
  f.Activity(u, "2024-07-15", Setting::kCommunity, "RA", "");
  // v died on the day of discharge; w's admission was elective; x was discharged two days
  // before the status day.
  f.Activity(v, "2024-08-01", Setting::kEmergency, "RA", "300", "", 10);
  f.Died(v, "2024-08-11", PlaceOfDeath::kHospital);
  f.Activity(w, "2024-09-01", Setting::kElective, "RA", "110", "W40.1", 2);
  f.Activity(w, "2024-09-05", Setting::kGp, "P2", "");
  f.Activity(x, "2025-03-28", Setting::kEmergency, "RA", "300", "", 1);
  // y: urology referral for C61, a first attendance in general surgery on day 4 (not the
  // referred specialty), in urology on day 19. z: dermatology for D48.5, seen on day 9.
  // aa's D49.0 is outside the cancer ranges.
  f.Referral(y, "2024-05-01", "P1", "RA", "101", "C61");
  f.Activity(y, "2024-05-05", Setting::kOutpatientFirst, "RA", "100");
  f.Activity(y, "2024-05-20", Setting::kOutpatientFirst, "RA", "101");
  f.Referral(z, "2024-06-01", "P2", "RA", "330", "D48.5");
  f.Activity(z, "2024-06-10", Setting::kOutpatientFirst, "RA", "330");
  f.Referral(aa, "2024-06-01", "P1", "RA", "330", "D49.0");
  const Population& p = f.Finish();
  const std::vector<PathwayDefinition> defs =
      Definitions({"post_discharge_follow_up", "suspected_cancer_two_week_wait"});

  const PathwayRun run = FollowPathways(p, defs, Year("2025-03-31"));
  const PathwaysReport report = ReportPathways(p, defs, run, {});
  const UnitFigures& discharge = report.pathways[0].units[kIco1];
  EXPECT_EQ(discharge.episodes, 4);  // t twice, u, x
  EXPECT_EQ(discharge.patients, 3);
  EXPECT_EQ(discharge.excluded[static_cast<int>(Exclusion::kDiedInHospital)], 1);  // v
  EXPECT_EQ(report.pathways[0].units[kP2].excluded[static_cast<int>(Exclusion::kDiedInHospital)],
            1);
  const StepFigures& follow_up = discharge.steps[0];
  ExpectProportion(follow_up.adherence, 2, 3);
  EXPECT_EQ(State(follow_up, StepState::kNotYetDue), 1);  // x
  EXPECT_DOUBLE_EQ(*follow_up.median_days, 4);            // 0, 4, 12
  EXPECT_DOUBLE_EQ(*follow_up.p90_days, 10.4);
  const UnitFigures& cancer = report.pathways[1].units[kIco1];
  EXPECT_EQ(cancer.episodes, 2);  // y, z
  EXPECT_EQ(State(cancer.steps[0], StepState::kMetLate), 1);
  ExpectProportion(cancer.steps[0].adherence, 1, 2);
  EXPECT_DOUBLE_EQ(*cancer.steps[0].median_days, 14);  // 9 and 19
  EXPECT_TRUE(report.worklist.empty());
  // Records looked at: 14 events and 3 referrals.
  EXPECT_EQ(run.records_scanned, 17);
}

TEST(Pathways, NothingAfterTheStatusDayIsSeen) {
  PathwayFixture f;
  Organisations(f);
  const uint32_t a = f.Patient("P1", "2010-01-01");
  f.Referral(a, "2024-05-01", "P1", "RA", "320", "I50.9");
  f.Activity(a, "2024-05-20", Setting::kOutpatientFirst, "RA", "320", "U20.1");
  const Population& p = f.Finish();
  const std::vector<PathwayDefinition> defs = Definitions({"suspected_heart_failure"});
  // On 10 May the echocardiogram is not yet due; on 16 May it is overdue; the referral itself
  // is not seen on 30 April.
  PathwayRun run = FollowPathways(p, defs, Year("2024-05-10"));
  ASSERT_EQ(run.episodes.size(), 1u);
  EXPECT_EQ(run.Outcome(run.episodes[0], 0).state, StepState::kNotYetDue);
  run = FollowPathways(p, defs, Year("2024-05-16"));
  EXPECT_EQ(run.Outcome(run.episodes[0], 0).state, StepState::kOverdue);
  EXPECT_EQ(run.Outcome(run.episodes[0], 0).due, D("2024-05-15"));
  EXPECT_TRUE(FollowPathways(p, defs, Year("2024-04-30")).episodes.empty());
  run = FollowPathways(p, defs, Year("2024-05-20"));
  EXPECT_EQ(run.Outcome(run.episodes[0], 0).state, StepState::kMetLate);
  EXPECT_EQ(run.Outcome(run.episodes[0], 0).days, 19);
}

TEST(Pathways, PercentilesInterpolateBetweenRanks) {
  EXPECT_DOUBLE_EQ(Percentile({7}, 0.9), 7);
  EXPECT_DOUBLE_EQ(Percentile({1, 2, 3, 4}, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(Percentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 0.9), 10);
}

}  // namespace
}  // namespace continuum
