// The workspace summary that `continuum summary` and `make demo` print: who is registered
// (by age band, sex and practice), activity and cost per 1,000 by setting, deaths and list
// turnover, each per financial year (April to March) of the data; of the whole workspace, or of
// one ICO's member practices alone.
//
//   Summary s = Summarise(population, costing.cost);          // every practice
//   Summary ico = Summarise(population, costing.cost, &*IcoScopeOf(population, "ZICO1", "--ico"));
//   std::cout << RenderSummaryText(s);   // or RenderSummaryJson(s)
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/population.h"
#include "finance/ico_scope.h"

namespace continuum {

struct AgeBandCount {
  std::string band;  // "0-15", "16-64", "65-84", "85+"
  int64_t female = 0, male = 0;
};

struct PracticeSummary {
  std::string id, name, parent_id;
  bool member = false;    // in an ICO (else a control practice)
  int64_t list_size = 0;  // registered on the as-at date
  int64_t aged_65_plus = 0;
  double mean_imd_decile = 0;
  int64_t gps = 0;
};

struct SettingYear {
  int64_t events = 0, quantity = 0, uncosted = 0;
  Pence cost = 0;
};

struct YearSummary {
  std::string label;        // "2023-24"
  Day start = 0, end = 0;   // the part of the financial year inside the data
  double person_years = 0;  // registered person-time inside [start, end]
  std::array<SettingYear, kSettingCount> settings{};
  int64_t deaths = 0;
  std::array<int64_t, 5> deaths_by_place{};  // PlaceOfDeath
  std::array<int64_t, 2> joined{};           // RegistrationStart
  std::array<int64_t, 4> left{};             // RegistrationEnd

  int64_t Joined() const { return joined[0] + joined[1]; }
  int64_t Left() const { return left[0] + left[1] + left[2] + left[3]; }
  Pence Cost() const;
};

struct Summary {
  // The ICO summarised alone (its id and name), or both empty for the whole workspace.
  std::string ico_id, ico_name;
  Day first_day = 0, last_day = 0;  // first and last day with activity (of the whole workspace)
  Day as_at = 0;                    // the day the list sizes are counted on (last_day)
  std::array<int64_t, 10> organisations_by_kind{};  // OrgKind
  int64_t patients = 0, registered = 0, events = 0, staff = 0;
  std::vector<AgeBandCount> age_bands;
  std::vector<PracticeSummary> practices;
  std::vector<YearSummary> years;
};

// `event_cost` is each event's cost in pence (kNoCost when uncosted), parallel to
// population.events: the recorded costs, or a costing's (finance/costing.h).
// With `ico`, only its member practices count: their lists, the patients ever registered with
// them, the events of their patients (by the practice on the event's day), the deaths of
// patients on their lists, their registrations' person-time and turnover, and the organisations
// and staff are the ICO's and those practices'.
// Without it (nullptr), every practice of the workspace, member or control, counts. The days
// (first, last, as at) are the workspace's either way, so the summaries of the ICOs and of the
// whole workspace describe the same days.
Summary Summarise(const Population& population, std::span<const int32_t> event_cost,
                  const IcoScope* ico = nullptr);

std::string RenderSummaryText(const Summary& summary, const std::string& workspace_path);
std::string RenderSummaryJson(const Summary& summary, const std::string& workspace_path);

}  // namespace continuum
