#include "finance/capitation_budget.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numeric>

namespace continuum {

Pence BudgetLine::PerHead() const {
  return heads > 0 ? std::llround(static_cast<double>(budget) / heads) : 0;
}

Pence BudgetLine::PerWeightedHead() const {
  return weighted_heads > 0 ? std::llround(static_cast<double>(budget) / weighted_heads) : 0;
}

Result<CapitationBudget> SetCapitationBudget(const Population& p, const CapitationFeatures& f,
                                             const CapitationModel& model,
                                             const BudgetOptions& options) {
  if (f.year != options.year) {
    return Status::Internal("capitation features are for " + FormatFinancialYear(f.year) +
                            ", not the budget year " + FormatFinancialYear(options.year));
  }
  if (f.size() == 0) {
    return Status::InvalidInput("no one is registered with a practice on " +
                                FormatDate(f.list_day) + ", so there is no list to budget for");
  }
  CapitationBudget b;
  b.year = options.year;
  b.list_day = f.list_day;
  b.basis = options.basis;
  b.prior_uncosted_events = f.prior_uncosted_events;
  b.prior_year_complete = f.prior_year_complete;
  b.actual_complete = f.target_year_complete;

  // Each practice's heads, need and actual cost.
  const OrganisationColumns& orgs = p.organisations;
  std::vector<BudgetLine> by_org(orgs.size());
  for (size_t row = 0; row < f.size(); ++row) {
    double need = model.Predict(f, row);
    if (need < 0) {
      need = 0;
      ++b.floored;
    }
    BudgetLine& line = by_org[f.practice[row]];
    ++line.heads;
    line.need += need;
    line.actual += f.cost[row];
  }
  b.all.id = "all";
  b.all.name = "all practices";
  for (const BudgetLine& line : by_org) {
    b.all.heads += line.heads;
    b.all.need += line.need;
    b.all.actual += line.actual;
  }
  const double mean_need = b.all.need / b.all.heads;
  switch (options.basis) {
    case AllocationBasis::kTotal:
      b.all.budget = options.amount;
      break;
    case AllocationBasis::kPerHead:
      b.per_head = options.amount;
      b.all.budget = options.amount * b.all.heads;
      break;
    case AllocationBasis::kModelTotal:
      b.all.budget = std::llround(b.all.need);
      break;
  }

  // Groups: an ICO's member practices on the list day, then the control practices (any practice
  // that is no ICO's member that day).
  const auto kIco = static_cast<uint8_t>(OrgKind::kIco);
  std::vector<int32_t> group_of_ico(orgs.size(), -1);
  int32_t control = -1;
  for (uint32_t o = 0; o < orgs.size(); ++o) {
    if (orgs.kind[o] != static_cast<uint8_t>(OrgKind::kPractice) && by_org[o].heads == 0) continue;
    BudgetLine line = by_org[o];
    line.id = orgs.ids.Value(o);
    line.name = orgs.name[o];
    const uint32_t parent = orgs.kind[o] == static_cast<uint8_t>(OrgKind::kPractice)
                                ? p.IcoOn(o, f.list_day)
                                : Dictionary::kMissing;
    int32_t* group = parent != Dictionary::kMissing && orgs.kind[parent] == kIco
                         ? &group_of_ico[parent]
                         : &control;
    if (*group < 0) {
      *group = static_cast<int32_t>(b.groups.size());
      BudgetGroup g;
      g.ico = group != &control;
      g.total.id = g.ico ? orgs.ids.Value(parent) : "control";
      g.total.name = g.ico ? orgs.name[parent] : "control practices";
      b.groups.push_back(std::move(g));
    }
    b.groups[*group].practices.push_back(std::move(line));
  }
  // Control practices come last, whatever the organisation order.
  if (control >= 0)
    std::rotate(b.groups.begin() + control, b.groups.begin() + control + 1, b.groups.end());

  // The allocation is shared between the ICOs and each control practice (the commissioner's
  // direct holders), then each ICO's share between its practices, so every amount shown is its
  // own rounded share and the subtotals add up.
  std::vector<double> holders;
  for (const BudgetGroup& g : b.groups) {
    if (g.ico) {
      double need = 0;
      for (const BudgetLine& line : g.practices) need += line.need;
      holders.push_back(need);
    } else {
      for (const BudgetLine& line : g.practices) holders.push_back(line.need);
    }
  }
  const std::vector<Pence> top = Apportion(b.all.budget, holders);
  size_t next = 0;
  for (BudgetGroup& g : b.groups) {
    if (g.ico) {
      std::vector<double> needs;
      for (const BudgetLine& line : g.practices) needs.push_back(line.need);
      const std::vector<Pence> shares = Apportion(top[next++], needs);
      for (size_t i = 0; i < g.practices.size(); ++i) g.practices[i].budget = shares[i];
    } else {
      for (BudgetLine& line : g.practices) line.budget = top[next++];
    }
    for (BudgetLine& line : g.practices) {
      line.weighted_heads = mean_need > 0 ? line.need / mean_need : 0;
      g.total.heads += line.heads;
      g.total.need += line.need;
      g.total.weighted_heads += line.weighted_heads;
      g.total.budget += line.budget;
      g.total.actual += line.actual;
    }
  }
  b.all.weighted_heads = mean_need > 0 ? b.all.heads : 0;
  return b;
}

Result<CapitationBudget> SetCapitationBudget(const Population& population,
                                             std::span<const int32_t> event_cost,
                                             const CapitationModel& model,
                                             const BudgetOptions& options) {
  return SetCapitationBudget(
      population, BuildCapitationFeatures(population, event_cost, options.year), model, options);
}

}  // namespace continuum
