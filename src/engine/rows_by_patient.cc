#include "engine/rows_by_patient.h"

namespace continuum {

RowsByPatient RowsByPatient::Of(std::span<const uint32_t> patient, size_t patients) {
  RowsByPatient index;
  index.first_.assign(patients + 1, 0);
  for (uint32_t p : patient) ++index.first_[p + 1];
  for (size_t i = 1; i <= patients; ++i) index.first_[i] += index.first_[i - 1];
  index.rows_.resize(patient.size());
  std::vector<uint32_t> next(index.first_.begin(), index.first_.end() - 1);
  for (uint32_t row = 0; row < patient.size(); ++row) index.rows_[next[patient[row]]++] = row;
  return index;
}

}  // namespace continuum
