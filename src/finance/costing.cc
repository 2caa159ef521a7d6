#include "finance/costing.h"

#include <algorithm>
#include <cmath>
#include <thread>

#include "finance/hrg_chapter.h"

namespace continuum {
namespace {

constexpr int kGroups = 27;  // 0: no chapter; 1 + letter - 'A'
constexpr int32_t kNoPrice = -1;
constexpr int64_t kEventCostLimit = 1'000'000'000;  // £10,000,000, as import caps a recorded cost

// The tariff resolved against one population's dictionaries, so pricing an event is a few
// array lookups: the most specific price wins (specialty and chapter, then specialty, then
// chapter, then the setting alone).
class Pricer {
 public:
  Pricer(const Population& p, const Tariff& tariff) {
    // Tariff specialties get dense ids 0..n-1; n stands for "not in the tariff".
    std::vector<std::string> specialties;
    for (const TariffPrice& price : tariff.prices)
      if (!price.specialty.empty() &&
          std::find(specialties.begin(), specialties.end(), price.specialty) == specialties.end())
        specialties.push_back(price.specialty);
    const int none = static_cast<int>(specialties.size());
    stride_ = none + 1;
    const EventColumns& e = p.events;
    specialty_.assign(e.specialties.size() + 1, none);  // the last entry: no specialty
    for (uint32_t k = 0; k < e.specialties.size(); ++k) {
      auto at = std::find(specialties.begin(), specialties.end(), e.specialties.Value(k));
      if (at != specialties.end()) specialty_[k] = static_cast<int>(at - specialties.begin());
    }
    group_.assign(e.diagnoses.size() + 1, 0);  // the last entry: no diagnosis
    for (uint32_t d = 0; d < e.diagnoses.size(); ++d) {
      const char chapter = HrgChapterOf(e.diagnoses.Value(d));
      group_[d] = chapter ? 1 + chapter - 'A' : 0;
    }
    // Exact (setting, specialty, group) cells first, then fill each cell from its fallbacks.
    std::vector<int32_t> exact(kSettingCount * stride_ * kGroups, kNoPrice);
    for (size_t i = 0; i < tariff.prices.size(); ++i) {
      const TariffPrice& price = tariff.prices[i];
      const int s = price.specialty.empty()
                        ? none
                        : static_cast<int>(
                              std::find(specialties.begin(), specialties.end(), price.specialty) -
                              specialties.begin());
      exact[Cell(int(price.setting), s, price.group ? 1 + price.group - 'A' : 0)] =
          static_cast<int32_t>(i);
    }
    resolved_.assign(exact.size(), kNoPrice);
    for (int setting = 0; setting < kSettingCount; ++setting)
      for (int s = 0; s <= none; ++s)
        for (int g = 0; g < kGroups; ++g) {
          int32_t best = exact[Cell(setting, s, g)];
          if (best == kNoPrice) best = exact[Cell(setting, s, 0)];
          if (best == kNoPrice) best = exact[Cell(setting, none, g)];
          if (best == kNoPrice) best = exact[Cell(setting, none, 0)];
          resolved_[Cell(setting, s, g)] = best;
        }
    for (const TariffPrice& price : tariff.prices)
      cells_.push_back({price.unit_cost, price.excess_bed_day,
                        price.trim_point >= 0 ? price.trim_point : INT32_MAX});
    factor_.assign(p.organisations.size(), 1.0);
    for (const auto& [org, factor] : tariff.market_forces) {
      const uint32_t o = p.organisations.ids.Find(org);
      if (o != Dictionary::kMissing && factor != 1.0) {
        factor_[o] = factor;
        has_factors_ = true;
      }
    }
  }

  // The tariff cost of event `i` in pence, or kNoCost with *reason set.
  int64_t Price(const EventColumns& e, size_t i, UncostedReason* reason) const {
    const uint16_t k = e.specialty[i];
    const uint32_t d = e.diagnosis[i];
    const int s = specialty_[k == UINT16_MAX ? specialty_.size() - 1 : k];
    const int g = group_[d == Dictionary::kMissing ? group_.size() - 1 : d];
    const int32_t at = resolved_[Cell(e.setting[i], s, g)];
    if (at == kNoPrice) {
      *reason = UncostedReason::kNoPrice;
      return kNoCost;
    }
    const PriceCell& price = cells_[at];
    int64_t cost = price.unit_cost * static_cast<int64_t>(e.quantity[i]);
    const uint16_t stay = e.length_of_stay[i];  // kNoStay is above any trim point but never used
    if (stay != kNoStay && stay > price.trim_point)
      cost += price.excess_bed_day * (stay - price.trim_point);
    if (has_factors_) {
      const double factor = factor_[e.provider[i]];
      if (factor != 1.0) cost = std::llround(static_cast<double>(cost) * factor);
    }
    if (cost > kEventCostLimit) {
      *reason = UncostedReason::kOverLimit;
      return kNoCost;
    }
    return cost;
  }

