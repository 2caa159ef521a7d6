// Text and JSON renderings of an emergency-admission risk run.
#include "report/risk_render.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "report/count_json.h"
#include "report/json_text.h"
#include "report/text_table.h"

namespace continuum {
namespace {

using nlohmann::json;

std::string Percent(double fraction, int decimals = 1) {
  return Decimal(100 * fraction, decimals) + "%";
}

// Who the lists held and who was left out, in one line.
std::string CoverageLine(const RiskCoverage& c, bool outcome) {
  std::string line = fmt::format("Coverage: {} on the member lists; {} scored",
                                 WithThousands(c.registered), WithThousands(c.scored));
  if (outcome) {
    line += fmt::format(
        ", {} of them admitted in the year; excluded {} who left the lists without an admission "
        "(outcome unknown); kept {} who died in the year ({} admitted before death) and {} who "
        "left after an admission",
        WithThousands(c.admitted), WithThousands(c.excluded_left), WithThousands(c.died),
        WithThousands(c.died_admitted), WithThousands(c.left_admitted));
  } else {
    line += ", none excluded";
  }
  return line +
         fmt::format("; {} new to the list (registered under 12 months, scored with a flag).\n",
                     WithThousands(c.new_to_list));
}

json CoverageJson(const RiskCoverage& c, Disclosure d) {
  return {{"registered", CountJson(c.registered, d)},
          {"scored", ShownCountJson(c.scored, d)},
          {"new_to_list", CountJson(c.new_to_list, d)},
          {"admitted", CountJson(c.admitted, d)},
          {"died", CountJson(c.died, d)},
          {"died_admitted", CountJson(c.died_admitted, d)},
          {"left_admitted", CountJson(c.left_admitted, d)},
          {"excluded_left_without_admission", CountJson(c.excluded_left, d)}};
}

// The model's columns, largest effect first.
std::vector<size_t> LargestColumns(const RiskModel& m, int most) {
  std::vector<size_t> order(m.columns.size());
  for (size_t j = 0; j < order.size(); ++j) order[j] = j;
  // Columns no one in the fit had keep a coefficient of 0: nothing to show.
  std::erase_if(order, [&](size_t j) { return m.logistic.coefficient[j] == 0; });
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return std::abs(m.logistic.coefficient[a]) > std::abs(m.logistic.coefficient[b]);
  });
  if (static_cast<int>(order.size()) > most) order.resize(most);
  return order;
}

std::string FactorText(const std::vector<RiskFactor>& factors) {
  std::string text;
  for (const RiskFactor& f : factors) text += (text.empty() ? "" : "; ") + f.words;
  return text.empty() ? "nothing beyond the reference person's risk" : text;
}

bool Shown(const RiskRenderOptions& o, uint32_t practice) {
  return o.practice == UINT32_MAX || o.practice == practice;
}

std::string BandCell(const RiskBandCell& c) {
  return fmt::format("{} ({})", WithThousands(c.patients), Decimal(c.expected, 1));
}

