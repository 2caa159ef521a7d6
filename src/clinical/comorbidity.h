// Comorbidity indices from ICD-10 diagnoses: the 17 Charlson and 31 Elixhauser conditions as
// coded by Quan et al. (2005), the Charlson index with Charlson's (1987) and Quan's (2011)
// weights, and the Elixhauser index with van Walraven's (2009) weights. The code lists, weights
// and hierarchy rules are data (data/comorbidity/charlson.csv and elixhauser.csv); the sources
// and rules are in docs/clinical.md.
//
//   const ComorbidityMatcher& m = ComorbidityMatcher::Get();
//   ComorbidityMask mask = m.Match("E11.2") | m.Match("I500");   // diabetes, heart failure
//   ComorbidityScores s = m.Score(mask);    // charlson 3, charlson_quan 3, van_walraven 7
//
// A mask holds one bit per condition: Charlson's in bits 0-16, Elixhauser's in bits 17-47, in
// the order of the data files (categories() lists them).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "engine/population.h"

namespace continuum {

using ComorbidityMask = uint64_t;

inline constexpr int kCharlsonConditions = 17;
inline constexpr int kElixhauserConditions = 31;
inline constexpr int kComorbidityConditions = kCharlsonConditions + kElixhauserConditions;
inline constexpr ComorbidityMask kCharlsonBits = (ComorbidityMask{1} << kCharlsonConditions) - 1;
inline constexpr ComorbidityMask kElixhauserBits =
    ((ComorbidityMask{1} << kElixhauserConditions) - 1) << kCharlsonConditions;

struct ComorbidityCategory {
  std::string column;  // "charlson_chf", "elix_chf": the index's prefix and the data's category
  std::string name;    // "Congestive heart failure"
  // Weights: Charlson 1987 and Quan 2011 for Charlson conditions, van Walraven 2009 for
  // Elixhauser ones; 0 in the other index.
  int charlson_weight = 0, quan_weight = 0, van_walraven_weight = 0;
  ComorbidityMask supersedes = 0;  // the milder form this condition replaces, when both are present
};

struct ComorbidityScores {
  int charlson = 0;       // Charlson 1987 weights
  int charlson_quan = 0;  // Quan 2011 weights
  int van_walraven = 0;   // van Walraven 2009 weights on the Elixhauser conditions
};

// Maps ICD-10 codes to conditions. Immutable once built, so one matcher serves every thread.
class ComorbidityMatcher {
 public:
  // The matcher over the data files compiled into the binary, built on first use.
  static const ComorbidityMatcher& Get();
  // Builds a matcher from the two files' text; `charlson_name` and `elixhauser_name` are used in
  // error messages ("charlson.csv line 3, column icd10: ...").
  static Result<ComorbidityMatcher> FromText(std::string_view charlson_name,
                                             std::string_view charlson_csv,
                                             std::string_view elixhauser_name,
                                             std::string_view elixhauser_csv);

  // The conditions `icd10` falls in, before the hierarchy: the code is matched by prefix after
  // removing its dot and uppercasing ("i50.0", "I500" and "I50.0" match alike); 0 for a code in
  // no condition's list.
  ComorbidityMask Match(std::string_view icd10) const;
  // Clears each milder form whose severe form is present (diabetes with complications over
  // without, moderate or severe liver disease over mild, metastatic over other malignancy, ...).
  ComorbidityMask ApplyHierarchy(ComorbidityMask mask) const;
  // The three scores of `mask`, after ApplyHierarchy (so raw and ordered masks score alike).
  ComorbidityScores Score(ComorbidityMask mask) const;

  // Every condition, in bit order.
  const std::vector<ComorbidityCategory>& categories() const { return categories_; }

 private:
  std::vector<ComorbidityCategory> categories_;
  std::unordered_map<std::string, ComorbidityMask> by_prefix_;  // undotted prefix -> conditions
  std::vector<size_t> prefix_lengths_;  // the distinct prefix lengths, shortest first
};

// Each patient's conditions (after the hierarchy), indexed by patient, from the diagnoses of
// their activity events on days `from` to `to` inclusive. Each distinct diagnosis is matched
// once; the events are then one pass of ORs.
std::vector<ComorbidityMask> PatientComorbidities(const Population& population, Day from, Day to);

}  // namespace continuum
