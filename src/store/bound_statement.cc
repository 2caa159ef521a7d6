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

}  // namespace continuum
