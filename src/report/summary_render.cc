// Text and JSON renderings of a Summary. nlohmann-json is used in report/ renderers only.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "report/json_text.h"
#include "report/summary.h"
#include "report/text_table.h"

namespace continuum {
namespace {

double PerThousand(double count, double person_years) {
  return person_years > 0 ? 1000.0 * count / person_years : 0.0;
}

double Percent(double part, double whole) { return whole > 0 ? 100.0 * part / whole : 0.0; }

// Mean list size over a year, for turnover: person-years divided by the share of a year.
double MeanList(const YearSummary& y) {
  const double years = (y.end - y.start + 1) / 365.25;
  return years > 0 ? y.person_years / years : 0;
}

}  // namespace

std::string RenderSummaryText(const Summary& s, const std::string& workspace_path) {
  std::string out;
  out += fmt::format("Continuum workspace {}\n", workspace_path);
  out += s.ico_id.empty()
             ? "Every practice: the ICOs' member practices and the control practices.\n"
             : fmt::format("{} {}: its member practices only.\n", s.ico_id, s.ico_name);
  out += fmt::format("Data from {} to {}: {} patients, {} activity events, {} staff.\n",
                     FormatDate(s.first_day), FormatDate(s.last_day), WithThousands(s.patients),
                     WithThousands(s.events), WithThousands(s.staff));
  // Singular and plural names of each organisation kind, in OrgKind order.
  static constexpr std::pair<const char*, const char*> kKindNames[] = {
      {"commissioner", "commissioners"},
      {"ICO", "ICOs"},
      {"practice", "practices"},
      {"acute trust", "acute trusts"},
      {"community trust", "community trusts"},
      {"mental health trust", "mental health trusts"},
      {"social care organisation", "social care organisations"},
      {"charity", "charities"},
      {"social enterprise", "social enterprises"},
      {"risk partner", "risk partners"}};
  std::string orgs;
  for (size_t k = 0; k < s.organisations_by_kind.size(); ++k) {
    const int64_t n = s.organisations_by_kind[k];
    if (n == 0) continue;
    orgs += fmt::format("{}{} {}", orgs.empty() ? "" : ", ", n,
                        n == 1 ? kKindNames[k].first : kKindNames[k].second);
  }
  out += "Organisations: " + orgs + ".\n\n";

  out += fmt::format("Registered population on {}: {}\n", FormatDate(s.as_at),
                     WithThousands(s.registered));
  TextTable ages({"age band", "female", "male", "total", "% of list"});
  for (const AgeBandCount& band : s.age_bands) {
    const int64_t total = band.female + band.male;
    ages.AddRow({band.band, WithThousands(band.female), WithThousands(band.male),
                 WithThousands(total), Decimal(Percent(total, s.registered), 1)});
  }
  out += ages.Render() + "\n";

  TextTable practices({"practice", "name", "in", "list size", "% 65+", "mean IMD decile", "GPs"});
  // Member practices by ICO, then control practices, each group with its total.
  std::vector<std::string> groups;
  for (const PracticeSummary& p : s.practices) {
    const std::string group = p.member ? p.parent_id : "control";
    if (std::find(groups.begin(), groups.end(), group) == groups.end()) groups.push_back(group);
  }
  for (const std::string& group : groups) {
    int64_t list = 0, old = 0, gps = 0;
    double imd = 0;
    for (const PracticeSummary& p : s.practices) {
      if ((p.member ? p.parent_id : "control") != group) continue;
      practices.AddRow({p.id, p.name, p.member ? p.parent_id : "control " + p.parent_id,
                        WithThousands(p.list_size),
                        Decimal(Percent(p.aged_65_plus, p.list_size), 1),
                        Decimal(p.mean_imd_decile, 1), WithThousands(p.gps)});
      list += p.list_size;
      old += p.aged_65_plus;
      gps += p.gps;
      imd += p.mean_imd_decile * p.list_size;
    }
    if (groups.size() > 1) {
      practices.AddRow({"", group == "control" ? "control practices" : "all of " + group, "",
                        WithThousands(list), Decimal(Percent(old, list), 1),
                        Decimal(list > 0 ? imd / list : 0, 1), WithThousands(gps)});
    }
  }
  out += practices.Render() + "\n";

  // Activity, then cost, by financial year: one column a year keeps the tables narrow.
  std::vector<std::string> header{"setting"};
  for (const YearSummary& y : s.years) header.push_back(y.label);
  TextTable activity(header), cost(header);
  for (int k = 0; k < kSettingCount; ++k) {
    const bool items = k == static_cast<int>(Setting::kPrescription);
    std::vector<std::string> rate_row{std::string(kSettingCodes[k]) + (items ? " (items)" : "")};
    std::vector<std::string> cost_row{std::string(kSettingCodes[k])};
    for (const YearSummary& y : s.years) {
      const SettingYear& c = y.settings[k];
      rate_row.push_back(Decimal(PerThousand(items ? c.quantity : c.events, y.person_years), 0));
      cost_row.push_back("£" +
                         Decimal(y.person_years > 0 ? c.cost / 100.0 / y.person_years : 0, 2));
    }
    activity.AddRow(rate_row);
    cost.AddRow(cost_row);
  }
  std::vector<std::string> total{"all settings"};
  for (const YearSummary& y : s.years) {
    total.push_back("£" + Decimal(y.person_years > 0 ? y.Cost() / 100.0 / y.person_years : 0, 2));
  }
  cost.AddRow(total);
  out +=
      "Activity per 1,000 registered person-years, by financial year\n" + activity.Render() + "\n";
  out += "Cost per registered head, by financial year\n" + cost.Render() + "\n";

  TextTable deaths({"year", "deaths", "per 1,000", "hospital %", "home %", "care home %",
                    "hospice %", "other %"});
  TextTable lists({"year", "person-years", "joined", "left", "turnover %", "spend"});
  for (const YearSummary& y : s.years) {
    std::vector<std::string> row{y.label, WithThousands(y.deaths),
                                 Decimal(PerThousand(y.deaths, y.person_years), 1)};
    for (int64_t place : y.deaths_by_place) row.push_back(Decimal(Percent(place, y.deaths), 1));
    deaths.AddRow(row);
    const double years = (y.end - y.start + 1) / 365.25;
    lists.AddRow({y.label, Decimal(y.person_years, 0), WithThousands(y.Joined()),
                  WithThousands(y.Left()),
                  Decimal(Percent((y.Joined() + y.Left()) / std::max(years, 1e-9), MeanList(y)), 1),
                  Pounds(y.Cost())});
  }
  out += "Deaths and place of death, by financial year\n" + deaths.Render() + "\n";
  out += "List turnover (registrations started or ended per 100 on the list a year) and spend\n";
  out += lists.Render();
  return out;
}

std::string RenderSummaryJson(const Summary& s, const std::string& workspace_path) {
  using nlohmann::json;
  json j;
  j["workspace"] = workspace_path;
  j["ico"] = s.ico_id.empty() ? json(nullptr) : json{{"id", s.ico_id}, {"name", s.ico_name}};
  j["first_day"] = FormatDate(s.first_day);
  j["last_day"] = FormatDate(s.last_day);
  j["as_at"] = FormatDate(s.as_at);
  j["patients"] = s.patients;
  j["registered"] = s.registered;
  j["events"] = s.events;
  j["staff"] = s.staff;
  for (size_t k = 0; k < s.organisations_by_kind.size(); ++k) {
    j["organisations"][std::string(kOrgKindCodes[k])] = s.organisations_by_kind[k];
  }
  j["age_bands"] = json::array();
  for (const AgeBandCount& b : s.age_bands) {
    j["age_bands"].push_back({{"band", b.band}, {"female", b.female}, {"male", b.male}});
  }
  j["practices"] = json::array();
  for (const PracticeSummary& p : s.practices) {
    j["practices"].push_back({{"id", p.id},
                              {"name", p.name},
                              {"parent_id", p.parent_id},
                              {"member", p.member},
                              {"list_size", p.list_size},
                              {"aged_65_plus", p.aged_65_plus},
                              {"mean_imd_decile", p.mean_imd_decile},
                              {"gps", p.gps}});
  }
  j["years"] = json::array();
  for (const YearSummary& y : s.years) {
    json year{{"label", y.label},         {"start", FormatDate(y.start)},
              {"end", FormatDate(y.end)}, {"person_years", y.person_years},
              {"cost_pence", y.Cost()},   {"deaths", y.deaths},
              {"joined", y.Joined()},     {"left", y.Left()}};
    for (int k = 0; k < kSettingCount; ++k) {
      const SettingYear& c = y.settings[k];
      year["settings"][std::string(kSettingCodes[k])] = {
          {"events", c.events},
          {"quantity", c.quantity},
          {"cost_pence", c.cost},
          {"uncosted_events", c.uncosted},
          {"events_per_1000", PerThousand(c.events, y.person_years)},
          {"quantity_per_1000", PerThousand(c.quantity, y.person_years)}};
    }
    for (size_t k = 0; k < y.deaths_by_place.size(); ++k) {
      year["deaths_by_place"][std::string(kPlaceOfDeathCodes[k])] = y.deaths_by_place[k];
    }
    for (size_t k = 0; k < y.joined.size(); ++k) {
      year["joined_by_reason"][std::string(kRegistrationStartCodes[k])] = y.joined[k];
    }
    for (size_t k = 0; k < y.left.size(); ++k) {
      year["left_by_reason"][std::string(kRegistrationEndCodes[k])] = y.left[k];
    }
    j["years"].push_back(year);
  }
  return JsonText(j, 2) + "\n";
}

}  // namespace continuum
