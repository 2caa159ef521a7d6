// Small helpers for the workspace's own tables (accounts, voice responses): a statement with
// its parameters bound in order, run once, and a write in a transaction of its own.
//
//   CONTINUUM_RETURN_IF_ERROR(InOneWrite(workspace, [&] {
//     return Execute(workspace, "INSERT INTO t VALUES (?, ?)", {name, int64_t{3}});
//   }));
#pragma once

#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "store/workspace.h"

namespace continuum {

// A statement's parameter: text (not copied; it must outlive the statement's run) or a number.
using BoundValue = std::variant<std::string_view, int64_t>;

Result<std::unique_ptr<Statement>> Bound(Workspace& workspace, std::string_view sql,
                                         std::initializer_list<BoundValue> values);
Status Execute(Workspace& workspace, std::string_view sql,
               std::initializer_list<BoundValue> values);
// Runs `work` in a write transaction of its own: committed when it succeeds, rolled back if not.
Status InOneWrite(Workspace& workspace, const std::function<Status()>& work);

// Whether the workspace holds `table`: one opened read-only from before a table was added has
// none yet.
Result<bool> HasTable(Workspace& workspace, std::string_view table);

// Triggers that keep `table` append-only: an UPDATE, a DELETE or an INSERT whose key is already
// there (`same_key`, e.g. "id = NEW.id") aborts with `message`.
std::string AppendOnlyTriggersSql(std::string_view table, std::string_view same_key,
                                  std::string_view message);

}  // namespace continuum
