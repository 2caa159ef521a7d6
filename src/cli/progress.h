// A progress bar on stderr for long work, drawn only when stderr is a terminal.
//
//   ProgressBar bar("importing");
//   bar.Update(0.42);   // [#########            ]  42% importing
//   bar.Finish();
#pragma once

#include <string>

namespace continuum {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar() { Finish(); }
  void Update(double fraction);
  void Finish();

 private:
  std::string label_;
  bool enabled_;
  int last_percent_ = -1;
};

}  // namespace continuum
