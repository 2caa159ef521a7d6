#include "selection/list_year.h"

#include <algorithm>
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
  for (uint32_t row : rows) {
    out.patient.push_back(f.patient[row]);
    out.practice.push_back(f.practice[row]);
    out.age_sex.push_back(f.age_sex[row]);
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
  for (size_t row = 0; row < n; ++row) {
    const uint32_t patient = f.patient[row];
    for (uint32_t k = p.patients.first_registration[patient];
         k < p.patients.first_registration[patient + 1]; ++k) {
      if (p.registrations.practice[k] == f.practice[row] && RegistrationOn(p, k, f.list_day)) {
        y->registration[row] = k;
        break;
      }
    }
    y->unit[row] = units.UnitOn(f.practice[row], f.list_day);
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

void FitModels(const std::vector<std::vector<uint32_t>>& rows, ListYear* y) {
  const size_t m = rows.size();
  y->models.assign(m, {});
  y->model_missing.assign(m, "");
  y->fitted.assign(y->list.size(), NAN);
  for (size_t k = 0; k < m; ++k) {
    if (rows[k].empty()) {
      y->model_missing[k] =
          "no patient was on its practices' lists on " + FormatDate(y->list.list_day);
      continue;
    }
    const CapitationFeatures own = RowsOf(y->list, rows[k]);
    Result<CapitationModel> model = FitCapitationModel(own, CapitationModelKind::kFull);
    if (!model.ok()) {
      y->model_missing[k] = model.status().message();
      continue;
    }
    y->models[k] = std::move(*model);
    for (uint32_t row : rows[k]) {
      y->fitted[row] = y->models[k].Predict(y->list, row);
    }
  }
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
    std::vector<std::pair<double, uint32_t>> ranked;
    ranked.reserve(rows[k].size());
    for (uint32_t row : rows[k]) {
      const double need = before->models[k].Predict(y->list, row);
      y->need[row] = need;
      ranked.push_back({need, row});
    }
    std::sort(ranked.begin(), ranked.end());
    // A patient's decile counts those with less need: equal needs share a decile.
    const size_t n = ranked.size();
    uint8_t decile = 1;
    for (size_t i = 0; i < n; ++i) {
      if (i == 0 || ranked[i].first != ranked[i - 1].first) {
        decile = static_cast<uint8_t>(1 + (10 * i) / n);
      }
      y->need_decile[ranked[i].second] = decile;
    }
  });
}

}  // namespace

std::vector<ListYear> BuildListYears(const Population& p, std::span<const int32_t> event_cost,
                                     const SelectionUnits& units, int first, int last) {
  std::vector<ListYear> years(last >= first ? last - first + 1 : 0);
  ParallelFor(years.size(), [&](size_t i) {
    ListYear& y = years[i];
    y.year = first + static_cast<int>(i);
    y.list = BuildCapitationFeatures(p, event_cost, y.year);
    PlaceRows(p, units, &y);
  });
  std::vector<std::vector<std::vector<uint32_t>>> rows(years.size());
  for (size_t i = 0; i < years.size(); ++i) {
    rows[i] = RowsByCommissioner(years[i], units.commissioners.size());
    FitModels(rows[i], &years[i]);
  }
  for (size_t i = 0; i < years.size(); ++i) {
    RankNeed(rows[i], i == 0 ? nullptr : &years[i - 1], &years[i]);
  }
  return years;
}

}  // namespace continuum
