// The code patterns of a pathway definition's filters: an exact code ("R06.0"), a prefix ending
// in '*' ("I50*": I50 and everything under it) or a range of codes of one length ("C00-C97":
// every code whose first three characters lie between C00 and C97). Dots are ignored, so
// "I50.9" and "I509" are the same code.
//
//   Result<CodePattern> cancer = ParseCodePattern("C00-C97", CodeSystem::kIcd10);
//   cancer->Matches("C50.9")   // true
//   ParseCodePattern("C0O*", CodeSystem::kIcd10)  // error: no ICD-10 code begins with C0O
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace continuum {

enum class CodeSystem {
  kIcd10,      // diagnoses and reasons for referral
  kOpcs4,      // procedures
  kBnf,        // medicines
  kSpecialty,  // NHS treatment function codes (data/codes/specialties.csv)
};

class CodePattern {
 public:
  bool Matches(std::string_view code) const;

 private:
  friend Result<CodePattern> ParseCodePattern(std::string_view, CodeSystem);
  enum class Shape { kExact, kPrefix, kRange };
  Shape shape_ = Shape::kExact;
  std::string low_, high_;  // without dots; an exact code or a prefix is low_
};

// A pattern that can match some code of `system`, or an invalid-input status whose message is
// the reason alone ("no ICD-10 code begins with C0O"), for the caller to place in its file.
Result<CodePattern> ParseCodePattern(std::string_view text, CodeSystem system);

}  // namespace continuum
