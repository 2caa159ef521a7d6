#include "generate/organisations.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

#include "core/random.h"
#include "generate/plants.h"

namespace continuum {
namespace {

constexpr uint64_t kPracticeStream = 0x50524143ULL;  // "PRAC"

// List sizes are log-normal with this sd of the log, as English practices' are (NHS Digital,
// Patients Registered at a GP Practice, January 2021: 0.61 among practices of 500 or more).
constexpr double kListSizeSpread = 0.6;
// Unexplained variation between practices in the care their patients get for the same need:
// emergency admissions and A&E attendances (log-sd), and referrals to outpatients and for
// planned procedures, which vary two- to threefold between practices (O'Donnell, "Variation in
// GP referral rates: what can we learn from the literature?", Family Practice 2000).
constexpr double kAdmissionPropensitySd = 0.1, kReferralPropensitySd = 0.3;

constexpr const char* kIcoPlaces[] = {
    "Nelson Vale", "Abbotsmere", "Kingsbridge Downs", "Harlow Brook", "Cresswell",
    "Dunmore",     "Elmstead",   "Fairhaven",         "Greyfriars",   "Hollins Cross"};

// The first is the default commissioner's; the others name a programme's further commissioners.
constexpr const char* kCommissionerPlaces[] = {
    "Wexbridge and Downs", "Ashby and Teme", "Calder Moor", "Eastwold", "Fenmarsh",
    "Gorse Hill",          "Hartwell",       "Ivel Valley", "Lowther",  "Marrick"};

constexpr const char* kPracticePlaces[] = {
    "Abbey Road",  "Ashgrove",  "Beech House",  "Brookside",   "Castle Street", "Cedar Lodge",
    "Church Lane", "Elmwood",   "Fernbank",     "Grange Park", "Hawthorn",      "Highfield",
    "Holly Tree",  "Kingsway",  "Larkhill",     "Linden",      "Meadowbank",    "Mill Lane",
    "Northgate",   "Oakfield",  "Orchard",      "Park View",   "Priory",        "Riverside",
    "Rosemount",   "St Anne's", "Station Road", "Thornbury",   "Victoria",      "Westfield",
    "Willow Bank", "Woodlands", "Yew Tree",     "Quarry Hill", "Lime Grove",    "Marsh Lane"};

constexpr const char* kPracticeKinds[] = {"Medical Practice", "Surgery", "Health Centre",
                                          "Medical Centre", "Family Practice"};

std::string PracticeId(int number) {
  std::string digits = std::to_string(number);
  if (digits.size() < 4) digits.insert(0, 4 - digits.size(), '0');
  return "ZP" + digits;
}

std::string PracticeName(int number) {
  constexpr int kPlaces = std::size(kPracticePlaces);
  constexpr int kKinds = std::size(kPracticeKinds);
  const int i = number - 1;
  std::string name =
      std::string(kPracticePlaces[i % kPlaces]) + " " + kPracticeKinds[(i / kPlaces + i) % kKinds];
  if (i >= kPlaces * kKinds) name += " " + std::to_string(i / (kPlaces * kKinds) + 1);
  return name;
}

// The i-th place of a list, numbered once the list runs out ("Dunmore 2").
template <size_t N>
std::string NthPlace(const char* const (&places)[N], int i) {
  std::string name = places[i % N];
  if (i >= static_cast<int>(N)) name += " " + std::to_string(i / N + 1);
  return name;
}

int Add(World* world, std::string id, std::string name, OrgKind kind, int parent) {
  world->organisations.push_back({std::move(id), std::move(name), kind, parent});
  return static_cast<int>(world->organisations.size()) - 1;
}

// List-size weights: the area's practices in file order (repeated if more are asked for), or
// log-normal spread around the mean like English practices (coefficient of variation ~0.4).
std::vector<double> ListWeights(const WorldSpec& spec, int count, Rng* rng) {
  std::vector<double> weights(count);
  const bool from_area = spec.area != nullptr && !spec.area->practices.empty();
  for (int i = 0; i < count; ++i) {
    weights[i] =
        from_area
            ? static_cast<double>(spec.area->practices[i % spec.area->practices.size()].list_size)
            : rng->LogNormal(0.0, kListSizeSpread);
  }
  return weights;
}

// GPs in proportion to list size, at least one per practice.
void AllocateGps(World* world, const std::vector<int>& group, int total) {
  std::vector<double> sizes;
  for (int p : group) sizes.push_back(static_cast<double>(world->practices[p].list_size));
  std::vector<int64_t> gps = Apportion(std::max<int64_t>(total, group.size()), sizes);
  for (size_t i = 0; i < group.size(); ++i) {
    if (gps[i] == 0) {
      const size_t most = std::max_element(gps.begin(), gps.end()) - gps.begin();
      --gps[most];
      gps[i] = 1;
    }
    world->practices[group[i]].gps = static_cast<int>(gps[i]);
  }
}

}  // namespace

std::vector<int64_t> Apportion(int64_t total, const std::vector<double>& weights) {
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<int64_t> shares(weights.size());
  std::vector<std::pair<double, size_t>> remainders;
  int64_t given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    const double exact = sum > 0 ? total * weights[i] / sum : double(total) / weights.size();
    shares[i] = static_cast<int64_t>(std::floor(exact));
    given += shares[i];
    remainders.push_back({exact - shares[i], i});
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; given < total && k < remainders.size(); ++k, ++given) {
    ++shares[remainders[k].second];
  }
  return shares;
}