std::string Text(const RiskReport& r, const Population& p, const RiskRenderOptions& o) {
  const OrganisationColumns& orgs = p.organisations;
  const RiskModel& model = r.model;
  std::string out = fmt::format("Continuum workspace {}\n", o.workspace);
  out += fmt::format(
      "Emergency admission risk for {} ({})\nThe probability of at least one emergency "
      "admission in the next 12 months, by L2-regularised logistic\nregression on age and sex, "
      "deprivation, long-term condition registers, Charlson conditions coded in\nthe last 2 "
      "years and the use of each service in the year before, in the manner of the Combined\n"
      "Predictive Model (Wennberg et al., King's Fund 2006).\n\n",
      orgs.ids.Value(o.ico), orgs.name[o.ico]);

  if (r.model_path.empty()) {
    out += fmt::format(
        "Fitted on the lists of {} (outcome: admitted in {}): {} patients, {} columns, C = {}; {} "
        "Newton steps in {} s.\n",
        FormatDate(FinancialYearStart(r.fit_year)), FormatFinancialYear(r.fit_year),
        WithThousands(model.logistic.rows), model.columns.size(), Decimal(model.logistic.c, 2),
        model.logistic.iterations, Decimal(model.fit_seconds, 2));
    out += CoverageLine(r.fit_coverage, true);
    if (!r.fit_history_complete) {
      out += fmt::format(
          "Warning: the data do not cover the 12 months before {}, so the fit sees only part of "
          "the year before.\n",
          FormatDate(FinancialYearStart(r.fit_year)));
    }
    if (!r.fit_year_before) {
      out += fmt::format(
          "The data do not reach 24 months before {}, so emergency admissions 13-24 months "
          "before are left out of the model.\n",
          FormatDate(FinancialYearStart(r.fit_year)));
    }
  } else {
    out += fmt::format("Coefficients read from {} ({}; {} columns).\n", r.model_path,
                       model.source.empty() ? "no source" : model.source, model.columns.size());
  }
  out += "\n";

  const RiskValidation& v = r.validation;
  out += fmt::format("Validation on {}: the lists of {}, a year the fit did not see\n",
                     FormatFinancialYear(v.year), FormatDate(FinancialYearStart(v.year)));
  out += CoverageLine(v.coverage, true);
  if (!v.outcome_complete) {
    out += fmt::format("Warning: the data do not cover all of {}; admissions are undercounted.\n",
                       FormatFinancialYear(v.year));
  }
  if (!r.validated) {
    out += "Not validated: " + r.not_validated + "\n\n";
  } else {
    out += fmt::format(
        "c-statistic {}{}; published models reach 0.72-0.80.\n", Decimal(v.c_statistic, 3),
        v.age_sex_c_statistic > 0
            ? fmt::format(" (age and sex alone: {})", Decimal(v.age_sex_c_statistic, 3))
            : "");
    out += fmt::format("Brier score {}; Hosmer-Lemeshow {} on {} degrees of freedom (p = {}).\n\n",
                       Decimal(v.brier, 4), Decimal(v.hosmer_lemeshow.statistic, 1),
                       v.hosmer_lemeshow.degrees_of_freedom, Decimal(v.hosmer_lemeshow.p_value, 3));
    out += "Calibration by decile of predicted risk (1 the lowest)\n";
    TextTable deciles({"decile", "patients", "predicted", "observed", "expected", "admitted"});
    for (size_t g = 0; g < v.deciles.size(); ++g) {
      const CalibrationGroup& d = v.deciles[g];
      deciles.AddRow({std::to_string(g + 1), WithThousands(d.people), Percent(d.mean_predicted, 2),
                      Percent(d.observed_rate, 2), Decimal(d.expected, 1),
                      WithThousands(d.events)});
    }
    out += deciles.Render() + "\n";
    out += "The highest-risk patients: who would be flagged, and how many of them were admitted\n";
    TextTable top({"top", "flagged", "admitted", "PPV", "sensitivity", "lowest risk flagged"});
    for (const TopRisk& t : v.top) {
      top.AddRow({Decimal(t.percent, 1) + "%", WithThousands(t.flagged),
                  WithThousands(t.true_positives), Percent(t.ppv), Percent(t.sensitivity),
                  Percent(t.threshold)});
    }
    out += top.Render() + "\n";
  }

  out +=
      "Largest coefficients, as odds ratios against a man aged 25-34 in IMD quintile 5 with no "
      "register,\ncondition or use of services recorded\n";
  TextTable coefficients({"column", "meaning", "odds ratio", "log-odds"});
  coefficients.AddRow({"intercept", "the reference person's odds",
                       Decimal(std::exp(model.logistic.intercept), 4),
                       Decimal(model.logistic.intercept, 3)});
  for (size_t j : LargestColumns(model, o.coefficients)) {
    const RiskColumn& c = RiskColumns()[model.columns[j]];
    coefficients.AddRow({c.name, c.label, Decimal(std::exp(model.logistic.coefficient[j]), 2),
                         Decimal(model.logistic.coefficient[j], 3)});
  }
  out += coefficients.Render() + "\n";

  out += fmt::format(
      "Risk pyramid on {} (predicting the 12 months ahead): patients in each band of the ICO's "
      "ranking,\nwith the admissions expected among them (patients admitted at least once)\n",
      FormatDate(r.scoring_day));
  out += CoverageLine(r.scoring_coverage, false);
  if (!r.scoring_history_complete) {
    out += "Warning: the data do not cover the 12 months before; prior use is understated.\n";
  }
  std::vector<std::string> header{"practice", "name"};
  for (int b = 0; b < kRiskBands; ++b) header.emplace_back(kRiskBandNames[b]);
  header.insert(header.end(), {"patients", "expected"});
  TextTable pyramid(header);
  auto add_row = [&](const RiskPyramidRow& row, const std::string& id, const std::string& name) {
    std::vector<std::string> cells{id, name};
    int64_t patients = 0;
    double expected = 0;
    for (const RiskBandCell& cell : row.bands) {
      cells.push_back(BandCell(cell));
      patients += cell.patients;
      expected += cell.expected;
    }
    cells.push_back(WithThousands(patients));
    cells.push_back(Decimal(expected, 1));
    pyramid.AddRow(cells);
  };
  for (const RiskPyramidRow& row : r.pyramid.practices) {
    if (Shown(o, row.practice)) add_row(row, orgs.ids.Value(row.practice), orgs.name[row.practice]);
  }
  add_row(r.pyramid.all, "", "all of " + orgs.ids.Value(o.ico));
  out += pyramid.Render();
  std::string lowest;
  for (int b = 0; b + 1 < kRiskBands; ++b) {
    if (r.pyramid.all.bands[b].patients == 0) continue;
    lowest += fmt::format("{}{} from {}", lowest.empty() ? "" : ", ", kRiskBandNames[b],
                          Percent(r.pyramid.lowest[b]));
  }
  if (!lowest.empty()) out += "Bands by risk: " + lowest + ".\n";
  if (r.validated) {
    std::string observed;
    for (int b = 0; b < kRiskBands; ++b) {
      const RiskBandCell& c = v.pyramid.all.bands[b];
      observed += fmt::format("{}{} {} expected, {} admitted", b ? "; " : "", kRiskBandNames[b],
                              Decimal(c.expected, 1), WithThousands(c.observed));
    }
    out += fmt::format("The same bands in the validation year, {}: {}.\n",
                       FormatFinancialYear(v.year), observed);
  }
  out += "\n";

  out += fmt::format("Case-finding list: the {} patients at highest risk on {}{}\n", r.cases.size(),
                     FormatDate(r.scoring_day),
                     o.practice == UINT32_MAX ? "" : " at " + orgs.ids.Value(o.practice));
  TextTable cases({"patient_id", "practice", "age", "sex", "risk", "what raises it most"});
  for (const RiskCase& c : r.cases) {
    cases.AddRow({std::to_string(c.patient_id), orgs.ids.Value(c.practice), std::to_string(c.age),
                  std::string(kSexCodes[c.sex]), Percent(c.probability), FactorText(c.factors)});
  }
  out += cases.Render();
  out +=
      "Factors: the patient's own features that add most to their log-odds (coefficient x value), "
      "largest first,\nthose with an odds ratio of 1.1 or more, at most 5. Patient ids are "
      "pseudonymous.\n";
  return out;
}

