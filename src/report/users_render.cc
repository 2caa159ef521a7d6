#include "report/users_render.h"

#include <nlohmann/json.hpp>

#include "report/json_text.h"
#include "report/text_table.h"

namespace continuum {

namespace {

nlohmann::ordered_json UsersJson(const std::vector<User>& users) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const User& user : users) {
    list.push_back({{"username", user.username},
                    {"role", RoleName(user.role)},
                    {"role_title", RoleTitle(user.role)},
                    {"organisation", user.organisation},
                    {"disabled", user.disabled}});
  }
  return list;
}

}  // namespace

std::string RenderUsersAnswerJson(const std::vector<User>& users,
                                  const std::vector<UserOrganisation>& organisations) {
  nlohmann::ordered_json roles = nlohmann::ordered_json::array();
  for (int r = 0; r < kRoleCount; ++r) {
    const Role role = static_cast<Role>(r);
    const std::string_view kind = OrganisationKindOf(role);
    roles.push_back({{"role", RoleName(role)},
                     {"title", RoleTitle(role)},
                     {"organisation_kind", kind.empty() ? nlohmann::ordered_json(nullptr)
                                                        : nlohmann::ordered_json(kind)}});
  }
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const UserOrganisation& o : organisations)
    list.push_back({{"id", o.id}, {"name", o.name}, {"kind", o.kind}});
  return JsonText(nlohmann::ordered_json{
      {"users", UsersJson(users)}, {"roles", roles}, {"organisations", list}});
}

std::string RenderUsers(const std::vector<User>& users, OutputFormat format) {
  if (format == OutputFormat::kJson)
    return JsonText(nlohmann::ordered_json{{"users", UsersJson(users)}}, 2) + "\n";
  if (users.empty()) {
    return "No users yet; add the first with: continuum user add NAME --role administrator\n";
  }
  TextTable table({"username", "role", "organisation", "disabled"});
  for (const User& user : users) {
    table.AddRow({user.username, std::string(RoleTitle(user.role)), user.organisation,
                  user.disabled ? "yes" : "no"});
  }
  return table.Render();
}

}  // namespace continuum
