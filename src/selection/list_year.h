// One financial year's capitation list as the selection measures read it: everyone registered
// with a practice on 1 April of year Y (finance/capitation_features.h), with the need the
// capitation model predicts for them that day and the unit their practice counts in
// (selection_units.h).
//
// Need is the full capitation model of the patient's commissioner fitted on the year before
// (cost in Y - 1 on features from before it) and applied to the features of 1 April of Y: the
// prediction an ICO or its commissioner could make on the year's first day, before anyone left.
// A patient's decile is 1 + 10 x (patients with less need) / (patients), so equal needs share one.
// Deciles of need are cut over the commissioner's whole list (its ICOs' practices and its control
// practices alike), so the top decile means the same need everywhere it is compared. Each year's
// own model (fitted on Y) also gives `fitted`, the concurrent prediction that the leaver cost
// ratio sets each year's actual cost against.
//
//   std::vector<ListYear> years = BuildListYears(population, cost, units, 2022, 2024);
//   years[1].need[row], years[1].need_decile[row], years[1].unit[row]
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "finance/capitation_features.h"
#include "finance/capitation_model.h"
#include "selection/selection_units.h"

namespace continuum {

struct ListYear {
  int year = 0;
  CapitationFeatures list;
  std::vector<uint32_t> registration;  // per row: the registration that has them on the list
  std::vector<int32_t> unit;           // per row: their practice's unit on 1 April, or kNoUnit
  std::vector<int32_t> practice_unit;  // per organisation: a practice's unit on 1 April, or kNoUnit
  std::vector<int32_t> commissioner;   // per row: index into units.commissioners, or -1
  // Per row: the prospective need in pence a year (the model fitted on Y - 1), and its decile
  // 1..10 within the commissioner's list (0 when there is no such model).
  std::vector<double> need;
  std::vector<uint8_t> need_decile;
  std::vector<double> fitted;  // per row: the concurrent prediction (the model fitted on Y)
  // Per commissioner: the model fitted on Y (empty source when none could be, and for the last
  // year, which no measure needs a model of), and why not.
  std::vector<CapitationModel> models;
  std::vector<std::string> model_missing;
  // Per commissioner: whether need (from the model of Y - 1) is known this year, or why not.
  std::vector<std::string> need_missing;
};

// The lists of years first..last (financial years), each with its models.
std::vector<ListYear> BuildListYears(const Population& population,
                                     std::span<const int32_t> event_cost,
                                     const SelectionUnits& units, int first, int last);

}  // namespace continuum
