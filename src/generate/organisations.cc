#include "generate/organisations.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace continuum {
namespace {

// Fictional practice names; a number is added when they run out.
constexpr const char* kPracticeNames[] = {
    "Nelson Medical Practice",  "Abbey Road Surgery",       "Beech House Surgery",
    "Cedar Lodge Practice",     "Wrythe Green Surgery",     "Elm Grove Health Centre",
    "Hillside Family Practice", "Kingsway Medical Centre",  "Lavender Hill Surgery",
    "Mill Lane Practice",       "Northfield Health Centre", "Oak Tree Surgery",
    "Parkview Medical Group",   "Queens Road Practice",     "Riverside Surgery",
    "St Helier Medical Centre", "The Green Surgery",        "Upper Mall Practice",
    "Victoria Health Centre",   "Willow Bank Surgery"};

// Hospital specialties and their share of consultants.
constexpr std::pair<const char*, int> kConsultantSpecialties[] = {
    {"100", 10}, {"101", 4}, {"110", 10}, {"120", 4}, {"130", 5}, {"180", 12}, {"300", 10},
    {"301", 5},  {"307", 3}, {"320", 8},  {"326", 6}, {"340", 6}, {"361", 3},  {"370", 4},
    {"400", 3},  {"420", 6}, {"430", 6},  {"502", 4}, {"800", 3}, {"315", 2}};

int AddOrganisation(World* w, std::string id, std::string name, OrgKind kind, int parent) {
  w->organisations.push_back({std::move(id), std::move(name), kind, parent});
  return static_cast<int>(w->organisations.size()) - 1;
}

std::string Numbered(const char* prefix, int number, int width) {
  std::string digits = std::to_string(number);
  return prefix + std::string(std::max(0, width - static_cast<int>(digits.size())), '0') + digits;
}

void AddStaff(World* w, int organisation, StaffRole role, int count, const char* specialty = "") {
  for (int i = 0; i < count; ++i) w->staff.push_back({organisation, role, specialty});
}

}  // namespace

std::vector<int64_t> Apportion(int64_t total, const std::vector<double>& weights, int64_t minimum) {
  const size_t n = weights.size();
  std::vector<int64_t> parts(n, minimum);
  const int64_t rest = total - minimum * static_cast<int64_t>(n);
  if (n == 0 || rest <= 0) return parts;
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<std::pair<double, size_t>> remainders;
  int64_t given = 0;
  for (size_t i = 0; i < n; ++i) {
    const double exact = rest * weights[i] / sum;
    const auto whole = static_cast<int64_t>(std::floor(exact));
    parts[i] += whole;
    given += whole;
    remainders.emplace_back(-(exact - whole), i);
  }
  std::sort(remainders.begin(), remainders.end());
  for (int64_t k = 0; k < rest - given; ++k) ++parts[remainders[k % n].second];
  return parts;
}

