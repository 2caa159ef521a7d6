#include "generate/staff.h"

#include <algorithm>
#include <cmath>

namespace continuum {
namespace {

// Consultants per specialty at the district general hospital for 150,000 people.
struct Firm {
  std::string_view specialty;
  double consultants;
};
constexpr Firm kAcuteFirms[] = {
    {"100", 4}, {"101", 2}, {"110", 4}, {"120", 2}, {"130", 3}, {"180", 5}, {"190", 6}, {"300", 4},
    {"301", 2}, {"302", 1}, {"307", 1}, {"320", 3}, {"326", 3}, {"330", 2}, {"340", 2}, {"400", 1},
    {"410", 1}, {"420", 3}, {"430", 3}, {"501", 3}, {"502", 2}, {"812", 4}, {"840", 1}};
constexpr Firm kTertiaryFirms[] = {{"170", 1}, {"320", 1}, {"328", 1}, {"361", 1},
                                   {"370", 2}, {"800", 1}, {"400", 1}};
constexpr Firm kMentalHealthFirms[] = {{"710", 3}, {"711", 1}, {"715", 1}, {"700", 0.5}};

}  // namespace

std::vector<StaffMember> BuildStaff(const World& world) {
  std::vector<StaffMember> staff;
  const double scale = world.TotalListSize() / 150000.0;
  auto add = [&](int org, StaffRole role, double count, std::string_view specialty = {}) {
    const int n = std::max(1, static_cast<int>(std::lround(count)));
    for (int i = 0; i < n; ++i) staff.push_back({org, role, specialty});
  };
  for (const Practice& practice : world.practices) {
    add(practice.org, StaffRole::kGp, practice.gps);
    add(practice.org, StaffRole::kPracticeNurse, practice.list_size / 3000.0);
    if (practice.list_size >= 5000) add(practice.org, StaffRole::kPharmacist, 1);
  }
  const Providers& p = world.providers;
  for (const Firm& firm : kAcuteFirms) {
    add(p.acute, StaffRole::kConsultant, firm.consultants * scale, firm.specialty);
  }
  add(p.acute, StaffRole::kHospitalNurse, 120 * scale);
  add(p.acute, StaffRole::kAlliedHealth, 25 * scale, "650");
  add(p.acute, StaffRole::kPharmacist, 6 * scale);
  for (const Firm& firm : kTertiaryFirms) {
    add(p.tertiary, StaffRole::kConsultant, firm.consultants * scale, firm.specialty);
  }
  add(p.tertiary, StaffRole::kHospitalNurse, 30 * scale);
  add(p.community, StaffRole::kCommunityNurse, 60 * scale);
  add(p.community, StaffRole::kAlliedHealth, 20 * scale, "650");
  add(p.community, StaffRole::kAlliedHealth, 8 * scale, "651");
  add(p.community, StaffRole::kAlliedHealth, 3 * scale, "652");
  add(p.community, StaffRole::kPalliativeCareNurse, 6 * scale);
  for (const Firm& firm : kMentalHealthFirms) {
    add(p.mental_health, StaffRole::kConsultant, firm.consultants * scale, firm.specialty);
  }
  add(p.mental_health, StaffRole::kMentalHealthNurse, 30 * scale);
  add(p.mental_health, StaffRole::kSocialWorker, 5 * scale);
  add(p.social_care, StaffRole::kSocialWorker, 25 * scale);
  add(p.social_care, StaffRole::kCareWorker, 80 * scale);
  add(p.hospice, StaffRole::kPalliativeCareNurse, 12 * scale);
  add(p.hospice, StaffRole::kConsultant, 2 * scale, "315");
  add(p.hospice, StaffRole::kCareWorker, 10 * scale);
  add(p.social_enterprise, StaffRole::kCommunityNurse, 15 * scale);
  add(p.social_enterprise, StaffRole::kAlliedHealth, 10 * scale, "650");
  return staff;
}

}  // namespace continuum
