// The commissioner's watch for cherry-picking: every selection measure for every ICO of the
// workspace (docs/selection.md), each against its commissioner's control practices, with the
// false discovery rate controlled across each commissioner's ICOs and measures (Benjamini and
// Hochberg) and an alert for each measure whose q-value is at most kSelectionFalseDiscoveryRate.
// A commissioner's verdicts so rest on its own ICOs and control practices alone: the same from
// its shard (engine/shard_plan.h) as from the whole workspace, whichever ICO is asked for.
// `continuum selection`, the Commissioner page and the Python package all call RunSelection.
//
//   auto report = RunSelection(population, cost, {.ico = "ZICO1"});
//   for (const SelectionMeasure& m : report->measures) if (m.alert) ...
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "engine/population.h"
#include "selection/list_exits.h"
#include "selection/outside_budget.h"
#include "selection/register_shortfall.h"
#include "selection/selection_measure.h"

namespace continuum {

// The false discovery rate alerts are raised at: a programme with nothing to find raises an alert
// about once in a hundred (docs/selection.md).
inline constexpr double kSelectionFalseDiscoveryRate = 0.01;

struct SelectionOptions {
  std::string ico;           // the ICO (org_id) whose measures to keep; empty: every ICO
  std::string commissioner;  // only this commissioner's ICOs (org_id); empty: every one
  // The period: the whole financial years (1 April to 31 March) inside it are measured. 0: from
  // the second year of data (the first only fits the model that ranks need) to the last complete.
  Day from = 0, to = 0;
  // The settings the ICOs' budgets do not pay for (bit per Setting), for outside_budget.
  uint16_t outside_settings = kDefaultOutsideSettings;
};

struct SelectionReport {
  int first_year = 0, last_year = 0;  // the financial years measured
  // Every ICO's measures (or those asked for), ICOs in organisation order, each ICO's in the
  // order of docs/selection.md. q-values and alerts are over each commissioner's ICOs, so a
  // measure's verdict is the same whichever ICO was asked for.
  std::vector<SelectionMeasure> measures;
  int64_t tests = 0;     // measures with a p-value, in the families of the ICOs kept
  int64_t families = 0;  // commissioners whose ICOs are kept
  // Exits by decile of need over the years measured, per ICO kept (parallel to `icos`) and for
  // its control practices.
  std::vector<uint32_t> icos;
  std::vector<ExitsByDecile> ico_exits, control_exits;
  // Each kept ICO's disease registers against expected (register_shortfall.h).
  std::vector<RegisterSize> registers;
  std::vector<std::string> warnings;
  uint16_t outside_settings = 0;  // the settings outside_budget watched (bit per Setting)
  // Under disclosure control (report/selection_disclosure.h): exits of 1 to 7 show as -1.
  bool controlled = false;
};

// InvalidInput for a period holding no whole financial year; NotFound for an unknown ICO or
// commissioner (naming those there are); NotFound when the workspace has no activity. A workspace
// without control practices is not an error: every measure then says it has nothing to compare
// with.
Result<SelectionReport> RunSelection(const Population& population,
                                     std::span<const int32_t> event_cost,
                                     const SelectionOptions& options);

}  // namespace continuum
