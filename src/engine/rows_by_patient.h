// A table's rows grouped by patient, built once in O(n) by a counting sort, for analyses that
// follow each patient's care through several tables (clinical/pathway_engine.cc).
//
//   RowsByPatient events = RowsByPatient::Of(p.events.patient, p.patients.size());
//   for (uint32_t e : events.Of(patient)) ...   // the patient's rows, in table order
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace continuum {

class RowsByPatient {
 public:
  // Groups the rows of a table whose patient column is `patient` (each below `patients`).
  static RowsByPatient Of(std::span<const uint32_t> patient, size_t patients);

  std::span<const uint32_t> Of(uint32_t patient) const {
    return {rows_.data() + first_[patient], rows_.data() + first_[patient + 1]};
  }
  // The rows of patients [0, patient): where patient's rows start in the grouped order.
  uint32_t RowsBefore(uint32_t patient) const { return first_[patient]; }

 private:
  std::vector<uint32_t> first_;  // patients + 1 offsets into rows_
  std::vector<uint32_t> rows_;   // row indexes, by patient, each patient's in table order
};

}  // namespace continuum
