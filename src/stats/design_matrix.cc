#include "stats/design_matrix.h"

#include <algorithm>
#include <cmath>

namespace continuum {

void DesignMatrix::EndRow() {
  // Insertion sort: a row holds a few entries, usually added in order already.
  const size_t begin = row_start_.back(), end = columns_.size();
  for (size_t i = begin + 1; i < end; ++i) {
    const uint32_t column = columns_[i];
    const float value = values_[i];
    size_t j = i;
    for (; j > begin && columns_[j - 1] > column; --j) {
      columns_[j] = columns_[j - 1];
      values_[j] = values_[j - 1];
    }
    columns_[j] = column;
    values_[j] = value;
    assert(j == begin || columns_[j - 1] != column);  // a column twice in one row
  }
  row_start_.push_back(end);
}

Status DesignMatrix::CheckFinite() const {
  for (size_t i = 0; i < values_.size(); ++i) {
    if (std::isfinite(values_[i])) continue;
    const size_t row =
        std::upper_bound(row_start_.begin(), row_start_.end(), i) - row_start_.begin() - 1;
    return Status::InvalidInput("row " + std::to_string(row) + ", column " +
                                column_names_[columns_[i]] + ": " + std::to_string(values_[i]) +
                                " is not a finite number");
  }
  return Status::Ok();
}

}  // namespace continuum