json CaseJson(const RiskCase& c, const OrganisationColumns& orgs) {
  json factors = json::array();
  for (const RiskFactor& f : c.factors) {
    factors.push_back(
        {{"column", RiskColumns()[f.column].name}, {"words", f.words}, {"log_odds", f.log_odds}});
  }
  return {
      {"patient_id", c.patient_id}, {"practice", orgs.ids.Value(c.practice)}, {"age", c.age},
      {"sex", kSexCodes[c.sex]},    {"probability", c.probability},           {"factors", factors}};
}

// A risk that bounds a group (its lowest or highest, a threshold): under disclosure control not
// one patient's own risk but the nearest tenth of a percentage point beyond it.
json RiskBound(double risk, bool upper, Disclosure d) {
  if (d == Disclosure::kExact) return risk;
  return (upper ? std::ceil(risk * 1000) : std::floor(risk * 1000)) / 1000;
}

// Admissions expected in a group: under disclosure control withheld with its patients, else
// rounded like a count, since a sum of a few patients' risks would tell how many they are.
json Expected(double expected, const json& patients, Disclosure d) {
  if (d == Disclosure::kExact) return expected;
  return patients.is_null() ? json(nullptr) : CountJson(expected, d);
}

json PyramidRowJson(const RiskPyramidRow& row, bool observed, Disclosure d) {
  json bands = json::array();
  for (int b = 0; b < kRiskBands; ++b) {
    const json patients = ShownCountJson(row.bands[b].patients, d);
    json cell{{"band", kRiskBandNames[b]},
              {"patients", patients},
              {"expected_admitted", Expected(row.bands[b].expected, patients, d)}};
    if (observed) cell["admitted"] = ShownCountJson(row.bands[b].observed, d);
    bands.push_back(cell);
  }
  return bands;
}

