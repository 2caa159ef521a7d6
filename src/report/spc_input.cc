#include "report/spc_input.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <map>
#include <optional>
#include <unordered_map>

#include "core/date.h"
#include "core/file_problems.h"
#include "core/quoted.h"

namespace continuum {
namespace {

std::optional<double> ParseValue(std::string_view text) {
  if (text.size() > 1 && text[0] == '+' && text[1] != '-') text.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// The position of each of `columns` in the header row, -1 for an optional one that is absent;
// problems for a missing required column, a repeated or unknown one.
std::vector<int> ReadHeader(const std::vector<std::string_view>& header,
                            const std::vector<std::string_view>& columns, size_t required,
                            FileProblems& problems) {
  std::string expected;
  for (size_t k = 0; k < columns.size(); ++k) {
    expected += (k == 0 ? "" : ",") + std::string(columns[k]);
  }
  std::vector<int> position(columns.size(), -1);
  if (header.size() == 1 && header[0].find(';') != std::string_view::npos) {
    problems.Add(1, "",
                 "the columns are separated by ';', as a spreadsheet set to a decimal comma "
                 "saves them; save the file with commas between the columns (and points in "
                 "numbers)");
    return position;
  }
  for (size_t i = 0; i < header.size(); ++i) {
    const auto known = std::find(columns.begin(), columns.end(), header[i]);
    if (known == columns.end()) {
      problems.Add(1, "",
                   "column " + std::to_string(i + 1) + " is named " + Quoted(header[i]) +
                       ", which is not a column of this file; its columns are " + expected);
      continue;
    }
    int& at = position[known - columns.begin()];
    if (at >= 0) problems.Add(1, header[i], "the column appears twice");
    at = static_cast<int>(i);
  }
  for (size_t k = 0; k < required; ++k) {
    if (position[k] < 0) {
      problems.Add(1, "",
                   "no column is named " + std::string(columns[k]) +
                       "; the first line must name the columns " + expected);
    }
  }
  return position;
}

// A series id: not empty, UTF-8 without control characters.
bool CheckId(std::string_view id, int64_t line, FileProblems& problems) {
  size_t bad = 0;
  if (id.empty()) {
    problems.Add(line, "series_id", "the series_id is empty");
    return false;
  }
  if (!IsValidUtf8(id, &bad) || HasControlCharacter(id, &bad)) {
    problems.Add(line, "series_id",
                 "the series_id holds a control character or bytes that are not UTF-8 (at "
                 "byte " +
                     std::to_string(bad + 1) + ")");
    return false;
  }
  return true;
}

struct SeriesRows {
  std::optional<Polarity> direction;
  int64_t direction_line = 0;
  std::map<Day, std::pair<double, int64_t>> points;  // date -> value, line
};

}  // namespace

std::optional<Polarity> ImprovementDirectionNamed(std::string_view name) {
  for (const Polarity p :
       {Polarity::kHigherIsBetter, Polarity::kLowerIsBetter, Polarity::kNeither}) {
    if (ImprovementDirectionName(p) == name) return p;
  }
  return std::nullopt;
}

Result<SpcInput> ReadSpcInput(const CsvFile& series, const CsvFile* rebase) {
  FileProblems problems(series.name());
  CsvCursor cursor(series);
  std::vector<std::string_view> fields;
  if (!cursor.Next(&fields)) {
    problems.Add(cursor.line(), "",
                 cursor.status().ok() ? "the file is empty; its first line must name the columns "
                                        "series_id,date,value (and improvement_direction)"
                                      : cursor.status().message());
    return problems.ToStatus();
  }
  const size_t width = fields.size();
  const std::vector<int> at =
      ReadHeader(fields, {"series_id", "date", "value", "improvement_direction"}, 3, problems);
  if (problems.any()) return problems.ToStatus();

  std::vector<std::string> order;
  std::unordered_map<std::string, SeriesRows> rows;
  while (cursor.Next(&fields)) {
    const int64_t line = cursor.line();
    if (fields.size() == 1 && fields[0].empty()) continue;  // a blank line
    if (fields.size() != width) {
      problems.Add(line, "",
                   "the row has " + std::to_string(fields.size()) + " fields; the " +
                       "first line names " + std::to_string(width) + " columns");
      continue;
    }
    const std::string_view id = fields[at[0]];
    if (!CheckId(id, line, problems)) continue;
    Result<Day> date = ParseDate(fields[at[1]]);
    if (!date.ok()) {
      problems.Add(line, "date", Quoted(fields[at[1]]) + " is not a date (YYYY-MM-DD)");
    }
    const std::optional<double> value = ParseValue(fields[at[2]]);
    if (!value) {
      problems.Add(line, "value",
                   fields[at[2]].empty()
                       ? std::string("the value is empty; leave out the row of a missing point")
                       : Quoted(fields[at[2]]) + " is not a finite number");
    }
    std::optional<Polarity> direction;
    if (at[3] >= 0 && !fields[at[3]].empty()) {
      direction = ImprovementDirectionNamed(fields[at[3]]);
      if (!direction) {
        problems.Add(line, "improvement_direction",
                     Quoted(fields[at[3]]) + " is not increase, decrease or neutral");
        continue;
      }
    }
    auto [it, added] = rows.try_emplace(std::string(id));
    if (added) order.push_back(it->first);
    SeriesRows& s = it->second;
    if (direction) {
      if (s.direction && *s.direction != *direction) {
        problems.Add(line, "improvement_direction",
                     "series " + Quoted(id) + " was given the improvement_direction " +
                         std::string(ImprovementDirectionName(*s.direction)) + " on line " +
                         std::to_string(s.direction_line) + "; a series has one direction");
      } else if (!s.direction) {
        s.direction = direction;
        s.direction_line = line;
      }
    }
    if (!date.ok() || !value) continue;
    const auto [point, fresh] = s.points.try_emplace(*date, *value, line);
    if (!fresh) {
      problems.Add(line, "date",
                   "series " + Quoted(id) + " already has a point dated " + FormatDate(*date) +
                       " on line " + std::to_string(point->second.second));
    }
  }
  if (!cursor.status().ok()) problems.Add(cursor.line(), "", cursor.status().message());
  for (const std::string& id : order) {
    const SeriesRows& s = rows[id];
    if (s.points.size() == 1) {
      problems.Add(s.points.begin()->second.second, "series_id",
                   "series " + Quoted(id) +
                       " has only this point; a chart needs at least 2 (check the id for a "
                       "stray space or a typing slip)");
    }
  }
  if (order.empty() && !problems.any()) {
    problems.Add(0, "", "the file has no points; give one row per point after the header");
  }

  // The rebase dates, each the date of a point of its series.
  std::unordered_map<std::string, std::vector<Day>> rebases;
  std::optional<FileProblems> rebase_problems;
  if (rebase != nullptr) {
    rebase_problems.emplace(rebase->name());
    FileProblems& rp = *rebase_problems;
    CsvCursor rc(*rebase);
    if (!rc.Next(&fields)) {
      rp.Add(rc.line(), "",
             rc.status().ok() ? "the file is empty; its first line must name the columns "
                                "series_id,rebase_date"
                              : rc.status().message());
    } else {
      const size_t rebase_width = fields.size();
      const std::vector<int> rat = ReadHeader(fields, {"series_id", "rebase_date"}, 2, rp);
      const bool header_ok = !rp.any();
      while (header_ok && rc.Next(&fields)) {
        const int64_t line = rc.line();
        if (fields.size() == 1 && fields[0].empty()) continue;
        if (fields.size() != rebase_width) {
          rp.Add(line, "", "the row has " + std::to_string(fields.size()) + " fields, not 2");
          continue;
        }
        const std::string_view id = fields[rat[0]];
        if (!CheckId(id, line, rp)) continue;
        Result<Day> date = ParseDate(fields[rat[1]]);
        if (!date.ok()) {
          rp.Add(line, "rebase_date", Quoted(fields[rat[1]]) + " is not a date (YYYY-MM-DD)");
          continue;
        }
        const auto s = rows.find(std::string(id));
        if (s == rows.end()) {
          rp.Add(line, "series_id", "there is no series " + Quoted(id) + " in " + series.name());
          continue;
        }
        if (!s->second.points.contains(*date)) {
          rp.Add(line, "rebase_date",
                 "series " + Quoted(id) + " has no point dated " + FormatDate(*date) +
                     "; a rebase date is the date of the first point charted on new limits");
          continue;
        }
        // The points from this date to the next rebase (or the end) must be at least 2.
        const auto& points = s->second.points;
        const auto at = points.find(*date);
        if (std::next(at) == points.end() && at != points.begin()) {
          rp.Add(line, "rebase_date",
                 "the rebase on " + FormatDate(*date) + " leaves series " + Quoted(id) +
                     " 1 point after it, its last; limits need at least 2");
          continue;
        }
        rebases[std::string(id)].push_back(*date);
      }
      if (!rc.status().ok()) rp.Add(rc.line(), "", rc.status().message());
    }
  }
  if (problems.any() || (rebase_problems && rebase_problems->any())) {
    std::string message;
    if (problems.any()) message = problems.ToStatus().message();
    if (rebase_problems && rebase_problems->any()) {
      message += (message.empty() ? "" : "\n") + rebase_problems->ToStatus().message();
    }
    return Status::InvalidInput(message);
  }

  SpcInput input;
  input.series.reserve(order.size());
  for (const std::string& id : order) {
    SeriesRows& s = rows[id];
    SpcSeriesInput& out = input.series.emplace_back();
    out.id = id;
    out.direction = s.direction.value_or(Polarity::kHigherIsBetter);
    out.dates.reserve(s.points.size());
    out.values.reserve(s.points.size());
    for (const auto& [date, point] : s.points) {
      out.dates.push_back(date);
      out.values.push_back(point.first);
    }
    std::vector<Day>& r = rebases[id];
    std::sort(r.begin(), r.end());
    r.erase(std::unique(r.begin(), r.end()), r.end());
    out.rebase_dates = std::move(r);
  }
  return input;
}

}  // namespace continuum
