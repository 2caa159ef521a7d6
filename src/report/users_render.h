// What `continuum user list` prints: each user's name, role, practice and whether they are
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

// The server's answer to its administrator: the users (as RenderUsers' JSON), every role with
// its title, and the member practices (id, name) a practice clinician may belong to.
std::string RenderUsersAnswerJson(
    const std::vector<User>& users,
    const std::vector<std::pair<std::string, std::string>>& practices);

}  // namespace continuum
