// Emergency-admission risk benchmark: an L2-regularised logistic regression (C = 1) fitted on
// 1,000,000 synthetic patients with 80 sparse features whose true coefficients are planted
// below, then every patient scored and the predictions validated (c-statistic, deciles, the
// top 0.5%, 1% and 5%), each as a median.
//
//   build/bench/risk_benchmark
//   build/bench/risk_benchmark --export=DIR       # writes the matrix for bench/risk_peer.py
//
// --export writes DIR/indptr.i64, DIR/indices.i32 and DIR/values.f32 (the design matrix as
// compressed sparse rows, scipy's layout), DIR/outcome.u8, DIR/coefficients.f64 (intercept,
// then one a column) and DIR/fit.txt (rows, columns, c-statistic, objective), so that
// scikit-learn can fit the same model (bench/risk_peer.py).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <span>
#include <string>
#include <vector>

#include "benchmark_main.h"
#include "core/random.h"
#include "stats/discrimination.h"
#include "stats/logistic.h"

namespace continuum {
namespace {

constexpr size_t kPatients = 1'000'000;
constexpr uint64_t kSeed = 20240401;

// The planted model, on the log-odds scale. Ages in ten bands of ten years (90+ last) by sex,
// men of 30-39 the reference; deprivation deciles (1 most deprived), decile 10 the reference.
constexpr int kAgeBands = 10, kConditions = 36, kDeciles = 10;
constexpr double kIntercept = -4.6;
constexpr const char* kActivity[] = {"emergency_admissions",    "elective_admissions",
                                     "log_ae_attendances",      "log_outpatient_attendances",
                                     "log_gp_contacts",         "log_emergency_bed_days",
                                     "any_emergency_admission", "log_medicine_classes"};
constexpr double kActivityEffect[] = {0.30, 0.10, 0.35, 0.12, 0.18, 0.10, 0.25, 0.15};
constexpr const char* kSocial[] = {"care_home",        "lives_alone",    "carer", "housebound",
                                   "frailty_moderate", "frailty_severe", "falls", "safeguarding"};
constexpr double kSocialEffect[] = {0.45, 0.15, -0.05, 0.35, 0.30, 0.60, 0.25, 0.20};

// The columns with their planted coefficients.
struct PlantedColumns {
  std::vector<std::string> names;
  std::vector<double> coefficient;
  void Add(std::string name, double effect) {
    names.push_back(std::move(name));
    coefficient.push_back(effect);
  }
};

const PlantedColumns& Planted() {
  static const PlantedColumns planted = [] {
    PlantedColumns p;
    for (int sex = 0; sex < 2; ++sex) {
      for (int band = 0; band < kAgeBands; ++band) {
        if (sex == 0 && band == 3) continue;
        p.Add(std::string("age_sex:") + (sex ? "F_" : "M_") + std::to_string(band * 10),
              0.22 * (band - 3) + (sex == 1 && band < 5 ? 0.1 : 0));
      }
    }
    for (int d = 1; d < kDeciles; ++d) p.Add("imd_decile:" + std::to_string(d), 0.06 * (10 - d));
    for (int c = 0; c < kConditions; ++c) {
      p.Add("condition:" + std::to_string(c), 0.15 + 0.5 * ((c * 7) % kConditions) / kConditions);
    }
    for (size_t a = 0; a < std::size(kActivity); ++a) p.Add(kActivity[a], kActivityEffect[a]);
    for (size_t s = 0; s < std::size(kSocial); ++s) p.Add(kSocial[s], kSocialEffect[s]);
    return p;
  }();
  return planted;
}

struct Data {
  DesignMatrix x{Planted().names};
  std::vector<uint8_t> outcome;
};

// One patient a random stream: a latent frailty raises conditions and activity with age; the
// outcome is drawn from the planted model on the features alone.
Data Synthesise() {
  Data data;
  data.x.Reserve(kPatients, kPatients * 9);
  data.outcome.reserve(kPatients);
  const uint32_t conditions_start = 2 * kAgeBands - 1 + kDeciles - 1;
  const uint32_t activity_start = conditions_start + kConditions;
  const uint32_t social_start = activity_start + std::size(kActivity);
  for (size_t patient = 0; patient < kPatients; ++patient) {
    Rng rng = Rng::ForStream(kSeed, patient);
    const int sex = rng.Between(0, 1), band = std::min(rng.Below(100) / 10, 9u);
    const int decile = rng.Between(1, kDeciles);
    const double frailty = rng.Normal() + 0.25 * band + 0.05 * (kDeciles - decile);
    if (sex == 1 || band != 3) data.x.Add(sex * kAgeBands + band - (sex == 1 || band > 3 ? 1 : 0));
    if (decile < kDeciles) data.x.Add(2 * kAgeBands - 1 + decile - 1);
    int conditions = 0;
    for (int c = 0; c < kConditions; ++c) {
      if (rng.Chance(1 / (1 + std::exp(4.6 - 0.6 * frailty + 0.03 * c)))) {
        data.x.Add(conditions_start + c);
        ++conditions;
      }
    }
    const double use = std::exp(0.3 * frailty + 0.15 * conditions);
    const int emergency = std::min(rng.Poisson(0.04 * use), 5);
    const float activity[] = {
        static_cast<float>(emergency),
        static_cast<float>(std::min(rng.Poisson(0.05 * use), 5)),
        std::log1p(static_cast<float>(std::min(rng.Poisson(0.2 * use), 10))),
        std::log1p(static_cast<float>(rng.Poisson(0.8 * use))),
        std::log1p(static_cast<float>(std::min(rng.Poisson(3 * use), 30))),
        emergency ? std::log1p(static_cast<float>(rng.Poisson(4.0 * emergency))) : 0,
        emergency > 0 ? 1.0f : 0.0f,
        std::log1p(static_cast<float>(std::min(rng.Poisson(0.5 * use), 10)))};
    for (size_t a = 0; a < std::size(kActivity); ++a) data.x.Add(activity_start + a, activity[a]);
    for (size_t s = 0; s < std::size(kSocial); ++s) {
      if (rng.Chance(0.005 + 0.006 * band + 0.01 * std::max(0.0, frailty - 2))) {
        data.x.Add(social_start + s);
      }
    }
    data.x.EndRow();
    const double eta = kIntercept + data.x.Dot(patient, Planted().coefficient.data());
    data.outcome.push_back(rng.Chance(1 / (1 + std::exp(-eta))));
  }
  return data;
}

const Data& SynthesiseOnce() {
  static const Data data = Synthesise();
  return data;
}

void BM_FitLogistic(benchmark::State& state) {
  const Data& data = SynthesiseOnce();
  int iterations = 0;
  double largest_error = 0;  // against the planted coefficients
  for (auto _ : state) {
    auto model = FitLogistic(data.x, data.outcome);
    if (!model.ok()) {
      state.SkipWithError(model.status().message().c_str());
      return;
    }
    iterations = model->iterations;
    largest_error = std::abs(model->intercept - kIntercept);
    for (size_t j = 0; j < model->coefficient.size(); ++j) {
      largest_error =
          std::max(largest_error, std::abs(model->coefficient[j] - Planted().coefficient[j]));
    }
  }
  state.counters["rows"] = static_cast<double>(data.x.rows());
  state.counters["entries_per_row"] = static_cast<double>(data.x.entries()) / data.x.rows();
  state.counters["newton_steps"] = iterations;
  state.counters["largest_error_vs_planted"] = largest_error;
  double events = 0;
  for (uint8_t y : data.outcome) events += y;
  state.counters["event_rate"] = events / data.outcome.size();
}
BENCHMARK(BM_FitLogistic)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3);

const LogisticModel& FitOnce() {
  static const LogisticModel model = *FitLogistic(SynthesiseOnce().x, SynthesiseOnce().outcome);
  return model;
}

void BM_ScoreLogistic(benchmark::State& state) {
  const Data& data = SynthesiseOnce();
  const LogisticModel& model = FitOnce();
  for (auto _ : state) benchmark::DoNotOptimize(ScoreLogistic(model, data.x));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(data.x.rows()));
}
BENCHMARK(BM_ScoreLogistic)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(5)
    ->Repetitions(3);

