// The interchange format and the workspace tables, declared once: every table's columns with
// their type, whether they are required, what they mean and an example. Import validation,
// the SQLite schema, export and docs/data-format.md all follow these declarations.
//
//   const TableSpec& t = Table(TableId::kPatients);
//   t.file            // "patients.csv"
//   t.columns[1].name // "nhs_number"
#pragma once

#include <span>
#include <string_view>

#include "model/codes.h"

namespace continuum {

enum class ColumnType : uint8_t {
  kInteger,    // whole number, stored as INTEGER
  kText,       // free UTF-8 text
  kKey,        // an identifier: letters, digits, '-' and '_' only
  kDate,       // YYYY-MM-DD; stored as an INTEGER day number (<name>_readable shows the date)
  kPounds,     // money in pounds with up to 2 decimals; stored as INTEGER pence (<name>_pence)
  kCode,       // one of a closed code list (ColumnSpec::codes)
  kNhsNumber,  // ten digits passing the Modulus 11 check
  kIcd10,      // an ICD-10 diagnosis code
  kOpcs4,      // an OPCS-4 procedure code
  kSpecialty,  // an NHS treatment function code (data/codes/specialties.csv)
  kLsoa,       // an LSOA code
  kBnf,        // a British National Formulary code of a medicine
};

// Whether the workspace keeps a column of this type as an INTEGER (a whole number, a day number,
// pence) rather than as the text it was read as.
constexpr bool StoredAsInteger(ColumnType type) {
  return type == ColumnType::kInteger || type == ColumnType::kPounds || type == ColumnType::kDate;
}

struct ColumnSpec {
  std::string_view name;
  ColumnType type;
  bool required;
  std::string_view meaning;
  std::string_view example;
  CodeList codes = {};       // for kCode
  int64_t min = 0, max = 0;  // for kInteger when max > min: the allowed range
};

enum class TableId : uint8_t {
  kOrganisations,
  kStaff,
  kPatients,
  kRegistrations,
  kConditions,
  kObservations,
  kActivity,
  kDeaths,
  kReferrals,
  kMemberships,
};
inline constexpr int kTableCount = 10;

struct TableSpec {
  TableId id;
  std::string_view name;     // SQLite table name
  std::string_view file;     // CSV file name in an interchange folder
  std::string_view meaning;  // one sentence for the docs
  std::span<const ColumnSpec> columns;
  int key_columns;     // the first key_columns columns identify a row (0: none): the same
                       // key twice is a duplicate row
  bool key_is_row_id;  // the key is an integer id kept in row order (SQLite rowid)
  // Rows stored a block at a time (store/row_blocks.h) under a view of the table's name, instead
  // of one SQLite row each: for the one table of hundreds of millions of rows. The key is then an
  // integer id that the importer keeps unique (ingest/key_set.h).
  bool in_blocks = false;
  // For a table kept in blocks: the order its columns' values are kept in, by column index, the
  // key first and then those most often present, so that leaving out a row's trailing nulls
  // leaves out most of the rest.
  std::span<const uint8_t> block_order = {};
};

// All tables in load order: a table only refers to tables before it.
std::span<const TableSpec> Tables();
const TableSpec& Table(TableId id);
// Index of the column called `name` in `table`, or -1.
int ColumnIndex(const TableSpec& table, std::string_view name);

}  // namespace continuum
