#include "report/oversight.h"

#include <algorithm>
#include <future>
#include <map>

#include "clinical/comparison.h"
#include "clinical/pathway_definition.h"
#include "clinical/pathway_engine.h"
#include "core/parallel.h"
#include "core/quoted.h"
#include "engine/registered_on.h"
#include "finance/contract_outturn.h"
#include "finance/costing.h"
#include "finance/settlement.h"
#include "report/oversight_contracts.h"
#include "report/oversight_disclosure.h"
#include "report/pathways_disclosure.h"
#include "report/quality_disclosure.h"
#include "report/quality_render.h"

namespace continuum {
namespace {

constexpr std::string_view kFinanceMetric = "finance:forecast_variance_pct";

bool IsKind(const OrganisationColumns& o, uint32_t org, OrgKind kind) {
  return o.kind[org] == static_cast<uint8_t>(kind);
}

// The commissioner asked for, or the only one that contracts an ICO.
Result<uint32_t> ChooseCommissioner(const Population& p, const std::string& id) {
  const OrganisationColumns& o = p.organisations;
  if (!id.empty()) {
    const uint32_t org = o.ids.Find(id);
    if (org == Dictionary::kMissing)
      return Status::NotFound("--commissioner " + Quoted(id) + ": no such organisation");
    if (!IsKind(o, org, OrgKind::kCommissioner))
      return Status::InvalidInput("--commissioner " + Quoted(id) + ": not a commissioner");
    return org;
  }
  std::vector<uint32_t> found;
  for (uint32_t org = 0; org < o.size(); ++org) {
    if (IsKind(o, org, OrgKind::kIco) && o.parent[org] != Dictionary::kMissing &&
        std::find(found.begin(), found.end(), o.parent[org]) == found.end())
      found.push_back(o.parent[org]);
  }
  if (found.size() == 1) return found[0];
  std::string ids;
  for (uint32_t org : found) ids += (ids.empty() ? "" : ", ") + std::string(o.ids.Value(org));
  return Status::InvalidInput(
      found.empty() ? "the workspace holds no commissioner that contracts an ICO"
                    : "--commissioner: the workspace has " + std::to_string(found.size()) +
                          " commissioners that contract ICOs (" + ids + "); name one");
}

// The first month the activity wholly covers.
int FirstWholeMonth(const EventColumns& e) {
  return MonthIndex(e.first_day) + (MonthStart(MonthIndex(e.first_day)) == e.first_day ? 0 : 1);
}

// A contract made ready: checked against the workspace, its ICO's practices and its budget.
struct ReadyContract {
  std::string file;
  Contract contract;
  IcoScope scope;
  ResolvedBudget budget;
  OutturnReuse reuse;  // the same for every month forecast
};

// Each ICO's contract (by the ICOs' order) made ready, with the events costed once for all.
Result<std::vector<std::optional<ReadyContract>>> ReadyContracts(const Population& p,
                                                                 const std::vector<uint32_t>& icos,
                                                                 const std::string& commissioner,
                                                                 const OversightOptions& options,
                                                                 Costing* costing) {
  const OrganisationColumns& o = p.organisations;
  auto contracts = ContractsByIco(options.contracts);
  if (!contracts.ok()) return contracts.status();
  std::vector<std::optional<ReadyContract>> ready(icos.size());
  if (contracts->empty()) return ready;
  Result<Tariff> tariff =
      options.tariff ? Result<Tariff>(*options.tariff) : LoadTariffs({"default"});
  if (!tariff.ok()) return tariff.status();
  *costing = CostActivity(p, *tariff,
                          options.reprice ? CostingMode::kTariffOnly : CostingMode::kRecordedFirst);
  // Checked in the ICOs' order; the capitation budgets then set together.
  std::vector<const IcoContract*> chosen(icos.size(), nullptr);
  for (const auto& entry : *contracts) {
    // Named apart, not bound: a lambda below takes the ICO's id.
    const std::string& ico = entry.first;
    const IcoContract& c = entry.second;
    const auto at = std::find_if(icos.begin(), icos.end(),
                                 [&](uint32_t org) { return o.ids.Value(org) == ico; });
    if (at == icos.end() && options.other_commissioners_contracts) continue;
    if (at == icos.end())
      return Status::InvalidInput(c.file + ", field ico: " + Quoted(ico) + " is not an ICO that " +
                                  commissioner + " contracts");
    CONTINUUM_RETURN_IF_ERROR(CheckContractAgainstWorkspace(c.contract, p, c.file));
    chosen[at - icos.begin()] = &c;
  }
  std::vector<const Contract*> to_budget;
  for (const IcoContract* c : chosen) {
    if (c) to_budget.push_back(&c->contract);
  }
  std::vector<Result<ResolvedBudget>> budgets = ResolveContractBudgets(to_budget, p, costing->cost);
  std::vector<size_t> budget_of(icos.size(), 0);
  for (size_t k = 0, next = 0; k < icos.size(); ++k) budget_of[k] = chosen[k] ? next++ : 0;
  // Each ICO's practices and stop-loss history, side by side.
  std::vector<Status> failed(icos.size());
  ParallelFor(icos.size(), [&](size_t k) {
    if (!chosen[k]) return;
    const IcoContract& c = *chosen[k];
    Result<ResolvedBudget>& budget = budgets[budget_of[k]];
    if (!budget.ok()) {
      failed[k] = budget.status();
      return;
    }
    auto scope = IcoScopeOn(p, c.contract.ico, c.contract.start, c.file + ", field ico");
    if (!scope.ok()) {
      failed[k] = scope.status();
      return;
    }
    OutturnReuse reuse{.history = StopLossHistoryOf(c.contract, p, costing->cost, *scope)};
    ready[k] =
        ReadyContract{c.file, c.contract, std::move(*scope), std::move(*budget), std::move(reuse)};
  });
  for (const Status& status : failed) CONTINUUM_RETURN_IF_ERROR(status);
  return ready;
}

Result<FinanceMonth> FinanceAt(const Population& p, std::span<const int32_t> cost,
                               const ReadyContract& c, int month) {
  auto outturn = ContractOutturnOf(c.contract, p, cost, c.scope, c.budget, month, &c.reuse);
  if (!outturn.ok()) return outturn.status();
  const Monitor& m = *outturn->monitor;
  const Settlement s = Settle(c.contract, c.budget.amount, outturn->outturn);
  FinanceMonth f;
  f.budget = c.budget.amount;
  f.budget_to_date = m.budget_to_date;
  f.actual_to_date = m.actual_to_date;
  f.not_yet_reported = m.not_yet_reported;
  f.variance_to_date = m.variance;
  f.variance_to_date_pct = m.variance_pct;
  f.forecast = m.forecast;
  for (int i = 0; i < 2; ++i) {
    f.forecast_low[i] = m.forecast_low[i];
    f.forecast_high[i] = m.forecast_high[i];
  }
  f.stop_loss_recovery = s.stop_loss_recovery;
  f.settlement_variance = s.variance;
  f.ico_result = s.IcoResult();
  f.net_payment = s.NetPayment();
  f.forecast_variance_pct =
      f.budget > 0 ? 100.0 * static_cast<double>(s.variance) / static_cast<double>(f.budget) : 0;
  f.band = CorridorPositionOf(c.contract, c.budget.amount, s.variance);
  f.events_to_date = m.events_to_date;
  f.uncosted_to_date = m.uncosted_to_date;
  return f;
}

// The ICO's SPC chart over its monthly values up to `upto` (an index into the report's months).
void ReadChart(const Indicator& ind, const UnitQuality& unit, int upto, QualityMeasure* q) {
  std::vector<double> run;
  for (int i = 0; i <= upto && i < static_cast<int>(unit.monthly.size()); ++i) {
    if (unit.monthly[i]) run.push_back(*unit.monthly[i]);
  }
  q->spc_points = static_cast<int>(run.size());
  if (q->spc_points < kMinimumSpcPoints) return;
  Result<XmrChart> chart = BuildXmrChart(run, {.rules = ind.spc_rules});
  if (!chart.ok()) return;  // a value that is not finite: no chart, as the quality report
  q->variation = LatestVariation(*chart, ind.polarity);
  if (ind.target) q->assurance = ClassifyAssurance(*chart, ind.polarity, *ind.target);
}

// Each scored metric's value for the ICOs that have one, then each ICO's score and segment.
void ScoreMonth(const SegmentationRules& rules, std::vector<OversightMonth*>& months) {
  for (const MetricRule& rule : rules.metrics) {
    std::vector<std::optional<double>> values(months.size());
    for (size_t k = 0; k < months.size(); ++k) {
      const OversightMonth& m = *months[k];
      if (rule.measure == kFinanceMetric) {
        if (m.finance) values[k] = m.finance->forecast_variance_pct;
        continue;
      }
      for (const QualityMeasure& q : m.quality) {
        if (q.value && rule.measure == std::string(kQualityPrefix) + q.indicator)
          values[k] = q.value->value;
      }
    }
    std::vector<double> present;
    for (const auto& v : values) {
      if (v) present.push_back(*v);
    }
    for (size_t k = 0; k < months.size(); ++k) {
      if (!values[k]) continue;
      const double score = rule.scoring == Scoring::kQuartile
                               ? ScoreByQuartile(*values[k], present, rule.direction)
                               : ScoreByThresholds(*values[k], rule);
      months[k]->scores.push_back({rule.measure, *values[k], score});
    }
  }
  for (OversightMonth* m : months)
    m->segment = Segment(rules, m->scores, m->finance && m->finance->Deficit());
}

}  // namespace

int DefaultOversightMonth(const Population& p) {
  const Day last = p.events.last_day;
  return MonthIndex(last) - (MonthEnd(MonthIndex(last)) == last ? 0 : 1);
}

CorridorPosition CorridorPositionOf(const Contract& contract, Pence budget, Pence variance) {
  CorridorPosition c;
  if (variance == 0) {
    c.label = "on budget";
    return c;
  }
  c.side = variance > 0 ? 1 : -1;
  const std::vector<CorridorBand>& bands = variance > 0 ? contract.overspend : contract.underspend;
  const std::string side = variance > 0 ? "overspend " : "underspend ";
  const Pence amount = variance > 0 ? variance : -variance;
  for (c.band = 0; c.band < static_cast<int>(bands.size()); ++c.band) {
    const CorridorBand& b = bands[c.band];
    if (!b.to || amount <= ApplyShare(budget, *b.to)) {
      c.label = side + (b.to ? FormatPercent(b.from) + "-" + FormatPercent(*b.to)
                             : "from " + FormatPercent(b.from));
      return c;
    }
  }
  c.label = side + "beyond " + FormatPercent(*bands.back().to);
  return c;
}

std::vector<OversightAlert> AlertsBetween(const OversightMonth& before, const OversightMonth& now) {
  std::vector<OversightAlert> alerts;
  using Kind = OversightAlert::Kind;
  if (before.finance && now.finance && before.finance->band.label != now.finance->band.label)
    alerts.push_back({Kind::kBand, "", before.finance->band.label, now.finance->band.label});
  if (before.segment.segment != 0 && now.segment.segment != before.segment.segment)
    alerts.push_back({Kind::kSegment, "", std::to_string(before.segment.segment),
                      std::to_string(now.segment.segment)});
  for (const QualityMeasure& q : now.quality) {
    if (!q.SpecialCause()) continue;
    bool had = false;
    for (const QualityMeasure& b : before.quality)
      had |= b.indicator == q.indicator && b.SpecialCause();
    if (!had)
      alerts.push_back({Kind::kSpecialCause, q.indicator, "common cause",
                        std::string(VariationText(q.variation))});
  }
  return alerts;
}

namespace {

// Pathway adherence over the year to the month reported on, as at its last day. Only the ICOs'
// own figures are shown, so only they are counted and put under control.
struct IcoPathways {
  std::vector<PathwayDefinition> definitions;
  PathwaysReport report;  // points into definitions
};
Result<std::unique_ptr<IcoPathways>> PathwaysOfIcos(const Population& p, uint32_t commissioner,
                                                    Day year_start, int month, bool controlled) {
  auto out = std::make_unique<IcoPathways>();
  Result<std::vector<PathwayDefinition>> definitions = ShippedPathways();
  if (!definitions.ok()) return definitions.status();
  out->definitions = std::move(*definitions);
  const PathwayRun run = FollowPathways(
      p, out->definitions, {.from = year_start, .to = MonthEnd(month), .as_of = MonthEnd(month)});
  PathwaysReport exact =
      ReportPathways(p, out->definitions, run, {.commissioner = commissioner, .groups_only = true});
  out->report = controlled ? ControlPathways(exact) : std::move(exact);
  return out;
}

// Each ICO's month as measured: list size and turnover over its members on the month's last day,
// the quality indicators over the year to the month's end (`run` keeps them for disclosure
// control), and the contract's position when the month is in its period.
Result<std::vector<OversightMonth>> MeasureMonth(
    const Population& p, const std::vector<uint32_t>& icos, const QualityRun& whole,
    const std::vector<std::optional<ReadyContract>>& ready, std::span<const int32_t> cost,
    Day year_start, int month, Result<std::unique_ptr<QualityRun>>* run) {
  const OrganisationColumns& o = p.organisations;
  const Day end = MonthEnd(month);
  // Each ICO's member practices on the month's last day, by organisation index.
  std::vector<std::vector<uint8_t>> members(icos.size(), std::vector<uint8_t>(o.size(), 0));
  std::vector<int32_t> member_of(o.size(), -1);
  for (uint32_t org = 0; org < o.size(); ++org) {
    if (!IsKind(o, org, OrgKind::kPractice)) continue;
    const auto at = std::find(icos.begin(), icos.end(), p.IcoOn(org, end));
    if (at == icos.end()) continue;
    members[at - icos.begin()][org] = 1;
    member_of[org] = static_cast<int32_t>(at - icos.begin());
  }
  std::vector<int64_t> registered(icos.size(), 0);
  for (uint32_t patient = 0; patient < p.patients.size(); ++patient) {
    const uint32_t practice = RegisteredPracticeOn(p, patient, end);
    if (practice != Dictionary::kMissing && member_of[practice] >= 0)
      ++registered[member_of[practice]];
  }
  *run = QualityRunOverPeriod(p, whole, year_start, end);
  if (!run->ok()) return run->status();
  const QualityReport& report = (**run)->report;
  std::vector<OversightMonth> months;
  for (size_t k = 0; k < icos.size(); ++k) {
    OversightMonth m{.month = month,
                     .registered = registered[k],
                     .turnover_month = CountListTurnover(p, MonthStart(month), end, members[k]),
                     .turnover_year = CountListTurnover(p, year_start, end, members[k])};
    m.joined_month = m.turnover_month.Joined();
    m.left_month = m.turnover_month.Left();
    m.joined_year = m.turnover_year.Joined();
    m.left_year = m.turnover_year.Left();
    for (const IndicatorQuality& iq : report.indicators) {
      const UnitQuality& unit = iq.units[k];
      QualityMeasure q{.indicator = iq.indicator->id,
                       .title = iq.indicator->title,
                       .polarity = iq.indicator->polarity};
      q.numerator = unit.period.numerator;
      q.denominator = unit.period.denominator;
      q.expected = unit.period.expected;
      q.value = unit.value;
      q.funnel_position = unit.funnel_position;
      ReadChart(*iq.indicator, unit, month - report.first_month, &q);
      m.quality.push_back(std::move(q));
    }
    if (const auto& c = ready[k];
        c && MonthStart(month) >= c->contract.start && end <= c->contract.end) {
      auto finance = FinanceAt(p, cost, *c, month);
      if (!finance.ok()) return finance.status();
      m.finance = *finance;
    }
    months.push_back(std::move(m));
  }
  return months;
}

}  // namespace

Result<Oversight> RunOversight(const Population& p, const OversightOptions& options) {
  const OrganisationColumns& o = p.organisations;
  const EventColumns& e = p.events;
  if (e.size() == 0) return Status::InvalidInput("the workspace holds no activity to oversee");
  Result<uint32_t> commissioner = ChooseCommissioner(p, options.commissioner);
  if (!commissioner.ok()) return commissioner.status();
  Oversight out;
  out.commissioner_id = o.ids.Value(*commissioner);
  out.commissioner_name = o.name[*commissioner];
  out.rules = options.rules;
  out.disclosure = options.disclosure;
  const bool controlled = options.disclosure == Disclosure::kControlled;

  const int first_data = FirstWholeMonth(e), last_data = DefaultOversightMonth(p);
  out.month = options.month.value_or(last_data);
  if (out.month < first_data || out.month > last_data)
    return Status::InvalidInput("--month " + FormatMonth(out.month) +
                                ": the data cover whole months from " + FormatMonth(first_data) +
                                " to " + FormatMonth(last_data));
  const Day year_start = FinancialYearStart(FinancialYearOf(MonthStart(out.month)));
  out.first_month = std::max(MonthIndex(year_start), first_data);
  out.first_data_month = first_data;
  out.last_data_month = last_data;

  // The pathways ask nothing of the rest, so they are followed meanwhile, on cores the contracts
  // leave idle.
  std::future<Result<std::unique_ptr<IcoPathways>>> pathways_running =
      std::async(std::launch::async,
                 [&p, commissioner = *commissioner, year_start, month = out.month, controlled] {
                   return PathwaysOfIcos(p, commissioner, year_start, month, controlled);
                 });

  // The ICOs compared, their contracts, and the events costed once for all of them.
  std::vector<uint32_t> icos;
  for (uint32_t org = 0; org < o.size(); ++org) {
    if (IsKind(o, org, OrgKind::kIco) && o.parent[org] == *commissioner) icos.push_back(org);
  }
  if (icos.empty())
    return Status::InvalidInput("the commissioner " + out.commissioner_id + " contracts no ICO");
  Costing costing;
  auto ready = ReadyContracts(p, icos, out.commissioner_id, options, &costing);
  if (!ready.ok()) return ready.status();
  out.tariff = costing.tariff_name;
  // Each contract's events scanned once, to the last month reported; each month's monitor is
  // finished from the scan. A scan that cannot be made leaves each month to say why.
  ParallelFor(ready->size(), [&](size_t k) {
    std::optional<ReadyContract>& c = (*ready)[k];
    if (!c) return;
    const int last = std::min(out.month, MonthIndex(c->contract.end));
    if (last < MonthIndex(c->contract.start)) return;
    auto scan = ScanForMonitor(p, costing.cost, c->scope,
                               {.period_start = c->contract.start,
                                .period_end = c->contract.end,
                                .budget = c->budget.amount,
                                .month = last,
                                .practice_budgets = c->budget.practices});
    if (scan.ok()) c->reuse.scan = std::move(*scan);
  });
  for (size_t k = 0; k < icos.size(); ++k) {
    IcoOversight ico{.id = std::string(o.ids.Value(icos[k])), .name = o.name[icos[k]]};
    if (const auto& c = (*ready)[k]) {
      ico.contract_file = c->file;
      ico.contract_name = c->contract.name;
    }
    out.icos.push_back(std::move(ico));
  }

  Result<std::vector<Indicator>> indicators = ShippedIndicators();
  if (!indicators.ok()) return indicators.status();
  // A quality metric the rules score must be an indicator, or it would silently never score.
  for (const MetricRule& rule : options.rules.metrics) {
    if (!rule.measure.starts_with(kQualityPrefix)) continue;
    const std::string id = rule.measure.substr(kQualityPrefix.size());
    if (std::none_of(indicators->begin(), indicators->end(),
                     [&](const Indicator& i) { return i.id == id; }))
      return Status::InvalidInput("segmentation rules, measure " + Quoted(rule.measure) +
                                  ": no quality indicator has the id " + Quoted(id));
  }
  // The indicators evaluated once, compared over the commissioner's ICOs and control practices
  // (the ICOs are its first units, in organisation order), then measured over the year to each
  // month's end.
  Result<QualityScope> compared =
      ComparisonScopeOf(p, *commissioner, year_start, MonthEnd(out.month));
  if (!compared.ok()) return compared.status();
  Result<std::unique_ptr<QualityRun>> evaluated =
      RunQualityOn(p, std::move(*compared), *indicators, false, options.responses);
  if (!evaluated.ok()) return evaluated.status();
  // What the oversight shows of quality is its ICOs' figures alone, and each rests on the ICO's
  // own counts and the commissioner's total, never on a control practice's: so the control
  // practices are measured, put under disclosure control and reported as the one group they make
  // together (as the pathways are, ReportScope::groups_only), in tables a fortieth the size of
  // one with each practice.
  Result<std::unique_ptr<QualityRun>> whole =
      QualityRunWithUnitsMerged(p, **evaluated, icos.size());
  if (!whole.ok()) return whole.status();
  // Each month measured on its own, side by side; then scored and compared with the month before
  // in order.
  const size_t month_count = static_cast<size_t>(out.month - out.first_month + 1);
  std::vector<std::vector<OversightMonth>> measured(month_count);  // [month][ICO]
  std::vector<Result<std::unique_ptr<QualityRun>>> runs;
  for (size_t i = 0; i < month_count; ++i) runs.emplace_back(Status::Internal("not measured"));
  std::vector<Status> failed(month_count);
  ParallelFor(month_count, [&](size_t i) {
    const int month = out.first_month + static_cast<int>(i);
    Result<std::vector<OversightMonth>> m =
        MeasureMonth(p, icos, **whole, *ready, costing.cost, year_start, month, &runs[i]);
    if (m.ok())
      measured[i] = std::move(*m);
    else
      failed[i] = m.status();
  });
  for (const Status& status : failed) CONTINUUM_RETURN_IF_ERROR(status);
  std::vector<std::unique_ptr<QualityRun>> to_control;
  for (size_t i = 0; i < month_count; ++i) {
    std::vector<OversightMonth*> months;
    for (size_t k = 0; k < icos.size(); ++k) {
      out.icos[k].months.push_back(std::move(measured[i][k]));
      months.push_back(&out.icos[k].months.back());
    }
    ScoreMonth(options.rules, months);
    if (controlled) to_control.push_back(std::move(*runs[i]));
    for (IcoOversight& ico : out.icos) {
      if (ico.months.size() >= 2)
        ico.months.back().alerts =
            AlertsBetween(ico.months[ico.months.size() - 2], ico.months.back());
    }
  }
  if (controlled) {
    // The months' year to date are controlled with the control practices as one group (above),
    // except the last month of the year's data: its counts are those of the commissioner's
    // comparison over the year, which shows each control practice beside the ICOs. That month is
    // controlled in the comparison's own table, so that the two answers withhold the same ICO
    // counts (each as the ICO's own report does), and neither completes the other.
    const int year_end =
        std::min(MonthIndex(FinancialYearEnd(FinancialYearOf(year_start))), last_data);
    if (out.month == year_end && !to_control.empty()) {
      auto compared_year = QualityRunOverPeriod(p, **evaluated, year_start, MonthEnd(out.month));
      if (!compared_year.ok()) return compared_year.status();
      to_control.back() = std::move(*compared_year);
    }
    // The ICOs' counts and the commissioner's total are kept whole: each ICO's comparison shows
    // them too. In the comparison's own table, each ICO's counts are what its own report shows
    // (report/quality_disclosure.h), so that the three answers show one figure.
    const bool comparison_table = out.month == year_end && !to_control.empty();
    std::vector<UnitWithheld> ico_totals;
    if (comparison_table) {
      Result<std::vector<UnitWithheld>> totals =
          IcoTotalsWithheld(p, icos, *indicators, FinancialYearOf(year_start), options.responses);
      if (!totals.ok()) return totals.status();
      ico_totals = std::move(*totals);
    }
    auto kept_of = [&](const QualityRun& run, bool comparison) {
      if (comparison) return ComparisonKeptWhole(run.evaluation.units, icos.size());
      std::vector<uint8_t> kept(run.evaluation.units, 0);
      for (size_t k = 0; k < icos.size() && k < kept.size(); ++k) kept[k] = kKeptWhole;
      if (!kept.empty()) kept.back() = kKeptWhole;
      return kept;
    };
    std::vector<Result<std::unique_ptr<QualityRun>>> shown;
    for (size_t i = 0; i < to_control.size(); ++i)
      shown.emplace_back(Status::Internal("not controlled"));
    // The last first: it may be the comparison's table, the longest to control.
    ParallelFor(to_control.size(), [&](size_t j) {
      const size_t i = to_control.size() - 1 - j;
      const bool comparison = comparison_table && i + 1 == to_control.size();
      shown[i] = ControlQuality(p, *to_control[i], kept_of(*to_control[i], comparison),
                                comparison ? ico_totals : std::vector<UnitWithheld>{});
    });
    for (size_t i = 0; i < shown.size(); ++i) {
      if (!shown[i].ok()) return shown[i].status();
      for (size_t k = 0; k < icos.size(); ++k)
        ShowControlledQuality((*shown[i])->report, k, &out.icos[k].months[i]);
    }
  }

  Result<std::unique_ptr<IcoPathways>> pathways = pathways_running.get();
  if (!pathways.ok()) return pathways.status();
  for (const PathwayFigures& f : (*pathways)->report.pathways) {
    for (const UnitFigures& u : f.units) {
      if (u.kind != UnitKind::kIco) continue;
      for (IcoOversight& ico : out.icos) {
        if (ico.id == u.id)
          ico.pathways.push_back({f.definition->id, f.definition->title, u.episodes, u.adherence});
      }
    }
  }
  if (controlled) {
    for (IcoOversight& ico : out.icos) ControlOversightCounts(&ico);
  }
  return out;
}

}  // namespace continuum
