#include "selection/list_year.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/parallel.h"
#include "engine/registered_on.h"

namespace continuum {
namespace {

// The rows of `f` at positions `rows`, as features of their own (for a commissioner's fit).
CapitationFeatures RowsOf(const CapitationFeatures& f, const std::vector<uint32_t>& rows) {
  CapitationFeatures out;
  out.year = f.year;
  out.list_day = f.list_day;
  out.prior_year_complete = f.prior_year_complete;
  out.target_year_complete = f.target_year_complete;
  for (auto* column : {&out.patient, &out.practice}) column->reserve(rows.size());
  for (auto* column : {&out.age_sex, &out.age, &out.imd_quintile}) column->reserve(rows.size());
  out.conditions.reserve(rows.size());
  out.prior.reserve(rows.size());
  out.cost.reserve(rows.size());
  for (uint32_t row : rows) {
    out.patient.push_back(f.patient[row]);
    out.practice.push_back(f.practice[row]);
    out.age_sex.push_back(f.age_sex[row]);
    out.age.push_back(f.age[row]);
    out.conditions.push_back(f.conditions[row]);
    out.prior.push_back(f.prior[row]);
    out.imd_quintile.push_back(f.imd_quintile[row]);
    out.cost.push_back(f.cost[row]);
  }
  return out;
}

void PlaceRows(const Population& p, const SelectionUnits& units, ListYear* y) {
  const CapitationFeatures& f = y->list;
  const size_t n = f.size();
  y->registration.assign(n, 0);
  y->unit.assign(n, kNoUnit);
  y->commissioner.assign(n, -1);
  std::vector<int32_t>& unit_of = y->practice_unit;
  unit_of.assign(p.organisations.size(), kNoUnit);
  for (uint32_t org = 0; org < p.organisations.size(); ++org) {
    if (p.organisations.kind[org] == static_cast<uint8_t>(OrgKind::kPractice))
      unit_of[org] = units.UnitOn(org, f.list_day);
  }
  for (size_t row = 0; row < n; ++row) {
    const uint32_t patient = f.patient[row];
    for (uint32_t k = p.patients.first_registration[patient];
         k < p.patients.first_registration[patient + 1]; ++k) {
      if (p.registrations.practice[k] == f.practice[row] && RegistrationOn(p, k, f.list_day)) {
        y->registration[row] = k;
        break;
      }
    }
    y->unit[row] = unit_of[f.practice[row]];
    y->commissioner[row] = units.commissioner_of_practice[f.practice[row]];
  }
}

// Each commissioner's rows of a year.
std::vector<std::vector<uint32_t>> RowsByCommissioner(const ListYear& y, size_t commissioners) {
  std::vector<std::vector<uint32_t>> rows(commissioners);
  for (size_t row = 0; row < y.list.size(); ++row) {
    if (y.commissioner[row] >= 0) rows[y.commissioner[row]].push_back(static_cast<uint32_t>(row));
  }
  return rows;
}

// Fits each commissioner's model on the year; with `needed` false (the last year, which no
// measure reads a model of) leaves them unfitted.
void FitModels(const std::vector<std::vector<uint32_t>>& rows, bool needed, bool covered,
               ListYear* y) {
  const size_t m = rows.size();
  y->models.assign(m, {});
  y->model_missing.assign(m, needed ? "" : "not fitted: no year after it is measured");
  y->fitted.assign(y->list.size(), NAN);
  if (needed && !covered) {
    const std::string why =
        "the activity data do not cover " + FormatFinancialYear(y->year) + " from April to March";
    y->model_missing.assign(m, why);
    return;
  }
  if (!needed) return;
  ParallelFor(m, [&](size_t k) {
    if (rows[k].empty()) {
      y->model_missing[k] =
          "no patient was on its practices' lists on " + FormatDate(y->list.list_day);
      return;
    }
    const CapitationFeatures own = RowsOf(y->list, rows[k]);
    Result<CapitationModel> model = FitCapitationModel(own, CapitationModelKind::kFull);
    if (!model.ok()) {
      y->model_missing[k] = model.status().message();
      return;
    }
    y->models[k] = std::move(*model);
    for (uint32_t row : rows[k]) {
      y->fitted[row] = y->models[k].Predict(y->list, row);
    }
  });
}

// Need from the year before's models, and its deciles within each commissioner's list.
void RankNeed(const std::vector<std::vector<uint32_t>>& rows, const ListYear* before, ListYear* y) {
  const size_t m = rows.size();
  y->need.assign(y->list.size(), NAN);
  y->need_decile.assign(y->list.size(), 0);
  y->need_missing.assign(m, "");
  ParallelFor(m, [&](size_t k) {
    if (before == nullptr) {
      y->need_missing[k] = "the data hold no year before " + FormatFinancialYear(y->year) +
                           " to fit the capitation model that ranks need on " +
                           FormatDate(y->list.list_day);
      return;
    }
    if (!before->model_missing[k].empty()) {
      y->need_missing[k] = "no capitation model could be fitted on " +
                           FormatFinancialYear(before->year) + ": " + before->model_missing[k];
      return;
    }
    std::vector<double> needs;
    needs.reserve(rows[k].size());
    for (uint32_t row : rows[k]) {
      const double need = before->models[k].Predict(y->list, row);
      y->need[row] = need;
      needs.push_back(need);
    }
    // A patient's decile is 1 + floor(10 b / n), b the patients with less need, so equal needs
    // share one: b >= ceil(d n / 10) exactly when the ceil(d n / 10)-th smallest need is below
    // theirs, so nine order statistics cut the deciles without sorting the list.
    const size_t n = needs.size();
    std::array<double, 9> cut{};
    for (size_t d = 1; d <= 9 && n > 0; ++d) {
      const size_t c = (d * n + 9) / 10;
      std::nth_element(needs.begin(), needs.begin() + static_cast<std::ptrdiff_t>(c - 1),
                       needs.end());
      cut[d - 1] = needs[c - 1];
    }
    for (uint32_t row : rows[k]) {
      uint8_t decile = 1;
      for (double c : cut) decile += c < y->need[row];
      y->need_decile[row] = decile;
    }
  });
}

}  // namespace

std::vector<ListYear> BuildListYears(const Population& p, std::span<const int32_t> event_cost,
                                     const SelectionUnits& units, int first, int last) {
  std::vector<ListYear> years(last >= first ? last - first + 1 : 0);
  std::vector<CapitationFeatures> lists =
      BuildCapitationFeaturesForYears(p, event_cost, first, last);
  ParallelFor(years.size(), [&](size_t i) {
    ListYear& y = years[i];
    y.year = first + static_cast<int>(i);
    y.list = std::move(lists[i]);
    PlaceRows(p, units, &y);
  });
  std::vector<std::vector<std::vector<uint32_t>>> rows(years.size());
  for (size_t i = 0; i < years.size(); ++i) {
    rows[i] = RowsByCommissioner(years[i], units.commissioners.size());
    // A year's costs are whole when the activity reaches into its first and last month.
    const Day start = FinancialYearStart(years[i].year), end = FinancialYearEnd(years[i].year);
    const bool covered =
        p.events.size() > 0 && p.events.first_day < start + 31 && p.events.last_day > end - 31;
    FitModels(rows[i], i + 1 < years.size(), covered, &years[i]);
  }
  for (size_t i = 0; i < years.size(); ++i) {
    RankNeed(rows[i], i == 0 ? nullptr : &years[i - 1], &years[i]);
  }
  return years;
}

}  // namespace continuum