void BuildOrganisations(const GeneratorOptions& o, const Area* area, Random& rng, World* w) {
  w->commissioner = AddOrganisation(w, "COM01", "Sutton and Merton Commissioner (synthetic)",
                                    OrgKind::kCommissioner, -1);
  // Neighbourhoods: LSOAs with a deprivation decile each.
  if (area != nullptr) {
    // The area files carry no LSOA-level deprivation. Neighbouring LSOAs (adjacent codes) are
    // alike, so deciles follow a random walk along the codes, ranked into tenths.
    std::vector<std::pair<double, size_t>> walk;
    double x = 0;
    for (size_t j = 0; j < area->lsoas.size(); ++j) {
      x += rng.Normal();
      walk.emplace_back(x, j);
    }
    std::sort(walk.begin(), walk.end());
    std::vector<int> decile(area->lsoas.size());
    for (size_t rank = 0; rank < walk.size(); ++rank) {
      decile[walk[rank].second] = 1 + static_cast<int>(rank * 10 / walk.size());
    }
    for (size_t j = 0; j < area->lsoas.size(); ++j) w->lsoas.push_back({area->lsoas[j].code, decile[j]});
  } else {
    const int64_t everyone = o.patients * o.icos + (o.patients / o.practices) * o.control_practices;
    const int count = static_cast<int>(std::max<int64_t>(10, everyone / 1500));
    for (int j = 0; j < count; ++j) w->lsoas.push_back({Numbered("E0199", j + 1, 4), 1 + j % 10});
  }
  // ICOs and their practices.
  const int64_t mean_list = o.patients / std::max(1, o.practices);
  int practice_number = 0;
  for (int ico = 0; ico < o.icos; ++ico) {
    const int ico_org =
        AddOrganisation(w, Numbered("ICO", ico + 1, 2),
                        ico == 0 ? "Nelson Integrated Care Organisation"
                                 : "Pilot Integrated Care Organisation " + std::to_string(ico + 1),
                        OrgKind::kIco, w->commissioner);
    std::vector<double> weights;
    std::vector<std::pair<std::string, std::string>> names;
    if (area != nullptr && ico == 0) {
      for (int p = 0; p < o.practices && p < static_cast<int>(area->practices.size()); ++p) {
        weights.push_back(static_cast<double>(area->practices[p].registered));
        names.emplace_back(area->practices[p].code,
                           area->practices[p].name + " (synthetic patients)");
      }
    } else {
      for (int p = 0; p < o.practices; ++p) {
        weights.push_back(rng.LogNormal(0.0, 0.4));
        const int n = practice_number++;
        const int name_count = static_cast<int>(std::size(kPracticeNames));
        names.emplace_back(Numbered("P", n + 1, 5),
                           std::string(kPracticeNames[n % name_count]) +
                               (n >= name_count ? " " + std::to_string(n / name_count + 1) : ""));
      }
    }
    const std::vector<int64_t> lists = Apportion(o.patients, weights, 50);
    for (size_t p = 0; p < lists.size(); ++p) {
      const int org =
          AddOrganisation(w, names[p].first, names[p].second, OrgKind::kPractice, ico_org);
      w->practices.push_back({org, ico, lists[p]});
    }
  }
  for (int c = 0; c < o.control_practices; ++c) {
    const int org =
        AddOrganisation(w, Numbered("C", c + 1, 5), "Comparison Practice " + std::to_string(c + 1),
                        OrgKind::kPractice, w->commissioner);
    w->practices.push_back(
        {org, -1,
         std::max<int64_t>(500, static_cast<int64_t>(mean_list * rng.LogNormal(0.0, 0.4)))});
  }
  // Practice character: where its patients live, and how readily they are admitted. The last
  // member practice of the first ICO admits 35% more than its risk explains (planted truth).
  const int member_count = o.practices;
  for (size_t p = 0; p < w->practices.size(); ++p) {
    Practice& practice = w->practices[p];
    practice.mean_decile = 2.0 + 7.0 * rng.Uniform();
    practice.age_tilt = std::clamp(rng.Normal(0.0, 0.35), -0.7, 0.7);
    practice.centre_lsoa = static_cast<int>((p + 0.5) * w->lsoas.size() / w->practices.size());
    practice.admission_factor = rng.LogNormal(0.0, 0.08);
    if (static_cast<int>(p) == member_count - 1) practice.admission_factor = 1.35;
  }
  // Providers.
  w->acute = AddOrganisation(w, "RAC01", "St Elsewhere Hospitals NHS Trust (synthetic)",
                             OrgKind::kAcuteTrust, -1);
  w->community = AddOrganisation(w, "RCM01", "Borough Community Health NHS Trust (synthetic)",
                                 OrgKind::kCommunityTrust, -1);
  w->mental_health = AddOrganisation(w, "RMH01", "Southside Mental Health NHS Trust (synthetic)",
                                     OrgKind::kMentalHealthTrust, -1);
  w->social_care = AddOrganisation(w, "LA001", "Borough Council Adult Social Care (synthetic)",
                                   OrgKind::kSocialCare, -1);
  w->hospice =
      AddOrganisation(w, "CH001", "St Margaret's Hospice (synthetic)", OrgKind::kCharity, -1);
  w->nursing_enterprise = AddOrganisation(w, "SE001", "Community Nursing CIC (synthetic)",
                                          OrgKind::kSocialEnterprise, -1);
  w->risk_partner = AddOrganisation(w, "RP001", "Meridian Health Partners Ltd (synthetic)",
                                    OrgKind::kRiskPartner, -1);

  // Staff: 100 GPs for 150,000 patients in the Nelson case study (one per 1,500), apportioned
  // to practices by list size; the rest scaled to the population.
  for (int ico = -1; ico < o.icos; ++ico) {
    std::vector<double> weights;
    std::vector<int> orgs;
    int64_t patients = 0;
    for (const Practice& p : w->practices) {
      if (p.ico != ico) continue;
      weights.push_back(static_cast<double>(p.list_size));
      orgs.push_back(p.organisation);
      patients += p.list_size;
    }
    if (orgs.empty()) continue;
    const int64_t gps =
        std::max<int64_t>(static_cast<int64_t>(orgs.size()), std::llround(patients / 1500.0));
    const std::vector<int64_t> per_practice = Apportion(gps, weights, 1);
    for (size_t i = 0; i < orgs.size(); ++i) {
      AddStaff(w, orgs[i], StaffRole::kGp, static_cast<int>(per_practice[i]));
      AddStaff(w, orgs[i], StaffRole::kPracticeNurse,
               static_cast<int>(std::max<int64_t>(1, per_practice[i] * 3 / 5)));
    }
  }
  const double scale = std::max(0.2, (o.patients * o.icos) / 150000.0);
  auto scaled = [&](double n) { return std::max(1, static_cast<int>(std::lround(n * scale))); };
  for (const auto& [specialty, share] : kConsultantSpecialties) {
    AddStaff(w, w->acute, StaffRole::kConsultant, scaled(share * 1.2), specialty);
  }
  AddStaff(w, w->acute, StaffRole::kHospitalNurse, scaled(200));
  AddStaff(w, w->acute, StaffRole::kPharmacist, scaled(8));
  AddStaff(w, w->community, StaffRole::kCommunityNurse, scaled(60));
  AddStaff(w, w->community, StaffRole::kAlliedHealth, scaled(30));
  AddStaff(w, w->mental_health, StaffRole::kMentalHealthNurse, scaled(25));
  AddStaff(w, w->mental_health, StaffRole::kConsultant, scaled(4), "710");
  AddStaff(w, w->social_care, StaffRole::kSocialWorker, scaled(20));
  AddStaff(w, w->social_care, StaffRole::kCareWorker, scaled(40));
  AddStaff(w, w->hospice, StaffRole::kPalliativeCareNurse, scaled(8));
  AddStaff(w, w->nursing_enterprise, StaffRole::kCommunityNurse, scaled(15));
}

}  // namespace continuum
