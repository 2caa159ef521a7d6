// The ground truth planted in the synthetic ICO on purpose, for analyses to find: which member
// practices differ and by how much. Each plant applies to the practice at that position in
// every ICO (0-based among the ICO's member practices); with the default options the ICO's
// practices are ZP0001 to ZP0014, so position k is ZP000(k+1). PlantedPractices() names them
// for a generated world; docs/calibration.md ("Planted truths") lists every plant and its size.
//
//   if (practice.index_in_group == kDelayedHeartFailurePathwayPractice) ...
//   for (const PlantedPractice& p : PlantedPractices(world)) std::puts(p.org_id.c_str());
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace continuum {

struct World;

// Practice admission propensity: emergency admissions and A&E attendances for patients of the
// same risk.
inline constexpr int kHighAdmissionsPractice = 1;  // the 2nd practice: 40% more
inline constexpr double kHighAdmissionsFactor = 1.4;
inline constexpr int kLowAdmissionsPractice = 3;  // the 4th practice: 25% fewer
inline constexpr double kLowAdmissionsFactor = 0.75;

// Practice quality (mean 0, SD 0.7 elsewhere): HbA1c, blood pressure, ambulatory-care-sensitive
// admissions, recording, annual reviews, anticoagulation in AF, end-of-life care plans and
// follow-up after discharge all follow it.
inline constexpr int kPoorCarePractice = 5;  // the 6th practice
inline constexpr double kPoorCareQuality = -2.0;
inline constexpr int kGoodCarePractice = 8;  // the 9th practice
inline constexpr double kGoodCareQuality = 1.5;

// Suspected heart failure (NICE NG106): the 3rd practice's patients wait a median of about five
// weeks for an echocardiogram and ten for a specialist review, against about nine days and four
// weeks elsewhere, so most breach the two- and six-week standards.
inline constexpr int kDelayedHeartFailurePathwayPractice = 2;
inline constexpr double kEchoWaitMedianDays = 9, kDelayedEchoWaitMedianDays = 35;
inline constexpr double kReviewWaitMedianDays = 28, kDelayedReviewWaitMedianDays = 70;

// A planted practice of a generated world, for reports and tests.
struct PlantedPractice {
  std::string org_id;     // as written to organisations.csv, e.g. "ZP0003"
  int ico = 0;            // 0-based ICO
  int position = 0;       // 0-based among the ICO's member practices
  std::string_view what;  // e.g. "delayed heart failure pathway"
};

// Every planted practice of every ICO, by ICO and position (absent positions skipped).
std::vector<PlantedPractice> PlantedPractices(const World& world);

// Risk selection an ICO is to be generated with (selection.h), as `--plant-selection ICO:SHARE`
// gives it: the ICO's org_id and the share of its top need decile it removes in a year.
struct SelectionPlant {
  std::string ico;
  double share = 0;
};

// Coding intensity an ICO is to be generated with (selection.h), as `--plant-upcoding ICO:PCT`
// gives it: the ICO's org_id and the percentage by which it raises the conditions recorded among
// the patients who stay on its lists through a year.
struct UpcodingPlant {
  std::string ico;
  double percent = 0;
};

}  // namespace continuum
