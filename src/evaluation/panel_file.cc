#include "evaluation/panel_file.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <unordered_map>

#include "core/file_problems.h"
#include "core/quoted.h"

namespace continuum {
namespace {

// A whole number, also as written with a decimal point and zeros after it ("4.0", as pandas and R
// write a column of integers that has empty cells).
std::optional<int64_t> ParseInteger(std::string_view text) {
  int64_t value = 0;
  const char* last = text.data() + text.size();
  const auto [end, error] = std::from_chars(text.data(), last, value);
  if (error != std::errc()) return std::nullopt;
  if (end != last && (*end != '.' || end + 1 == last ||
                      std::any_of(end + 1, last, [](char c) { return c != '0'; }))) {
    return std::nullopt;
  }
  return value;
}

std::optional<double> ParseNumber(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// What one unit's rows said, before the panel's shape is known.
struct UnitRows {
  int32_t cluster = 0;
  std::optional<int64_t> first_treated;
  int64_t first_line = 0;
  std::map<int64_t, size_t> row_by_period;  // period label -> index into the value rows
};

}  // namespace

Result<PanelFile> ReadPanelFile(const CsvFile& file) {
  FileProblems problems(file.name());
  CsvCursor cursor(file);
  std::vector<std::string_view> fields;
  if (!cursor.Next(&fields)) {
    problems.Add(cursor.line(), "",
                 cursor.status().ok() ? "the file is empty; its first line must name the columns "
                                        "unit,cluster,period,first_treated,outcome"
                                      : cursor.status().message());
    return problems.ToStatus();
  }
  // Where each required column is, and which columns are covariates.
  const std::vector<std::string> header(fields.begin(), fields.end());
  std::vector<int> position(std::size(kPanelColumns), -1);
  std::vector<size_t> covariate_columns;
  PanelFile out;
  out.name = file.name();
  for (size_t i = 0; i < header.size(); ++i) {
    size_t bad = 0;
    if (!IsValidUtf8(header[i], &bad) || HasControlCharacter(header[i], &bad)) {
      problems.Add(1, "",
                   "column " + std::to_string(i + 1) + "'s name " + Quoted(header[i]) +
                       " holds a control character or bytes that are not UTF-8 (at byte " +
                       std::to_string(bad + 1) + ")");
      continue;
    }
    const auto known = std::find_if(std::begin(kPanelColumns), std::end(kPanelColumns),
                                    [&](const char* name) { return header[i] == name; });
    if (known != std::end(kPanelColumns)) {
      int& at = position[known - std::begin(kPanelColumns)];
      if (at >= 0) problems.Add(1, header[i], "the column appears twice");
      at = static_cast<int>(i);
    } else if (header[i].empty()) {
      problems.Add(1, "", "column " + std::to_string(i + 1) + " has no name");
    } else {
      covariate_columns.push_back(i);
      out.covariate_names.push_back(header[i]);
    }
  }
  if (header.size() == 1 && header[0].find(';') != std::string::npos) {
    return Status::InvalidInput(
        file.name() +
        " line 1: the columns are separated by ';', as a spreadsheet set to a "
        "decimal comma saves them; save the file with commas between the columns (and points "
        "in numbers)");
  }
  for (size_t k = 0; k < std::size(kPanelColumns); ++k) {
    if (position[k] < 0) {
      problems.Add(1, "",
                   std::string("no column is named ") + kPanelColumns[k] +
                       "; the first line must name the columns "
                       "unit,cluster,period,first_treated,outcome (and any covariates)");
    }
  }
  if (problems.any()) return problems.ToStatus();
  const size_t unit_at = position[0], cluster_at = position[1], period_at = position[2],
               start_at = position[3], outcome_at = position[4];

  std::unordered_map<std::string, int32_t> unit_index, cluster_index;
  std::vector<UnitRows> units;
  std::vector<double> values;  // per row: outcome then covariates
  const size_t width = 1 + covariate_columns.size();
  std::map<int64_t, int64_t> periods;  // label -> first line seen
  while (cursor.Next(&fields)) {
    const int64_t line = cursor.line();
    if (fields.size() == 1 && fields[0].empty()) continue;  // a blank line
    if (fields.size() != header.size()) {
      problems.Add(line, "",
                   std::to_string(fields.size()) + " columns where the header has " +
                       std::to_string(header.size()));
      continue;
    }
    bool good = true;
    auto text_field = [&](size_t at, const char* name) {
      size_t bad = 0;
      if (fields[at].empty()) {
        problems.Add(line, name, std::string("the ") + name + " is empty");
        good = false;
      } else if (!IsValidUtf8(fields[at], &bad) || HasControlCharacter(fields[at], &bad)) {
        problems.Add(line, name,
                     Quoted(fields[at]) +
                         " holds a control character or bytes that are not "
                         "UTF-8 (at byte " +
                         std::to_string(bad + 1) + ")");
        good = false;
      }
    };
    text_field(unit_at, "unit");
    text_field(cluster_at, "cluster");
    const std::optional<int64_t> period = ParseInteger(fields[period_at]);
    if (!period) {
      problems.Add(line, "period", Quoted(fields[period_at]) + " is not a whole number");
      good = false;
    }
    std::optional<int64_t> start;
    if (!fields[start_at].empty()) {
      start = ParseInteger(fields[start_at]);
      if (!start) {
        problems.Add(line, "first_treated",
                     Quoted(fields[start_at]) +
                         " is not a whole number (leave it empty for a unit never treated)");
        good = false;
      }
    }
    std::vector<double> row(width);
    for (size_t j = 0; j < width; ++j) {
      const size_t at = j == 0 ? outcome_at : covariate_columns[j - 1];
      const std::optional<double> value = ParseNumber(fields[at]);
      if (!value) {
        problems.Add(line, header[at],
                     fields[at].empty() ? "the value is missing; every row needs a number here"
                                        : Quoted(fields[at]) + " is not a number");
        good = false;
      } else {
        row[j] = *value;
      }
    }
    if (!good) continue;
    periods.try_emplace(*period, line);
    const auto [cluster, new_cluster] = cluster_index.try_emplace(
        std::string(fields[cluster_at]), static_cast<int32_t>(out.cluster_names.size()));
    if (new_cluster) out.cluster_names.emplace_back(fields[cluster_at]);
    const auto [unit, new_unit] = unit_index.try_emplace(
        std::string(fields[unit_at]), static_cast<int32_t>(out.unit_names.size()));
    if (new_unit) {
      out.unit_names.emplace_back(fields[unit_at]);
      units.push_back({cluster->second, start, line, {}});
    }
    UnitRows& rows = units[unit->second];
    if (rows.cluster != cluster->second) {
      problems.Add(line, "cluster",
                   "unit " + Quoted(fields[unit_at]) + " is in cluster " +
                       Quoted(out.cluster_names[rows.cluster]) + " on line " +
                       std::to_string(rows.first_line) + " and in " + Quoted(fields[cluster_at]) +
                       " here; a unit belongs to one cluster");
      continue;
    }
    if (rows.first_treated != start) {
      problems.Add(line, "first_treated",
                   "unit " + Quoted(fields[unit_at]) +
                       " has a different first_treated here than "
                       "on line " +
                       std::to_string(rows.first_line) +
                       "; a unit starts once, so every row of it must give the same period");
      continue;
    }
    const auto [at, added] = rows.row_by_period.try_emplace(*period, values.size() / width);
    if (!added) {
      problems.Add(line, "period",
                   "unit " + Quoted(fields[unit_at]) + " already has a row for period " +
                       std::to_string(*period) + "; each unit has one row a period");
      continue;
    }
    values.insert(values.end(), row.begin(), row.end());
  }
  if (!cursor.status().ok()) problems.Add(cursor.line(), "", cursor.status().message());
  if (problems.any()) return problems.ToStatus();
  if (units.empty()) {
    problems.Add(0, "", "the file has a header and no rows");
    return problems.ToStatus();
  }

  for (const auto& [label, line] : periods) out.period_labels.push_back(label);
  const int32_t period_count = static_cast<int32_t>(out.period_labels.size());
  auto index_of = [&](int64_t label) {
    return static_cast<int32_t>(
        std::lower_bound(out.period_labels.begin(), out.period_labels.end(), label) -
        out.period_labels.begin());
  };
  const std::string range =
      std::to_string(out.period_labels.front()) + " to " + std::to_string(out.period_labels.back());
  BalancedPanel& panel = out.panel;
  panel = BalancedPanel(static_cast<int32_t>(units.size()), period_count,
                        static_cast<int32_t>(out.cluster_names.size()));
  panel.covariates.assign(covariate_columns.size(), std::vector<double>(panel.outcome.size()));
  for (int32_t u = 0; u < panel.units; ++u) {
    const UnitRows& rows = units[u];
    panel.cluster[u] = rows.cluster;
    if (rows.first_treated) {
      if (!periods.contains(*rows.first_treated)) {
        problems.Add(rows.first_line, "first_treated",
                     "unit " + Quoted(out.unit_names[u]) + " starts in period " +
                         std::to_string(*rows.first_treated) +
                         ", which is not a period of the data (" + range +
                         "); leave first_treated empty for a unit not treated within the data");
        continue;
      }
      panel.first_treated[u] = index_of(*rows.first_treated);
    }
    if (static_cast<int32_t>(rows.row_by_period.size()) != period_count) {
      int64_t missing = 0;
      for (const int64_t label : out.period_labels) {
        if (!rows.row_by_period.contains(label)) {
          missing = label;
          break;
        }
      }
      problems.Add(rows.first_line, "",
                   "unit " + Quoted(out.unit_names[u]) + " has no row for period " +
                       std::to_string(missing) + " (" + std::to_string(rows.row_by_period.size()) +
                       " of the " + std::to_string(period_count) +
                       " periods); the estimators need every unit in every period");
      continue;
    }
    for (const auto& [label, row] : rows.row_by_period) {
      const size_t cell = static_cast<size_t>(u) * period_count + index_of(label);
      panel.outcome[cell] = values[row * width];
      for (size_t k = 0; k < covariate_columns.size(); ++k) {
        panel.covariates[k][cell] = values[row * width + 1 + k];
      }
    }
  }
  if (problems.any()) return problems.ToStatus();
  return out;
}

std::string PanelFileText(const PanelFile& file) {
  const BalancedPanel& panel = file.panel;
  std::string out = "unit,cluster,period,first_treated,outcome";
  for (const std::string& name : file.covariate_names) {
    out += ',';
    AppendCsvField(name, &out);
  }
  out += '\n';
  auto number = [&](double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", x);
    out += text;
  };
  for (int32_t u = 0; u < panel.units; ++u) {
    for (int32_t t = 0; t < panel.periods; ++t) {
      AppendCsvField(file.unit_names[u], &out);
      out += ',';
      AppendCsvField(file.cluster_names[panel.cluster[u]], &out);
      out += ',' + std::to_string(file.period_labels[t]) + ',';
      if (panel.first_treated[u] != kNeverTreated) {
        out += std::to_string(file.period_labels[panel.first_treated[u]]);
      }
      out += ',';
      number(panel.at(u, t));
      for (const std::vector<double>& covariate : panel.covariates) {
        out += ',';
        number(covariate[static_cast<size_t>(u) * panel.periods + t]);
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace continuum