int64_t World::TotalListSize() const {
  int64_t total = 0;
  for (const Practice& p : practices) total += p.list_size;
  return total;
}

int CommissionerOf(int ico, int icos, int commissioners) {
  return static_cast<int>(static_cast<int64_t>(ico) * commissioners / icos);
}

int World::IcoOn(int practice, Day day) const {
  const Practice& p = practices[practice];
  if (p.memberships.empty()) return IsMember(practice) ? p.group : -1;
  for (const MembershipSpan& span : p.memberships) {
    if (day >= span.start && day <= span.end) return span.ico;
  }
  return -1;
}

World BuildWorld(const WorldSpec& spec) {
  World world;
  Rng rng = Rng::ForStream(spec.seed, kPracticeStream);
  for (int c = 0; c < spec.commissioners; ++c) {
    world.commissioners.push_back(Add(&world, "ZQ" + std::to_string(c + 1),
                                      NthPlace(kCommissionerPlaces, c) + " Integrated Care Board",
                                      OrgKind::kCommissioner, -1));
  }
  world.commissioner = world.commissioners[0];
  Providers& p = world.providers;
  p.acute =
      Add(&world, "ZRA", "Wexbridge Hospitals NHS Foundation Trust", OrgKind::kAcuteTrust, -1);
  p.tertiary =
      Add(&world, "ZRB", "St Aldhelm's University Hospitals NHS Trust", OrgKind::kAcuteTrust, -1);
  p.community =
      Add(&world, "ZRC", "Wexbridge Community Health NHS Trust", OrgKind::kCommunityTrust, -1);
  p.mental_health =
      Add(&world, "ZRD", "Downs Partnership NHS Foundation Trust", OrgKind::kMentalHealthTrust, -1);
  p.social_care =
      Add(&world, "ZLA", "Wexbridge Borough Council Adult Social Care", OrgKind::kSocialCare, -1);
  p.hospice = Add(&world, "ZCH", "St Brigid's Hospice", OrgKind::kCharity, -1);
  p.social_enterprise =
      Add(&world, "ZSE", "Vale Community Therapies CIC", OrgKind::kSocialEnterprise, -1);
  p.risk_partner = Add(&world, "ZRP", "Meridian Health Partners Ltd", OrgKind::kRiskPartner, -1);

  int next_number = 1;
  auto add_practice = [&](int group, int index, int parent, int64_t list_size) {
    const AreaPractice* real = nullptr;
    if (group == 0 && spec.area != nullptr &&
        index < static_cast<int>(spec.area->practices.size())) {
      real = &spec.area->practices[index];
    }
    const int number = next_number++;
    const int org = Add(&world, real ? real->code : PracticeId(number),
                        real ? real->name : PracticeName(number), OrgKind::kPractice, parent);
    Practice practice;
    practice.org = org;
    practice.group = group;
    practice.index_in_group = index;
    practice.list_size = list_size;
    // Planted (plants.h): admission propensity, quality and heart failure waits of the
    // practices at fixed positions in each ICO.
    const bool member = group < spec.icos;
    double planted = 1.0;
    if (member && index == kHighAdmissionsPractice) planted = kHighAdmissionsFactor;
    if (member && index == kLowAdmissionsPractice) planted = kLowAdmissionsFactor;
    practice.admission_propensity = planted * std::exp(rng.Normal(0.0, kAdmissionPropensitySd));
    practice.quality = std::clamp(rng.Normal(0.0, 0.7), -1.8, 1.8);
    if (member && index == kPoorCarePractice) practice.quality = kPoorCareQuality;
    if (member && index == kGoodCarePractice) practice.quality = kGoodCareQuality;
    practice.delayed_heart_failure_pathway = member && index == kDelayedHeartFailurePathwayPractice;
    practice.referral_propensity = std::exp(rng.Normal(0.0, kReferralPropensitySd));
    world.practices.push_back(practice);
    world.groups[group].push_back(static_cast<int>(world.practices.size()) - 1);
  };

  for (int i = 0; i < spec.icos; ++i) {
    const int ico = Add(&world, "ZICO" + std::to_string(i + 1),
                        NthPlace(kIcoPlaces, i) + " Integrated Care Organisation", OrgKind::kIco,
                        world.commissioners[CommissionerOf(i, spec.icos, spec.commissioners)]);
    world.icos.push_back(ico);
    world.groups.emplace_back();
    const std::vector<int64_t> sizes =
        Apportion(spec.patients, ListWeights(spec, spec.practices, &rng));
    for (int k = 0; k < spec.practices; ++k) add_practice(i, k, ico, sizes[k]);
    AllocateGps(&world, world.groups.back(), spec.gps);
  }
  for (int c = 0; c < spec.commissioners && spec.control_practices > 0; ++c) {
    world.groups.emplace_back();
    const int group = spec.icos + c;
    const double mean_list = static_cast<double>(spec.patients) / spec.practices;
    for (int k = 0; k < spec.control_practices; ++k) {
      const int64_t size = std::max<int64_t>(
          100, std::llround(mean_list * rng.LogNormal(-0.5 * kListSizeSpread * kListSizeSpread,
                                                      kListSizeSpread)));
      add_practice(group, k, world.commissioners[c], size);
    }
    for (int practice : world.groups.back()) {
      world.practices[practice].gps =
          std::max(1, static_cast<int>(std::lround(world.practices[practice].list_size / 1500.0)));
    }
  }
  // Catchment centres spread evenly along each group's row of LSOAs; referral propensities
  // average 1 over each group's patients, so that the area's referrals stay at their targets.
  for (const std::vector<int>& group : world.groups) {
    double patients = 0, referrals = 0;
    for (size_t k = 0; k < group.size(); ++k) {
      Practice& practice = world.practices[group[k]];
      practice.position = (k + 0.5) / group.size();
      patients += static_cast<double>(practice.list_size);
      referrals += static_cast<double>(practice.list_size) * practice.referral_propensity;
    }
    for (int p : group) {
      if (referrals > 0) world.practices[p].referral_propensity *= patients / referrals;
    }
  }
  return world;
}

