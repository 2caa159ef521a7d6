// What `continuum user list` prints: each user's name, role, organisation and whether they are
// disabled, as a table or as JSON. Never the password hashes.
//
//   std::string text = RenderUsers(*accounts.ListUsers(), OutputFormat::kText);
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "report/output_format.h"
#include "store/accounts.h"

namespace continuum {

// kCsv renders as the table.
std::string RenderUsers(const std::vector<User>& users, OutputFormat format);

// An organisation a user may belong to, for the administrator's choosing.
struct UserOrganisation {
  std::string id, name;
  std::string kind;  // "ico", "practice" (a member practice) or "commissioner"
};

// The server's answer to its administrator: the users (as RenderUsers' JSON), every role with
// its title and the kind of organisation it belongs to, and the organisations users may belong
// to.
std::string RenderUsersAnswerJson(const std::vector<User>& users,
                                  const std::vector<UserOrganisation>& organisations);

}  // namespace continuum
