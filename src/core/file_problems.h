// The problems found in one input file, each with its line and column, gathered so that a user
// sees all of them at once (up to 20, then how many more) rather than one per attempt.
//
//   FileProblems problems("series.csv");
//   problems.Add(12, "value", "'n/a' is not a number");
//   if (problems.any()) return problems.ToStatus();
//   // series.csv line 12, column value: 'n/a' is not a number
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace continuum {

class FileProblems {
 public:
  static constexpr size_t kMaxReported = 20;

  explicit FileProblems(std::string file) : file_(std::move(file)) {}

  // A problem at `line` (0: the whole file) in `column` (empty: the whole row).
  void Add(int64_t line, std::string_view column, const std::string& reason) {
    if (++count_ > kMaxReported) return;
    text_ += (text_.empty() ? "" : "\n") + file_;
    if (line > 0) text_ += " line " + std::to_string(line);
    if (!column.empty()) text_ += (line > 0 ? ", column " : " column ") + std::string(column);
    text_ += ": " + reason;
  }
  bool any() const { return count_ > 0; }
  size_t count() const { return count_; }
  // Every problem as one InvalidInput status, a line each.
  Status ToStatus() const {
    std::string message = text_;
    if (count_ > kMaxReported) {
      message += "\n... and " + std::to_string(count_ - kMaxReported) + " more problems";
    }
    return Status::InvalidInput(message);
  }

 private:
  std::string file_;
  std::string text_;
  size_t count_ = 0;
};

}  // namespace continuum