// The validation a risk model's report shows: the ranking, c-statistic, Brier score, deciles
// with Hosmer–Lemeshow, and the top 0.5%, 1% and 5%.
void BM_ValidateRisk(benchmark::State& state) {
  const Data& data = SynthesiseOnce();
  const RiskScores scores = ScoreLogistic(FitOnce(), data.x);
  double c = 0;
  for (auto _ : state) {
    auto ranking = RiskRanking::Make(scores.probability, data.outcome);
    c = *CStatistic(*ranking);
    benchmark::DoNotOptimize(BrierScore(*ranking));
    benchmark::DoNotOptimize(HosmerLemeshowTest(CalibrationByRisk(*ranking)));
    for (double percent : {0.5, 1.0, 5.0}) benchmark::DoNotOptimize(FlagTopRisk(*ranking, percent));
  }
  state.counters["c_statistic"] = c;
}
BENCHMARK(BM_ValidateRisk)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3);

template <typename T>
bool WriteArray(const std::string& path, std::span<const T> values) {
  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (out == nullptr) return false;
  const bool written = std::fwrite(values.data(), sizeof(T), values.size(), out) == values.size();
  return (std::fclose(out) == 0) && written;
}

int Export(const std::string& dir) {
  const Data& data = SynthesiseOnce();
  const LogisticModel& model = FitOnce();
  const RiskScores scores = ScoreLogistic(model, data.x);
  auto ranking = RiskRanking::Make(scores.probability, data.outcome);
  if (!ranking.ok()) return 1;
  std::vector<double> coefficients{model.intercept};
  coefficients.insert(coefficients.end(), model.coefficient.begin(), model.coefficient.end());
  std::FILE* fit = std::fopen((dir + "/fit.txt").c_str(), "w");
  if (fit == nullptr) return 1;
  std::fprintf(fit, "%zu %zu %.12f %.12f\n", data.x.rows(), data.x.columns(), *CStatistic(*ranking),
               model.objective);
  const bool written = std::fclose(fit) == 0 &&
                       WriteArray(dir + "/indptr.i64", data.x.row_starts()) &&
                       WriteArray(dir + "/indices.i32", data.x.column_indexes()) &&
                       WriteArray(dir + "/values.f32", data.x.values()) &&
                       WriteArray(dir + "/outcome.u8", std::span<const uint8_t>(data.outcome)) &&
                       WriteArray(dir + "/coefficients.f64", std::span<const double>(coefficients));
  return written ? 0 : 1;
}

}  // namespace
}  // namespace continuum

int main(int argc, char** argv) { return continuum::BenchmarkMain(argc, argv, continuum::Export); }
