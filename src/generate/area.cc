#include "generate/area.h"

#include <filesystem>
#include <map>

#include "core/csv.h"
#include "model/codes.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

// The one file in `folder` whose name ends with `suffix`.
Result<std::string> FindFile(const std::string& folder, const std::string& suffix) {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      found.push_back(entry.path().string());
    }
  }
  if (found.size() != 1) {
    return Status::InvalidInput(folder + ": expected one file named *" + suffix + ", found " +
                                std::to_string(found.size()));
  }
  return found[0];
}

Status Problem(const CsvFile& file, int64_t line, const std::string& why) {
  return Status::InvalidInput(file.name() + " line " + std::to_string(line) + ": " + why);
}

Status ReadLsoas(const std::string& path, Area* area) {
  auto file = CsvFile::Read(path);
  if (!file.ok()) return file.status();
  CsvCursor cursor(*file);
  std::vector<std::string_view> fields;
  if (!cursor.Next(&fields)) return Problem(*file, 1, "no header");
  std::map<std::string_view, int> column;
  for (size_t i = 0; i < fields.size(); ++i) column[fields[i]] = static_cast<int>(i);
  for (const char* needed : {"area_code", "sex", "0", "89", "90+"}) {
    if (!column.count(needed)) return Problem(*file, 1, std::string("no column '") + needed + "'");
  }
  std::map<std::string, size_t> index;
  while (cursor.Next(&fields)) {
    if (fields.size() != column.size())
      return Problem(*file, cursor.line(), "wrong number of fields");
    const std::string_view sex = fields[column["sex"]];
    if (sex != "Females" && sex != "Males") continue;
    const std::string code(fields[column["area_code"]]);
    if (!IsLsoaCode(code))
      return Problem(*file, cursor.line(), "'" + code + "' is not an LSOA code");
    auto [it, added] = index.emplace(code, area->lsoas.size());
    if (added) area->lsoas.push_back({code});
    auto& people = area->lsoas[it->second].people[sex == "Females" ? 0 : 1];
    for (int age = 0; age <= 90; ++age) {
      const std::string name = age == 90 ? "90+" : std::to_string(age);
      const std::string value(fields[column[name]]);
      char* end = nullptr;
      const double count = std::strtod(value.c_str(), &end);
      if (value.empty() || *end != '\0' || count < 0) {
        return Problem(*file, cursor.line(), "column " + name + ": '" + value + "' is not a count");
      }
      if (age == 90)
        SpreadTopBand(count, 90, &people);
      else
        people[age] = count;
    }
  }
  if (!cursor.status().ok()) return Problem(*file, cursor.line(), cursor.status().message());
  if (area->lsoas.empty()) return Problem(*file, 2, "no LSOA rows for Females and Males");
  return Status::Ok();
}

Status ReadPractices(const std::string& path, Area* area) {
  auto file = CsvFile::Read(path);
  if (!file.ok()) return file.status();
  CsvCursor cursor(*file);
  std::vector<std::string_view> fields;
  if (!cursor.Next(&fields)) return Problem(*file, 1, "no header");
  std::map<std::string_view, int> column;
  for (size_t i = 0; i < fields.size(); ++i) column[fields[i]] = static_cast<int>(i);
  for (const char* needed : {"practice_code", "practice_name", "registered_patients"}) {
    if (!column.count(needed)) return Problem(*file, 1, std::string("no column '") + needed + "'");
  }
  while (cursor.Next(&fields)) {
    if (fields.size() != column.size())
      return Problem(*file, cursor.line(), "wrong number of fields");
    const std::string count(fields[column["registered_patients"]]);
    char* end = nullptr;
    const long long registered = std::strtoll(count.c_str(), &end, 10);
    if (count.empty() || *end != '\0' || registered <= 0) {
      return Problem(*file, cursor.line(), "registered_patients '" + count + "' is not a count");
    }
    area->practices.push_back({std::string(fields[column["practice_code"]]),
                               std::string(fields[column["practice_name"]]), registered});
  }
  if (!cursor.status().ok()) return Problem(*file, cursor.line(), cursor.status().message());
  if (area->practices.empty()) return Problem(*file, 2, "no practices");
  return Status::Ok();
}

}  // namespace

Result<Area> ReadArea(const std::string& folder) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) return Status::NotFound(folder + " is not a folder");
  Area area;
  auto lsoas = FindFile(folder, "_population_estimates_lsoa.csv");
  if (!lsoas.ok()) return lsoas.status();
  CONTINUUM_RETURN_IF_ERROR(ReadLsoas(*lsoas, &area));
  auto practices = FindFile(folder, "_gp_patient_registrations.csv");
  if (!practices.ok()) return practices.status();
  CONTINUUM_RETURN_IF_ERROR(ReadPractices(*practices, &area));
  return area;
}

}  // namespace continuum
