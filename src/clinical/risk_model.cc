#include "clinical/risk_model.h"

#include <chrono>
#include <cmath>

#include "core/coefficients_file.h"
#include "core/csv.h"
#include "core/quoted.h"

namespace continuum {
namespace {

constexpr std::string_view kHeader = "column,coefficient";

}  // namespace

Result<RiskModel> FitRiskModel(const RiskFeatures& features, std::vector<int> columns,
                               const LogisticOptions& options) {
  if (features.size() == 0) {
    return Status::InvalidInput("no one is on the member lists on " +
                                FormatDate(features.index_day) + ", so there is nothing to fit");
  }
  RiskModel model;
  model.columns = std::move(columns);
  const DesignMatrix x = RiskDesignMatrix(features, model.columns);
  const auto start = std::chrono::steady_clock::now();
  auto fitted = FitLogistic(x, features.outcome, options);
  model.fit_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!fitted.ok()) {
    return Status::InvalidInput("cannot fit the risk model on the lists of " +
                                FormatDate(features.index_day) + ": " + fitted.status().message());
  }
  model.logistic = std::move(*fitted);
  model.source = "fitted on index day " + FormatDate(features.index_day) + " (outcome " +
                 FormatFinancialYear(FinancialYearOf(features.index_day)) + ")";
  return model;
}

RiskScoring ScoreRiskModel(const RiskModel& model, const RiskFeatures& features) {
  RiskScoring s{.x = RiskDesignMatrix(features, model.columns)};
  s.scores = ScoreLogistic(model.logistic, s.x);
  return s;
}

std::vector<RiskFactor> TopRiskFactors(const RiskModel& model, const DesignMatrix& x,
                                       const RiskFeatures& features, size_t row, int most) {
  static const double kSmallest = std::log(1.1);
  std::vector<RiskFactor> out;
  for (const Contribution& c : Contributions(model.logistic, x, row)) {
    if (static_cast<int>(out.size()) == most || c.log_odds < kSmallest) break;
    const int column = model.columns[c.column];
    out.push_back({column, c.log_odds, RiskFactorWords(features, row, column)});
  }
  return out;
}

std::string FormatRiskModel(const RiskModel& model) {
  std::string out = "# continuum risk model: log-odds of an emergency admission in the next year\n";
  if (!model.source.empty()) out += "# source: " + model.source + "\n";
  out += std::string(kHeader) + "\n";
  out += "intercept," + FormatCoefficient(model.logistic.intercept) + "\n";
  for (size_t j = 0; j < model.columns.size(); ++j) {
    out += RiskColumns()[model.columns[j]].name + "," +
           FormatCoefficient(model.logistic.coefficient[j]) + "\n";
  }
  return out;
}

Result<RiskModel> ParseRiskModel(std::string_view text, const std::string& file) {
  auto parsed = ParseCoefficientsFile(text, file, kHeader, "a number (log-odds)");
  if (!parsed.ok()) return parsed.status();
  RiskModel model;
  model.source = parsed->Value("source");
  std::vector<int> seen_on(RiskColumns().size() + 1, 0);  // the intercept last
  const size_t intercept = RiskColumns().size();
  for (const CoefficientRow& row : parsed->rows) {
    const std::string at = file + " line " + std::to_string(row.line) + ", field column";
    const int column =
        row.name == "intercept" ? static_cast<int>(intercept) : FindRiskColumn(row.name);
    if (column < 0) {
      return Status::InvalidInput(at + ": " + Quoted(row.name) +
                                  " is not a risk model column (see docs/clinical.md)");
    }
    if (seen_on[column] != 0) {
      return Status::InvalidInput(at + ": " + Quoted(row.name) + " appears twice (first on line " +
                                  std::to_string(seen_on[column]) + ")");
    }
    seen_on[column] = row.line;
    if (static_cast<size_t>(column) == intercept) {
      model.logistic.intercept = row.value;
    } else {
      model.columns.push_back(column);
      model.logistic.column_names.push_back(row.name);
      model.logistic.coefficient.push_back(row.value);
    }
  }
  if (seen_on[intercept] == 0) {
    return Status::InvalidInput(file + ": no 'intercept' row; the model needs one");
  }
  return model;
}

Status WriteRiskModel(const RiskModel& model, const std::string& path) {
  auto writer = CsvWriter::Create(path);
  if (!writer.ok()) return writer.status();
  (*writer)->Raw(FormatRiskModel(model));
  return (*writer)->Close();
}

Result<RiskModel> ReadRiskModel(const std::string& path) {
  auto file = CsvFile::Read(path);
  if (!file.ok()) return file.status();
  return ParseRiskModel(file->text(), file->name());
}

}  // namespace continuum
