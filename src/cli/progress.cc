#include "cli/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace continuum {

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)), enabled_(isatty(STDERR_FILENO) == 1) {}

void ProgressBar::Update(double fraction) {
  if (!enabled_) return;
  const int percent = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 100);
  if (percent == last_percent_) return;
  last_percent_ = percent;
  constexpr int kWidth = 30;
  const int filled = percent * kWidth / 100;
  std::fprintf(stderr, "\r[%s%s] %3d%% %s", std::string(filled, '#').c_str(),
               std::string(kWidth - filled, ' ').c_str(), percent, label_.c_str());
  std::fflush(stderr);
}

void ProgressBar::Finish() {
  if (!enabled_ || last_percent_ < 0) return;
  std::fprintf(stderr, "\r%*s\r", static_cast<int>(label_.size()) + 40, "");
  std::fflush(stderr);
  last_percent_ = -1;
}

}  // namespace continuum
