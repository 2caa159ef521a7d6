// The capitation budget for a financial year: each patient's predicted need from a capitation
// model, the commissioner's allocation shared out in proportion to need, to each ICO and each
// practice (member practices by ICO, then the control practices), to the penny.
//
//   BudgetOptions options{.year = 2024, .basis = AllocationBasis::kTotal, .amount =
//   250'000'000'00}; Result<CapitationBudget> b = SetCapitationBudget(population,
//   population.events.cost, model,
//                                                    options);
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/status.h"
#include "finance/capitation_features.h"
#include "finance/capitation_model.h"

namespace continuum {

enum class AllocationBasis : uint8_t {
  kTotal,       // the commissioner's total allocation, given
  kPerHead,     // a per-head envelope, given, times the unweighted heads on the list
  kModelTotal,  // neither given: the model's own predicted total
};

struct BudgetOptions {
  int year = 0;  // the financial year budgeted (its list is those registered on 1 April)
  AllocationBasis basis = AllocationBasis::kModelTotal;
  Pence amount = 0;  // the total (kTotal) or the amount a head (kPerHead); unused otherwise
};

// One practice, one ICO, the control practices together, or everyone.
struct BudgetLine {
  std::string id, name;
  int64_t heads = 0;          // unweighted: on the list on 1 April
  double need = 0;            // predicted cost, pence (each person's prediction floored at 0)
  double weighted_heads = 0;  // heads × (mean need here / mean need overall)
  Pence budget = 0;
  Pence actual = 0;  // cost of the year's events of these people, where the data has them

  Pence PerHead() const;          // budget / heads, rounded; 0 without heads
  Pence PerWeightedHead() const;  // budget / weighted heads, rounded; 0 without need
};

// An ICO with its member practices, or the commissioner's control practices.
struct BudgetGroup {
  bool ico = false;
  BudgetLine total;  // the ICO itself, or "control practices"
  std::vector<BudgetLine> practices;
};

struct CapitationBudget {
  int year = 0;
  Day list_day = 0;
  AllocationBasis basis = AllocationBasis::kModelTotal;
  Pence per_head = 0;                 // the envelope a head, when the basis is kPerHead
  BudgetLine all;                     // everyone: all.budget is the allocation
  std::vector<BudgetGroup> groups;    // ICOs in organisation order, then the control practices
  int64_t floored = 0;                // people whose prediction was negative and counted as 0
  int64_t prior_uncosted_events = 0;  // prior-year events with no cost (utilisation still counted)
  bool prior_year_complete = true;    // the features saw the whole prior year
  bool actual_complete = true;        // `actual` covers the whole budget year
};

// Sets the budget from features already built for options.year.
Result<CapitationBudget> SetCapitationBudget(const Population& population,
                                             const CapitationFeatures& features,
                                             const CapitationModel& model,
                                             const BudgetOptions& options);
// Builds the features for options.year from `event_cost` (parallel to population.events), then
// sets the budget.
Result<CapitationBudget> SetCapitationBudget(const Population& population,
                                             std::span<const int32_t> event_cost,
                                             const CapitationModel& model,
                                             const BudgetOptions& options);

}  // namespace continuum
