// The commissioner's oversight report: every ICO it contracts, side by side, month by month to a
// month — finance against each ICO's risk-share contract (spend to date, the forecast with its
// interval, the forecast settlement and its corridor band), each quality indicator with its
// funnel position among those compared and its SPC signal, pathway adherence, list size, and a
// segment in the manner of the NHS Oversight Framework with its reasons, with alerts when a band
// or segment changes or a new special cause appears. docs/oversight.md has the method.
//
//   auto o = RunOversight(population, {.commissioner = "ZQ1",
//                                      .contracts = {*ReadNamedText("nelson_vale.json")}});
//   o->icos[0].months.back().segment.segment   // 1-4
//
// The CLI (`continuum oversight`) and the server both call RunOversight; rendering is
// report/oversight_render.h. Every figure keeps the counts it rests on, for disclosure control.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "clinical/pathway_report.h"
#include "core/named_text.h"
#include "finance/contract.h"
#include "finance/monitor.h"
#include "finance/tariff.h"
#include "report/disclosure.h"
#include "report/list_turnover.h"
#include "report/oversight_segmentation.h"
#include "stats/funnel.h"
#include "stats/intervals.h"
#include "store/voice.h"

namespace continuum {

// A scored metric's name for a quality indicator: "quality:" and the indicator's id.
inline constexpr std::string_view kQualityPrefix = "quality:";

struct OversightOptions {
  std::string commissioner;  // org id; empty: the only commissioner that contracts ICOs
  std::optional<int> month;  // MonthIndex reported on; default the last whole month of data
  // Risk-share contracts, one per ICO at most (report/oversight_contracts.h).
  std::vector<NamedText> contracts;
  // Whether a contract for another commissioner's ICO is passed over (the workspace's stored
  // contracts, which cover every commissioner) rather than refused (files a user named).
  bool other_commissioners_contracts = false;
  std::optional<Tariff> tariff;  // what events are costed at; none: the built-in default tariff
  bool reprice = false;          // every event at the tariff, recorded costs ignored
  SegmentationRules rules;       // ShippedSegmentationRules() unless told otherwise
  std::span<const VoiceResponse> responses;  // the workspace's survey responses
  // Controlled: every count as those under disclosure control see it (see RunOversight).
  Disclosure disclosure = Disclosure::kExact;
};

// Where a settlement lands in its contract's corridor.
struct CorridorPosition {
  int side = 0;       // +1 overspend, -1 underspend, 0 on budget
  int band = 0;       // index into the side's bands; their count: beyond the corridor
  std::string label;  // "overspend 0%-2%", "underspend beyond 5%", "on budget"
};

struct FinanceMonth {
  Pence budget = 0;  // the whole period's
  Pence budget_to_date = 0, actual_to_date = 0, not_yet_reported = 0;
  Pence variance_to_date = 0;  // actual and not yet reported less budget, to date
  double variance_to_date_pct = 0;
  Pence forecast = 0;                                         // year-end spend
  Pence forecast_low[2] = {0, 0}, forecast_high[2] = {0, 0};  // [0] 80%, [1] 95%
  // The forecast settled: recovery, net variance (> 0 overspend), the ICO's result (< 0 a loss
  // after risk sharing: a deficit) and the one payment between the ICO and its counterparty.
  Pence stop_loss_recovery = 0, settlement_variance = 0, ico_result = 0, net_payment = 0;
  double forecast_variance_pct = 0;  // settlement variance as a percentage of the budget
  CorridorPosition band;
  // The events spend to date rests on (under disclosure control as shown, -1 withheld).
  int64_t events_to_date = 0, uncosted_to_date = 0;
  bool Deficit() const { return ico_result < 0; }
};

struct QualityMeasure {
  std::string indicator;  // id
  std::string title;      // the indicator's, for people
  Polarity polarity = Polarity::kNeither;
  double numerator = 0, denominator = 0, expected = 0;  // over the year to date
  // Under disclosure control, the counts withheld (kNumeratorWithheld, kDenominatorWithheld),
  // which then read as 0, and the value and expected count with them.
  uint8_t withheld = 0;
  std::optional<Estimate> value;  // none when nothing was counted, or withheld
  FunnelPosition funnel_position = FunnelPosition::kWithin;  // against everyone compared
  // The SPC chart of the ICO's monthly values up to this month (none below 12 points).
  int spc_points = 0;
  Variation variation = Variation::kCommonCause;
  std::optional<Assurance> assurance;
  bool SpecialCause() const { return variation != Variation::kCommonCause; }
};

struct PathwayMeasure {
  std::string pathway;   // id
  std::string title;     // the pathway's, for people
  int64_t episodes = 0;  // under disclosure control, -1 when withheld (and the adherence's too)
  Proportion adherence;  // whole episodes on time over those decided
};

struct OversightAlert {
  enum class Kind { kBand, kSegment, kSpecialCause };
  Kind kind = Kind::kBand;
  std::string measure;   // the indicator for a special cause
  std::string from, to;  // the band or segment before and now; the variation for a signal
};
inline constexpr std::string_view kAlertKindCodes[] = {"band", "segment", "special_cause"};

struct OversightMonth {
  int month = 0;           // MonthIndex
  int64_t registered = 0;  // on the ICO's member lists on the month's last day
  // Joiners and leavers of the member lists in the month and in the financial year to date, by
  // how they joined and why they left (exact only: under disclosure control, the totals alone).
  ListTurnover turnover_month, turnover_year;
  // The totals: under disclosure control, as shown (-1 withheld), as is `registered`.
  int64_t joined_month = 0, left_month = 0, joined_year = 0, left_year = 0;
  std::optional<FinanceMonth> finance;  // none without a contract covering the month
  std::vector<QualityMeasure> quality;
  std::vector<MetricScore> scores;  // the scored metrics that had a value
  SegmentResult segment;
  std::vector<OversightAlert> alerts;  // against the month before
};

struct IcoOversight {
  std::string id, name;
  std::string contract_file, contract_name;  // both empty: no contract
  std::vector<OversightMonth> months;        // in order, to the month reported on
  std::vector<PathwayMeasure> pathways;      // the year to the month reported on
};

struct Oversight {
  std::string commissioner_id, commissioner_name;
  int first_month = 0, month = 0;  // MonthIndex: the financial year's months to the one reported
  int first_data_month = 0, last_data_month = 0;  // MonthIndex: the months one may report on
  Disclosure disclosure = Disclosure::kExact;
  std::string tariff;              // the tariffs the events were costed with
  SegmentationRules rules;         // as given, for the report to say how it scored
  std::vector<IcoOversight> icos;  // in organisation order
};

// Under disclosure control (OversightOptions::disclosure), the assessment — scores, segments,
// corridor bands, funnel and SPC signals, alerts — is still made on the exact figures, as a
// regulator's published segmentation is; the counts shown beside it are controlled: each month's
// quality counts with the comparison's (report/quality_disclosure.h, the ICOs kept whole), the
// values and intervals rebuilt from them; list sizes and turnover as one table per ICO with the
// sums that tie them (a year to date as the last month's plus this one's; a list as last month's
// plus joiners less leavers); pathway counts as the pathways report's; event counts rounded.
Result<Oversight> RunOversight(const Population& population, const OversightOptions& options);

// The month reported on by default: the last month the activity wholly covers (MonthIndex).
int DefaultOversightMonth(const Population& population);

// Where `variance` (> 0 overspend) of `budget` lands in the contract's corridor: each band takes
// the part of |variance| up to its upper edge, a variance on an edge lying in the band below.
CorridorPosition CorridorPositionOf(const Contract& contract, Pence budget, Pence variance);

// The alerts of `now` against `before`, the same ICO's month before.
std::vector<OversightAlert> AlertsBetween(const OversightMonth& before, const OversightMonth& now);

}  // namespace continuum
