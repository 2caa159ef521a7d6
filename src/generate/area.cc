#include "generate/area.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <map>
#include <memory>

#include "core/csv.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

// England's LSOAs (2021 boundaries), the denominator of IMD 2025 ranks.
constexpr double kEnglandLsoas = 33755;

// The newest file in `folder` whose name contains `part` and ends in ".csv" ("" if none).
std::string FindFile(const std::string& folder, std::string_view part) {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    if (name.find(part) != std::string::npos && name.size() > 4 &&
        name.compare(name.size() - 4, 4, ".csv") == 0) {
      names.push_back(name);
    }
  }
  if (names.empty()) return "";
  std::sort(names.begin(), names.end());
  return folder + "/" + names.back();
}

// A CSV file with its header row mapped to column positions.
class Table {
 public:
  static Result<Table> Open(const std::string& path, std::vector<std::string> required) {
    Table t;
    auto file = CsvFile::Read(path);
    if (!file.ok()) return file.status();
    t.file_ = std::make_unique<CsvFile>(std::move(file).value());
    t.cursor_ = std::make_unique<CsvCursor>(*t.file_);
    std::vector<std::string_view> header;
    if (!t.cursor_->Next(&header)) return t.Error("the file is empty or has no header row");
    for (size_t i = 0; i < header.size(); ++i) t.columns_[std::string(header[i])] = i;
    for (const std::string& name : required) {
      if (!t.columns_.count(name)) return t.Error("the header has no column '" + name + "'");
    }
    return t;
  }

  bool Next() { return cursor_->Next(&fields_); }
  Status status() const {
    return cursor_->status().ok() ? Status::Ok() : Error(cursor_->status().message());
  }
  std::string_view Field(const std::string& column) const {
    const size_t i = columns_.at(column);
    return i < fields_.size() ? fields_[i] : std::string_view();
  }
  Result<double> Number(const std::string& column) const {
    const std::string_view text = Field(column);
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 0) {
      return Error("column " + column + ": '" + std::string(text) + "' is not a count");
    }
    return value;
  }
  Status Error(const std::string& reason) const {
    const std::string where =
        cursor_ && cursor_->line() > 0 ? " line " + std::to_string(cursor_->line()) : std::string();
    return Status::InvalidInput(file_->name() + where + ": " + reason);
  }

 private:
  std::unique_ptr<CsvFile> file_;
  std::unique_ptr<CsvCursor> cursor_;
  std::map<std::string, size_t> columns_;
  std::vector<std::string_view> fields_;
};

std::vector<std::string> PopulationColumns() {
  std::vector<std::string> columns{"area_code", "sex", "90+"};
  for (int age = 0; age < 90; ++age) columns.push_back(std::to_string(age));
  return columns;
}

// Reads a single-year-of-age file into one table per area code, in file order.
Status ReadPopulation(const std::string& path, std::vector<AreaLsoa>* areas) {
  auto table = Table::Open(path, PopulationColumns());
  if (!table.ok()) return table.status();
  std::map<std::string, size_t> index;
  while (table->Next()) {
    const std::string_view sex_text = table->Field("sex");
    const int sex = sex_text == "Females" ? 0 : sex_text == "Males" ? 1 : -1;
    if (sex < 0) continue;  // "Persons" rows repeat the other two
    const std::string code(table->Field("area_code"));
    if (code.empty()) return table->Error("area_code is empty");
    auto [it, added] = index.emplace(code, areas->size());
    if (added) areas->push_back({code, {}});
    AgeSexTable& population = (*areas)[it->second].population;
    for (int age = 0; age < 90; ++age) {
      auto n = table->Number(std::to_string(age));
      if (!n.ok()) return n.status();
      population.count[sex][age] = *n;
    }
    auto top = table->Number("90+");
    if (!top.ok()) return top.status();
    SpreadBand(*top, 90, kMaxAge, &population.count[sex]);
  }
  CONTINUUM_RETURN_IF_ERROR(table->status());
  if (areas->empty()) return table->Error("no Females or Males rows");
  return Status::Ok();
}

