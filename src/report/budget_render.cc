// Text and JSON renderings of a capitation model and budget.
#include "report/budget_render.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "report/json_text.h"
#include "report/text_table.h"

namespace continuum {
namespace {

constexpr int kCoefficientsShown = 15;

std::string KindName(CapitationModelKind kind) {
  return kind == CapitationModelKind::kAgeSex ? "age and sex only" : "full";
}
std::string KindCode(CapitationModelKind kind) {
  return std::string(kCapitationModelKindCodes[static_cast<int>(kind)]);
}
std::string BasisText(const CapitationBudget& b) {
  switch (b.basis) {
    case AllocationBasis::kTotal:
      return "the commissioner's allocation, as given";
    case AllocationBasis::kPerHead:
      return Pounds(b.per_head, 2) + " a head × " + WithThousands(b.all.heads) +
             " unweighted heads";
    case AllocationBasis::kModelTotal:
      break;
  }
  return "no allocation given: the model's own predicted total";
}

// Terms of the budget's model, largest effect first (the intercept leads).
std::vector<int> LargestTerms(const CapitationModel& m) {
  std::vector<int> terms;
  for (int t = 1; t < kTermCount; ++t) {
    if (ModelHasTerm(m.kind, t) && m.coefficient[t] != 0) terms.push_back(t);
  }
  std::stable_sort(terms.begin(), terms.end(), [&](int a, int b) {
    return std::abs(m.coefficient[a]) > std::abs(m.coefficient[b]);
  });
  if (terms.size() > kCoefficientsShown) terms.resize(kCoefficientsShown);
  terms.insert(terms.begin(), kInterceptTerm);
  return terms;
}

std::vector<std::string> BudgetRow(const BudgetLine& line, const std::string& in, bool actual) {
  std::vector<std::string> row{line.id,
                               line.name,
                               in,
                               WithThousands(line.heads),
                               Decimal(line.weighted_heads, 0),
                               Pounds(line.budget),
                               Pounds(line.PerHead()),
                               Pounds(line.PerWeightedHead())};
  if (actual) {
    row.push_back(Pounds(line.actual));
    row.push_back(line.budget > 0 ? Decimal(100.0 * (line.actual - line.budget) / line.budget, 1)
                                  : "");
  }
  return row;
}

nlohmann::json LineJson(const BudgetLine& line) {
  return {{"id", line.id},
          {"name", line.name},
          {"heads", line.heads},
          {"weighted_heads", line.weighted_heads},
          {"predicted_need_pence", line.need},
          {"budget_pence", line.budget},
          {"budget_per_head_pence", line.PerHead()},
          {"budget_per_weighted_head_pence", line.PerWeightedHead()},
          {"actual_pence", line.actual}};
}

}  // namespace

PublishedR2 PublishedFigures(CapitationModelKind kind) {
  return kind == CapitationModelKind::kAgeSex ? PublishedR2{0.0366, 0.3444}
                                              : PublishedR2{0.1230, 0.7851};
}

std::string RenderBudgetText(const CapitationReport& r, const std::string& workspace) {
  std::string out;
  const CapitationModel& model = r.models.back().model;
  out += fmt::format("Continuum workspace {}\n", workspace);
  out +=
      "Capitation model in the manner of PBRA (Dixon et al., BMJ 2011;343:d6608): a person's cost "
      "in a financial year\nregressed by ordinary least squares on their age/sex band, long-term "
      "conditions and IMD quintile on\n1 April and their use of services in the year before.\n";
  if (r.model_path.empty()) {
    out += fmt::format("Fitted on {} (features from {}): {} people registered on {}.\n",
                       FormatFinancialYear(r.fit_year), FormatFinancialYear(r.fit_year - 1),
                       WithThousands(model.fit_rows), FormatDate(FinancialYearStart(r.fit_year)));
    if (!r.fit_prior_complete) {
      out += fmt::format(
          "Warning: the data do not cover all of {}, so prior-year use is "
          "understated in the fit.\n",
          FormatFinancialYear(r.fit_year - 1));
    }
  } else {
    out += fmt::format("Coefficients read from {} ({} model; {}).\n", r.model_path,
                       KindCode(model.kind), model.source.empty() ? "no source" : model.source);
  }
  if (r.validation_year != 0) {
    out += fmt::format("Validated on {} (features from {}){}.\n\n",
                       FormatFinancialYear(r.validation_year),
                       FormatFinancialYear(r.validation_year - 1),
                       r.model_path.empty() ? ", a year the fit did not see" : "");
    TextTable fit({"model", "people", "person R²", "published", "practices", "practice R²",
                   "published", "practices off by 10%+"});
    for (const ModelAssessment& m : r.models) {
      if (!m.validated) continue;
      const CapitationValidation& v = m.validation;
      const PublishedR2 published = PublishedFigures(m.model.kind);
      fit.AddRow(
          {KindName(m.model.kind), WithThousands(v.people), Decimal(v.person_r2, 3),
           Decimal(published.person, 3), WithThousands(v.practices), Decimal(v.practice_r2, 3),
           Decimal(published.practice, 3),
           fmt::format(
               "{} ({}%)", v.practices_off_by_10_percent,
               Decimal(v.practices ? 100.0 * v.practices_off_by_10_percent / v.practices : 0, 0))});
    }
    out += fit.Render();
    const CapitationValidation& v = r.models.back().validation;
    out += fmt::format(
        "Person R² = 1 - SSE/SST over people. Practice R²: cost per head, each practice weighted "
        "by its list,\npredictions scaled to the year's actual total ({} predicted, {} actual).\n"
        "Published: about a third of practices off by 10% or more.\n\n",
        Pounds(v.predicted_total), Pounds(v.actual_total));
  } else {
    out += "No complete later year in the data to validate on.\n\n";
  }

  out +=
      "Largest coefficients (£ a head a year; the intercept is a man aged 25-34 with no "
      "listed condition,\nno use of the listed services the year before, in IMD quintile 5)\n";
  TextTable coefficients({"term", "£ a head"});
  for (int t : LargestTerms(model)) {
    coefficients.AddRow({CapitationTermNames()[t], Decimal(model.coefficient[t], 2)});
  }
  out += coefficients.Render() + "\n";

  const CapitationBudget& b = r.budget;
  out += fmt::format("Budget for {}: {} for {} people registered on {}\nAllocation: {}.\n",
                     FormatFinancialYear(b.year), Pounds(b.all.budget), WithThousands(b.all.heads),
                     FormatDate(b.list_day), BasisText(b));
  const bool actual = b.actual_complete;
  std::vector<std::string> header{"practice", "name",   "in",       "heads",
                                  "weighted", "budget", "per head", "per weighted"};
  if (actual) {
    header.push_back("actual cost of the 1 April list");
    header.push_back("actual vs budget %");
  }
  TextTable budget(header);
  for (const BudgetGroup& g : b.groups) {
    for (const BudgetLine& line : g.practices) {
      budget.AddRow(BudgetRow(line, g.ico ? g.total.id : "control", actual));
    }
    BudgetLine total = g.total;
    total.name = g.ico ? "all of " + g.total.id : "control practices";
    total.id = "";
    budget.AddRow(BudgetRow(total, "", actual));
  }
  if (b.groups.size() > 1) {
    BudgetLine all = b.all;
    all.id = "";
    budget.AddRow(BudgetRow(all, "", actual));
  }
  out += budget.Render();
  if (b.floored > 0) {
    out += fmt::format("{} people had a negative prediction, counted as 0 need.\n",
                       WithThousands(b.floored));
  }
  if (!b.prior_year_complete) {
    out += fmt::format("Warning: the data do not cover all of {}; prior-year use is understated.\n",
                       FormatFinancialYear(b.year - 1));
  }
  const int64_t uncosted =
      r.fit_uncosted_events + r.validation_uncosted_events + b.prior_uncosted_events;
  if (uncosted > 0) {
    out += fmt::format(
        "Events with no cost, counted as £0: {} in the fitting year, {} in the validation year, "
        "{} in the year before the budget.\n",
        WithThousands(r.fit_uncosted_events), WithThousands(r.validation_uncosted_events),
        WithThousands(b.prior_uncosted_events));
  }
  return out;
}

std::string RenderBudgetJson(const CapitationReport& r, const std::string& workspace) {
  using nlohmann::json;
  json j;
  j["workspace"] = workspace;
  j["model_file"] = r.model_path;
  if (r.fit_year != 0) j["fit_year"] = FormatFinancialYear(r.fit_year);
  if (r.validation_year != 0) j["validation_year"] = FormatFinancialYear(r.validation_year);
  j["fit_prior_year_complete"] = r.fit_prior_complete;
  j["uncosted_events"] = {{"fit_year", r.fit_uncosted_events},
                          {"validation_year", r.validation_uncosted_events},
                          {"budget_prior_year", r.budget.prior_uncosted_events}};
  j["models"] = json::array();
  for (const ModelAssessment& m : r.models) {
    json model{{"model", KindCode(m.model.kind)},
               {"source", m.model.source},
               {"fit_people", m.model.fit_rows},
               {"fit_person_r2", m.model.fit_r2}};
    for (int t = 0; t < kTermCount; ++t) {
      if (ModelHasTerm(m.model.kind, t)) {
        model["coefficients_pounds"][CapitationTermNames()[t]] = m.model.coefficient[t];
      }
    }
    const PublishedR2 published = PublishedFigures(m.model.kind);
    model["published"] = {{"person_r2", published.person}, {"practice_r2", published.practice}};
    if (m.validated) {
      const CapitationValidation& v = m.validation;
      model["validation"] = {{"people", v.people},
                             {"practices", v.practices},
                             {"person_r2", v.person_r2},
                             {"practice_r2", v.practice_r2},
                             {"practices_off_by_10_percent", v.practices_off_by_10_percent},
                             {"predicted_total_pence", v.predicted_total},
                             {"actual_total_pence", v.actual_total}};
    }
    j["models"].push_back(model);
  }
  const CapitationBudget& b = r.budget;
  static constexpr const char* kBasis[] = {"total", "per_head", "model_total"};
  json budget{{"year", FormatFinancialYear(b.year)},
              {"list_day", FormatDate(b.list_day)},
              {"basis", kBasis[static_cast<int>(b.basis)]},
              {"allocation_pence", b.all.budget},
              {"per_head_pence", b.per_head},
              {"negative_predictions_floored", b.floored},
              {"prior_year_complete", b.prior_year_complete},
              {"actual_complete", b.actual_complete},
              {"all", LineJson(b.all)}};
  budget["groups"] = json::array();
  for (const BudgetGroup& g : b.groups) {
    json group{{"ico", g.ico}, {"total", LineJson(g.total)}, {"practices", json::array()}};
    for (const BudgetLine& line : g.practices) group["practices"].push_back(LineJson(line));
    budget["groups"].push_back(group);
  }
  j["budget"] = budget;
  return JsonText(j, 2) + "\n";
}

}  // namespace continuum
