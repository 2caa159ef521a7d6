#include "finance/simulation.h"

#include <algorithm>
#include <cmath>
#include <thread>

#include "core/random.h"

namespace continuum {
namespace {

// One simulated year: the spend of `n` patient-years drawn with replacement, and their
// stop-loss excess. Each 64-bit random number gives two draws; 32 bits mapped onto [0, size)
// by multiply-shift (Lemire) bias an index by at most size / 2^32, far below the noise.
template <typename Cost>
Outturn DrawYear(std::span<const Cost> costs, int64_t n, Pence threshold, bool stop_loss,
                 FastRng* rng) {
  const uint64_t size = costs.size();
  Pence spend = 0, excess = 0;
  auto add = [&](uint64_t random32) {
    const Pence c = costs[(random32 * size) >> 32];
    spend += c;
    excess += c > threshold ? c - threshold : 0;
  };
  int64_t k = 0;
  for (; k + 1 < n; k += 2) {
    const uint64_t r = rng->Next();
    add(r & 0xFFFFFFFFu);
    add(r >> 32);
  }
  if (k < n) add(rng->Next() >> 32);
  return {.spend = spend, .stop_loss_excess = stop_loss ? excess : 0};
}

Pence Scale(Pence amount, int64_t n, int64_t base) {
  return static_cast<Pence>(std::llround(static_cast<long double>(amount) * n / base));
}

// Which band of `bands` a variance of `fraction` (of the budget, in millionths) falls in; the
// band count when it is beyond the last band with an end.
size_t BandOf(const std::vector<CorridorBand>& bands, long double fraction) {
  for (size_t b = 0; b < bands.size(); ++b)
    if (!bands[b].to || fraction <= *bands[b].to) return b;
  return bands.size();
}

double Mean(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return v.empty() ? 0 : sum / v.size();
}

double Sd(const std::vector<double>& v, double mean) {
  double sum = 0;
  for (double x : v) sum += (x - mean) * (x - mean);
  return v.size() > 1 ? std::sqrt(sum / (v.size() - 1)) : 0;
}

// The value below which `p` of the sorted values lie (nearest rank).
Pence Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t rank = static_cast<size_t>(std::ceil(p * sorted.size()));
  return std::llround(sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1]);
}

}  // namespace

Simulation Simulate(const Contract& contract, Pence budget, std::span<const Pence> costs,
                    const SimulationOptions& options) {
  Simulation out{.years = options.years,
                 .seed = options.seed,
                 .base_population = static_cast<int64_t>(costs.size())};
  const int64_t base = static_cast<int64_t>(costs.size());
  if (base == 0 || options.years <= 0) return out;
  double total = 0;
  for (Pence c : costs) total += static_cast<double>(c);
  out.mean_cost = total / base;
  double variance = 0;  // of one patient-year's cost, over the base (the bootstrap's variance)
  for (Pence c : costs) variance += (c - out.mean_cost) * (c - out.mean_cost);
  variance /= base;
  const bool stop_loss = contract.stop_loss.has_value();
  // Half the memory, so the costs stay in cache, whenever every patient-year fits in 32 bits.
  std::vector<uint32_t> narrow;
  if (std::all_of(costs.begin(), costs.end(), [](Pence c) { return c >= 0 && c <= UINT32_MAX; }))
    narrow.assign(costs.begin(), costs.end());
  const Pence threshold = stop_loss ? contract.stop_loss->threshold_per_patient_year : 0;

  std::vector<int64_t> sizes = options.sizes;
  if (sizes.empty()) sizes.push_back(base);
  for (size_t z = 0; z < sizes.size(); ++z) {
    const int64_t n = sizes[z];
    Contract scaled = contract;  // caps are per head: scaled with the population, as the budget
    if (scaled.max_ico_loss) scaled.max_ico_loss = Scale(*scaled.max_ico_loss, n, base);
    if (scaled.max_ico_gain) scaled.max_ico_gain = Scale(*scaled.max_ico_gain, n, base);
    SizeSimulation s{.population = n, .budget = Scale(budget, n, base)};
    s.analytic_sd = std::sqrt(static_cast<double>(n) * variance);
    std::vector<double> spend(options.years), result(options.years), payment(options.years),
        recovery(options.years);
    std::vector<int32_t> band(options.years);  // >= 0 overspend band; < 0: -1 - underspend band
    auto run = [&](int first, int last) {
      for (int y = first; y < last; ++y) {
        FastRng rng =
            FastRng::ForStream(options.seed, (static_cast<uint64_t>(z) << 32) | uint32_t(y));
        const Outturn outturn = narrow.empty() ? DrawYear(costs, n, threshold, stop_loss, &rng)
                                               : DrawYear(std::span<const uint32_t>(narrow), n,
                                                          threshold, stop_loss, &rng);
        const Settlement settled = Settle(scaled, s.budget, outturn);
        spend[y] = static_cast<double>(outturn.spend);
        result[y] = static_cast<double>(settled.IcoResult());
        payment[y] = static_cast<double>(settled.NetPayment());
        recovery[y] = static_cast<double>(settled.stop_loss_recovery);
        const long double fraction =
            s.budget ? std::fabs(static_cast<long double>(settled.variance)) * kWhole / s.budget
                     : 0;
        band[y] = settled.variance > 0
                      ? static_cast<int32_t>(BandOf(scaled.overspend, fraction))
                      : -1 - static_cast<int32_t>(BandOf(scaled.underspend, fraction));
      }
    };
    const int threads = std::max(1, std::min(options.threads, options.years));
    std::vector<std::thread> workers;
    for (int t = 1; t < threads; ++t)
      workers.emplace_back(run, options.years * t / threads, options.years * (t + 1) / threads);
    run(0, options.years / threads);
    for (std::thread& w : workers) w.join();

    s.mean_spend = Mean(spend);
    s.sd_spend = Sd(spend, s.mean_spend);
    s.mean_ico_result = Mean(result);
    s.sd_ico_result = Sd(result, s.mean_ico_result);
    s.mean_net_payment = Mean(payment);
    s.sd_net_payment = Sd(payment, s.mean_net_payment);
    s.mean_stop_loss_recovery = Mean(recovery);
    s.p_over_band.assign(scaled.overspend.size(), 0);
    s.p_under_band.assign(scaled.underspend.size(), 0);
    for (int y = 0; y < options.years; ++y) {
      const double w = 1.0 / options.years;
      const int32_t b = band[y];
      if (b >= 0) {
        s.p_overspend += w;
        if (static_cast<size_t>(b) < s.p_over_band.size())
          s.p_over_band[b] += w;
        else
          s.p_beyond_corridor += w;
      } else {
        const size_t u = static_cast<size_t>(-1 - b);
        if (u < s.p_under_band.size())
          s.p_under_band[u] += w;
        else
          s.p_beyond_corridor += w;
      }
    }
    std::sort(spend.begin(), spend.end());
    std::sort(result.begin(), result.end());
    s.spend_p5 = Percentile(spend, 0.05);
    s.spend_p50 = Percentile(spend, 0.50);
    s.spend_p95 = Percentile(spend, 0.95);
    s.ico_result_p5 = Percentile(result, 0.05);
    s.ico_result_p95 = Percentile(result, 0.95);
    out.sizes.push_back(std::move(s));
  }
  return out;
}

}  // namespace continuum
