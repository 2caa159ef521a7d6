// continuum audit verify: checks the workspace's audit log (store/audit_log.h): its triggers are
// Continuum's and every entry's hash chains to the one before. Prints the head hash so it can
// be recorded outside the workspace, and with --expect-head checks a head recorded earlier.
#include <cstdio>

#include "cli/command.h"
#include "store/audit_log.h"

namespace continuum {
namespace {

struct AuditArgs {
  std::string workspace, expect_head;
};

Status VerifyAudit(const AuditArgs& args) {
  if (!args.expect_head.empty() &&
      (args.expect_head.size() != 64 ||
       args.expect_head.find_first_not_of("0123456789abcdef") != std::string::npos)) {
    return Status::InvalidInput("--expect-head: '" + args.expect_head +
                                "' is not a head hash (64 lower-case hex digits, as continuum "
                                "audit verify prints it)");
  }
  auto workspace = Workspace::Open(args.workspace, Workspace::kReadOnly);
  if (!workspace.ok()) return workspace.status();
  auto verdict = VerifyAuditLog(**workspace, args.expect_head);
  if (!verdict.ok()) return verdict.status();
  const std::string& path = args.workspace;
  if (!verdict->problem.empty()) {
    return Status::Corrupt(path + ": " + verdict->problem);
  }
  if (!verdict->exists) {
    std::printf("%s has no audit log yet: no user has been added and its server has not run\n",
                path.c_str());
  } else {
    std::printf("The audit log of %s is intact: %lld entries, each chained to the one before\n",
                path.c_str(), static_cast<long long>(verdict->entries));
  }
  std::printf("Head: %s\n", verdict->head.c_str());
  if (args.expect_head.empty()) {
    std::printf(
        "Record the head outside the workspace; --expect-head HEAD later shows that no entry up "
        "to it was removed or changed\n");
    return Status::Ok();
  }
  if (verdict->expected_head_at < 0) {
    return Status::Corrupt("the audit log of " + path + " does not reach the recorded head " +
                           args.expect_head +
                           ": entries were removed from its end, or its chain was recomputed");
  }
  std::printf("The recorded head is entry %lld's; %lld entries were added since\n",
              static_cast<long long>(verdict->expected_head_at),
              static_cast<long long>(verdict->entries - verdict->expected_head_at));
  return Status::Ok();
}

CommandRegistration kAudit(
    "audit", "Check that the workspace's audit log is as it was written (docs/security.md)",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<AuditArgs>();
      app.require_subcommand(1);
      CLI::App* verify = app.add_subcommand(
          "verify",
          "Check the audit log's triggers and the hash chain of its entries; print the head hash "
          "(exit 5 naming the first entry that was altered)");
      AddWorkspaceOption(*verify, &args->workspace);
      verify->add_option("--expect-head", args->expect_head,
                         "A head hash recorded earlier: check that the log still reaches it");
      return [args] { return VerifyAudit(*args); };
    });

}  // namespace
}  // namespace continuum
