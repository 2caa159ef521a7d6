#include "generate/calibration.h"

#include <cassert>
#include <cstdlib>

#include "core/embedded.h"

namespace continuum {

double Targets::Get(const std::string& measure) const {
  auto it = values_.find(measure);
  assert(it != values_.end() && "a calibration target is missing from targets.csv");
  return it == values_.end() ? 0.0 : it->second;
}

const Targets& CalibrationTargets() {
  static const Targets* targets = [] {
    auto* t = new Targets();
    std::string_view text = EmbeddedFile("data/calibration/targets.csv");
    bool header = true;
    while (!text.empty()) {
      const size_t end = text.find('\n');
      const std::string line(text.substr(0, end));
      text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
      if (header || line.empty()) {
        header = false;
        continue;
      }
      const size_t comma = line.find(',');
      t->values_[line.substr(0, comma)] = std::strtod(line.c_str() + comma + 1, nullptr);
    }
    return t;
  }();
  return *targets;
}

}  // namespace continuum
