#include "store/bound_statement.h"

namespace continuum {

Result<std::unique_ptr<Statement>> Bound(Workspace& workspace, std::string_view sql,
                                         std::initializer_list<BoundValue> values) {
  auto statement = workspace.Prepare(sql);
  if (!statement.ok()) return statement.status();
  int index = 0;
  for (const BoundValue& value : values) {
    if (const auto* text = std::get_if<std::string_view>(&value))
      (*statement)->BindText(index++, *text);
    else
      (*statement)->BindInt(index++, std::get<int64_t>(value));
  }
  return statement;
}

Status Execute(Workspace& workspace, std::string_view sql,
               std::initializer_list<BoundValue> values) {
  auto statement = Bound(workspace, sql, values);
  if (!statement.ok()) return statement.status();
  return (*statement)->Execute();
}

Status InOneWrite(Workspace& workspace, const std::function<Status()>& work) {
  CONTINUUM_RETURN_IF_ERROR(workspace.BeginWrite());
  Status status = work();
  if (!status.ok()) {
    workspace.Rollback();
    return status;
  }
  return workspace.Commit();
}

Result<bool> HasTable(Workspace& workspace, std::string_view table) {
  auto exists = Bound(workspace, "SELECT COUNT(*) FROM sqlite_master WHERE name = ?", {table});
  if (!exists.ok()) return exists.status();
  if (!(*exists)->NextRow()) return (*exists)->status();
  return (*exists)->Int(0) > 0;
}

std::string AppendOnlyTriggersSql(std::string_view table, std::string_view same_key,
                                  std::string_view message) {
  std::string sql;
  const std::string name(table);
  // REPLACE INTO deletes the row it replaces without firing a DELETE trigger, so an INSERT whose
  // key is already there is refused too.
  for (const char* change : {"UPDATE", "DELETE", "INSERT"}) {
    const bool insert = std::string_view(change) == "INSERT";
    const std::string when =
        insert ? " WHEN EXISTS (SELECT 1 FROM " + name + " WHERE " + std::string(same_key) + ")"
               : "";
    sql += "CREATE TRIGGER IF NOT EXISTS " + name + "_no_" + (insert ? "REPLACE" : change) +
           " BEFORE " + change + " ON " + name + when + " BEGIN SELECT RAISE(ABORT, '" +
           std::string(message) + "'); END;";
  }
  return sql;
}

}  // namespace continuum
