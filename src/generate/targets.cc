#include "generate/targets.h"

#include <cassert>
#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "core/csv.h"
#include "core/embedded.h"

namespace continuum {

Result<CalibrationTargets> CalibrationTargets::Parse(std::string_view csv_text) {
  const CsvFile file = CsvFile::FromText("targets.csv", std::string(csv_text));
  CsvCursor cursor(file);
  std::vector<std::string_view> fields;
  CalibrationTargets targets;
  bool header = true;
  while (cursor.Next(&fields)) {
    if (header) {
      header = false;
      continue;
    }
    CalibrationTarget t;
    auto number = [](std::string_view text, double* out) {
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *out);
      return error == std::errc() && end == text.data() + text.size();
    };
    if (fields.size() != 5 || !number(fields[1], &t.target) ||
        !number(fields[2], &t.tolerance_pct)) {
      return Status::InvalidInput("targets.csv line " + std::to_string(cursor.line()) +
                                  ": expected measure,target,tolerance_pct,unit,source");
    }
    t.measure = std::string(fields[0]);
    t.unit = std::string(fields[3]);
    t.source = std::string(fields[4]);
    targets.targets_.push_back(std::move(t));
  }
  if (!cursor.status().ok()) {
    return Status::InvalidInput("targets.csv line " + std::to_string(cursor.line()) + ": " +
                                cursor.status().message());
  }
  return targets;
}

const CalibrationTarget* CalibrationTargets::Find(std::string_view measure) const {
  for (const CalibrationTarget& t : targets_) {
    if (t.measure == measure) return &t;
  }
  return nullptr;
}

double CalibrationTargets::Value(std::string_view measure) const {
  const CalibrationTarget* t = Find(measure);
  assert(t != nullptr && "data/calibration/targets.csv lacks a measure the generator needs");
  return t == nullptr ? 0.0 : t->target;
}

const CalibrationTargets& Targets() {
  static const CalibrationTargets* targets = [] {
    auto parsed = CalibrationTargets::Parse(EmbeddedFile("data/calibration/targets.csv"));
    if (!parsed.ok()) {
      // The file is compiled in; a malformed copy is a build defect, not a user error.
      std::fprintf(stderr, "continuum: %s\n", parsed.status().message().c_str());
      std::abort();
    }
    return new CalibrationTargets(std::move(parsed).value());
  }();
  return *targets;
}

}  // namespace continuum
