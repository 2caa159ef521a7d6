#include "report/simulation_render.h"

#include <fmt/format.h>

#include <cmath>

#include "report/contract_header.h"
#include "report/json_text.h"
#include "report/text_table.h"

namespace continuum {
namespace {

using nlohmann::json;

// A probability to six decimals, without binary noise in the JSON.
double Rounded(double p) { return std::round(p * 1e6) / 1e6; }

}  // namespace

std::string RenderSimulation(const Contract& c, const ResolvedBudget& b, const Simulation& sim,
                             OutputFormat format) {
  auto band_label = [](const CorridorBand& band) {
    return FormatPercent(band.from) + "-" + (band.to ? FormatPercent(*band.to) : "");
  };
  if (format == OutputFormat::kJson) {
    json j = ContractHeaderJson(c, b);
    j["simulated_years"] = sim.years;
    j["seed"] = sim.seed;
    j["base_patient_years"] = sim.base_population;
    j["mean_cost_per_patient_year_pence"] = std::llround(sim.mean_cost);
    j["sizes"] = json::array();
    for (const SizeSimulation& z : sim.sizes) {
      json over = json::array(), under = json::array();
      for (size_t k = 0; k < z.p_over_band.size(); ++k)
        over.push_back(
            {{"band", band_label(c.overspend[k])}, {"probability", Rounded(z.p_over_band[k])}});
      for (size_t k = 0; k < z.p_under_band.size(); ++k)
        under.push_back(
            {{"band", band_label(c.underspend[k])}, {"probability", Rounded(z.p_under_band[k])}});
      j["sizes"].push_back(
          {{"population", z.population},
           {"budget_pence", z.budget},
           {"mean_spend_pence", std::llround(z.mean_spend)},
           {"sd_spend_pence", std::llround(z.sd_spend)},
           {"analytic_sd_pence", std::llround(z.analytic_sd)},
           {"spend_p5_pence", z.spend_p5},
           {"spend_p50_pence", z.spend_p50},
           {"spend_p95_pence", z.spend_p95},
           {"p_overspend", Rounded(z.p_overspend)},
           {"overspend_bands", over},
           {"underspend_bands", under},
           {"p_beyond_corridor", Rounded(z.p_beyond_corridor)},
           {"mean_ico_result_pence", std::llround(z.mean_ico_result)},
           {"sd_ico_result_pence", std::llround(z.sd_ico_result)},
           {"ico_result_p5_pence", z.ico_result_p5},
           {"ico_result_p95_pence", z.ico_result_p95},
           {"mean_net_payment_pence", std::llround(z.mean_net_payment)},
           {"sd_net_payment_pence", std::llround(z.sd_net_payment)},
           {"mean_stop_loss_recovery_pence", std::llround(z.mean_stop_loss_recovery)}});
    }
    return JsonText(j, 2) + "\n";
  }
  std::string out = ContractHeader(c, b);
  out += fmt::format(
      "\n{} simulated years (seed {}), each drawing patient-years with replacement from the {} "
      "of the base year (mean {} a patient-year); budget and caps scaled per head.\n",
      WithThousands(sim.years), sim.seed, WithThousands(sim.base_population),
      Pounds(sim.mean_cost, 2));
  std::vector<std::string> header{
      "population",  "budget",      "mean spend",       "SD",
      "analytic SD", "SD % budget", "5th-95th centile", "P(overspend after stop-loss)"};
  TextTable spread(header);
  for (const SizeSimulation& z : sim.sizes)
    spread.AddRow(
        {WithThousands(z.population), Pounds(z.budget), Pounds(z.mean_spend), Pounds(z.sd_spend),
         Pounds(z.analytic_sd), Decimal(100 * z.sd_spend / z.budget, 2) + "%",
         Pounds(z.spend_p5) + " to " + Pounds(z.spend_p95), Decimal(100 * z.p_overspend, 1) + "%"});
  out += spread.Render();
  out += "\nWhere the variance lands (probability by corridor band):\n";
  std::vector<std::string> bands{"population"};
  for (const CorridorBand& band : c.overspend) bands.push_back("over " + band_label(band));
  for (const CorridorBand& band : c.underspend) bands.push_back("under " + band_label(band));
  bands.push_back("beyond");
  TextTable where(bands);
  for (const SizeSimulation& z : sim.sizes) {
    std::vector<std::string> row{WithThousands(z.population)};
    for (double p : z.p_over_band) row.push_back(Decimal(100 * p, 1) + "%");
    for (double p : z.p_under_band) row.push_back(Decimal(100 * p, 1) + "%");
    row.push_back(Decimal(100 * z.p_beyond_corridor, 1) + "%");
    where.AddRow(row);
  }
  out += where.Render();
  out +=
      "\nThe settlement (ICO result: + gain, - loss; net payment: + the counterparty pays the "
      "ICO):\n";
  TextTable settle({"population", "mean ICO result", "SD", "5th-95th centile", "mean net payment",
                    "SD", "mean stop-loss recovery"});
  for (const SizeSimulation& z : sim.sizes)
    settle.AddRow({WithThousands(z.population), Pounds(z.mean_ico_result), Pounds(z.sd_ico_result),
                   Pounds(z.ico_result_p5) + " to " + Pounds(z.ico_result_p95),
                   Pounds(z.mean_net_payment), Pounds(z.sd_net_payment),
                   Pounds(z.mean_stop_loss_recovery)});
  out += settle.Render();
  return out;
}

}  // namespace continuum
