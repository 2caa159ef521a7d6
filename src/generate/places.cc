#include "generate/places.h"

#include <algorithm>
#include <array>
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

// How the share of each age moves with an area's share of people aged 65 and over: the log
// change of the band's share per 10 points more aged 65+, at the bands' middle ages (0-4, 5-14,
// ..., 75-84, 85+). Fitted across the 139 LSOAs of Trafford in the ONS mid-2024 estimates
// (Trafford Data Lab open data): older places have fewer young adults and small children.
constexpr double kTiltAges[] = {2, 10, 20, 30, 40, 50, 60, 70, 80, 88};
constexpr double kTiltShape[] = {-0.22, -0.08, -0.17, -0.41, -0.20, 0.06, 0.18, 0.48, 0.77, 0.98};

double TiltShape(int age) {
  if (age <= kTiltAges[0]) return kTiltShape[0];
  for (size_t k = 1; k < std::size(kTiltAges); ++k) {
    if (age <= kTiltAges[k]) {
      const double t = (age - kTiltAges[k - 1]) / (kTiltAges[k] - kTiltAges[k - 1]);
      return kTiltShape[k - 1] * (1 - t) + kTiltShape[k] * t;
    }
  }
  return kTiltShape[std::size(kTiltShape) - 1];
}

// Each LSOA's age tilt along a row, in tens of points of the share aged 65+ (TiltShape): a smooth
// random walk scaled to this sd, so that neighbouring places and the practices serving them are
// alike; older where less deprived (this much between the most and least deprived ends); and a
// little of each LSOA's own. CentreTilts then shifts the row so that its patients are as old as
// the base population overall. Practices' shares aged 65+ then spread by about 4 points (sd),
// LSOAs' by about 6.5 (Trafford's LSOAs: 6.1).
constexpr double kTiltWalk = 0.5, kTiltDeprivation = 0.6, kTiltOwn = 0.3;

std::vector<double> AgeTiltRow(const std::vector<double>& deprivation, Rng* rng) {
  const size_t count = deprivation.size();
  std::vector<double> walk(count), tilt(count);
  double level = 0, mean = 0, square = 0;
  for (size_t i = 0; i < count; ++i) {
    level += rng->Normal();
    walk[i] = level;
    mean += level / count;
  }
  for (double w : walk) square += (w - mean) * (w - mean) / count;
  const double scale = square > 0 ? kTiltWalk / std::sqrt(square) : 0;
  for (size_t i = 0; i < count; ++i) {
    tilt[i] = (walk[i] - mean) * scale + kTiltDeprivation * (0.5 - deprivation[i]) +
              kTiltOwn * rng->Normal();
  }
  return tilt;
}

// The offset to add to a row's tilts so that the share aged 85+ of people drawn from its LSOAs
// in proportion to `weight` is the base population's (the share rises with the offset). The
// oldest are matched because tilting moves them most.
double CentreTilts(const std::vector<double>& tilt, const std::vector<double>& weight,
                   const AgeSexTable& base) {
  std::array<double, kMaxAge + 1> people{}, shape{};
  double everyone = 0, old = 0;
  for (int a = 0; a <= kMaxAge; ++a) {
    people[a] = base.count[0][a] + base.count[1][a];
    shape[a] = TiltShape(a);
    everyone += people[a];
    if (a >= 85) old += people[a];
  }
  auto share_old = [&](double offset) {
    double total = 0, weights = 0;
    for (size_t i = 0; i < tilt.size(); ++i) {
      double all = 0, older = 0;
      for (int a = 0; a <= kMaxAge; ++a) {
        const double n = people[a] * std::exp((tilt[i] + offset) * shape[a]);
        all += n;
        if (a >= 85) older += n;
      }
      total += weight[i] * older / all;
      weights += weight[i];
    }
    return weights > 0 ? total / weights : old / everyone;
  };
  double low = -2, high = 2;
  for (int iteration = 0; iteration < 30; ++iteration) {
    const double mid = 0.5 * (low + high);
    (share_old(mid) < old / everyone ? low : high) = mid;
  }
  return 0.5 * (low + high);
}

// A synthetic LSOA's population: the base structure tilted towards the old or the young.
AgeSexTable TiltedPopulation(const AgeSexTable& base, double tilt, double size) {
  AgeSexTable table;
  for (int s = 0; s < 2; ++s) {
    for (int a = 0; a <= kMaxAge; ++a) {
      table.count[s][a] = base.count[s][a] * std::exp(tilt * TiltShape(a));
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

  // Each group's row of LSOAs, as indexes into places.lsoas_; each LSOA's head count and, for
  // synthetic ones, its age tilt before centring.
  std::vector<std::vector<int>> rows(world.groups.size());
  std::vector<double> sizes, tilts;
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
      sizes.push_back(lsoa.population.Total());
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
      const std::vector<double> row_tilts = AgeTiltRow(deprivation, &rng);
      for (int i = 0; i < count; ++i) {
        Lsoa lsoa;
        lsoa.code = SyntheticLsoaCode(static_cast<int>(places.lsoas_.size()) + 1);
        lsoa.decile = DecileOf(deprivation[i]);
        sizes.push_back(per_lsoa * rng.LogNormal(0.0, 0.15));
        tilts.push_back(row_tilts[i]);
        rows[g].push_back(static_cast<int>(places.lsoas_.size()));
        places.lsoas_.push_back(std::move(lsoa));
      }
    }
  }

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
      running += sizes[row[i]] * (std::exp(-0.5 * d * d) + 0.01);
      cumulative.push_back(running);
      lsoas.push_back(row[i]);
    }
    places.catchment_lsoas_.push_back(std::move(lsoas));
    places.catchment_weight_.push_back(std::move(cumulative));
  }

  // Synthetic LSOAs' ages: each row's tilts centred on the patients its practices will draw.
  if (!real_lsoas) {
    std::vector<double> patients(places.lsoas_.size(), 0.0);
    for (size_t p = 0; p < world.practices.size(); ++p) {
      const std::vector<double>& cumulative = places.catchment_weight_[p];
      const double list = static_cast<double>(world.practices[p].list_size);
      for (size_t k = 0; k < cumulative.size(); ++k) {
        const double share = (cumulative[k] - (k > 0 ? cumulative[k - 1] : 0)) / cumulative.back();
        patients[places.catchment_lsoas_[p][k]] += list * share;
      }
    }
    for (const std::vector<int>& row : rows) {
      std::vector<double> row_tilts, row_patients;
      for (int i : row) {
        row_tilts.push_back(tilts[i]);
        row_patients.push_back(patients[i]);
      }
      const double offset = CentreTilts(row_tilts, row_patients, base);
      for (int i : row) {
        places.lsoas_[i].population = TiltedPopulation(base, tilts[i] + offset, sizes[i]);
      }
    }
  }
  for (Lsoa& lsoa : places.lsoas_) lsoa.ages = AgeSexSampler(lsoa.population);
  return places;
}

}  // namespace continuum
