// The conditions of people listed in a CSV file of `id,code` rows, one ICD-10 diagnosis a row,
// as `continuum comorbidity` reads it:
//
//   id,code
//   A17,I50.0
//   A17,e112
//   B02,
//
//   Result<CsvFile> file = CsvFile::Read("codes.csv");
//   Result<PersonComorbidities> people = ReadPersonCodes(*file);
#pragma once

#include <string>
#include <vector>

#include "clinical/comorbidity.h"
#include "core/csv.h"

namespace continuum {

struct PersonComorbidities {
  std::vector<std::string> ids;        // in order of first appearance
  std::vector<ComorbidityMask> masks;  // each id's conditions, after the hierarchy
};

// Reads the rows. The first row is a header when its code is not shaped like an ICD-10 code;
// blank lines are skipped; a row with an empty code lists its id without adding a condition.
// Every problem (an empty id, a code not shaped like ICD-10, not two columns) is reported, up
// to 20 of them, a line each, in one InvalidInput status naming file, line and column.
Result<PersonComorbidities> ReadPersonCodes(const CsvFile& file);

}  // namespace continuum
