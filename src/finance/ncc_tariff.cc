// The National Cost Collection (NHS England) read as a tariff: each department's currencies
// averaged, weighted by activity, into a price per setting and per setting and HRG chapter.
#include <charconv>
#include <cmath>
#include <map>
#include <string>

#include "core/csv.h"
#include "core/quoted.h"
#include "finance/hrg_chapter.h"
#include "finance/tariff.h"

namespace continuum {
namespace {

// The NCC departments that price Continuum's settings. Outpatient attendances, social care and
// primary care are not in the collection's COSTmos extract; layer another tariff for them.
struct Department {
  std::string_view code;
  Setting setting;
};
constexpr Department kDepartments[] = {
    {"Elective Inpatients", Setting::kElective},
    {"Daycase", Setting::kDayCase},
    {"Non-Elective Inpatient - Short Stay", Setting::kEmergency},
    {"Non-Elective Inpatient - Long Stay", Setting::kEmergency},
    {"Emergency Care", Setting::kAe},
    {"Community Health Service", Setting::kCommunity},
    {"Mental Health Care Contact", Setting::kMentalHealth},
};

struct Sums {
  double activity = 0, cost = 0;
};

// Bounds that keep the sums and the mean in range: no currency's activity in a year comes near a
// billion, and no event costs more than import allows one to (£10,000,000).
constexpr double kMostActivity = 1e9;
constexpr double kMostUnitCost = 1e7;

// The number in `text`, from 0 to `most` (`too_much` says why not more).
Result<double> Number(std::string_view text, const std::string& where, std::string_view column,
                      double most, std::string_view too_much) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  const std::string at = where + ", column " + std::string(column) + ": " + Quoted(text);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value) || value < 0)
    return Status::InvalidInput(at + " is not a number of 0 or more");
  if (value > most) return Status::InvalidInput(at + " " + std::string(too_much));
  return value;
}

}  // namespace

Result<Tariff> ParseNationalCostCollection(std::string_view text, std::string_view file_name) {
  const std::string name(file_name);
  const CsvFile file = CsvFile::FromText(name, std::string(text));
  CsvCursor cursor(file);
  std::vector<std::string_view> f;
  cursor.Next(&f);  // the header, checked by the caller
  // Index 0 is the whole setting; 1 + letter - 'A' a chapter of it.
  std::map<std::pair<int, char>, Sums> sums;
  std::map<std::pair<std::string, std::string>, int64_t> seen;  // department, currency -> line
  while (cursor.Next(&f)) {
    const std::string where = name + " line " + std::to_string(cursor.line());
    if (f.size() != 6) return Status::InvalidInput(where + ": expected 6 fields");
    const Department* department = nullptr;
    for (const Department& d : kDepartments)
      if (f[0] == d.code) department = &d;
    const auto [at, added] =
        seen.try_emplace({std::string(f[0]), std::string(f[1])}, cursor.line());
    if (!added)
      return Status::InvalidInput(where + ", column currency_code: " + Quoted(f[1]) + " of " +
                                  Quoted(f[0]) + " appears again (first on line " +
                                  std::to_string(at->second) +
                                  "); its activity would be counted twice");
    // Every row is checked, of a department Continuum prices or not: a file that is wrong
    // anywhere is not one to trust. Rows the collection leaves unpriced ("NA") carry no unit
    // cost to average.
    auto activity =
        f[3] == "NA" ? Result<double>(0.0)
                     : Number(f[3], where, "activity", kMostActivity,
                              "is more than a billion units, more than any currency's in a year");
    if (!activity.ok()) return activity.status();
    auto unit = f[4] == "NA" ? Result<double>(0.0)
                             : Number(f[4], where, "unit_cost", kMostUnitCost,
                                      "is above the 10,000,000.00 pounds one event may cost");
    if (!unit.ok()) return unit.status();
    if (department == nullptr || f[3] == "NA" || f[4] == "NA") continue;
    const int setting = static_cast<int>(department->setting);
    Sums& all = sums[{setting, 0}];
    all.activity += *activity;
    all.cost += *activity * *unit;
    const char chapter = f[1].empty() ? 0 : f[1][0];
    if (IsAdmission(department->setting) && IsHrgChapter(chapter)) {
      Sums& s = sums[{setting, chapter}];
      s.activity += *activity;
      s.cost += *activity * *unit;
    }
  }
  if (!cursor.status().ok())
    return Status::InvalidInput(name + " line " + std::to_string(cursor.line()) + ": " +
                                cursor.status().message());
  Tariff tariff{.name = name};
  for (const auto& [key, s] : sums) {
    if (s.activity <= 0) continue;
    tariff.prices.push_back(
        {.setting = static_cast<Setting>(key.first),
         .group = key.second,
         .unit_cost = static_cast<Pence>(std::llround(s.cost / s.activity * 100)),
         .source = name + ": activity-weighted mean of " +
                   std::to_string(static_cast<int64_t>(s.activity)) + " units"});
  }
  if (tariff.prices.empty())
    return Status::InvalidInput(name + ": no rows of the departments Continuum prices");
  return tariff;
}

}  // namespace continuum
