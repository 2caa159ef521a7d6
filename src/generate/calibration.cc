#include "generate/calibration.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <numeric>
#include <unordered_map>
#include <vector>

#include "core/csv.h"
#include "core/date.h"
#include "core/money.h"
#include "model/codes.h"
#include "model/schema.h"

namespace continuum {
namespace {

int64_t Integer(std::string_view text) {
  int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}
Day DateOr(std::string_view text, Day fallback) {
  if (text.empty()) return fallback;
  auto day = ParseDate(text);
  return day.ok() ? *day : fallback;
}

constexpr Day kOpen = INT32_MAX;

struct Patient {
  Day birth = 0;
  bool female = false;
  std::vector<std::pair<Day, Day>> registrations;
  std::vector<std::pair<Day, Day>> conditions;  // onset, resolved (kOpen)
  std::vector<int> condition_codes;
  Day death = kOpen;
  bool Registered(Day day) const {
    for (const auto& [start, end] : registrations) {
      if (start <= day && day <= end) return true;
    }
    return false;
  }
  bool RegisteredThrough(Day first, Day last) const {
    for (const auto& [start, end] : registrations) {
      if (start <= first && end >= last) return true;
    }
    return false;
  }
};

struct Event {
  int patient;
  Day date;
  Setting setting;
  int stay;
  int64_t quantity;
  Pence cost;
};

// Reads a file row by row; `row` gets the fields of each data row.
template <typename F>
Status ForEachRow(const std::string& folder, TableId table, F&& row) {
  const std::string path = folder + "/" + std::string(Table(table).file);
  auto file = CsvFile::Read(path);
  if (!file.ok()) return file.status();
  CsvCursor cursor(*file);
  std::vector<std::string_view> fields;
  bool header = true;
  while (cursor.Next(&fields)) {
    if (header) {
      header = false;
      continue;
    }
    if (fields.size() != Table(table).columns.size()) {
      return Status::InvalidInput(file->name() + " line " + std::to_string(cursor.line()) +
                                  ": wrong number of fields");
    }
    row(fields);
  }
  return cursor.status().ok() ? Status::Ok() : cursor.status().WithContext(file->name());
}

double Share(const std::vector<double>& sorted_descending, double top) {
  const double total = std::accumulate(sorted_descending.begin(), sorted_descending.end(), 0.0);
  const size_t n = static_cast<size_t>(std::ceil(sorted_descending.size() * top));
  const double part =
      std::accumulate(sorted_descending.begin(), sorted_descending.begin() + n, 0.0);
  return total > 0 ? 100.0 * part / total : 0.0;
}

// Logistic regression by iteratively reweighted least squares (a few features, no penalty
// beyond a tiny ridge for stability); returns the fitted linear predictors.
std::vector<double> FitLogistic(const std::vector<std::vector<double>>& x,
                                const std::vector<int>& y) {
  const size_t n = x.size(), p = x.empty() ? 0 : x[0].size();
  std::vector<double> beta(p, 0.0), eta(n, 0.0);
  for (int iteration = 0; iteration < 12; ++iteration) {
    std::vector<double> h(p * p, 0.0), g(p, 0.0);
    for (size_t i = 0; i < n; ++i) {
      const double mu = 1.0 / (1.0 + std::exp(-eta[i]));
      const double w = std::max(mu * (1 - mu), 1e-9);
      for (size_t j = 0; j < p; ++j) {
        g[j] += x[i][j] * (y[i] - mu);
        for (size_t k = 0; k <= j; ++k) h[j * p + k] += w * x[i][j] * x[i][k];
      }
    }
    for (size_t j = 0; j < p; ++j) {
      h[j * p + j] += 1e-6 * n;
      for (size_t k = 0; k < j; ++k) h[k * p + j] = h[j * p + k];
    }
    // Solve h * step = g by Gaussian elimination with partial pivoting.
    std::vector<double> step = g;
    for (size_t c = 0; c < p; ++c) {
      size_t pivot = c;
      for (size_t r = c + 1; r < p; ++r) {
        if (std::fabs(h[r * p + c]) > std::fabs(h[pivot * p + c])) pivot = r;
      }
      for (size_t k = 0; k < p; ++k) std::swap(h[c * p + k], h[pivot * p + k]);
      std::swap(step[c], step[pivot]);
      for (size_t r = c + 1; r < p; ++r) {
        const double f = h[r * p + c] / h[c * p + c];
        for (size_t k = c; k < p; ++k) h[r * p + k] -= f * h[c * p + k];
        step[r] -= f * step[c];
      }
    }
    for (size_t c = p; c-- > 0;) {
      for (size_t k = c + 1; k < p; ++k) step[c] -= h[c * p + k] * step[k];
      step[c] /= h[c * p + c];
    }
    for (size_t j = 0; j < p; ++j) beta[j] += step[j];
    for (size_t i = 0; i < n; ++i) {
      eta[i] = 0;
      for (size_t j = 0; j < p; ++j) eta[i] += beta[j] * x[i][j];
    }
  }
  return eta;
}

}  // namespace

double AreaUnderCurve(const std::vector<double>& scores, const std::vector<int>& outcomes) {
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  double rank_sum = 0;
  int64_t positives = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
    const double average_rank = (i + 1 + j) / 2.0;
    for (size_t k = i; k < j; ++k) {
      if (outcomes[order[k]]) {
        rank_sum += average_rank;
        ++positives;
      }
    }
    i = j;
  }
  const double negatives = static_cast<double>(order.size() - positives);
  if (positives == 0 || negatives == 0) return 0.5;
  return (rank_sum - positives * (positives + 1) / 2.0) / (positives * negatives);
}

