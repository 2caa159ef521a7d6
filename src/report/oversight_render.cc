#include "report/oversight_render.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "report/json_text.h"
#include "report/quality_render.h"
#include "report/text_table.h"

namespace continuum {
namespace {

using Json = nlohmann::ordered_json;

std::string_view FunnelCode(FunnelPosition p) {
  switch (p) {
    case FunnelPosition::kWithin:
      return "within";
    case FunnelPosition::kAboveInner:
      return "above_95";
    case FunnelPosition::kAboveOuter:
      return "above_99.8";
    case FunnelPosition::kBelowInner:
      return "below_95";
    case FunnelPosition::kBelowOuter:
      return "below_99.8";
  }
  return "";
}

std::string AlertText(const OversightAlert& a) {
  switch (a.kind) {
    case OversightAlert::Kind::kBand:
      return "corridor band changed from " + a.from + " to " + a.to;
    case OversightAlert::Kind::kSegment:
      return "segment changed from " + a.from + " to " + a.to;
    case OversightAlert::Kind::kSpecialCause:
      return "new special cause in " + a.measure + " (" + a.to + ")";
  }
  return "";
}

const MetricScore* ScoreOf(const OversightMonth& m, std::string_view measure) {
  for (const MetricScore& s : m.scores) {
    if (s.measure == measure) return &s;
  }
  return nullptr;
}

std::string Number(double v) { return fmt::format("{:.6g}", v); }
// A count as shown: under disclosure control -1 is withheld.
std::string CountCsv(int64_t c) { return c < 0 ? "" : std::to_string(c); }
Json CountValue(int64_t c) { return c < 0 ? Json(nullptr) : Json(c); }
std::string CountText(int64_t c) { return c < 0 ? "withheld" : WithThousands(c); }
// A quality measure's count: empty or null when withheld under disclosure control.
bool Withheld(const QualityMeasure& q, uint8_t which) { return (q.withheld & which) != 0; }
// Whether a pathway's adherence has a value to show (its counts decided and shown).
bool HasAdherence(const Proportion& a) { return a.denominator > 0 && a.numerator >= 0; }
std::string PoundsCsv(Pence p) { return fmt::format("{:.2f}", static_cast<double>(p) / 100); }

// --- CSV: one row a measure, ICO and month.
std::string RenderCsv(const Oversight& o) {
  std::string out = std::string(kOversightCsvColumns) + "\n";
  for (const IcoOversight& ico : o.icos) {
    for (const OversightMonth& m : ico.months) {
      const std::string segment = m.segment.segment ? std::to_string(m.segment.segment) : "";
      const std::string band = m.finance ? m.finance->band.label : "no contract";
      auto row = [&](std::string_view measure, const std::string& value, const std::string& lower,
                     const std::string& upper, const std::string& numerator,
                     const std::string& denominator, const std::string& alert) {
        const MetricScore* s = ScoreOf(m, measure);
        const std::string month = FormatMonth(m.month), score = s ? Number(s->score) : "";
        bool first = true;
        for (std::string_view field :
             {std::string_view(ico.id), std::string_view(month), measure, std::string_view(value),
              std::string_view(lower), std::string_view(upper), std::string_view(numerator),
              std::string_view(denominator), std::string_view(score), std::string_view(segment),
              std::string_view(band), std::string_view(alert)}) {
          if (!first) out += ',';
          first = false;
          AppendCsvField(field, &out);
        }
        out += '\n';
      };
      std::string alerts;
      for (const OversightAlert& a : m.alerts) {
        if (a.kind != OversightAlert::Kind::kSpecialCause)
          alerts += (alerts.empty() ? "" : "; ") + AlertText(a);
      }
      row("segment", m.segment.segment ? Number(m.segment.average) : "", "", "", "", "", alerts);
      row("list_size", CountCsv(m.registered), "", "", "", "", "");
      row("list_joined_month", CountCsv(m.joined_month), "", "", "", "", "");
      row("list_left_month", CountCsv(m.left_month), "", "", "", "", "");
      row("list_joined_year", CountCsv(m.joined_year), "", "", "", "", "");
      row("list_left_year", CountCsv(m.left_year), "", "", "", "", "");
      if (const auto& f = m.finance) {
        row("finance:budget", PoundsCsv(f->budget), "", "", "", "", "");
        row("finance:budget_to_date", PoundsCsv(f->budget_to_date), "", "", "", "", "");
        // The events the spend rests on, counted as its numerator.
        row("finance:actual_to_date", PoundsCsv(f->actual_to_date), "", "",
            CountCsv(f->events_to_date), "", "");
        row("finance:not_yet_reported", PoundsCsv(f->not_yet_reported), "", "", "", "", "");
        row("finance:variance_to_date", PoundsCsv(f->variance_to_date), "", "", "", "", "");
        row("finance:forecast", PoundsCsv(f->forecast), PoundsCsv(f->forecast_low[1]),
            PoundsCsv(f->forecast_high[1]), "", "", "");
        row("finance:forecast_variance_pct", Number(f->forecast_variance_pct), "", "", "", "", "");
        row("finance:stop_loss_recovery", PoundsCsv(f->stop_loss_recovery), "", "", "", "", "");
        row("finance:ico_result", PoundsCsv(f->ico_result), "", "", "", "", "");
        row("finance:net_payment", PoundsCsv(f->net_payment), "", "", "", "", "");
      }
      for (const QualityMeasure& q : m.quality) {
        std::string alert;
        for (const OversightAlert& a : m.alerts) {
          if (a.kind == OversightAlert::Kind::kSpecialCause && a.measure == q.indicator)
            alert = AlertText(a);
        }
        row("quality:" + q.indicator, q.value ? Number(q.value->value) : "",
            q.value ? Number(q.value->interval.lower) : "",
            q.value ? Number(q.value->interval.upper) : "",
            Withheld(q, kNumeratorWithheld) ? "" : Number(q.numerator),
            Withheld(q, kDenominatorWithheld) ? "" : Number(q.denominator), alert);
      }
      if (&m == &ico.months.back()) {
        for (const PathwayMeasure& pw : ico.pathways) {
          const Proportion& a = pw.adherence;
          const bool has = HasAdherence(a);
          row("pathway:" + pw.pathway, has ? Number(a.value) : "", has ? Number(a.lower) : "",
              has ? Number(a.upper) : "", CountCsv(a.numerator), CountCsv(a.denominator), "");
        }
      }
    }
  }
  return out;
}

// --- JSON: everything.
Json FinanceJson(const FinanceMonth& f) {
  return Json{{"budget_pence", f.budget},
              {"budget_to_date_pence", f.budget_to_date},
              {"actual_to_date_pence", f.actual_to_date},
              {"not_yet_reported_pence", f.not_yet_reported},
              {"variance_to_date_pence", f.variance_to_date},
              {"variance_to_date_pct", f.variance_to_date_pct},
              {"forecast_pence", f.forecast},
              {"forecast_80_pence", {f.forecast_low[0], f.forecast_high[0]}},
              {"forecast_95_pence", {f.forecast_low[1], f.forecast_high[1]}},
              {"stop_loss_recovery_pence", f.stop_loss_recovery},
              {"settlement_variance_pence", f.settlement_variance},
              {"forecast_variance_pct", f.forecast_variance_pct},
              {"ico_result_pence", f.ico_result},
              {"net_payment_pence", f.net_payment},
              {"deficit", f.Deficit()},
              {"band", {{"side", f.band.side}, {"index", f.band.band}, {"label", f.band.label}}},
              {"events_to_date", CountValue(f.events_to_date)},
              {"uncosted_events_to_date", CountValue(f.uncosted_to_date)}};
}

Json MonthJson(const OversightMonth& m, Disclosure disclosure) {
  // Under disclosure control, the totals alone.
  auto turnover = [&](const ListTurnover& t, int64_t joined, int64_t left) {
    Json j{{"joined", CountValue(joined)}, {"left", CountValue(left)}};
    if (disclosure == Disclosure::kControlled) return j;
    for (size_t i = 0; i < t.joined.size(); ++i)
      j["joined_by"][kRegistrationStartCodes[i]] = t.joined[i];
    for (size_t i = 0; i < t.left.size(); ++i) j["left_by"][kRegistrationEndCodes[i]] = t.left[i];
    return j;
  };
  Json j{{"month", FormatMonth(m.month)},
         {"registered", CountValue(m.registered)},
         {"turnover_month", turnover(m.turnover_month, m.joined_month, m.left_month)},
         {"turnover_year_to_date", turnover(m.turnover_year, m.joined_year, m.left_year)}};
  j["finance"] = m.finance ? FinanceJson(*m.finance) : Json(nullptr);
  Json quality = Json::array();
  for (const QualityMeasure& q : m.quality) {
    Json qj{
        {"indicator", q.indicator},
        {"title", q.title},
        {"polarity", q.polarity == Polarity::kLowerIsBetter    ? "lower_is_better"
                     : q.polarity == Polarity::kHigherIsBetter ? "higher_is_better"
                                                               : "neither"},
        {"numerator", Withheld(q, kNumeratorWithheld) ? Json(nullptr) : Json(q.numerator)},
        {"denominator", Withheld(q, kDenominatorWithheld) ? Json(nullptr) : Json(q.denominator)},
        {"expected", q.withheld ? Json(nullptr) : Json(q.expected)}};
    if (q.value) {
      qj["value"] = q.value->value;
      qj["lower"] = q.value->interval.lower;
      qj["upper"] = q.value->interval.upper;
    } else {
      qj["value"] = nullptr;
    }
    qj["funnel"] = FunnelCode(q.funnel_position);
    qj["spc_points"] = q.spc_points;
    // An XmR chart is not read before it has kMinimumSpcPoints months.
    qj["variation"] = q.spc_points >= kMinimumSpcPoints ? Json(VariationText(q.variation))
                                                        : Json("too few months");
    if (q.assurance) qj["assurance"] = AssuranceText(q.assurance);
    quality.push_back(std::move(qj));
  }
  j["quality"] = std::move(quality);
  Json scores = Json::array();
  for (const MetricScore& s : m.scores)
    scores.push_back({{"measure", s.measure},
                      {"value", std::isnan(s.value) ? Json(nullptr) : Json(s.value)},
                      {"score", s.score}});
  j["scores"] = std::move(scores);
  const SegmentResult& s = m.segment;
  j["segment"] = {{"segment", s.segment ? Json(s.segment) : Json(nullptr)},
                  {"average_score", s.average},
                  {"segment_before_override", s.segment_before_override},
                  {"financial_override", s.financial_override},
                  {"reasons", s.reasons}};
  Json alerts = Json::array();
  for (const OversightAlert& a : m.alerts)
    alerts.push_back({{"kind", kAlertKindCodes[static_cast<int>(a.kind)]},
                      {"measure", a.measure},
                      {"from", a.from},
                      {"to", a.to},
                      {"text", AlertText(a)}});
  j["alerts"] = std::move(alerts);
  return j;
}

Json RulesJson(const SegmentationRules& rules) {
  Json metrics = Json::array();
  for (const MetricRule& m : rules.metrics) {
    Json j{{"measure", m.measure},
           {"direction",
            m.direction == Polarity::kLowerIsBetter ? "lower_is_better" : "higher_is_better"},
           {"scoring", kScoringCodes[static_cast<int>(m.scoring)]}};
    if (m.scoring == Scoring::kThresholds) j["thresholds"] = m.thresholds;
    metrics.push_back(std::move(j));
  }
  return Json{{"source", rules.source},
              {"max_average", rules.max_average},
              {"override_best_segment", rules.override_best_segment},
              {"metrics", std::move(metrics)}};
}

std::string RenderJson(const Oversight& o) {
  Json j{{"commissioner", {{"id", o.commissioner_id}, {"name", o.commissioner_name}}},
         {"first_month", FormatMonth(o.first_month)},
         {"month", FormatMonth(o.month)},
         {"data_months",
          {{"from", FormatMonth(o.first_data_month)}, {"to", FormatMonth(o.last_data_month)}}},
         {"disclosure", DisclosureName(o.disclosure)},
         {"tariff", o.tariff},
         {"segmentation", RulesJson(o.rules)}};
  Json icos = Json::array();
  for (const IcoOversight& ico : o.icos) {
    Json ij{{"id", ico.id}, {"name", ico.name}};
    ij["contract"] = ico.contract_file.empty()
                         ? Json(nullptr)
                         : Json{{"file", ico.contract_file}, {"name", ico.contract_name}};
    Json months = Json::array();
    for (const OversightMonth& m : ico.months) months.push_back(MonthJson(m, o.disclosure));
    ij["months"] = std::move(months);
    Json pathways = Json::array();
    for (const PathwayMeasure& p : ico.pathways)
      pathways.push_back(
          {{"pathway", p.pathway},
           {"title", p.title},
           {"episodes", CountValue(p.episodes)},
           {"numerator", CountValue(p.adherence.numerator)},
           {"denominator", CountValue(p.adherence.denominator)},
           {"adherence", HasAdherence(p.adherence) ? Json(p.adherence.value) : Json(nullptr)},
           {"lower", HasAdherence(p.adherence) ? Json(p.adherence.lower) : Json(nullptr)},
           {"upper", HasAdherence(p.adherence) ? Json(p.adherence.upper) : Json(nullptr)}});
    ij["pathways"] = std::move(pathways);
    icos.push_back(std::move(ij));
  }
  j["icos"] = std::move(icos);
  return JsonText(j, 2) + "\n";
}

// --- Text: the month reported on, ICOs side by side, then the history and the alerts.
std::string RenderText(const Oversight& o) {
  std::string out = "Oversight: " + o.commissioner_name + " (" + o.commissioner_id + "), " +
                    FormatMonth(o.month) + "\n";
  if (!o.tariff.empty()) out += "Costed with: " + o.tariff + "\n";
  std::vector<std::string> header = {""};
  for (const IcoOversight& ico : o.icos) header.push_back(ico.id);

  out += "\nSegment (1 best to 4; " + o.rules.source + ")\n";
  TextTable seg({"ico", "name", "segment", "average score", "metrics scored", "band"});
  std::string reasons;
  for (const IcoOversight& ico : o.icos) {
    const OversightMonth& m = ico.months.back();
    seg.AddRow({ico.id, ico.name, m.segment.segment ? std::to_string(m.segment.segment) : "-",
                Decimal(m.segment.average, 2), std::to_string(m.scores.size()),
                m.finance ? m.finance->band.label : "no contract"});
    for (const std::string& r : m.segment.reasons) reasons += "  " + ico.id + ": " + r + "\n";
  }
  out += seg.Render() + "Reasons (metrics scoring 3 or 4, and the financial override):\n" +
         (reasons.empty() ? "  none\n" : reasons);

  out += "\nFinance, year to " + FormatMonth(o.month) + "\n";
  TextTable fin(header);
  auto finance_row = [&](const std::string& label, auto cell) {
    std::vector<std::string> row = {label};
    for (const IcoOversight& ico : o.icos) {
      const auto& f = ico.months.back().finance;
      row.push_back(f ? cell(*f) : "no contract");
    }
    fin.AddRow(std::move(row));
  };
  finance_row("budget", [](const FinanceMonth& f) { return Pounds(f.budget); });
  finance_row("budget to date", [](const FinanceMonth& f) { return Pounds(f.budget_to_date); });
  finance_row("actual to date", [](const FinanceMonth& f) { return Pounds(f.actual_to_date); });
  finance_row("not yet reported", [](const FinanceMonth& f) { return Pounds(f.not_yet_reported); });
  finance_row("variance to date", [](const FinanceMonth& f) {
    return Pounds(f.variance_to_date) + " (" + Decimal(f.variance_to_date_pct, 2) + "%)";
  });
  finance_row("forecast outturn", [](const FinanceMonth& f) { return Pounds(f.forecast); });
  finance_row("95% interval", [](const FinanceMonth& f) {
    return Pounds(f.forecast_low[1]) + " to " + Pounds(f.forecast_high[1]);
  });
  finance_row("forecast variance", [](const FinanceMonth& f) {
    return Pounds(f.settlement_variance) + " (" + Decimal(f.forecast_variance_pct, 2) + "%)";
  });
  finance_row("corridor band", [](const FinanceMonth& f) { return f.band.label; });
  finance_row("ICO result", [](const FinanceMonth& f) { return Pounds(f.ico_result); });
  finance_row("net payment", [](const FinanceMonth& f) { return Pounds(f.net_payment); });
  out += fin.Render();

  out += "\nQuality, year to " + FormatMonth(o.month) +
         " (value [score] funnel among those compared, SPC variation)\n";
  TextTable qual(header);
  if (!o.icos.empty()) {
    for (size_t i = 0; i < o.icos[0].months.back().quality.size(); ++i) {
      std::vector<std::string> row = {o.icos[0].months.back().quality[i].indicator};
      for (const IcoOversight& ico : o.icos) {
        const OversightMonth& m = ico.months.back();
        const QualityMeasure& q = m.quality[i];
        std::string cell = q.value ? Decimal(q.value->value, 3) : q.withheld ? "withheld" : "-";
        if (const MetricScore* s = ScoreOf(m, "quality:" + q.indicator))
          cell += " [" + Decimal(s->score, 0) + "]";
        cell += " " + std::string(FunnelCode(q.funnel_position));
        cell += q.spc_points >= kMinimumSpcPoints ? ", " + std::string(VariationText(q.variation))
                                                  : ", too few months";
        row.push_back(cell);
      }
      qual.AddRow(std::move(row));
    }
  }
  out += qual.Render();

  out += "\nPathway adherence, year to " + FormatMonth(o.month) + " (on time / decided)\n";
  TextTable path(header);
  if (!o.icos.empty()) {
    for (size_t i = 0; i < o.icos[0].pathways.size(); ++i) {
      std::vector<std::string> row = {o.icos[0].pathways[i].pathway};
      for (const IcoOversight& ico : o.icos) {
        const Proportion& a = ico.pathways[i].adherence;
        row.push_back(HasAdherence(a) ? Decimal(100 * a.value, 1) + "% (" + CountText(a.numerator) +
                                            "/" + CountText(a.denominator) + ")"
                      : a.denominator < 0 || a.numerator < 0 ? "withheld"
                                                             : "-");
      }
      path.AddRow(std::move(row));
    }
  }
  out += path.Render();

  out += "\nList size on the month's last day, and joiners and leavers\n";
  TextTable list(header);
  auto list_row = [&](const std::string& label, auto cell) {
    std::vector<std::string> row = {label};
    for (const IcoOversight& ico : o.icos) row.push_back(CountText(cell(ico.months.back())));
    list.AddRow(std::move(row));
  };
  list_row("registered", [](const OversightMonth& m) { return m.registered; });
  list_row("joined in the month", [](const OversightMonth& m) { return m.joined_month; });
  list_row("left in the month", [](const OversightMonth& m) { return m.left_month; });
  list_row("joined, year to date", [](const OversightMonth& m) { return m.joined_year; });
  list_row("left, year to date", [](const OversightMonth& m) { return m.left_year; });
  out += list.Render();

  out += "\nHistory: segment / corridor band\n";
  std::vector<std::string> hist_header = {"month"};
  for (const IcoOversight& ico : o.icos) hist_header.push_back(ico.id);
  TextTable hist(hist_header);
  for (size_t i = 0; !o.icos.empty() && i < o.icos[0].months.size(); ++i) {
    std::vector<std::string> row = {FormatMonth(o.icos[0].months[i].month)};
    for (const IcoOversight& ico : o.icos) {
      const OversightMonth& m = ico.months[i];
      row.push_back((m.segment.segment ? std::to_string(m.segment.segment) : "-") + " / " +
                    (m.finance ? m.finance->band.label : "no contract"));
    }
    hist.AddRow(std::move(row));
  }
  out += hist.Render();

  out += "\nAlerts, " + FormatMonth(o.month) + "\n";
  bool any = false;
  for (const IcoOversight& ico : o.icos) {
    for (const OversightAlert& a : ico.months.back().alerts) {
      out += "  " + ico.id + ": " + AlertText(a) + "\n";
      any = true;
    }
  }
  if (!any) out += "  none\n";
  return out;
}

}  // namespace

std::string RenderOversight(const Oversight& oversight, OutputFormat format) {
  switch (format) {
    case OutputFormat::kCsv:
      return RenderCsv(oversight);
    case OutputFormat::kJson:
      return RenderJson(oversight);
    case OutputFormat::kText:
      return RenderText(oversight);
  }
  return "";
}

}  // namespace continuum
