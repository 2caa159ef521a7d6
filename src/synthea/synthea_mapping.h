// How Synthea's CSV output becomes the interchange tables (docs/synthea.md): the column each
// interchange column is read from, an encounter class's setting, a clinician's role, a smoking
// status written as words. docs/synthea.md prints the table; a test keeps the two in step.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "model/codes.h"
#include "model/schema.h"

namespace continuum {

struct SyntheaMapping {
  TableId table;
  std::string_view file;  // the Synthea file a row of the table is read from
  std::string_view column;
  std::string_view synthea;  // its column there; empty when the value is made another way
  std::string_view how;      // how the value is read or made, where it is not plain
};

std::span<const SyntheaMapping> SyntheaMappings();
// The Synthea column a table's column was read from in `file`; the column itself for none.
std::string_view SyntheaColumnOf(TableId table, std::string_view file, std::string_view column);

// An encounter class's setting: wellness, ambulatory and virtual at a practice are GP contacts
// (ambulatory elsewhere a first outpatient attendance), outpatient a follow-up, emergency and
// urgentcare A&E, inpatient an emergency admission when the patient came through A&E or urgent
// care that day and an elective one otherwise, home and snf community care, hospice end-of-life
// care. None for a class Synthea does not write.
std::optional<Setting> SettingOfSyntheaClass(std::string_view klass, bool at_practice,
                                             bool after_emergency);
// A clinician's role from their SPECIALITY: GENERAL PRACTICE is a GP, any other a consultant.
std::string_view StaffRoleOfSpeciality(std::string_view speciality);
// Synthea's smoking status (LOINC 72166-2), written as its value's words ("Never smoked tobacco
// (finding)", "Former smoker (finding)", "Current every day smoker (finding)"): never, ex or
// current; empty for words that say none of them.
std::string SmokingStatusOfText(std::string_view text);

}  // namespace continuum
