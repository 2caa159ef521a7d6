// The codes, in SNOMED CT and LOINC, that record each observation Continuum holds, held as a data
// file (data/codelists/observations.csv): a measurement's code with the unit its value is in (HbA1c
// 999791000000106 in mmol/mol, LOINC 8480-6 systolic pressure in mm[Hg]), or a finding whose code
// is its value (77176002 "Smoker": smoking status current). FHIR and Synthea imports read coded
// observations through it; a new code is a row of the file.
//
//   Result<ObservationCodes> codes = ShippedObservationCodes();
//   const ObservationCode* c = codes->Find(ObservationSystem::kLoinc, "8480-6");  // systolic_bp
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "model/codes.h"

namespace continuum {

enum class ObservationSystem : uint8_t { kSnomedCt, kLoinc };
inline constexpr std::string_view kObservationSystemNames[] = {"snomedct", "loinc"};

struct ObservationCode {
  ObservationKind kind;
  std::string value;  // for a finding: the value it records (smoking status "current"); else empty
  std::string unit;   // for a measurement: the UCUM unit its value is in
  std::string term;
};

class ObservationCodes {
 public:
  // The observation a code records, or null for a code the file does not hold.
  const ObservationCode* Find(ObservationSystem system, std::string_view code) const;
  // The first code of the file in `system` for a kind (and, for a finding, its value) whose value
  // is in Continuum's own unit: what an export writes beside Continuum's code. Empty for none.
  std::string_view CodeFor(ObservationSystem system, ObservationKind kind,
                           std::string_view value) const;
  size_t size() const { return codes_[0].size() + codes_[1].size(); }
  void Add(ObservationSystem system, std::string code, ObservationCode meaning);

 private:
  std::unordered_map<std::string, ObservationCode> codes_[2];
  std::vector<std::string> order_[2];  // the codes, as the file lists them
};

// The file's rows: system,code,kind,value,unit,term. Every problem is reported with the file, line,
// column and reason: a code of the wrong shape or check digit, an unknown kind, a value that is
// not one of the kind's codes, a measured kind without its unit, a code twice.
Result<ObservationCodes> ReadObservationCodes(std::string_view text, const std::string& name);
Result<ObservationCodes> ShippedObservationCodes();

// The unit Continuum keeps a measured kind in (mmol/mol, mm[Hg], kg/m2); empty for a coded kind.
std::string_view ContinuumUnit(ObservationKind kind);

// Whether `code` is a LOINC code: digits, a hyphen and the Mod 10 check digit LOINC uses.
bool IsLoincCode(std::string_view code);

// A measurement in the unit the file gives, in the unit Continuum keeps (docs/data-format.md):
// HbA1c as a DCCT percentage becomes IFCC mmol/mol by the IFCC-NGSP master equation,
// (percent - 2.15) x 10.929, rounded to a whole mmol/mol; a value in Continuum's own unit is
// returned as written. An error for a unit Continuum cannot convert or a value that is no number.
Result<std::string> InContinuumUnit(const ObservationCode& code, std::string_view value);

}  // namespace continuum