 private:
  size_t Cell(int setting, int specialty, int group) const {
    return (static_cast<size_t>(setting) * stride_ + specialty) * kGroups + group;
  }

  // A price as the hot loop needs it; trim_point INT32_MAX when there are no excess bed days.
  struct PriceCell {
    int64_t unit_cost, excess_bed_day;
    int32_t trim_point;
  };
  std::vector<PriceCell> cells_;  // parallel to tariff.prices
  bool has_factors_ = false;      // any provider with a factor other than 1
  int stride_ = 1;
  std::vector<int> specialty_;     // population specialty id -> tariff specialty id
  std::vector<uint8_t> group_;     // population diagnosis id -> chapter group
  std::vector<int32_t> resolved_;  // (setting, tariff specialty, group) -> price index
  std::vector<double> factor_;     // market forces factor by organisation index
};

struct Part {
  int64_t recorded_events = 0, priced_events = 0;
  Pence recorded_cost = 0, priced_cost = 0;
  std::vector<uint32_t> uncosted;
  std::vector<UncostedReason> reasons;
};

void CostRange(const Population& p, const Pricer& pricer, CostingMode mode, size_t begin,
               size_t end, int32_t* out, Part* part) {
  const EventColumns& e = p.events;
  const int32_t* recorded_cost = e.cost.data();
  const bool keep_recorded = mode == CostingMode::kRecordedFirst;
  // Sums in locals: the compiler cannot keep them in registers through `part`, which the
  // stores to `out` might alias.
  int64_t recorded_events = 0, priced_events = 0;
  Pence recorded_sum = 0, priced_sum = 0;
  for (size_t i = begin; i < end; ++i) {
    const int32_t recorded = keep_recorded ? recorded_cost[i] : kNoCost;
    if (recorded >= 0) {
      out[i] = recorded;
      ++recorded_events;
      recorded_sum += recorded;
      continue;
    }
    UncostedReason reason = UncostedReason::kNoPrice;
    const int64_t priced = pricer.Price(e, i, &reason);
    out[i] = static_cast<int32_t>(priced);
    if (priced == kNoCost) {
      part->uncosted.push_back(static_cast<uint32_t>(i));
      part->reasons.push_back(reason);
    } else {
      ++priced_events;
      priced_sum += priced;
    }
  }
  part->recorded_events = recorded_events;
  part->priced_events = priced_events;
  part->recorded_cost = recorded_sum;
  part->priced_cost = priced_sum;
}

}  // namespace

Costing CostActivity(const Population& population, const Tariff& tariff, CostingMode mode) {
  Costing costing{.tariff_name = tariff.name, .mode = mode};
  const size_t n = population.events.size();
  costing.cost.resize(n);
  const Pricer pricer(population, tariff);
  // Two halves on two threads: the scan is memory-bound and the machine has two cores.
  const size_t threads = n < 200'000 ? 1 : 2;
  std::vector<Part> parts(threads);
  std::vector<std::thread> workers;
  for (size_t t = 1; t < threads; ++t)
    workers.emplace_back([&, t] {
      CostRange(population, pricer, mode, n * t / threads, n * (t + 1) / threads,
                costing.cost.data(), &parts[t]);
    });
  CostRange(population, pricer, mode, 0, n / threads, costing.cost.data(), &parts[0]);
  for (std::thread& w : workers) w.join();
  for (Part& part : parts) {
    costing.recorded_events += part.recorded_events;
    costing.priced_events += part.priced_events;
    costing.recorded_cost += part.recorded_cost;
    costing.priced_cost += part.priced_cost;
    costing.uncosted.insert(costing.uncosted.end(), part.uncosted.begin(), part.uncosted.end());
    costing.uncosted_reason.insert(costing.uncosted_reason.end(), part.reasons.begin(),
                                   part.reasons.end());
  }
  return costing;
}

}  // namespace continuum
