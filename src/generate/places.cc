#include "generate/places.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/random.h"

namespace continuum {
namespace {

constexpr uint64_t kPlacesStream = 0x504C4143ULL;  // "PLAC"
constexpr int kSyntheticLsoaLimit = 9999;          // E01990001 .. E01999999
constexpr double kPeoplePerLsoa = 1600;

std::string SyntheticLsoaCode(int number) {
  std::string digits = std::to_string(number);
  digits.insert(0, 4 - digits.size(), '0');
  return "E0199" + digits;
}

// Deprivation percentiles (1 = most deprived) for a row of `count` LSOAs: a random walk ranked
// into evenly spaced values, so neighbours are alike, then bent so that their mean is `mean`.
std::vector<double> DeprivationRow(int count, double mean, Rng* rng) {
  std::vector<double> walk(count);
  double level = 0;
  for (int i = 0; i < count; ++i) {
    level += rng->Normal();
    walk[i] = level + rng->Normal(0.0, 1.5);
  }
  std::vector<int> order(count);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return walk[a] < walk[b]; });
  std::vector<double> percentile(count);
  for (int rank = 0; rank < count; ++rank) {
    const double v = (rank + 0.5) / count;
    // v^k has mean 1/(k+1); mirrored for areas more deprived than the middle.
    percentile[order[rank]] = mean <= 0.5 ? std::pow(v, 1.0 / mean - 1.0)
                                          : 1.0 - std::pow(1.0 - v, 1.0 / (1.0 - mean) - 1.0);
  }
  return percentile;
}

int DecileOf(double percentile) {
  return std::clamp(10 - static_cast<int>(percentile * 10), 1, 10);
}

// A synthetic LSOA's population: the base structure tilted towards the old (affluent places) or
// the young (deprived places, or at random).
AgeSexTable TiltedPopulation(const AgeSexTable& base, double tilt, double size) {
  AgeSexTable table;
  for (int s = 0; s < 2; ++s) {
    for (int a = 0; a <= kMaxAge; ++a) {
      table.count[s][a] = base.count[s][a] * std::exp(tilt * (a - 40) / 40.0);
    }
  }
  const double scale = size / table.Total();
  for (auto& ages : table.count) {
    for (double& c : ages) c *= scale;
  }
  return table;
}

}  // namespace

int Places::DrawLsoa(int practice, double u) const {
  const std::vector<double>& cumulative = catchment_weight_[practice];
  const size_t k = std::upper_bound(cumulative.begin(), cumulative.end(), u * cumulative.back()) -
                   cumulative.begin();
  return catchment_lsoas_[practice][std::min(k, cumulative.size() - 1)];
}

Places BuildPlaces(const World& world, const Area* area, const AgeSexTable& england,
                   uint64_t seed) {
  Places places;
  Rng rng = Rng::ForStream(seed, kPlacesStream);
  const bool real_lsoas = area != nullptr && !area->lsoas.empty();
  const AgeSexTable& base = area != nullptr ? area->population : england;
  const double mean_deprivation = area != nullptr ? area->deprivation : 0.5;

  // Each group's row of LSOAs, as indexes into places.lsoas_.
  std::vector<std::vector<int>> rows(world.groups.size());
  if (real_lsoas) {
    std::vector<int> row(area->lsoas.size());
    std::iota(row.begin(), row.end(), 0);
    // A real area's deciles depend on its LSOA codes only, never on the seed.
    uint64_t area_seed = kPlacesStream;
    for (const AreaLsoa& lsoa : area->lsoas) {
      for (char c : lsoa.code) area_seed = (area_seed ^ static_cast<uint8_t>(c)) * 0x100000001B3ULL;
    }
    Rng area_rng(area_seed);
    const std::vector<double> deprivation = DeprivationRow(row.size(), mean_deprivation, &area_rng);
    for (size_t i = 0; i < area->lsoas.size(); ++i) {
      Lsoa lsoa;
      lsoa.code = area->lsoas[i].code;
      lsoa.decile = DecileOf(deprivation[i]);
      lsoa.population = area->lsoas[i].population;
      places.lsoas_.push_back(std::move(lsoa));
    }
    for (auto& r : rows) r = row;
  } else {
    int64_t people = std::max<int64_t>(1, world.TotalListSize());
    const double per_lsoa = std::max(kPeoplePerLsoa, people / (0.9 * kSyntheticLsoaLimit));
    for (size_t g = 0; g < world.groups.size(); ++g) {
      int64_t group_people = 0;
      for (int p : world.groups[g]) group_people += world.practices[p].list_size;
      const int room = kSyntheticLsoaLimit - static_cast<int>(places.lsoas_.size());
      const int count =
          std::clamp(static_cast<int>(std::lround(group_people / per_lsoa)), 1, std::max(1, room));
      const std::vector<double> deprivation = DeprivationRow(count, mean_deprivation, &rng);
      for (int i = 0; i < count; ++i) {
        Lsoa lsoa;
        lsoa.code = SyntheticLsoaCode(static_cast<int>(places.lsoas_.size()) + 1);
        lsoa.decile = DecileOf(deprivation[i]);
        const double tilt = 0.4 * (0.5 - deprivation[i]) + rng.Normal(0.0, 0.15);
        lsoa.population = TiltedPopulation(base, tilt, per_lsoa * rng.LogNormal(0.0, 0.15));
        rows[g].push_back(static_cast<int>(places.lsoas_.size()));
        places.lsoas_.push_back(std::move(lsoa));
      }
    }
  }
  for (Lsoa& lsoa : places.lsoas_) lsoa.ages = AgeSexSampler(lsoa.population);

  // Catchments: a Gaussian kernel around each practice's centre along its group's row, over a
  // floor so that a few patients come from anywhere.
  for (const Practice& practice : world.practices) {
    const std::vector<int>& row = rows[practice.group];
    std::vector<double> cumulative;
    double running = 0;
    std::vector<int> lsoas;
    for (size_t i = 0; i < row.size(); ++i) {
      const double x = (i + 0.5) / row.size();
      // Large rows keep only nearby LSOAs, to bound the tables' size.
      if (row.size() > 400 && std::fabs(x - practice.position) > 0.3) continue;
      const double d = (x - practice.position) / 0.08;
      running += places.lsoas_[row[i]].population.Total() * (std::exp(-0.5 * d * d) + 0.01);
      cumulative.push_back(running);
      lsoas.push_back(row[i]);
    }
    places.catchment_lsoas_.push_back(std::move(lsoas));
    places.catchment_weight_.push_back(std::move(cumulative));
  }
  return places;
}

}  // namespace continuum
