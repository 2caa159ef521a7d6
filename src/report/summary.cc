#include "report/summary.h"

#include <algorithm>

#include "engine/registered_on.h"
#include "report/list_turnover.h"

namespace continuum {
namespace {

int AgeBand(int age) { return age <= 15 ? 0 : age <= 64 ? 1 : age <= 84 ? 2 : 3; }

}  // namespace

Pence YearSummary::Cost() const {
  Pence total = 0;
  for (const SettingYear& s : settings) total += s.cost;
  return total;
}

Summary Summarise(const Population& p, std::span<const int32_t> event_cost, const IcoScope* ico) {
  Summary s;
  const EventColumns& e = p.events;
  const RegistrationColumns& r = p.registrations;
  // Whether an organisation's figures count: every one, or the ICO and its member practices.
  auto counts = [&](uint32_t org) {
    return ico == nullptr || org == ico->ico || (org < ico->member.size() && ico->member[org]);
  };
  if (ico != nullptr) {
    s.ico_id = p.organisations.ids.Value(ico->ico);
    s.ico_name = p.organisations.name[ico->ico];
  }
  for (uint32_t org = 0; org < p.organisations.size(); ++org) {
    const uint8_t kind = p.organisations.kind[org];
    if (counts(org) && kind < s.organisations_by_kind.size()) ++s.organisations_by_kind[kind];
  }
  if (ico == nullptr) {
    s.patients = static_cast<int64_t>(p.patients.size());
  } else {
    for (uint32_t patient = 0; patient < p.patients.size(); ++patient) {
      for (uint32_t k = p.patients.first_registration[patient];
           k < p.patients.first_registration[patient + 1]; ++k) {
        if (counts(r.practice[k])) {
          ++s.patients;
          break;
        }
      }
    }
  }
  for (size_t i = 0; i < e.size(); ++i) s.events += counts(e.practice[i]);
  for (uint32_t org : p.staff.organisation) s.staff += counts(org);
  if (e.size() > 0) {
    s.first_day = e.first_day;
    s.last_day = e.last_day;
  } else {
    // Without activity, summarise the last year of the registrations' span.
    const Day earliest = r.size() ? *std::min_element(r.start.begin(), r.start.end()) : 0;
    s.last_day = earliest;
    for (Day start : r.start) s.last_day = std::max(s.last_day, start);
    for (Day end : r.end) {
      if (end != kNoDay) s.last_day = std::max(s.last_day, end);
    }
    s.first_day = std::max(earliest, s.last_day - 364);
  }
  s.as_at = s.last_day;

  // Population on the as-at day, by age band and practice.
  s.age_bands = {{"0-15"}, {"16-64"}, {"65-84"}, {"85+"}};
  std::vector<int32_t> practice_slot(p.organisations.size(), -1);
  for (uint32_t o = 0; o < p.organisations.size(); ++o) {
    if (p.organisations.kind[o] != static_cast<uint8_t>(OrgKind::kPractice) || !counts(o)) continue;
    practice_slot[o] = static_cast<int32_t>(s.practices.size());
    PracticeSummary row;
    row.id = p.organisations.ids.Value(o);
    row.name = p.organisations.name[o];
    // The ICO it is a member of on the day the lists are counted (dated membership); otherwise a
    // control practice of its commissioner.
    const uint32_t ico = p.IcoOn(o, s.as_at);
    uint32_t parent = p.organisations.parent[o];
    if (ico != Dictionary::kMissing) {
      row.parent_id = p.organisations.ids.Value(ico);
      row.member = true;
    } else if (parent != Dictionary::kMissing) {
      if (p.organisations.kind[parent] == static_cast<uint8_t>(OrgKind::kIco))
        parent = p.organisations.parent[parent];
      if (parent != Dictionary::kMissing) row.parent_id = p.organisations.ids.Value(parent);
    }
    s.practices.push_back(row);
  }
  std::vector<int64_t> imd_sum(s.practices.size(), 0);
  for (size_t i = 0; i < r.size(); ++i) {
    if (!counts(r.practice[i]) || !RegistrationOn(p, i, s.as_at)) continue;
    const uint32_t patient = r.patient[i];
    const int age = AgeOn(p.patients.birth[patient], s.as_at);
    AgeBandCount& band = s.age_bands[AgeBand(age)];
    (p.patients.sex[patient] == static_cast<uint8_t>(Sex::kFemale) ? band.female : band.male)++;
    ++s.registered;
    const int32_t slot = practice_slot[r.practice[i]];
    if (slot < 0) continue;
    ++s.practices[slot].list_size;
    if (age >= 65) ++s.practices[slot].aged_65_plus;
    imd_sum[slot] += p.patients.imd_decile[patient];
  }
  for (size_t i = 0; i < s.practices.size(); ++i) {
    if (s.practices[i].list_size > 0) {
      s.practices[i].mean_imd_decile = static_cast<double>(imd_sum[i]) / s.practices[i].list_size;
    }
  }
  for (size_t i = 0; i < p.staff.size(); ++i) {
    if (p.staff.role[i] != static_cast<uint8_t>(StaffRole::kGp)) continue;
    const int32_t slot = practice_slot[p.staff.organisation[i]];
    if (slot >= 0) ++s.practices[slot].gps;
  }

  // Financial years overlapping the data.
  const int first_year = FinancialYearOf(s.first_day), last_year = FinancialYearOf(s.last_day);
  for (int y = first_year; y <= last_year; ++y) {
    YearSummary year;
    year.label = FormatFinancialYear(y);
    year.start = std::max(DayFromCivil(y, 4, 1), s.first_day);
    year.end = std::min(DayFromCivil(y + 1, 3, 31), s.last_day);
    s.years.push_back(year);
  }
  auto year_of = [&](Day day) -> YearSummary* {
    if (day < s.first_day || day > s.last_day) return nullptr;
    return &s.years[FinancialYearOf(day) - first_year];
  };
  for (size_t i = 0; i < r.size(); ++i) {
    if (!counts(r.practice[i])) continue;
    for (YearSummary& year : s.years) {
      const Day from = std::max(r.start[i], year.start);
      const Day to = std::min(LastDayOn(p, i), year.end);
      if (to >= from) year.person_years += (to - from + 1) / 365.25;
    }
  }
  for (YearSummary& year : s.years) {
    // Of the ICO's member practices alone, when summarising one ICO.
    const ListTurnover turnover = CountListTurnover(
        p, year.start, year.end,
        ico != nullptr ? std::span<const uint8_t>(ico->member) : std::span<const uint8_t>());
    year.joined = turnover.joined;
    year.left = turnover.left;
  }
  for (size_t i = 0; i < e.size(); ++i) {
    YearSummary* year = year_of(e.day[i]);
    if (year == nullptr || e.setting[i] >= kSettingCount || !counts(e.practice[i])) continue;
    SettingYear& cell = year->settings[e.setting[i]];
    ++cell.events;
    cell.quantity += e.quantity[i];
    if (event_cost[i] >= 0)
      cell.cost += event_cost[i];
    else
      ++cell.uncosted;
  }
  for (size_t i = 0; i < p.patients.size(); ++i) {
    const Day died = p.patients.death[i];
    if (died == kNoDay) continue;
    YearSummary* year = year_of(died);
    if (year == nullptr) continue;
    if (ico != nullptr && !counts(RegisteredPracticeOn(p, i, died))) continue;
    ++year->deaths;
    if (p.patients.death_place[i] < 5) ++year->deaths_by_place[p.patients.death_place[i]];
  }
  return s;
}

}  // namespace continuum
