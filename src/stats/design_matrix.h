// A sparse design matrix for regression on patient features: one row a patient, a few non-zero
// (column, value) entries a row, stored row by row (compressed sparse rows) with 32-bit column
// indexes and float values. Binary flags are entries of value 1; zeros are not stored.
//
//   DesignMatrix x({"age_sex:F_65-74", "condition:copd", "log_emergency_admissions"});
//   x.Add(0);  x.Add(2, std::log1p(3.0f));  x.EndRow();   // a woman of 70, three admissions
//   x.EndRow();                                           // a row with no features at all
//   for (const auto [column, value] : x.Row(0)) ...
#pragma once

#include <cassert>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace continuum {

class DesignMatrix {
 public:
  // One non-zero entry of a row.
  struct Entry {
    uint32_t column;
    float value;
  };

  // A row's entries in ascending column order, each column at most once.
  class RowView {
   public:
    RowView(const uint32_t* columns, const float* values, size_t size)
        : columns_(columns), values_(values), size_(size) {}
    size_t size() const { return size_; }
    uint32_t column(size_t i) const { return columns_[i]; }
    float value(size_t i) const { return values_[i]; }
    Entry operator[](size_t i) const { return {columns_[i], values_[i]}; }

    class Iterator {
     public:
      Iterator(const RowView* row, size_t i) : row_(row), i_(i) {}
      Entry operator*() const { return (*row_)[i_]; }
      Iterator& operator++() {
        ++i_;
        return *this;
      }
      bool operator!=(const Iterator& other) const { return i_ != other.i_; }

     private:
      const RowView* row_;
      size_t i_;
    };
    Iterator begin() const { return {this, 0}; }
    Iterator end() const { return {this, size_}; }

   private:
    const uint32_t* columns_;
    const float* values_;
    size_t size_;
  };

  explicit DesignMatrix(std::vector<std::string> column_names)
      : column_names_(std::move(column_names)) {}

  // Room for `rows` rows holding `entries` non-zero entries in all.
  void Reserve(size_t rows, size_t entries) {
    row_start_.reserve(rows + 1);
    columns_.reserve(entries);
    values_.reserve(entries);
  }

  // Adds an entry to the row being built; a zero value adds nothing. Each column at most once
  // a row, in any order.
  void Add(uint32_t column, float value = 1.0f) {
    assert(column < column_names_.size());
    if (value == 0) return;
    columns_.push_back(column);
    values_.push_back(value);
  }
  // Ends the row being built (sorting its entries by column) and starts the next.
  void EndRow();

  size_t rows() const { return row_start_.size() - 1; }
  size_t columns() const { return column_names_.size(); }
  size_t entries() const { return columns_.size(); }
  const std::vector<std::string>& column_names() const { return column_names_; }

  RowView Row(size_t row) const {
    assert(row < rows());
    const size_t begin = row_start_[row];
    return {columns_.data() + begin, values_.data() + begin, row_start_[row + 1] - begin};
  }

  // Σ weight[column] × value over a row's entries: the linear predictor without its intercept.
  double Dot(size_t row, const double* weight) const {
    double sum = 0;
    for (uint64_t i = row_start_[row]; i < row_start_[row + 1]; ++i) {
      sum += weight[columns_[i]] * values_[i];
    }
    return sum;
  }

  // The compressed-sparse-row arrays, for writing the matrix out: row r's entries are
  // [row_starts()[r], row_starts()[r + 1]) of column_indexes() and values().
  std::span<const uint64_t> row_starts() const { return row_start_; }
  std::span<const uint32_t> column_indexes() const { return columns_; }
  std::span<const float> values() const { return values_; }

  // InvalidInput naming the first row and column whose value is NaN or infinite.
  Status CheckFinite() const;

 private:
  std::vector<std::string> column_names_;
  // Where each row's entries begin in columns_ and values_, and one past the last row's end.
  std::vector<uint64_t> row_start_{0};
  std::vector<uint32_t> columns_;
  std::vector<float> values_;
};

}  // namespace continuum
