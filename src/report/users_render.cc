#include "report/users_render.h"

#include <nlohmann/json.hpp>

#include "report/text_table.h"

namespace continuum {

std::string RenderUsers(const std::vector<User>& users, OutputFormat format) {
  if (format == OutputFormat::kJson) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const User& user : users) {
      list.push_back({{"username", user.username},
                      {"role", RoleName(user.role)},
                      {"role_title", RoleTitle(user.role)},
                      {"practice", user.practice},
                      {"disabled", user.disabled}});
    }
    return nlohmann::ordered_json{{"users", list}}.dump(2) + "\n";
  }
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