// Everything but the case-finding list: no patient appears, and counts are as `d` allows.
json AggregatesJson(const RiskReport& r, const Population& p, const RiskRenderOptions& o,
                    Disclosure d) {
  const OrganisationColumns& orgs = p.organisations;
  const RiskModel& model = r.model;
  json j;
  if (!o.workspace.empty()) j["workspace"] = o.workspace;
  j["ico"] = orgs.ids.Value(o.ico);
  json m{{"source", model.source}, {"file", r.model_path}, {"intercept", model.logistic.intercept}};
  if (r.model_path.empty()) {
    m["fit"] = {{"index_day", FormatDate(FinancialYearStart(r.fit_year))},
                {"outcome_year", FormatFinancialYear(r.fit_year)},
                {"rows", CountJson(int64_t(model.logistic.rows), d)},
                {"c", model.logistic.c},
                {"iterations", model.logistic.iterations},
                {"seconds", model.fit_seconds},
                {"history_complete", r.fit_history_complete},
                {"admissions_13_24_months", r.fit_year_before},
                {"coverage", CoverageJson(r.fit_coverage, d)}};
  }
  m["coefficients"] = json::array();
  for (size_t k = 0; k < model.columns.size(); ++k) {
    const RiskColumn& c = RiskColumns()[model.columns[k]];
    m["coefficients"].push_back({{"column", c.name},
                                 {"meaning", c.label},
                                 {"log_odds", model.logistic.coefficient[k]},
                                 {"odds_ratio", std::exp(model.logistic.coefficient[k])}});
  }
  j["model"] = m;

  const RiskValidation& v = r.validation;
  json validation{{"year", FormatFinancialYear(v.year)},
                  {"index_day", FormatDate(FinancialYearStart(v.year))},
                  {"coverage", CoverageJson(v.coverage, d)},
                  {"history_complete", v.history_complete},
                  {"outcome_complete", v.outcome_complete},
                  {"validated", r.validated}};
  if (!r.validated) {
    validation["not_validated"] = r.not_validated;
  } else {
    validation["c_statistic"] = v.c_statistic;
    if (v.age_sex_c_statistic > 0) validation["age_sex_c_statistic"] = v.age_sex_c_statistic;
    validation["brier"] = v.brier;
    validation["hosmer_lemeshow"] = {{"statistic", v.hosmer_lemeshow.statistic},
                                     {"degrees_of_freedom", v.hosmer_lemeshow.degrees_of_freedom},
                                     {"p_value", v.hosmer_lemeshow.p_value}};
    // A rate of exact counts would give the counts away: under disclosure control each is
    // worked out from the counts as shown, and withheld with them.
    auto rate = [&](double exact, const json& of, const json& in) {
      if (d == Disclosure::kExact) return json(exact);
      if (of.is_null() || in.is_null() || in.get<int64_t>() == 0) return json(nullptr);
      return json(of.get<double>() / in.get<double>());
    };
    const json admitted_in_year = CountJson(v.coverage.admitted, d);
    validation["deciles"] = json::array();
    for (const CalibrationGroup& g : v.deciles) {
      const json people = CountJson(g.people, d), admitted = CountJson(g.events, d);
      validation["deciles"].push_back({{"patients", people},
                                       {"admitted", admitted},
                                       {"expected", Expected(g.expected, people, d)},
                                       {"mean_predicted", g.mean_predicted},
                                       {"observed_rate", rate(g.observed_rate, admitted, people)},
                                       {"lowest", RiskBound(g.lowest, false, d)},
                                       {"highest", RiskBound(g.highest, true, d)}});
    }
    validation["top"] = json::array();
    for (const TopRisk& t : v.top) {
      const json flagged = CountJson(t.flagged, d), admitted = CountJson(t.true_positives, d);
      validation["top"].push_back({{"percent", t.percent},
                                   {"flagged", flagged},
                                   {"admitted", admitted},
                                   {"ppv", rate(t.ppv, admitted, flagged)},
                                   {"sensitivity", rate(t.sensitivity, admitted, admitted_in_year)},
                                   {"threshold", RiskBound(t.threshold, false, d)}});
    }
    validation["bands"] = PyramidRowJson(v.pyramid.all, true, d);
  }
  j["validation"] = validation;

  json lowest_in_band = json::array();
  for (double risk : r.pyramid.lowest) lowest_in_band.push_back(RiskBound(risk, false, d));
  json pyramid{{"index_day", FormatDate(r.scoring_day)},
               {"coverage", CoverageJson(r.scoring_coverage, d)},
               {"history_complete", r.scoring_history_complete},
               {"lowest_risk_in_band", lowest_in_band},
               {"all", PyramidRowJson(r.pyramid.all, false, d)},
               {"practices", json::array()}};
  for (const RiskPyramidRow& row : r.pyramid.practices) {
    if (!Shown(o, row.practice)) continue;
    pyramid["practices"].push_back({{"practice", orgs.ids.Value(row.practice)},
                                    {"name", orgs.name[row.practice]},
                                    {"bands", PyramidRowJson(row, false, d)}});
  }
  j["pyramid"] = pyramid;
  return j;
}

