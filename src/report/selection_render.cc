#include "report/selection_render.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "report/json_text.h"
#include "report/text_table.h"

namespace continuum {
namespace {

std::string Figure(double value) { return std::isnan(value) ? "" : fmt::format("{:.4g}", value); }
std::string Exact(double value) { return std::isnan(value) ? "" : fmt::format("{}", value); }

std::string Years(const std::vector<int>& years) {
  if (years.empty()) return "";
  return years.size() == 1
             ? FormatFinancialYear(years.front())
             : FormatFinancialYear(years.front()) + " to " + FormatFinancialYear(years.back());
}

std::string Share(double share) {
  return std::isnan(share) ? "a suppressed share" : fmt::format("{:.0f}%", 100 * share);
}

std::string Profile(const PatientProfile& p) {
  if (p.patients == 0) return "";
  return fmt::format("mean age {:.0f}, {} aged 75+, {} women, {} most deprived, {:.1f} conditions",
                     p.mean_age, Share(p.aged_75_plus), Share(p.women), Share(p.most_deprived),
                     p.mean_conditions);
}

std::string Csv(const Population& population, const SelectionReport& report) {
  std::string out = "ico,measure,effect,ci_low,ci_high,p_value,q_value,alert\n";
  for (const SelectionMeasure& m : report.measures) {
    out += fmt::format("{},{},{},{},{},{},{},{}\n", population.organisations.ids.Value(m.ico),
                       m.measure, Exact(m.effect), Exact(m.ci_low), Exact(m.ci_high),
                       Exact(m.p_value), Exact(m.q_value), m.alert ? 1 : 0);
  }
  return out;
}

nlohmann::ordered_json Number(double value) {
  return std::isnan(value) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(value);
}

nlohmann::ordered_json ProfileJson(const PatientProfile& p) {
  nlohmann::ordered_json j;
  j["patients"] = p.patients;
  j["mean_age"] = Number(p.mean_age);
  j["aged_75_plus"] = Number(p.aged_75_plus);
  j["women"] = Number(p.women);
  j["most_deprived"] = Number(p.most_deprived);
  j["mean_conditions"] = Number(p.mean_conditions);
  return j;
}

// The settings outside_budget watched, as their codes: "social_care, end_of_life".
std::vector<std::string> OutsideSettings(const SelectionReport& report) {
  std::vector<std::string> codes;
  for (int s = 0; s < kSettingCount; ++s) {
    if (report.outside_settings >> s & 1u) codes.emplace_back(kSettingCodes[s]);
  }
  return codes;
}

std::string Json(const Population& population, const SelectionReport& report) {
  nlohmann::ordered_json j;
  j["from_year"] = FormatFinancialYear(report.first_year);
  j["to_year"] = FormatFinancialYear(report.last_year);
  j["false_discovery_rate"] = kSelectionFalseDiscoveryRate;
  j["disclosure"] = report.controlled ? "controlled" : "exact";
  j["tests"] = report.tests;
  j["families"] = report.families;
  j["outside_budget_settings"] = OutsideSettings(report);
  j["measures"] = nlohmann::ordered_json::array();
  for (const SelectionMeasure& m : report.measures) {
    nlohmann::ordered_json row;
    row["ico"] = population.organisations.ids.Value(m.ico);
    row["measure"] = m.measure;
    row["estimated"] = m.estimated();
    if (!m.estimated()) row["not_estimated"] = m.not_estimated;
    if (m.withheld) row["withheld"] = "a count of 1 to 7 under the figures";
    row["adverse"] = m.adverse == Adverse::kHigher ? "higher" : "lower";
    row["effect"] = Number(m.effect);
    row["ci_low"] = Number(m.ci_low);
    row["ci_high"] = Number(m.ci_high);
    row["p_value"] = Number(m.p_value);
    row["q_value"] = Number(m.q_value);
    row["alert"] = m.alert;
    row["observed"] = Number(m.observed);
    row["expected"] = Number(m.expected);
    row["unit"] = m.unit;
    row["years"] = nlohmann::ordered_json::array();
    for (int y : m.years) row["years"].push_back(FormatFinancialYear(y));
    if (m.concerned.patients > 0) row["concerned"] = ProfileJson(m.concerned);
    if (m.comparison.patients > 0) row["comparison"] = ProfileJson(m.comparison);
    j["measures"].push_back(row);
  }
  j["exits_by_need_decile"] = nlohmann::ordered_json::array();
  for (size_t i = 0; i < report.icos.size(); ++i) {
    for (const bool control : {false, true}) {
      const ExitsByDecile& x = control ? report.control_exits[i] : report.ico_exits[i];
      for (int k = 0; k < 10; ++k) {
        nlohmann::ordered_json row;
        row["ico"] = population.organisations.ids.Value(report.icos[i]);
        row["group"] = control ? "control_practices" : "ico";
        row["need_decile"] = k + 1;
        auto count = [](int64_t n) {
          return n < 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(n);
        };
        row["patients"] = x.patients[k];
        row["removals"] = count(x.removals[k]);
        row["other_exits"] = count(x.other_exits[k]);
        j["exits_by_need_decile"].push_back(row);
      }
    }
  }
  j["registers"] = nlohmann::ordered_json::array();
  for (const RegisterSize& r : report.registers) {
    nlohmann::ordered_json row;
    row["ico"] = population.organisations.ids.Value(r.ico);
    row["condition"] = std::string(kConditionCodes[static_cast<int>(r.condition)]);
    row["observed"] = Number(r.observed);
    row["expected"] = Number(r.expected);
    j["registers"].push_back(row);
  }
  j["alerts"] = nlohmann::ordered_json::array();
  for (const SelectionMeasure& m : report.measures) {
    if (m.alert) j["alerts"].push_back(SelectionAlertText(population, m));
  }
  j["warnings"] = report.warnings;
  return JsonText(j, 2) + "\n";
}

std::string Text(const Population& population, const SelectionReport& report) {
  std::string out = fmt::format(
      "Selection: {} to {}, each ICO against its commissioner's control practices\n"
      "{} tests in {} commissioner{}'s families; alerts where the q-value (false discovery rate "
      "over the commissioner's ICOs and measures, Benjamini-Hochberg) is at most {}; p-values "
      "one-sided, in the direction that would profit the ICO\n",
      FormatFinancialYear(report.first_year), FormatFinancialYear(report.last_year), report.tests,
      report.families, report.families == 1 ? "" : "s", kSelectionFalseDiscoveryRate);
  out += fmt::format("outside_budget watches the settings the budgets do not pay for: {}\n",
                     fmt::join(OutsideSettings(report), ", "));
  uint32_t ico = Dictionary::kMissing;
  TextTable table({"measure", "effect", "95% CI", "p", "q", "alert", "observed", "expected"});
  auto flush = [&] {
    if (ico == Dictionary::kMissing) return;
    out += "\n" + population.organisations.ids.Value(ico) + "\n" + table.Render();
    std::string registers;
    for (const RegisterSize& r : report.registers) {
      if (r.ico != ico || r.expected <= 0) continue;
      registers +=
          fmt::format("{}{} {:.2f}", registers.empty() ? "" : ", ",
                      kConditionCodes[static_cast<int>(r.condition)], r.observed / r.expected);
    }
    if (!registers.empty()) out += "registers, observed over expected: " + registers + "\n";
    table = TextTable({"measure", "effect", "95% CI", "p", "q", "alert", "observed", "expected"});
  };
  std::vector<std::string> notes;
  for (const SelectionMeasure& m : report.measures) {
    if (m.ico != ico) {
      flush();
      ico = m.ico;
    }
    if (m.withheld) {
      table.AddRow({m.measure, "withheld", "", "", "", m.alert ? "ALERT" : "", "", ""});
      continue;
    }
    if (!m.estimated()) {
      table.AddRow({m.measure, "not estimated", "", "", "", "", "", ""});
      notes.push_back(population.organisations.ids.Value(m.ico) + " " + m.measure + ": " +
                      m.not_estimated);
      continue;
    }
    table.AddRow({m.measure, Figure(m.effect), Figure(m.ci_low) + " to " + Figure(m.ci_high),
                  fmt::format("{:.2g}", m.p_value), fmt::format("{:.2g}", m.q_value),
                  m.alert ? "ALERT" : "", Readable(m.observed), Readable(m.expected)});
  }
  flush();
  out += "\nAlerts\n";
  bool any = false;
  for (const SelectionMeasure& m : report.measures) {
    if (!m.alert) continue;
    out += "  " + SelectionAlertText(population, m) + "\n";
    any = true;
  }
  if (!any) out += "  none\n";
  if (!notes.empty()) {
    out += "\nNot estimated\n";
    for (const std::string& note : notes) out += "  " + note + "\n";
  }
  for (const std::string& w : report.warnings) out += "Warning: " + w + "\n";
  return out;
}

}  // namespace

std::string SelectionAlertText(const Population& population, const SelectionMeasure& m) {
  if (m.withheld) {
    return fmt::format("{} {}: {} (figures withheld: they rest on a count of 1 to 7)",
                       population.organisations.ids.Value(m.ico), m.measure,
                       MeasureMeaning(m.measure));
  }
  std::string text = fmt::format(
      "{} {}: {:.3g} (95% CI {:.3g} to {:.3g}, q = {:.2g}) — {}; {} observed against {} expected "
      "({}, {})",
      population.organisations.ids.Value(m.ico), m.measure, m.effect, m.ci_low, m.ci_high,
      m.q_value, MeasureMeaning(m.measure), Readable(m.observed), Readable(m.expected), m.unit,
      Years(m.years));
  if (m.concerned.patients > 0) text += "; the patients concerned: " + Profile(m.concerned);
  if (m.comparison.patients > 0) text += "; against: " + Profile(m.comparison);
  return text;
}

std::string RenderSelection(const Population& population, const SelectionReport& report,
                            OutputFormat format) {
  switch (format) {
    case OutputFormat::kCsv:
      return Csv(population, report);
    case OutputFormat::kJson:
      return Json(population, report);
    case OutputFormat::kText:
      break;
  }
  return Text(population, report);
}

}  // namespace continuum
