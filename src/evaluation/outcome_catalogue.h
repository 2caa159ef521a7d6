// The outcomes an evaluation plan may name, read from data/evaluation/outcomes.csv (compiled
// into the binary): each outcome's id, the dimension of the evaluation it answers (the seeds'
// patient experience, costs, staff and commissioner, and the field's utilisation, end of life and
// integration), how it is measured for a practice over a period, and which direction is better.
// Adding an outcome of an existing kind is a row in that file.
//
//   Result<std::vector<OutcomeDefinition>> all = OutcomeCatalogue();
//   const OutcomeDefinition* o = FindOutcome(*all, "emergency_admissions");
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "model/codes.h"

namespace continuum {

enum class OutcomeKind {
  kCostPerHead,   // the cost of events in `settings`, pounds per registered patient-year
  kActivityRate,  // events in `settings` per 1,000 registered patient-years
  kIndicator,     // a shipped quality indicator (`indicator`): numerator over denominator
  kContinuity,    // a continuity index (`index`) over each patient's contacts, averaged
  kFragmentation  // distinct providers or setting hand-offs per patient with contacts
};

enum class ContinuityIndex { kUsualProvider, kBiceBoxerman, kSequential };
enum class FragmentationMeasure { kProviders, kSettingHandoffs };

struct OutcomeDefinition {
  std::string id;
  std::string dimension;  // patient_experience, costs, staff, commissioner, utilisation, ...
  OutcomeKind kind = OutcomeKind::kActivityRate;
  std::vector<Setting> settings;  // cost and activity
  std::string indicator;          // kIndicator
  ContinuityIndex index = ContinuityIndex::kUsualProvider;
  FragmentationMeasure fragmentation = FragmentationMeasure::kProviders;
  std::string title, unit;
  bool lower_is_better = true;
};

// The dimensions in the order a report presents them, with a title for people.
struct EvaluationDimension {
  const char* id;
  const char* title;
};
inline constexpr EvaluationDimension kEvaluationDimensions[] = {
    {"patient_experience", "Patient experience"},
    {"costs", "Costs"},
    {"staff", "Staff experience"},
    {"commissioner", "The commissioner's spend"},
    {"utilisation", "Hospital use"},
    {"end_of_life", "End of life"},
    {"integration", "Integration: continuity and fragmentation"}};

// The settings whose contacts continuity and fragmentation follow: planned, ambulatory care
// (general practice, community, outpatients, mental health), where a patient can be seen by the
// same provider again; emergencies and admissions are not chosen.
inline constexpr Setting kContinuitySettings[] = {Setting::kGp,
                                                  Setting::kNurse,
                                                  Setting::kCommunity,
                                                  Setting::kOutpatientFirst,
                                                  Setting::kOutpatientFollowUp,
                                                  Setting::kMentalHealth};

Result<std::vector<OutcomeDefinition>> OutcomeCatalogue();

// nullptr when no outcome has that id.
const OutcomeDefinition* FindOutcome(const std::vector<OutcomeDefinition>& outcomes,
                                     std::string_view id);

}  // namespace continuum
