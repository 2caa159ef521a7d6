#include "evaluation/outcome_catalogue.h"

#include "core/csv.h"
#include "core/embedded.h"

namespace continuum {
namespace {

constexpr char kFile[] = "data/evaluation/outcomes.csv";

Status Bad(int64_t line, const std::string& reason) {
  return Status::Internal(std::string(kFile) + " line " + std::to_string(line) + ": " + reason);
}

}  // namespace

Result<std::vector<OutcomeDefinition>> OutcomeCatalogue() {
  const CsvFile file = CsvFile::FromText("outcomes.csv", std::string(EmbeddedFile(kFile)));
  CsvCursor cursor(file);
  std::vector<std::string_view> f;
  std::vector<OutcomeDefinition> out;
  bool header = true;
  while (cursor.Next(&f)) {
    if (std::exchange(header, false)) continue;
    if (f.size() != 7) return Bad(cursor.line(), "expected 7 columns");
    OutcomeDefinition o;
    o.id = f[0];
    o.dimension = f[1];
    o.title = f[4];
    o.unit = f[5];
    o.lower_is_better = f[6] == "lower";
    const std::string_view kind = f[2], source = f[3];
    if (kind == "cost_per_head" || kind == "activity_rate") {
      o.kind = kind == "cost_per_head" ? OutcomeKind::kCostPerHead : OutcomeKind::kActivityRate;
      size_t at = 0;
      while (at < source.size()) {
        size_t end = source.find(' ', at);
        if (end == std::string_view::npos) end = source.size();
        const std::string_view code = source.substr(at, end - at);
        bool found = false;
        for (int s = 0; s < kSettingCount; ++s) {
          if (kSettingCodes[s] == code) {
            o.settings.push_back(static_cast<Setting>(s));
            found = true;
          }
        }
        if (!found) return Bad(cursor.line(), "unknown setting " + std::string(code));
        at = end + 1;
      }
    } else if (kind == "indicator") {
      o.kind = OutcomeKind::kIndicator;
      o.indicator = source;
    } else if (kind == "continuity") {
      o.kind = OutcomeKind::kContinuity;
      if (source == "usual_provider") {
        o.index = ContinuityIndex::kUsualProvider;
      } else if (source == "bice_boxerman") {
        o.index = ContinuityIndex::kBiceBoxerman;
      } else if (source == "sequential") {
        o.index = ContinuityIndex::kSequential;
      } else {
        return Bad(cursor.line(), "unknown continuity index " + std::string(source));
      }
    } else if (kind == "fragmentation") {
      o.kind = OutcomeKind::kFragmentation;
      if (source == "providers") {
        o.fragmentation = FragmentationMeasure::kProviders;
      } else if (source == "setting_handoffs") {
        o.fragmentation = FragmentationMeasure::kSettingHandoffs;
      } else {
        return Bad(cursor.line(), "unknown fragmentation measure " + std::string(source));
      }
    } else {
      return Bad(cursor.line(), "unknown kind " + std::string(kind));
    }
    out.push_back(std::move(o));
  }
  if (!cursor.status().ok()) return Bad(cursor.line(), cursor.status().message());
  return out;
}

const OutcomeDefinition* FindOutcome(const std::vector<OutcomeDefinition>& outcomes,
                                     std::string_view id) {
  for (const OutcomeDefinition& o : outcomes) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

}  // namespace continuum
