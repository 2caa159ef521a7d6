// docs/fhir.md prints the mapping table of fhir_mapping.cc row for row.
#include "fhir/fhir_mapping.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace continuum::fhir {
namespace {

TEST(FhirMapping, DocsPrintEveryRowOfTheTable) {
  std::ifstream in(std::string(CONTINUUM_SOURCE_DIR) + "/docs/fhir.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string docs = text.str();
  ASSERT_FALSE(docs.empty());
  for (const ElementMapping& m : ElementMappings()) {
    const std::string row = "| " + std::string(Table(m.table).file) + " | `" +
                            std::string(m.column) + "` | " + std::string(m.resource) + " | `" +
                            std::string(m.element) + "` | " + std::string(m.note) + " |";
    EXPECT_NE(docs.find(row), std::string::npos) << "docs/fhir.md lacks the row\n" << row;
  }
}

TEST(FhirMapping, EveryColumnOfEveryTableIsMapped) {
  for (const TableSpec& table : Tables()) {
    for (const ColumnSpec& column : table.columns) {
      bool mapped = false;
      for (const ElementMapping& m : ElementMappings()) {
        mapped |= m.table == table.id && m.column == column.name;
      }
      EXPECT_TRUE(mapped) << table.file << " " << column.name;
    }
  }
}

}  // namespace
}  // namespace continuum::fhir