std::string Json(const RiskReport& r, const Population& p, const RiskRenderOptions& o) {
  json j = AggregatesJson(r, p, o, Disclosure::kExact);
  const OrganisationColumns& orgs = p.organisations;
  j["cases"] = json::array();
  for (const RiskCase& c : r.cases) j["cases"].push_back(CaseJson(c, orgs));
  return JsonText(j, 2) + "\n";
}

}  // namespace

std::string RenderRisk(const RiskReport& report, const Population& population,
                       const RiskRenderOptions& options, OutputFormat format) {
  return format == OutputFormat::kJson ? Json(report, population, options)
                                       : Text(report, population, options);
}

std::string RenderCaseFindingJson(const RiskReport& report, const Population& population,
                                  uint32_t practice, size_t limit) {
  const OrganisationColumns& orgs = population.organisations;
  json cases = json::array();
  for (const RiskCase& c : report.cases) {
    if (c.practice != practice) continue;
    if (cases.size() == limit) break;
    cases.push_back(CaseJson(c, orgs));
  }
  return JsonText(
      json{{"practice", {{"id", orgs.ids.Value(practice)}, {"name", orgs.name[practice]}}},
           {"scored_on", FormatDate(report.scoring_day)},
           {"cases", cases}});
}

std::string RenderRiskAggregatesJson(const RiskReport& report, const Population& population,
                                     uint32_t ico, Disclosure disclosure) {
  json j = AggregatesJson(report, population, {.ico = ico}, disclosure);
  j["disclosure"] = DisclosureName(disclosure);
  return JsonText(j);
}

}  // namespace continuum