std::vector<PlantedPractice> PlantedPractices(const World& world) {
  constexpr std::pair<int, std::string_view> kPlants[] = {
      {kHighAdmissionsPractice, "high emergency admissions for the risk"},
      {kDelayedHeartFailurePathwayPractice, "delayed heart failure pathway"},
      {kLowAdmissionsPractice, "low emergency admissions for the risk"},
      {kPoorCarePractice, "poor primary care"},
      {kGoodCarePractice, "good primary care"}};
  std::vector<PlantedPractice> planted;
  for (size_t ico = 0; ico < world.icos.size(); ++ico) {
    const std::vector<int>& group = world.groups[ico];
    for (const auto& [position, what] : kPlants) {
      if (position >= static_cast<int>(group.size())) continue;
      planted.push_back({world.organisations[world.practices[group[position]].org].id,
                         static_cast<int>(ico), position, what});
    }
    // A programme's membership changes (memberships.h).
    for (size_t position = 0; position < group.size(); ++position) {
      const std::vector<MembershipSpan>& spans = world.practices[group[position]].memberships;
      if (spans.size() < 2 && (spans.empty() || spans[0].end == kOpenMembership)) continue;
      planted.push_back({world.organisations[world.practices[group[position]].org].id,
                         static_cast<int>(ico), static_cast<int>(position),
                         spans.size() > 1
                             ? "switches ICO at the start of the last financial year"
                             : "leaves its ICO at the start of the last financial year"});
    }
  }
  return planted;
}

}  // namespace continuum
