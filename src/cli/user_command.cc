// continuum user: who may sign in to the web server, with which role; their passwords; disabling
// and enabling them; the list. Passwords come from standard input (--password-stdin) or are asked
// for twice at the terminal without echo, never from the command line.
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "cli/command.h"
#include "core/quoted.h"
#include "engine/engine.h"
#include "report/users_render.h"
#include "security/password.h"
#include "store/accounts.h"

namespace continuum {
namespace {

struct UserArgs {
  std::string workspace;
  std::string username;
  std::string role;
  std::string organisation;
  bool password_stdin = false;
  bool json = false;
};

// Asks at the terminal with echo off, restoring the terminal afterwards.
Result<std::string> AskWithoutEcho(const std::string& prompt) {
  termios saved;
  if (tcgetattr(STDIN_FILENO, &saved) != 0) {
    return Status::IoError("cannot read the terminal's settings to ask for a password");
  }
  termios quiet = saved;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  std::fputs(prompt.c_str(), stderr);
  std::fflush(stderr);
  if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0) {
    return Status::IoError("cannot turn off the terminal's echo to ask for a password");
  }
  std::string line;
  const bool read = static_cast<bool>(std::getline(std::cin, line));
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::fputs("\n", stderr);
  if (!read) return Status::InvalidInput("no password was given");
  return line;
}

// The first line of standard input with --password-stdin; otherwise asked for twice at the
// terminal.
Result<std::string> ReadPassword(const UserArgs& args) {
  if (args.password_stdin) {
    std::string line;
    if (!std::getline(std::cin, line)) {
      return Status::InvalidInput(
          "--password-stdin: standard input is empty; give the password as its first line");
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  if (!isatty(STDIN_FILENO)) {
    return Status::InvalidInput(
        "standard input is not a terminal, so the password cannot be asked for; give it as the "
        "first line of standard input with --password-stdin");
  }
  auto first = AskWithoutEcho("Password for " + args.username + ": ");
  if (!first.ok()) return first.status();
  CONTINUUM_RETURN_IF_ERROR(CheckPasswordStrength(*first));
  auto second = AskWithoutEcho("The same password again: ");
  if (!second.ok()) return second.status();
  if (*first != *second) return Status::InvalidInput("the two passwords differ; nothing changed");
  return first;
}

// The practices a user of `role` may belong to when it serves a practice (MemberPracticeIds);
// none is read for another role.
Result<std::vector<std::string>> MemberPracticesFor(Role role, Workspace& workspace) {
  if (OrganisationKindOf(role) != "practice") return std::vector<std::string>();
  auto directory = Engine::LoadDirectoryOrWhole(workspace);
  if (!directory.ok()) return directory.status();
  return MemberPracticeIds(*directory);
}

Status RunAdd(Workspace& workspace, Accounts& accounts, const UserArgs& args) {
  auto role = ParseRole(args.role);
  if (!role.ok()) return role.status().WithContext("--role");
  auto members = MemberPracticesFor(*role, workspace);
  if (!members.ok()) return members.status();
  CONTINUUM_RETURN_IF_ERROR(
      accounts.CheckOrganisation(*role, args.organisation, "--organisation", *members));
  CONTINUUM_RETURN_IF_ERROR(CheckUsername(args.username));
  auto password = ReadPassword(args);
  if (!password.ok()) return password.status();
  CONTINUUM_RETURN_IF_ERROR(accounts.AddUser(args.username, *role, args.organisation, *password));
  std::string added = args.username + " (" + std::string(RoleTitle(*role));
  if (!args.organisation.empty()) added += ", " + args.organisation;
  std::printf("Added user %s)\n", added.c_str());
  return Status::Ok();
}

Status RunMove(Workspace& workspace, Accounts& accounts, const UserArgs& args) {
  auto user = accounts.FindUser(args.username);
  if (!user.ok()) return user.status();
  if (!user->has_value()) return Status::NotFound("there is no user " + Quoted(args.username));
  auto members = MemberPracticesFor((*user)->role, workspace);
  if (!members.ok()) return members.status();
  CONTINUUM_RETURN_IF_ERROR(
      accounts.CheckOrganisation((*user)->role, args.organisation, "--organisation", *members));
  CONTINUUM_RETURN_IF_ERROR(accounts.SetOrganisation(args.username, args.organisation));
  std::printf("%s now serves %s; their sessions have ended\n", args.username.c_str(),
              args.organisation.c_str());
  return Status::Ok();
}

Status RunPasswd(Accounts& accounts, const UserArgs& args) {
  auto user = accounts.FindUser(args.username);
  if (!user.ok()) return user.status();
  if (!user->has_value()) return Status::NotFound("there is no user " + Quoted(args.username));
  auto password = ReadPassword(args);
  if (!password.ok()) return password.status();
  CONTINUUM_RETURN_IF_ERROR(accounts.SetPassword(args.username, *password));
  std::printf("Changed the password of %s; their sessions have ended\n", args.username.c_str());
  return Status::Ok();
}

Status RunSetDisabled(Accounts& accounts, const UserArgs& args, bool disabled) {
  CONTINUUM_RETURN_IF_ERROR(accounts.SetDisabled(args.username, disabled));
  std::printf(disabled ? "Disabled %s; their sessions have ended\n" : "Enabled %s\n",
              args.username.c_str());
  return Status::Ok();
}

Status RunList(Accounts& accounts, const UserArgs& args) {
  auto users = accounts.ListUsers();
  if (!users.ok()) return users.status();
  const std::string text =
      RenderUsers(*users, args.json ? OutputFormat::kJson : OutputFormat::kText);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return Status::Ok();
}

CommandRegistration kUser(
    "user",
    "Manage who may sign in to the web server: add users with a role, change passwords, "
    "disable or enable them, list them",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<UserArgs>();
      app.require_subcommand(1);
      CLI::App* add = app.add_subcommand("add", "Add a user with a role");
      CLI::App* passwd = app.add_subcommand("passwd", "Change a user's password");
      CLI::App* disable = app.add_subcommand("disable", "Stop a user signing in; ends sessions");
      CLI::App* enable = app.add_subcommand("enable", "Let a disabled user sign in again");
      CLI::App* list = app.add_subcommand("list", "List the users, their roles and organisations");
      CLI::App* move = app.add_subcommand(
          "move", "Move a user to another organisation of the kind their role serves");
      for (CLI::App* sub : {add, passwd, disable, enable, move}) {
        sub->add_option("name", args->username, "Username: 3-64 characters of a-z 0-9 . _ -")
            ->required();
      }
      add->add_option("--role", args->role, "One of: " + RoleNames())->required();
      for (CLI::App* sub : {add, move}) {
        CLI::Option* organisation = sub->add_option(
            "--organisation,--practice", args->organisation,
            "The organisation whose data the user serves: an ICO for the board, clinical lead "
            "and care coordinator; the member practice of a practice clinician; the "
            "commissioner of a commissioner analyst; none for an administrator or an evaluator "
            "(the whole programme)");
        if (sub == move) organisation->required();
      }
      for (CLI::App* sub : {add, passwd}) {
        sub->add_flag("--password-stdin", args->password_stdin,
                      "Read the password from the first line of standard input instead of "
                      "asking at the terminal");
      }
      for (CLI::App* sub : {add, passwd, disable, enable, list, move}) {
        AddWorkspaceOption(*sub, &args->workspace);
      }
      AddJsonOption(*list, &args->json);
      return [=]() -> Status {
        auto workspace = Workspace::Open(args->workspace, Workspace::kMustExist);
        if (!workspace.ok()) return workspace.status();
        Accounts accounts(**workspace);
        if (add->parsed()) return RunAdd(**workspace, accounts, *args);
        if (passwd->parsed()) return RunPasswd(accounts, *args);
        if (disable->parsed()) return RunSetDisabled(accounts, *args, true);
        if (enable->parsed()) return RunSetDisabled(accounts, *args, false);
        if (move->parsed()) return RunMove(**workspace, accounts, *args);
        return RunList(accounts, *args);
      };
    });

}  // namespace
}  // namespace continuum
