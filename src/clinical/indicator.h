// A quality indicator, read from its definition file (data/indicators/*.json): what is counted
// in the denominator and the numerator, over which period, with which exclusions and whether it
// is standardised. A new indicator is a new file; nothing here knows any one indicator.
//
//   Result<Indicator> i = ReadIndicator("data/indicators/diabetes_hba1c.json");
//   Result<std::vector<Indicator>> all = ShippedIndicators();
//
// docs/clinical.md describes the format field by field.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clinical/code_pattern.h"
#include "core/status.h"
#include "model/codes.h"
#include "stats/spc.h"

namespace continuum {

enum class IndicatorMeasure : uint8_t { kProportion, kRate, kRatio };

// Which events count: any of the settings (none listed: all) and, where given, codes.
struct EventFilter {
  uint16_t settings = 0;  // bit s set for Setting s; 0 is every setting
  std::optional<CodePatterns> diagnosis, procedure, specialty, medicine;
  bool discharged_alive = false;  // admissions only: the patient was alive at discharge
};

// One thing the patient's record must show (for the numerator, or to be in the denominator).
struct RecordCriterion {
  enum class Kind : uint8_t { kObservation, kPrescription } kind = Kind::kObservation;
  ObservationKind observation = ObservationKind::kHba1c;
  int within_days = 365;                                  // up to and including the reference day
  std::optional<double> latest_at_most, latest_at_least;  // the latest value in the window
  uint32_t values = 0;  // coded observations: any record with one of these values (bit mask)
  std::optional<CodePatterns> medicine;  // prescriptions
};

// Patients registered with a practice on a reference day (each month's last day) who meet the
// cohort's terms; the exclusions are counted, by reason, in the report's coverage.
struct PatientCohort {
  int age_min = 0, age_max = 200;  // age on the reference day, inclusive
  uint32_t registers = 0;          // on any of these registers (bit per Condition); 0 is all
  uint32_t excluded_registers = 0;
  int newly_registered_days = 0;  // exclude patients registered for fewer days than this
  int newly_diagnosed_days = 0;   // exclude patients on the register for fewer days than this
  // Exclude patients with a personalised care adjustment (a care_adjustment observation, QOF's
  // exception reporting) for one of `registers` in the 365 days up to the reference day.
  bool exclude_care_adjusted = false;
  // Only patients whose record shows this (survey respondents: an overall_experience answer).
  std::optional<RecordCriterion> with_record;
};

struct Indicator {
  std::string file;  // where it was read from, for messages
  std::string id, title, source, group;
  IndicatorMeasure measure = IndicatorMeasure::kProportion;
  Polarity polarity = Polarity::kNeither;
  std::optional<double> target;  // a proportion, or a rate per `per`
  // How its SPC charts read the rules: "mdc" (NHS England's Making Data Count tool, the default)
  // or "ptd" (NHSRplotthedots, which screens outlying moving ranges); stats/spc.h.
  SpcRules spc_rules = SpcRules::kMakingDataCount;
  double per = 1;  // rates: per this many person-years (1,000; 100,000)
  bool age_sex_standardised = false;

  // The denominator is one of these kinds.
  enum class Base : uint8_t {
    kPatients,
    kPersonTime,
    kEvents,
    kDeaths,
    kResponses
  } base = Base::kPatients;
  PatientCohort cohort;                      // kPatients; kPersonTime uses its ages
  EventFilter denominator_events;            // kEvents
  bool deaths_with_preferred_place = false;  // kDeaths: only deaths with a preference recorded
  std::string survey, question;              // kResponses: every answer to this survey's question

  // The numerator, by denominator kind.
  std::vector<RecordCriterion> all_of;  // kPatients: every criterion holds
  EventFilter numerator_events;         // kPersonTime (rate), kEvents (ratio)
  EventFilter followed_by;              // kEvents proportion: an event this many days after
  int followed_within_days = 0;         //   the denominator event's end (discharge)
  uint8_t death_places = 0;             // kDeaths: bit per PlaceOfDeath
  bool death_in_preferred_place = false;
  std::vector<std::string> answers;  // kResponses: the answers counted (codes of the survey's)
};

// Reads and checks one definition; every problem names the file and the field.
Result<Indicator> ReadIndicator(const std::string& path);
Result<Indicator> ParseIndicator(std::string_view text, std::string file_name);
// The indicators shipped in data/indicators/, in file-name order.
Result<std::vector<Indicator>> ShippedIndicators();

// The names definitions use: "proportion", "rate", "ratio"; "higher_is_better", ...
std::string_view MeasureName(IndicatorMeasure measure);
std::string_view PolarityName(Polarity polarity);

}  // namespace continuum
