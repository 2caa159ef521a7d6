#include "clinical/comorbidity_file.h"

#include <unordered_map>
#include <utility>

#include "core/quoted.h"
#include "model/codes.h"

namespace continuum {
namespace {

constexpr size_t kMaxReported = 20;

std::string Uppercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

Result<PersonComorbidities> ReadPersonCodes(const CsvFile& file) {
  const ComorbidityMatcher& matcher = ComorbidityMatcher::Get();
  PersonComorbidities people;
  std::unordered_map<std::string, size_t> index;  // id -> position in people
  std::vector<std::string> problems;
  size_t problem_count = 0;
  auto problem = [&](int64_t line, std::string_view column, const std::string& reason) {
    if (++problem_count > kMaxReported) return;
    problems.push_back(file.name() + " line " + std::to_string(line) +
                       (column.empty() ? "" : ", column " + std::string(column)) + ": " + reason);
  };
  CsvCursor cursor(file);
  std::vector<std::string_view> f;
  bool first = true;
  while (cursor.Next(&f)) {
    if (f.size() == 1 && f[0].empty()) continue;  // a blank line
    const bool header_allowed = std::exchange(first, false);
    if (f.size() != 2) {
      problem(cursor.line(), "", std::to_string(f.size()) + " columns, expected 2 (id,code)");
      continue;
    }
    const std::string code = Uppercase(f[1]);
    const bool shaped = code.empty() || IsIcd10Code(code);
    if (!shaped && header_allowed) continue;
    bool good = true;
    size_t bad = 0;
    if (f[0].empty()) {
      problem(cursor.line(), "id", "the id is empty");
      good = false;
    } else if (!IsValidUtf8(f[0], &bad)) {
      // Ids are written back out, as JSON too, which must be UTF-8.
      problem(cursor.line(), "id",
              Quoted(f[0]) + " holds bytes that are not UTF-8 (at byte " + std::to_string(bad + 1) +
                  "); save the file as UTF-8");
      good = false;
    } else if (HasControlCharacter(f[0], &bad)) {
      problem(cursor.line(), "id",
              Quoted(f[0]) + " holds a control character at byte " + std::to_string(bad + 1));
      good = false;
    }
    if (!shaped) {
      problem(cursor.line(), "code",
              Quoted(f[1]) +
                  " is not an ICD-10 code (a letter, two digits, then up to two digits or X, "
                  "with or without a dot: I50, I50.0, I500)");
      good = false;
    }
    if (!good || problem_count > 0) continue;  // nothing is written after a problem
    const auto [at, added] = index.try_emplace(std::string(f[0]), people.ids.size());
    if (added) {
      people.ids.emplace_back(f[0]);
      people.masks.push_back(0);
    }
    if (!code.empty()) people.masks[at->second] |= matcher.Match(code);
  }
  if (!cursor.status().ok()) problem(cursor.line(), "", cursor.status().message());
  if (problem_count > 0) {
    std::string message;
    for (const std::string& p : problems) message += (message.empty() ? "" : "\n") + p;
    if (problem_count > kMaxReported)
      message += "\n... and " + std::to_string(problem_count - kMaxReported) + " more problems";
    return Status::InvalidInput(message);
  }
  for (ComorbidityMask& mask : people.masks) mask = matcher.ApplyHierarchy(mask);
  return people;
}

}  // namespace continuum
