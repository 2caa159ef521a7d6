// The audit log's tamper evidence. Each entry of the `audit` table carries a hash chained to the
// one before it: BLAKE2b-256 of the previous entry's hash (64 hex digits; kAuditGenesis for the
// first) followed by each field as a netstring ("<length>:<bytes>,") in the order id, at,
// username, role, endpoint, patients, detail. Triggers refuse UPDATE, DELETE and an INSERT that
// would replace an entry; the chain shows an entry changed, removed or put in with those
// triggers out of the way, unless the whole chain after it was recomputed (docs/security.md).
//
//   CONTINUUM_RETURN_IF_ERROR(CheckAuditLog(workspace));   // Corrupt naming the first damage
//   Result<AuditVerdict> verdict = VerifyAuditLog(workspace, recorded_head);
//
// Workspace::Open calls EnsureAuditLog; Accounts::AppendAudit calls AppendAuditEntry.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/workspace.h"

namespace continuum {

// What the first entry's hash is chained to.
inline constexpr char kAuditGenesis[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

// An entry as stored: the text the hash covers.
struct StoredAuditEntry {
  int64_t id = 0;
  std::string at, username, role, endpoint;
  std::string patients;  // pseudonymous patient ids separated by spaces
  std::string detail;
};

// The hash of `entry` chained to `previous` (64 lower-case hex digits).
std::string AuditEntryHash(std::string_view previous, const StoredAuditEntry& entry);

// Inside the open write of Workspace::Open. Creates the audit log (table, triggers, and a meta
// row `audit_log_created` recording that it was made) in a workspace that never had one; chains
// the entries of a log written before entries were chained, adding an entry that says so; and
// otherwise checks that the table is there and its triggers are exactly Continuum's, changing
// nothing. Corrupt, saying what is missing or altered, when not.
Status EnsureAuditLog(Workspace& workspace);

// Appends an entry (its id is ignored: the next one is given), chained to the last; inside the
// caller's write. `at` is the current UTC time when empty.
Status AppendAuditEntry(Workspace& workspace, const StoredAuditEntry& entry);

struct AuditVerdict {
  bool exists = false;  // false: the workspace has never had an audit log
  int64_t entries = 0;
  std::string head = kAuditGenesis;  // the last entry's hash
  // Empty when the log is intact; otherwise what is wrong, naming the first entry or trigger.
  std::string problem;
  int64_t broken_at = 0;  // the entry the problem is found at, when it is one
  // With an expected head: the id of the entry whose hash it is (0 for the genesis value), or
  // -1 when no entry has it.
  int64_t expected_head_at = -1;
};

// Reads the whole log and its triggers (read-only). An error only when the workspace cannot be
// read; damage is reported in the verdict.
Result<AuditVerdict> VerifyAuditLog(Workspace& workspace, std::string_view expected_head = "");

// Ok when the log is intact (or the workspace has none); Corrupt saying what was altered
// otherwise. The server checks this before it serves a workspace.
Status CheckAuditLog(Workspace& workspace);

}  // namespace continuum
