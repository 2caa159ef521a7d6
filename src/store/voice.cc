#include "store/voice.h"

#include "store/bound_statement.h"

namespace continuum {

Result<int64_t> VoiceStore::Record(const VoiceResponse& r) {
  int64_t id = 0;
  const std::string day = FormatDate(r.responded_on);
  Status written = InOneWrite(workspace_, [&]() -> Status {
    auto insert = Bound(workspace_,
                        "INSERT INTO voice_responses (survey, practice, responded_on, recorded_by,"
                        " recorded_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                        {r.survey, r.practice, day, r.recorded_by, r.recorded_at});
    if (!insert.ok()) return insert.status();
    if (!(*insert)->NextRow()) {
      const Status& s = (*insert)->status();
      return s.ok() ? Status::Internal("the response was not given an id") : s;
    }
    id = (*insert)->Int(0);
    while ((*insert)->NextRow()) {
    }
    for (const VoiceAnswer& a : r.answers) {
      CONTINUUM_RETURN_IF_ERROR(Execute(
          workspace_, "INSERT INTO voice_answers (response, question, answer) VALUES (?, ?, ?)",
          {id, a.question, a.answer}));
    }
    return Status::Ok();
  });
  if (!written.ok()) return written;
  return id;
}

Result<std::vector<VoiceResponse>> VoiceStore::All() {
  // A workspace opened read-only from before the voice tables has none yet.
  auto exists =
      Bound(workspace_, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'voice_responses'", {});
  if (!exists.ok()) return exists.status();
  if (!(*exists)->NextRow()) return (*exists)->status();
  if ((*exists)->Int(0) == 0) return std::vector<VoiceResponse>();
  auto rows = Bound(workspace_,
                    "SELECT r.id, r.survey, r.practice, r.responded_on, r.recorded_by,"
                    " r.recorded_at, a.question, a.answer FROM voice_responses r"
                    " JOIN voice_answers a ON a.response = r.id ORDER BY r.id, a.question",
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
                               " has an unreadable date '" + std::string(row.Text(3)) + "'");
      r.responded_on = *day;
      r.recorded_by = row.Text(4);
      r.recorded_at = row.Int(5);
    }
    out.back().answers.push_back({std::string(row.Text(6)), std::string(row.Text(7))});
  }
  if (!(*rows)->status().ok()) return (*rows)->status();
  return out;
}

}  // namespace continuum
