#include "store/voice.h"

#include "core/quoted.h"
#include "store/bound_statement.h"

namespace continuum {

namespace {

// Appends the responses with ids from one past the largest there; the caller holds the write.
Result<int64_t> Append(Workspace& workspace, std::span<const VoiceResponse> responses) {
  auto last = Bound(workspace, "SELECT COALESCE(MAX(id), 0) FROM voice_responses", {});
  if (!last.ok()) return last.status();
  if (!(*last)->NextRow()) return (*last)->status();
  const int64_t first = (*last)->Int(0) + 1;
  last->reset();
  auto response = workspace.Prepare(
      "INSERT INTO voice_responses (id, survey, practice, responded_on, recorded_by,"
      " recorded_at) VALUES (?, ?, ?, ?, ?, ?)");
  if (!response.ok()) return response.status();
  auto answer =
      workspace.Prepare("INSERT INTO voice_answers (response, question, answer) VALUES (?, ?, ?)");
  if (!answer.ok()) return answer.status();
  int64_t id = first;
  for (const VoiceResponse& r : responses) {
    const std::string day = FormatDate(r.responded_on);
    Statement& s = **response;
    s.BindInt(0, id);
    s.BindText(1, r.survey);
    s.BindText(2, r.practice);
    s.BindText(3, day);
    s.BindText(4, r.recorded_by);
    s.BindInt(5, r.recorded_at);
    CONTINUUM_RETURN_IF_ERROR(s.Execute());
    for (const VoiceAnswer& a : r.answers) {
      Statement& t = **answer;
      t.BindInt(0, id);
      t.BindText(1, a.question);
      t.BindText(2, a.answer);
      CONTINUUM_RETURN_IF_ERROR(t.Execute());
    }
    ++id;
  }
  return first;
}

}  // namespace

Result<int64_t> VoiceStore::Record(const VoiceResponse& r) {
  int64_t id = 0;
  Status written = InOneWrite(workspace_, [&]() -> Status {
    Result<int64_t> first = Append(workspace_, std::span(&r, 1));
    if (!first.ok()) return first.status();
    id = *first;
    return Status::Ok();
  });
  if (!written.ok()) return written;
  return id;
}

Result<int64_t> VoiceStore::RecordImport(std::span<const VoiceResponse> responses,
                                         const std::string& file, uint64_t checksum, int64_t now) {
  int64_t id = 0;
  const std::string sum = std::to_string(checksum);
  Status written = InOneWrite(workspace_, [&]() -> Status {
    auto seen = Bound(workspace_,
                      "SELECT file, datetime(imported_at, 'unixepoch'), responses"
                      " FROM voice_imports WHERE checksum = ?",
                      {sum});
    if (!seen.ok()) return seen.status();
    if ((*seen)->NextRow())
      return Status::InvalidInput(
          file + " holds the same bytes as " + std::string((*seen)->Text(0)) + ", imported on " +
          std::string((*seen)->Text(1)) + " UTC (" + std::to_string((*seen)->Int(2)) +
          " responses); nothing was recorded again");
    CONTINUUM_RETURN_IF_ERROR((*seen)->status());
    seen->reset();
    Result<int64_t> first = Append(workspace_, responses);
    if (!first.ok()) return first.status();
    id = *first;
    return Execute(workspace_,
                   "INSERT INTO voice_imports (checksum, file, responses, imported_at)"
                   " VALUES (?, ?, ?, ?)",
                   {sum, file, static_cast<int64_t>(responses.size()), now});
  });
  if (!written.ok()) return written;
  return id;
}

Result<bool> VoiceStore::HasTables() { return HasTable(workspace_, "voice_responses"); }

Result<std::vector<VoiceResponse>> VoiceStore::All() {
  Result<bool> tables = HasTables();
  if (!tables.ok()) return tables.status();
  if (!*tables) return std::vector<VoiceResponse>();
  auto rows = Bound(workspace_,
                    "SELECT r.id, r.survey, r.practice, r.responded_on, r.recorded_by,"
                    " r.recorded_at, a.question, a.answer FROM voice_responses r"
                    " JOIN voice_answers a ON a.response = r.id ORDER BY r.id, a.rowid",
                    {});
  if (!rows.ok()) return rows.status();
  std::vector<VoiceResponse> out;
  while ((*rows)->NextRow()) {
    const Statement& row = **rows;
    if (out.empty() || out.back().id != row.Int(0)) {
      VoiceResponse& r = out.emplace_back();
      r.id = row.Int(0);
      r.survey = row.Text(1);
      r.practice = row.Text(2);
      Result<Day> day = ParseDate(row.Text(3));
      if (!day.ok())
        return Status::Corrupt("survey response " + std::to_string(r.id) +
                               " has an unreadable date " + Quoted(row.Text(3)));
      r.responded_on = *day;
      r.recorded_by = row.Text(4);
      r.recorded_at = row.Int(5);
    }
    out.back().answers.push_back({std::string(row.Text(6)), std::string(row.Text(7))});
  }
  if (!(*rows)->status().ok()) return (*rows)->status();
  return out;
}

Result<int64_t> VoiceStore::Count() {
  Result<bool> tables = HasTables();
  if (!tables.ok()) return tables.status();
  if (!*tables) return int64_t{0};
  auto count = Bound(workspace_, "SELECT COUNT(*) FROM voice_responses", {});
  if (!count.ok()) return count.status();
  if (!(*count)->NextRow()) return (*count)->status();
  return (*count)->Int(0);
}

}  // namespace continuum
