#include "finance/capitation_model.h"

#include <algorithm>
#include <cmath>
#include <thread>

#include "core/coefficients_file.h"
#include "core/csv.h"
#include "core/quoted.h"
#include "stats/symmetric_solve.h"

namespace continuum {
namespace {

constexpr std::string_view kHeader = "term,coefficient";

// Sums over rows [begin, end) of XᵀX (upper triangle, as counts: every feature is 0 or 1) and Xᵀy.
struct NormalEquations {
  std::vector<int64_t> xtx = std::vector<int64_t>(kTermCount * kTermCount, 0);
  std::array<double, kTermCount> xty{};

  void Add(const CapitationFeatures& f, size_t begin, size_t end, bool age_sex_only) {
    for (size_t row = begin; row < end; ++row) {
      const TermIndices terms = f.Terms(row, age_sex_only);
      const double y = static_cast<double>(f.cost[row]);
      // Terms() lists indices in ascending order, so (a, b) with a <= b is the upper triangle.
      for (int i = 0; i < terms.size; ++i) {
        const int a = terms.index[i];
        xty[a] += y;
        int64_t* line = &xtx[a * kTermCount];
        for (int j = i; j < terms.size; ++j) ++line[terms.index[j]];
      }
    }
  }
};

NormalEquations Accumulate(const CapitationFeatures& f, bool age_sex_only) {
  const size_t n = f.size();
  const size_t threads =
      std::clamp<size_t>(std::thread::hardware_concurrency(), 1, std::max<size_t>(1, n / 65536));
  std::vector<NormalEquations> parts(threads);
  std::vector<std::thread> workers;
  for (size_t t = 1; t < threads; ++t) {
    workers.emplace_back(
        [&, t] { parts[t].Add(f, n * t / threads, n * (t + 1) / threads, age_sex_only); });
  }
  parts[0].Add(f, 0, n / threads, age_sex_only);
  for (std::thread& w : workers) w.join();
  for (size_t t = 1; t < threads; ++t) {
    for (size_t k = 0; k < parts[0].xtx.size(); ++k) parts[0].xtx[k] += parts[t].xtx[k];
    for (int k = 0; k < kTermCount; ++k) parts[0].xty[k] += parts[t].xty[k];
  }
  return std::move(parts[0]);
}

double PersonR2(const CapitationModel& model, const CapitationFeatures& f) {
  double sum = 0;
  for (Pence c : f.cost) sum += static_cast<double>(c);
  const double mean = f.size() ? sum / f.size() : 0;
  double sse = 0, sst = 0;
  for (size_t row = 0; row < f.size(); ++row) {
    const double y = static_cast<double>(f.cost[row]), residual = y - model.Predict(f, row);
    sse += residual * residual;
    sst += (y - mean) * (y - mean);
  }
  return sst > 0 ? 1 - sse / sst : 0;
}

}  // namespace

bool ModelHasTerm(CapitationModelKind kind, int term) {
  if (term < 0 || term >= kTermCount) return false;
  return kind == CapitationModelKind::kFull || term < kFirstAgeSexTerm + kAgeSexTerms;
}

double CapitationModel::Predict(const CapitationFeatures& features, size_t row) const {
  double pounds = 0;
  for (uint8_t term : features.Terms(row, kind == CapitationModelKind::kAgeSex)) {
    pounds += coefficient[term];
  }
  return 100 * pounds;
}

Result<CapitationModel> FitCapitationModel(const CapitationFeatures& f, CapitationModelKind kind) {
  if (f.size() == 0) {
    return Status::InvalidInput("no one is registered with a practice on " +
                                FormatDate(f.list_day) + ", so there is nothing to fit");
  }
  const NormalEquations sums = Accumulate(f, kind == CapitationModelKind::kAgeSex);
  CapitationModel model;
  model.kind = kind;
  model.source = "fitted on " + FormatFinancialYear(f.year) + " (features from " +
                 FormatFinancialYear(f.year - 1) + ")";
  model.fit_rows = static_cast<int64_t>(f.size());
  std::vector<int> kept;
  for (int t = 0; t < kTermCount; ++t) {
    if (!ModelHasTerm(kind, t)) continue;
    (sums.xtx[t * kTermCount + t] > 0 ? kept : model.dropped).push_back(t);
  }
  const int k = static_cast<int>(kept.size());
  std::vector<double> xtx(k * k), xty(k);
  for (int i = 0; i < k; ++i) {
    xty[i] = sums.xty[kept[i]] / 100.0;  // pounds, so the coefficients come out in pounds
    for (int j = i; j < k; ++j) {
      xtx[i * k + j] = static_cast<double>(sums.xtx[kept[i] * kTermCount + kept[j]]);
    }
  }
  // Exactly collinear terms (possible in small lists) get the minimum-norm solution.
  auto beta = SolveSymmetric(xtx, xty);
  if (!beta.ok()) return beta.status();
  for (int i = 0; i < k; ++i) model.coefficient[kept[i]] = (*beta)[i];
  model.fit_r2 = PersonR2(model, f);
  return model;
}

CapitationValidation ValidateCapitationModel(const CapitationModel& model,
                                             const CapitationFeatures& f) {
  CapitationValidation v;
  v.people = static_cast<int64_t>(f.size());
  v.person_r2 = PersonR2(model, f);
  uint32_t practices = 0;
  for (uint32_t p : f.practice) practices = std::max(practices, p + 1);
  std::vector<double> heads(practices, 0), actual(practices, 0), predicted(practices, 0);
  for (size_t row = 0; row < f.size(); ++row) {
    const double y = static_cast<double>(f.cost[row]), yhat = model.Predict(f, row);
    heads[f.practice[row]] += 1;
    actual[f.practice[row]] += y;
    predicted[f.practice[row]] += yhat;
    v.actual_total += y;
    v.predicted_total += yhat;
  }
  const double scale = v.predicted_total > 0 ? v.actual_total / v.predicted_total : 1;
  const double mean = v.people > 0 ? v.actual_total / v.people : 0;
  double sse = 0, sst = 0;
  for (uint32_t p = 0; p < practices; ++p) {
    if (heads[p] == 0) continue;
    ++v.practices;
    const double a = actual[p] / heads[p], yhat = scale * predicted[p] / heads[p];
    sse += heads[p] * (a - yhat) * (a - yhat);
    sst += heads[p] * (a - mean) * (a - mean);
    if (std::abs(a - yhat) >= 0.1 * std::abs(yhat)) ++v.practices_off_by_10_percent;
  }
  v.practice_r2 = sst > 0 ? 1 - sse / sst : 0;
  return v;
}

std::string FormatCapitationModel(const CapitationModel& model) {
  std::string out = "# continuum capitation model: pounds a head a year for each term\n";
  out += "# model: " + std::string(kCapitationModelKindCodes[static_cast<int>(model.kind)]) + "\n";
  if (!model.source.empty()) out += "# source: " + model.source + "\n";
  out += std::string(kHeader) + "\n";
  for (int t = 0; t < kTermCount; ++t) {
    if (!ModelHasTerm(model.kind, t)) continue;
    out += CapitationTermNames()[t] + "," + FormatCoefficient(model.coefficient[t]) + "\n";
  }
  return out;
}

Result<CapitationModel> ParseCapitationModel(std::string_view text, const std::string& file) {
  auto parsed = ParseCoefficientsFile(text, file, kHeader, "a number of pounds");
  if (!parsed.ok()) return parsed.status();
  CapitationModel model;
  auto at = [&](int line, const std::string& field) {
    return file + " line " + std::to_string(line) + (field.empty() ? "" : ", field " + field);
  };
  const int kind_line = parsed->LineOf("model");
  if (kind_line == 0) {
    return Status::InvalidInput(at(parsed->header_line, "") +
                                ": no '# model:' line before the header; say which terms the "
                                "file holds with '# model: age_sex' or '# model: full'");
  }
  const std::string code = parsed->Value("model");
  const int kind = FindCode(kCapitationModelKindCodes, code);
  if (kind < 0) {
    return Status::InvalidInput(at(kind_line, "model") + ": " + Quoted(code) +
                                " is not a model (age_sex or full)");
  }
  model.kind = static_cast<CapitationModelKind>(kind);
  model.source = parsed->Value("source");
  std::array<int, kTermCount> seen_on{};  // the line each term was given on, 0 when not yet
  for (const CoefficientRow& row : parsed->rows) {
    const int term = FindCapitationTerm(row.name);
    if (term < 0) {
      return Status::InvalidInput(at(row.line, "term") + ": " + Quoted(row.name) +
                                  " is not a capitation term");
    }
    if (!ModelHasTerm(model.kind, term)) {
      return Status::InvalidInput(
          at(row.line, "term") + ": " + Quoted(row.name) + " is not a term of the " +
          std::string(kCapitationModelKindCodes[static_cast<int>(model.kind)]) + " model");
    }
    if (seen_on[term] != 0) {
      return Status::InvalidInput(at(row.line, "term") + ": " + Quoted(row.name) +
                                  " appears twice (first on line " + std::to_string(seen_on[term]) +
                                  ")");
    }
    seen_on[term] = row.line;
    model.coefficient[term] = row.value;
  }
  for (int t = 0; t < kTermCount; ++t) {
    if (ModelHasTerm(model.kind, t) && seen_on[t] == 0) {
      return Status::InvalidInput(
          file + ": term '" + CapitationTermNames()[t] + "' of the " +
          std::string(kCapitationModelKindCodes[static_cast<int>(model.kind)]) +
          " model is missing; every term must be given (write 0 for a term that adds nothing)");
    }
  }
  return model;
}

Status WriteCapitationModel(const CapitationModel& model, const std::string& path) {
  auto writer = CsvWriter::Create(path);
  if (!writer.ok()) return writer.status();
  (*writer)->Raw(FormatCapitationModel(model));
  return (*writer)->Close();
}

Result<CapitationModel> ReadCapitationModel(const std::string& path) {
  auto file = CsvFile::Read(path);
  if (!file.ok()) return file.status();
  return ParseCapitationModel(file->text(), file->name());
}

}  // namespace continuum
