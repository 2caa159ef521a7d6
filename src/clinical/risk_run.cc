#include "clinical/risk_run.h"

#include <algorithm>
#include <cmath>

namespace continuum {
namespace {

// Validates `model` on `features` (with outcomes): discrimination, calibration, the top k% and
// the bands. An error when the outcomes cannot be told apart.
Status Validate(const RiskModel& model, const RiskFeatures& features, RiskValidation* v) {
  const RiskScoring scoring = ScoreRiskModel(model, features);
  auto ranking = RiskRanking::Make(scoring.scores.probability, features.outcome);
  if (!ranking.ok()) return ranking.status();
  auto c = CStatistic(*ranking);
  if (!c.ok()) return c.status();
  v->c_statistic = *c;
  v->brier = BrierScore(*ranking);
  v->deciles = CalibrationByRisk(*ranking, 10);
  v->hosmer_lemeshow = HosmerLemeshowTest(v->deciles);
  for (double percent : kTopPercents) v->top.push_back(FlagTopRisk(*ranking, percent));
  v->pyramid = BuildRiskPyramid(scoring.scores.probability, features.practice, features.outcome);
  return Status::Ok();
}

double CStatisticOf(const RiskModel& model, const RiskFeatures& features) {
  const RiskScoring scoring = ScoreRiskModel(model, features);
  auto ranking = RiskRanking::Make(scoring.scores.probability, features.outcome);
  if (!ranking.ok()) return 0;
  auto c = CStatistic(*ranking);
  return c.ok() ? *c : 0;
}

}  // namespace

Result<std::vector<double>> RiskByPatient(const Population& p, std::span<const uint8_t> member,
                                          Day day, const LogisticOptions& options) {
  const Day fit_day = AddMonths(day, -12);
  const RiskFeatures fit = BuildRiskFeatures(p, member, fit_day, RiskOutcome::kMeasure);
  if (p.events.size() == 0 || !fit.history_complete || !fit.outcome_complete) {
    return Status::InvalidInput("the data do not cover the two years before " + FormatDate(day) +
                                " that the risk model is fitted on");
  }
  auto model =
      FitRiskModel(fit, RiskModelColumns(RiskColumnSet::kFull, fit.year_before_complete), options);
  if (!model.ok()) return model.status();
  const RiskFeatures now = BuildRiskFeatures(p, member, day, RiskOutcome::kNone);
  const RiskScoring scoring = ScoreRiskModel(*model, now);
  std::vector<double> out(p.patients.size(), std::nan(""));
  for (size_t row = 0; row < now.size(); ++row) {
    out[now.patient[row]] = scoring.scores.probability[row];
  }
  return out;
}

Result<RiskReport> RunRisk(const Population& p, std::span<const uint8_t> member,
                           const RiskRequest& request) {
  if (p.events.size() == 0) return Status::NotFound("the workspace holds no activity yet");
  const int last_complete = LastCompleteFinancialYear(p.events);
  const int first_year = FinancialYearOf(p.events.first_day);
  const bool fitting = request.model_path.empty();
  const int year = request.validation_year != 0 ? request.validation_year : last_complete;
  const int earliest = fitting ? first_year + 1 : first_year;
  if (year < earliest || year > last_complete) {
    if (earliest > last_complete) {
      return Status::InvalidInput(
          "the data's complete financial years run from " + FormatFinancialYear(first_year) +
          " to " + FormatFinancialYear(last_complete) +
          (fitting ? ": fitting needs two, one to fit on and the next to validate on"
                   : ": there is no complete year to validate on"));
    }
    return Status::InvalidInput(
        "cannot validate on " + FormatFinancialYear(year) + ": the data's complete financial " +
        "years run from " + FormatFinancialYear(first_year) + " to " +
        FormatFinancialYear(last_complete) +
        (fitting ? ", and the fit takes the year before" : "") + "; choose --year from " +
        FormatFinancialYear(earliest) + " to " + FormatFinancialYear(last_complete));
  }

  RiskReport report;
  std::vector<int> age_sex_columns = RiskModelColumns(RiskColumnSet::kAgeSex, false);
  Result<RiskModel> age_sex = Status::NotFound("no age-sex model");
  if (fitting) {
    report.fit_year = year - 1;
    const RiskFeatures fit =
        BuildRiskFeatures(p, member, FinancialYearStart(report.fit_year), RiskOutcome::kMeasure);
    report.fit_coverage = fit.coverage;
    report.fit_history_complete = fit.history_complete;
    report.fit_year_before = fit.year_before_complete;
    auto model = FitRiskModel(fit, RiskModelColumns(RiskColumnSet::kFull, fit.year_before_complete),
                              request.options);
    if (!model.ok()) return model.status();
    report.model = std::move(*model);
    age_sex = FitRiskModel(fit, age_sex_columns, request.options);
  } else {
    auto model = ReadRiskModel(request.model_path);
    if (!model.ok()) return model.status();
    report.model = std::move(*model);
    report.model_path = request.model_path;
  }

  const RiskFeatures validation =
      BuildRiskFeatures(p, member, FinancialYearStart(year), RiskOutcome::kMeasure);
  RiskValidation& v = report.validation;
  v.year = year;
  v.coverage = validation.coverage;
  v.history_complete = validation.history_complete;
  v.outcome_complete = validation.outcome_complete;
  const Status validated = Validate(report.model, validation, &v);
  report.validated = validated.ok();
  if (!validated.ok()) report.not_validated = validated.message();
  if (report.validated && age_sex.ok()) v.age_sex_c_statistic = CStatisticOf(*age_sex, validation);

  report.scoring_day = FinancialYearStart(last_complete + 1);
  const RiskFeatures now = BuildRiskFeatures(p, member, report.scoring_day, RiskOutcome::kNone);
  report.scoring_coverage = now.coverage;
  report.scoring_history_complete = now.history_complete;
  const RiskScoring scoring = ScoreRiskModel(report.model, now);
  const std::vector<double>& probability = scoring.scores.probability;
  report.pyramid = BuildRiskPyramid(probability, now.practice, {});
  for (uint32_t row : RankByRisk(probability)) {
    if (static_cast<int>(report.cases.size()) >= request.top) break;
    if (request.practice != UINT32_MAX && now.practice[row] != request.practice) continue;
    report.cases.push_back({.patient_id = p.patients.id[now.patient[row]],
                            .practice = now.practice[row],
                            .age = now.age[row],
                            .sex = now.sex[row],
                            .probability = probability[row],
                            .factors = TopRiskFactors(report.model, scoring.x, now, row)});
  }
  return report;
}

}  // namespace continuum
