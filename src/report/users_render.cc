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
                    {"practice", user.practice},
                    {"disabled", user.disabled}});
  }
  return list;
}

}  // namespace

std::string RenderUsersAnswerJson(
    const std::vector<User>& users,
    const std::vector<std::pair<std::string, std::string>>& practices) {
  nlohmann::ordered_json roles = nlohmann::ordered_json::array();
  for (int r = 0; r < kRoleCount; ++r) {
    const Role role = static_cast<Role>(r);
    roles.push_back({{"role", RoleName(role)}, {"title", RoleTitle(role)}});
  }
  nlohmann::ordered_json members = nlohmann::ordered_json::array();
  for (const auto& [id, name] : practices) members.push_back({{"id", id}, {"name", name}});
  return JsonText(nlohmann::ordered_json{
      {"users", UsersJson(users)}, {"roles", roles}, {"practices", members}});
}

std::string RenderUsers(const std::vector<User>& users, OutputFormat format) {
  if (format == OutputFormat::kJson)
    return JsonText(nlohmann::ordered_json{{"users", UsersJson(users)}}, 2) + "\n";
  if (users.empty()) {
    return "No users yet; add the first with: continuum user add NAME --role administrator\n";
  }
  TextTable table({"username", "role", "practice", "disabled"});
  for (const User& user : users) {
    table.AddRow({user.username, std::string(RoleTitle(user.role)), user.practice,
                  user.disabled ? "yes" : "no"});
  }
  return table.Render();
}

}  // namespace continuum