Status ReadPractices(const std::string& path, std::vector<AreaPractice>* practices) {
  auto table = Table::Open(path, {"practice_code", "practice_name", "registered_patients"});
  if (!table.ok()) return table.status();
  while (table->Next()) {
    AreaPractice practice;
    practice.code = std::string(table->Field("practice_code"));
    practice.name = std::string(table->Field("practice_name"));
    auto size = table->Number("registered_patients");
    if (!size.ok()) return size.status();
    practice.list_size = static_cast<int64_t>(*size);
    const bool key_ok =
        !practice.code.empty() &&
        std::all_of(practice.code.begin(), practice.code.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
        });
    if (!key_ok) return table->Error("practice_code '" + practice.code + "' is not a code");
    if (practice.list_size > 0) practices->push_back(std::move(practice));
  }
  CONTINUUM_RETURN_IF_ERROR(table->status());
  if (practices->empty()) return table->Error("no practice has registered patients");
  return Status::Ok();
}

// The LA's mean LSOA deprivation percentile from the IMD average rank (rank 1 = most deprived
// LSOA, so a high average rank means a deprived area).
Status ReadDeprivation(const std::string& path, Area* area) {
  auto table = Table::Open(path, {"area_code", "index_domain", "average_rank"});
  if (!table.ok()) return table.status();
  while (table->Next()) {
    if (table->Field("area_code") != area->la_code ||
        table->Field("index_domain") != "Index of Multiple Deprivation") {
      continue;
    }
    auto rank = table->Number("average_rank");
    if (!rank.ok()) return rank.status();
    area->deprivation = std::clamp(*rank / kEnglandLsoas, 0.05, 0.95);
    area->has_deprivation = true;
  }
  return table->status();
}

}  // namespace

int64_t Area::TotalListSize() const {
  int64_t total = 0;
  for (const AreaPractice& p : practices) total += p.list_size;
  return total;
}

Result<Area> LoadArea(const std::string& folder) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) return Status::NotFound(folder + ": no such folder");
  Area area;
  const std::string lsoa_file = FindFile(folder, "population_estimates_lsoa");
  const std::string la_file = FindFile(folder, "population_estimates_local_authority");
  if (lsoa_file.empty() && la_file.empty()) {
    return Status::InvalidInput(folder +
                                " has no population file (*population_estimates_lsoa*.csv or "
                                "*population_estimates_local_authority*.csv)");
  }
  if (!la_file.empty()) {
    std::vector<AreaLsoa> las;
    CONTINUUM_RETURN_IF_ERROR(ReadPopulation(la_file, &las));
    area.la_code = las.front().code;
    area.population = las.front().population;
  }
  if (!lsoa_file.empty()) {
    CONTINUUM_RETURN_IF_ERROR(ReadPopulation(lsoa_file, &area.lsoas));
    for (const AreaLsoa& lsoa : area.lsoas) {
      if (!IsLsoaCode(lsoa.code)) {
        return Status::InvalidInput(fs::path(lsoa_file).filename().string() + ": '" + lsoa.code +
                                    "' is not an LSOA code (E01 and six digits)");
      }
    }
    area.population = {};
    for (const AreaLsoa& lsoa : area.lsoas) area.population.Add(lsoa.population, 1.0);
  }
  if (area.population.Total() <= 0) {
    return Status::InvalidInput(folder + ": the population files count nobody");
  }
  if (const std::string file = FindFile(folder, "gp_patient_registrations"); !file.empty()) {
    CONTINUUM_RETURN_IF_ERROR(ReadPractices(file, &area.practices));
  }
  if (const std::string file = FindFile(folder, "indices_of_deprivation");
      !file.empty() && !area.la_code.empty()) {
    CONTINUUM_RETURN_IF_ERROR(ReadDeprivation(file, &area));
  }
  return area;
}

}  // namespace continuum
