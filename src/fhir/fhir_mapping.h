// The mapping between FHIR R4 elements and the interchange tables' columns, one row per column
// and resource type: what export writes each column as, what import reads it from, and the
// element a problem with the column is reported against. docs/fhir.md prints this table (a test
// keeps the two in step).
#pragma once

#include <span>
#include <string_view>

#include "model/schema.h"

namespace continuum::fhir {

struct ElementMapping {
  TableId table;
  std::string_view resource;  // the resource type a row of the table is read from
  std::string_view column;
  std::string_view element;  // FHIRPath-style: "Encounter.period.start"
  std::string_view note;     // how the value is written, where it is not plain
};

std::span<const ElementMapping> ElementMappings();
// The element a column of a row read from `resource` comes from; the column itself when the
// table has no mapping for it.
std::string_view ElementOf(TableId table, std::string_view resource, std::string_view column);

}  // namespace continuum::fhir
