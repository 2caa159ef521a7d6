#include "finance/costing_report.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/csv.h"
#include "finance/hrg_chapter.h"

namespace continuum {
namespace {

// Whether event `i` counts: every event, or those of the ICO's member practices' patients.
bool Counts(const EventColumns& e, size_t i, const IcoScope* ico) {
  return ico == nullptr || (e.practice[i] < ico->member.size() && ico->member[e.practice[i]]);
}

}  // namespace

CostingReport SummariseCosting(const Population& population, const Costing& costing,
                               const IcoScope* ico) {
  CostingReport r{.tariff_name = costing.tariff_name};
  if (ico != nullptr) r.ico_id = population.organisations.ids.Value(ico->ico);
  const EventColumns& e = population.events;
  for (size_t i = 0; i < e.size(); ++i) {
    if (!Counts(e, i, ico)) continue;
    CostingSetting& s = r.settings[e.setting[i]];
    ++s.events;
    if (costing.cost[i] == kNoCost) {
      ++s.uncosted_events;
    } else if (costing.IsRecorded(e, i)) {
      ++s.recorded_events;
      s.recorded_cost += costing.cost[i];
    } else {
      ++s.priced_events;
      s.priced_cost += costing.cost[i];
    }
  }
  for (const CostingSetting& s : r.settings) {
    r.total.events += s.events;
    r.total.recorded_events += s.recorded_events;
    r.total.priced_events += s.priced_events;
    r.total.uncosted_events += s.uncosted_events;
    r.total.recorded_cost += s.recorded_cost;
    r.total.priced_cost += s.priced_cost;
  }
  std::map<std::tuple<int, uint32_t, int>, UncostedGroup> groups;
  for (size_t k = 0; k < costing.uncosted.size(); ++k) {
    const uint32_t i = costing.uncosted[k];
    if (!Counts(e, i, ico)) continue;
    const UncostedReason reason = costing.uncosted_reason[k];
    auto [at, added] =
        groups.try_emplace({e.setting[i], e.provider[i], int(reason)},
                           UncostedGroup{Setting(e.setting[i]), e.provider[i], reason, 0, e.id[i]});
    ++at->second.events;
  }
  for (auto& [key, group] : groups) r.uncosted.push_back(group);
  std::stable_sort(
      r.uncosted.begin(), r.uncosted.end(),
      [](const UncostedGroup& a, const UncostedGroup& b) { return a.events > b.events; });
  return r;
}

std::string DescribeUncosted(const Population& population, size_t i, UncostedReason reason) {
  const EventColumns& e = population.events;
  if (reason == UncostedReason::kOverLimit)
    return "the tariff price is above the 10,000,000.00 pounds one event may cost";
  std::string what = "no price fits (setting " + std::string(kSettingCodes[e.setting[i]]);
  if (e.specialty[i] != UINT16_MAX) what += ", specialty " + e.specialties.Value(e.specialty[i]);
  if (e.diagnosis[i] != Dictionary::kMissing) {
    const char chapter = HrgChapterOf(e.diagnoses.Value(e.diagnosis[i]));
    if (chapter) what += ", HRG chapter " + std::string(1, chapter);
  }
  return what + ")";
}

Status WriteUncostedEvents(const Population& population, const Costing& costing,
                           const std::string& path, const IcoScope* ico) {
  auto writer = CsvWriter::Create(path);
  if (!writer.ok()) return writer.status();
  CsvWriter& w = **writer;
  for (std::string_view h : {"event_id", "patient_id", "date", "setting", "provider_id",
                             "specialty", "diagnosis", "quantity", "length_of_stay", "reason"})
    w.Field(h);
  w.EndRow();
  const EventColumns& e = population.events;
  for (size_t k = 0; k < costing.uncosted.size(); ++k) {
    const uint32_t i = costing.uncosted[k];
    if (!Counts(e, i, ico)) continue;
    w.Field(e.id[i]);
    w.Field(population.patients.id[e.patient[i]]);
    w.Field(FormatDate(e.day[i]));
    w.Field(kSettingCodes[e.setting[i]]);
    w.Field(population.organisations.ids.Value(e.provider[i]));
    w.Field(e.specialty[i] == UINT16_MAX ? "" : e.specialties.Value(e.specialty[i]));
    w.Field(e.diagnosis[i] == Dictionary::kMissing ? "" : e.diagnoses.Value(e.diagnosis[i]));
    w.Field(static_cast<int64_t>(e.quantity[i]));
    if (e.length_of_stay[i] == kNoStay)
      w.Field("");
    else
      w.Field(static_cast<int64_t>(e.length_of_stay[i]));
    w.Field(DescribeUncosted(population, i, costing.uncosted_reason[k]));
    w.EndRow();
  }
  return w.Close();
}

}  // namespace continuum