Result<Calibration> MeasureFolder(const std::string& folder, const std::string& truth_path) {
  std::vector<Patient> patients;
  std::unordered_map<int64_t, int> index;
  auto patient_of = [&](std::string_view id) {
    auto it = index.find(Integer(id));
    return it == index.end() ? -1 : it->second;
  };
  CONTINUUM_RETURN_IF_ERROR(ForEachRow(folder, TableId::kPatients, [&](const auto& f) {
    index.emplace(Integer(f[0]), static_cast<int>(patients.size()));
    Patient p;
    p.birth = DateOr(f[2], 0);
    p.female = f[3] == "F";
    patients.push_back(std::move(p));
  }));
  struct Registration {
    Day start, end;
    bool birth;
  };
  std::vector<Registration> registrations;
  CONTINUUM_RETURN_IF_ERROR(ForEachRow(folder, TableId::kRegistrations, [&](const auto& f) {
    const int p = patient_of(f[0]);
    if (p < 0) return;
    const Day start = DateOr(f[2], 0), end = DateOr(f[4], kOpen);
    patients[p].registrations.push_back({start, end});
    registrations.push_back({start, end, f[3] == "birth"});
  }));
  CONTINUUM_RETURN_IF_ERROR(ForEachRow(folder, TableId::kConditions, [&](const auto& f) {
    const int p = patient_of(f[0]);
    if (p < 0) return;
    patients[p].conditions.push_back({DateOr(f[2], 0), DateOr(f[3], kOpen)});
    patients[p].condition_codes.push_back(FindCode(kConditionCodes, f[1]));
  }));
  std::array<int64_t, 5> places{};
  std::vector<std::pair<int, Day>> deaths;
  CONTINUUM_RETURN_IF_ERROR(ForEachRow(folder, TableId::kDeaths, [&](const auto& f) {
    const int p = patient_of(f[0]);
    if (p < 0) return;
    patients[p].death = DateOr(f[1], kOpen);
    deaths.push_back({p, patients[p].death});
    const int place = FindCode(kPlaceOfDeathCodes, f[2]);
    if (place >= 0) ++places[place];
  }));
  std::vector<Event> events;
  CONTINUUM_RETURN_IF_ERROR(ForEachRow(folder, TableId::kActivity, [&](const auto& f) {
    const int p = patient_of(f[1]);
    const int setting = FindCode(kSettingCodes, f[3]);
    if (p < 0 || setting < 0) return;
    auto cost = ParsePounds(f[10]);
    events.push_back({p, DateOr(f[2], 0), static_cast<Setting>(setting),
                      f[8].empty() ? -1 : static_cast<int>(Integer(f[8])), Integer(f[9]),
                      cost.ok() ? *cost : 0});
  }));
  if (events.empty()) return Status::InvalidInput(folder + ": activity.csv has no events");

  Calibration c;
  auto set = [&](const std::string& name, double value) { c.values[name] = value; };
  // The window: whole financial years from the first to the last event.
  Day first = kOpen, last = 0;
  for (const Event& e : events) {
    first = std::min(first, e.date);
    last = std::max(last, e.date);
  }
  const CivilDate f = CivilFromDay(first), l = CivilFromDay(last);
  const Day window_start = DayFromCivil(f.month >= 4 ? f.year : f.year - 1, 4, 1);
  const Day window_end = DayFromCivil(l.month >= 4 ? l.year + 1 : l.year, 3, 31);
  const Day last_year_start = DayFromCivil(CivilFromDay(window_end).year - 1, 4, 1);
  auto in_window = [&](Day d) { return d >= window_start && d <= window_end; };

  double person_years = 0;
  int64_t starts = 0, ends = 0, births = 0;
  for (const Registration& r : registrations) {
    const Day a = std::max(r.start, window_start), b = std::min(r.end, window_end);
    if (b >= a) person_years += (b - a + 1) / 365.25;
    if (in_window(r.start)) {
      ++starts;
      if (r.birth) ++births;
    }
    if (r.end != kOpen && in_window(r.end)) ++ends;
  }
  set("person_years", person_years);
  set("births_per_1000", 1000.0 * births / person_years);
  set("turnover_pct", 100.0 * (starts + ends) / person_years);
  int64_t died = 0;
  for (const auto& [p, day] : deaths) died += in_window(day);
  set("deaths_per_1000", 1000.0 * died / person_years);
  const double place_total = std::accumulate(places.begin(), places.end(), 0.0);
  for (int i = 0; i < 4; ++i) {
    set("death_place_" + std::string(kPlaceOfDeathCodes[i]) + "_pct",
        place_total > 0 ? 100.0 * places[i] / place_total : 0);
  }

  // The registered list on the last day: age, sex and disease registers.
  int64_t listed = 0, female = 0, bands[4] = {}, aged17 = 0, aged18 = 0;
  int64_t on_register[kConditionCount] = {}, on_register_17[kConditionCount] = {},
          on_register_18[kConditionCount] = {};
  for (const Patient& p : patients) {
    if (!p.Registered(window_end)) continue;
    const int age = AgeOn(p.birth, window_end);
    ++listed;
    female += p.female;
    ++bands[age < 16 ? 0 : age < 65 ? 1 : age < 85 ? 2 : 3];
    aged17 += age >= 17;
    aged18 += age >= 18;
    for (size_t k = 0; k < p.conditions.size(); ++k) {
      const auto [onset, resolved] = p.conditions[k];
      const int code = p.condition_codes[k];
      if (code < 0 || onset > window_end || resolved <= window_end) continue;
      ++on_register[code];
      on_register_17[code] += age >= 17;
      on_register_18[code] += age >= 18;
    }
  }
  set("age_0_15_pct", 100.0 * bands[0] / listed);
  set("age_16_64_pct", 100.0 * bands[1] / listed);
  set("age_65_84_pct", 100.0 * bands[2] / listed);
  set("age_85_plus_pct", 100.0 * bands[3] / listed);
  set("female_pct", 100.0 * female / listed);
  for (int k = 0; k < kConditionCount; ++k) {
    const std::string code(kConditionCodes[k]);
    set("prevalence_" + code, 100.0 * on_register[k] / listed);
    set("prevalence_" + code + "_17plus", 100.0 * on_register_17[k] / aged17);
    set("prevalence_" + code + "_18plus", 100.0 * on_register_18[k] / aged18);
  }

  // Activity rates, unit costs and spend.
  std::array<double, kSettingCount> count{}, quantity{}, cost{};
  std::vector<int> emergency_stays;
  double spend = 0;
  for (const Event& e : events) {
    if (!in_window(e.date)) continue;
    const int s = static_cast<int>(e.setting);
    count[s] += 1;
    quantity[s] += static_cast<double>(e.quantity);
    cost[s] += e.cost / 100.0;
    spend += e.cost / 100.0;
    if (e.setting == Setting::kEmergency) emergency_stays.push_back(std::max(0, e.stay));
  }
  auto per_1000 = [&](Setting s) { return 1000.0 * count[static_cast<int>(s)] / person_years; };
  auto unit = [&](Setting s) {
    const int i = static_cast<int>(s);
    return count[i] > 0 ? cost[i] / count[i] : 0.0;
  };
  set("rate_gp", per_1000(Setting::kGp));
  set("rate_nurse", per_1000(Setting::kNurse));
  set("rate_community", per_1000(Setting::kCommunity));
  set("rate_op_first", per_1000(Setting::kOutpatientFirst));
  set("rate_op_followup", per_1000(Setting::kOutpatientFollowUp));
  set("rate_ae", per_1000(Setting::kAe));
  set("rate_emergency", per_1000(Setting::kEmergency));
  set("rate_elective_and_day_case", per_1000(Setting::kElective) + per_1000(Setting::kDayCase));
  set("rate_mental_health", per_1000(Setting::kMentalHealth));
  set("rate_prescription_items",
      1000.0 * quantity[static_cast<int>(Setting::kPrescription)] / person_years);
  set("prescription_issues_per_person_year",
      count[static_cast<int>(Setting::kPrescription)] / person_years);
  set("events_per_person_year", std::accumulate(count.begin(), count.end(), 0.0) / person_years);
  set("unit_cost_gp", unit(Setting::kGp));
  set("unit_cost_nurse", unit(Setting::kNurse));
  set("unit_cost_community", unit(Setting::kCommunity));
  set("unit_cost_op_first", unit(Setting::kOutpatientFirst));
  set("unit_cost_op_followup", unit(Setting::kOutpatientFollowUp));
  set("unit_cost_ae", unit(Setting::kAe));
  set("unit_cost_day_case", unit(Setting::kDayCase));
  set("unit_cost_elective", unit(Setting::kElective));
  set("unit_cost_emergency", unit(Setting::kEmergency));
  set("unit_cost_mental_health", unit(Setting::kMentalHealth));
  const int rx = static_cast<int>(Setting::kPrescription);
  set("unit_cost_prescription_item", quantity[rx] > 0 ? cost[rx] / quantity[rx] : 0);
  set("spend_per_head", spend / person_years);
  for (int s = 0; s < kSettingCount; ++s) {
    set("spend_per_head_" + std::string(kSettingCodes[s]), cost[s] / person_years);
  }
  if (!emergency_stays.empty()) {
    std::sort(emergency_stays.begin(), emergency_stays.end());
    set("emergency_los_mean", std::accumulate(emergency_stays.begin(), emergency_stays.end(), 0.0) /
                                  emergency_stays.size());
    const size_t n = emergency_stays.size();
    set("emergency_los_median", n % 2
                                    ? emergency_stays[n / 2]
                                    : 0.5 * (emergency_stays[n / 2 - 1] + emergency_stays[n / 2]));
  }

  // 30-day emergency readmissions: discharges at least 30 days before the window ends, not
  // ending in death, followed by another emergency admission within 30 days.
  std::vector<std::vector<std::pair<Day, int>>> admissions(patients.size());
  for (const Event& e : events) {
    if (e.setting == Setting::kEmergency)
      admissions[e.patient].push_back({e.date, std::max(0, e.stay)});
  }
  int64_t discharges = 0, readmitted = 0;
  for (size_t p = 0; p < patients.size(); ++p) {
    auto& list = admissions[p];
    std::sort(list.begin(), list.end());
    for (size_t i = 0; i < list.size(); ++i) {
      const Day discharge = list[i].first + list[i].second;
      if (!in_window(list[i].first) || discharge > window_end - 30 ||
          discharge == patients[p].death)
        continue;
      ++discharges;
      for (size_t j = i + 1; j < list.size(); ++j) {
        if (list[j].first >= discharge && list[j].first <= discharge + 30) {
          ++readmitted;
          break;
        }
      }
    }
  }
  if (discharges > 0) set("readmission_30d_pct", 100.0 * readmitted / discharges);

  // Concentration of hospital cost in the last financial year, over everyone registered in it.
  std::vector<double> hospital(patients.size(), 0.0);
  for (const Event& e : events) {
    if (e.date >= last_year_start && e.date <= window_end && IsHospitalSetting(e.setting)) {
      hospital[e.patient] += e.cost / 100.0;
    }
  }
  std::vector<double> year_costs;
  for (size_t p = 0; p < patients.size(); ++p) {
    for (const auto& [start, end] : patients[p].registrations) {
      if (start <= window_end && end >= last_year_start) {
        year_costs.push_back(hospital[p]);
        break;
      }
    }
  }
  std::sort(year_costs.begin(), year_costs.end(), std::greater<>());
  set("top5_share_hospital_cost_pct", Share(year_costs, 0.05));
  set("top1_share_hospital_cost_pct", Share(year_costs, 0.01));

  // Predicting next year's emergency admission from this year's records.
  if (last_year_start - window_start >= 365) {
    const Day prior_start = DayFromCivil(CivilFromDay(last_year_start).year - 1, 4, 1);
    const Day prior_end = last_year_start - 1;
    std::vector<std::array<double, 4>> prior(patients.size(), {0, 0, 0, 0});
    std::vector<int> outcome(patients.size(), 0);
    for (const Event& e : events) {
      if (e.date >= prior_start && e.date <= prior_end) {
        if (e.setting == Setting::kEmergency) prior[e.patient][0] += 1;
        if (e.setting == Setting::kAe) prior[e.patient][1] += 1;
        if (e.setting == Setting::kOutpatientFirst || e.setting == Setting::kOutpatientFollowUp) {
          prior[e.patient][2] += 1;
        }
        if (e.setting == Setting::kGp) prior[e.patient][3] += 1;
      } else if (e.date >= last_year_start && e.setting == Setting::kEmergency) {
        outcome[e.patient] = 1;
      }
    }
    std::vector<double> simple, latent;
    std::vector<std::vector<double>> features;
    std::vector<int> y;
    std::vector<int> cohort;
    for (size_t p = 0; p < patients.size(); ++p) {
      const Patient& patient = patients[p];
      if (!patient.RegisteredThrough(prior_start, last_year_start)) continue;
      int conditions = 0;
      for (size_t k = 0; k < patient.conditions.size(); ++k) {
        conditions +=
            patient.conditions[k].first <= prior_end && patient.conditions[k].second > prior_end;
      }
      const double age = AgeOn(patient.birth, last_year_start);
      const auto& u = prior[p];
      simple.push_back(std::min(u[0], 3.0) + 0.25 * std::min(u[1], 4.0) + age / 25.0 +
                       0.35 * conditions);
      features.push_back({1.0, std::min(u[0], 5.0), std::min(u[1], 5.0), std::min(u[2], 10.0) / 3,
                          std::min(u[3], 30.0) / 10, age / 10, age * age / 1000,
                          patient.female ? 1.0 : 0.0, std::min(conditions, 8) * 1.0});
      y.push_back(outcome[p]);
      cohort.push_back(static_cast<int>(p));
    }
    set("emergency_auc_simple_score", AreaUnderCurve(simple, y));
    set("emergency_auc_logistic", AreaUnderCurve(FitLogistic(features, y), y));
    if (!truth_path.empty()) {
      std::vector<double> frailty(patients.size(), 0.0);
      auto file = CsvFile::Read(truth_path);
      if (!file.ok()) return file.status();
      CsvCursor cursor(*file);
      std::vector<std::string_view> fields;
      // The truth file's expected_emergency column (the model's own rate), else frailty.
      size_t latent_column = 1;
      if (cursor.Next(&fields)) {
        for (size_t i = 0; i < fields.size(); ++i) {
          if (fields[i] == "expected_emergency") latent_column = i;
        }
      }
      while (cursor.Next(&fields)) {
        const int p = fields.size() >= 2 ? patient_of(fields[0]) : -1;
        if (p < 0) continue;
        const std::string_view column = fields[latent_column < fields.size() ? latent_column : 1];
        std::from_chars(column.data(), column.data() + column.size(), frailty[p]);
      }
      for (int p : cohort) latent.push_back(frailty[p]);
      set("emergency_auc_latent", AreaUnderCurve(latent, y));
    }
  }
  return c;
}

}  // namespace continuum
