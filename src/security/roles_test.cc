#include "security/roles.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace continuum {
namespace {

TEST(Roles, EveryNameParsesBackToItsRole) {
  std::set<std::string_view> titles;
  for (int i = 0; i < kRoleCount; ++i) {
    const Role role = static_cast<Role>(i);
    auto parsed = ParseRole(RoleName(role));
    ASSERT_TRUE(parsed.ok()) << RoleName(role);
    EXPECT_EQ(*parsed, role);
    titles.insert(RoleTitle(role));
  }
  EXPECT_EQ(titles.size(), static_cast<size_t>(kRoleCount));
  EXPECT_EQ(RoleName(Role::kPracticeClinician), "practice_clinician");
  EXPECT_EQ(RoleTitle(Role::kEvaluator), "Independent evaluator");
}

TEST(Roles, AnUnknownNameListsTheRoles) {
  auto parsed = ParseRole("Board");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(parsed.status().message(),
            "'Board' is not a role; the roles are administrator, board, clinical_lead, "
            "practice_clinician, care_coordinator, commissioner, evaluator");
}

TEST(Roles, OnlyClinicalRolesSeeIdentifiableData) {
  for (Role role : {Role::kClinicalLead, Role::kPracticeClinician, Role::kCareCoordinator})
    EXPECT_TRUE(SeesIdentifiableData(role)) << RoleName(role);
  for (Role role : {Role::kAdministrator, Role::kBoard, Role::kCommissioner, Role::kEvaluator})
    EXPECT_FALSE(SeesIdentifiableData(role)) << RoleName(role);
}

}  // namespace
}  // namespace continuum
