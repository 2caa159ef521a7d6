#include "fhir/fhir_codes.h"

#include <string>

namespace continuum::fhir {

std::string_view EncounterClassOf(Setting setting) {
  switch (setting) {
    case Setting::kAe:
      return "EMER";
    case Setting::kElective:
    case Setting::kEmergency:
      return "IMP";
    case Setting::kDayCase:
      return "SS";
    case Setting::kCommunity:
    case Setting::kSocialCare:
    case Setting::kEndOfLife:
      return "HH";
    default:
      return "AMB";
  }
}

std::optional<Setting> SettingOfClass(std::string_view act_code, bool at_practice, bool emergency) {
  if (act_code == "AMB" || act_code == "VR") {
    return at_practice ? Setting::kGp : Setting::kOutpatientFirst;
  }
  if (act_code == "EMER") return Setting::kAe;
  if (act_code == "IMP" || act_code == "ACUTE" || act_code == "NONAC") {
    return emergency ? Setting::kEmergency : Setting::kElective;
  }
  if (act_code == "SS") return Setting::kDayCase;
  if (act_code == "HH") return Setting::kCommunity;
  return std::nullopt;
}

std::string_view ServiceRequestStatusOf(ReferralOutcome outcome) {
  switch (outcome) {
    case ReferralOutcome::kPending:
      return "active";
    case ReferralOutcome::kSeen:
    case ReferralOutcome::kDidNotAttend:
      return "completed";
    default:
      return "revoked";
  }
}

std::optional<ReferralOutcome> OutcomeOfStatus(std::string_view status) {
  if (status == "active" || status == "on-hold" || status == "draft") {
    return ReferralOutcome::kPending;
  }
  if (status == "completed") return ReferralOutcome::kSeen;
  if (status == "revoked") return ReferralOutcome::kCancelled;
  return std::nullopt;
}

std::optional<OrgKind> OrgKindOfOdsRole(std::string_view role) {
  if (role.starts_with("RO")) role.remove_prefix(2);
  if (role == "76") return OrgKind::kPractice;
  if (role == "197" || role == "57") return OrgKind::kAcuteTrust;
  if (role == "98" || role == "318") return OrgKind::kCommissioner;
  return std::nullopt;
}

bool IsOdsRoleSystem(std::string_view system) {
  return system.find("OrganisationRole") != std::string_view::npos ||
         system.find("organisation-role") != std::string_view::npos;
}

std::string ResourceIdOfKey(std::string_view key) {
  std::string id(key);
  for (char& c : id) {
    if (c == '_') c = '.';
  }
  return id;
}

}  // namespace continuum::fhir
