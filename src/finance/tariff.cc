#include "finance/tariff.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <tuple>

#include "core/csv.h"
#include "core/embedded.h"
#include "core/quoted.h"
#include "finance/hrg_chapter.h"

namespace continuum {
namespace {

constexpr std::string_view kHeader[] = {
    "kind",      "setting",    "specialty",           "group",  "provider",
    "unit_cost", "trim_point", "excess_bed_day_cost", "factor", "source"};
enum Column {
  kKind,
  kSetting,
  kSpecialty,
  kGroup,
  kProvider,
  kUnitCost,
  kTrimPoint,
  kExcess,
  kFactor,
  kSource,
  kColumns
};

constexpr Pence kMaxUnitCost = 1'000'000'000;  // £10,000,000, as import caps one event's cost

constexpr std::string_view kNccHeader[] = {"department_code", "currency_code", "currency_desc",
                                           "activity",        "unit_cost",     "cost"};

bool HeaderIs(const std::vector<std::string_view>& fields, std::span<const std::string_view> want) {
  if (fields.size() != want.size()) return false;
  for (size_t i = 0; i < want.size(); ++i)
    if (fields[i] != want[i]) return false;
  return true;
}

std::string JoinHeader(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) out += (out.empty() ? "" : ",") + std::string(n);
  return out;
}

// Reads one tariff row; `where` is "file line N".
class RowReader {
 public:
  RowReader(const std::vector<std::string_view>& f, std::string where)
      : f_(f), where_(std::move(where)) {}

  Status Error(Column c, std::string_view reason) const {
    return Status::InvalidInput(where_ + ", column " + std::string(kHeader[c]) + ": " +
                                std::string(reason));
  }
  Status MustBeEmpty(Column c, std::string_view kind) const {
    if (f_[c].empty()) return Status::Ok();
    return Error(c, "must be empty on a " + std::string(kind) + " row");
  }
  std::string_view operator[](Column c) const { return f_[c]; }

 private:
  const std::vector<std::string_view>& f_;
  std::string where_;
};

Result<double> ParseNumber(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size())
    return Status::InvalidInput(Quoted(text) + " is not a number");
  return value;
}

Status ReadPrice(const RowReader& row, std::string where, Tariff* tariff) {
  const int setting = FindCode(kSettingCodes, row[kSetting]);
  if (setting < 0) return row.Error(kSetting, Quoted(row[kSetting]) + " is not a setting code");
  TariffPrice price{.setting = static_cast<Setting>(setting)};
  if (!row[kSpecialty].empty() && !IsKnownSpecialty(row[kSpecialty]))
    return row.Error(kSpecialty, Quoted(row[kSpecialty]) + " is not a treatment function code");
  price.specialty = std::string(row[kSpecialty]);
  if (!row[kGroup].empty()) {
    if (row[kGroup].size() != 1 || !IsHrgChapter(row[kGroup][0]))
      return row.Error(kGroup, Quoted(row[kGroup]) +
                                   " is not an HRG chapter letter (data/codes/hrg_chapters.csv)");
    price.group = row[kGroup][0];
  }
  CONTINUUM_RETURN_IF_ERROR(row.MustBeEmpty(kProvider, "price"));
  CONTINUUM_RETURN_IF_ERROR(row.MustBeEmpty(kFactor, "price"));
  auto unit = ParsePounds(row[kUnitCost]);
  if (!unit.ok()) return row.Error(kUnitCost, unit.status().message());
  if (*unit > kMaxUnitCost)
    return row.Error(kUnitCost, Quoted(row[kUnitCost]) +
                                    " is above the 10,000,000.00 pounds one event may cost");
  price.unit_cost = *unit;
  if (!row[kTrimPoint].empty()) {
    if (!IsAdmission(price.setting))
      return row.Error(kTrimPoint,
                       "only admissions (elective, day_case, emergency) have a trim point");
    auto trim = ParseNumber(row[kTrimPoint]);
    if (!trim.ok() || *trim < 0 || *trim > 3650 || *trim != static_cast<int>(*trim))
      return row.Error(kTrimPoint,
                       Quoted(row[kTrimPoint]) + " is not a whole number of nights from 0 to 3650");
    price.trim_point = static_cast<int>(*trim);
    if (row[kExcess].empty()) return row.Error(kExcess, "is required with a trim point");
    auto excess = ParsePounds(row[kExcess]);
    if (!excess.ok()) return row.Error(kExcess, excess.status().message());
    price.excess_bed_day = *excess;
  } else {
    CONTINUUM_RETURN_IF_ERROR(row.MustBeEmpty(kExcess, "price without trim point"));
  }
  price.source = row[kSource].empty() ? where : std::string(row[kSource]);
  tariff->prices.push_back(std::move(price));
  return Status::Ok();
}

Status ReadMarketForces(const RowReader& row, Tariff* tariff, std::string_view* provider) {
  for (Column c : {kSetting, kSpecialty, kGroup, kUnitCost, kTrimPoint, kExcess})
    CONTINUUM_RETURN_IF_ERROR(row.MustBeEmpty(c, "market_forces_factor"));
  if (row[kProvider].empty()) return row.Error(kProvider, "is required");
  auto factor = ParseNumber(row[kFactor]);
  if (!factor.ok() || *factor < 0.5 || *factor > 2.0)
    return row.Error(kFactor,
                     Quoted(row[kFactor]) + " is not a market forces factor between 0.5 and 2.0");
  *provider = row[kProvider];
  tariff->market_forces.emplace(std::string(row[kProvider]), *factor);
  return Status::Ok();
}

using PriceKey = std::tuple<int, std::string, char>;
PriceKey KeyOf(const TariffPrice& p) { return {int(p.setting), p.specialty, p.group}; }

}  // namespace

Result<Tariff> ParseTariff(std::string_view text, std::string_view file_name) {
  const CsvFile file = CsvFile::FromText(std::string(file_name), std::string(text));
  CsvCursor cursor(file);
  std::vector<std::string_view> f;
  const std::string name(file_name);
  if (!cursor.Next(&f) || !HeaderIs(f, kHeader)) {
    return Status::InvalidInput(name + " line 1: the header must be exactly " +
                                JoinHeader(kHeader) + " (or a National Cost Collection file's " +
                                JoinHeader(kNccHeader) + ")");
  }
  Tariff tariff{.name = name};
  std::map<PriceKey, int64_t> price_lines;
  std::map<std::string, int64_t, std::less<>> factor_lines;
  while (cursor.Next(&f)) {
    const std::string where = name + " line " + std::to_string(cursor.line());
    if (f.size() != kColumns) {
      return Status::InvalidInput(where + ": has " + std::to_string(f.size()) +
                                  " fields; the header has " + std::to_string(kColumns));
    }
    const RowReader row(f, where);
    if (row[kKind] == "price") {
      CONTINUUM_RETURN_IF_ERROR(ReadPrice(row, where, &tariff));
      auto [at, added] = price_lines.emplace(KeyOf(tariff.prices.back()), cursor.line());
      if (!added) {
        return row.Error(kSetting, "the same setting, specialty and group are priced on line " +
                                       std::to_string(at->second));
      }
    } else if (row[kKind] == "market_forces_factor") {
      const size_t before = tariff.market_forces.size();
      std::string_view provider;
      CONTINUUM_RETURN_IF_ERROR(ReadMarketForces(row, &tariff, &provider));
      if (tariff.market_forces.size() == before) {
        return row.Error(kProvider, "provider " + std::string(provider) + " has a factor on line " +
                                        std::to_string(factor_lines.find(provider)->second));
      }
      factor_lines.emplace(std::string(provider), cursor.line());
    } else {
      return row.Error(
          kKind, Quoted(row[kKind]) + " is not a row kind; expected price or market_forces_factor");
    }
  }
  if (!cursor.status().ok())
    return Status::InvalidInput(name + " line " + std::to_string(cursor.line()) + ": " +
                                cursor.status().message());
  if (tariff.prices.empty()) return Status::InvalidInput(name + ": the tariff has no prices");
  return tariff;
}

Result<Tariff> ReadTariffText(const NamedText& file) {
  // The header alone is enough to tell the formats apart; its line break is kept, without which
  // the reader takes a quoted header for a truncated file.
  const size_t end = file.text.find('\n');
  const CsvFile first_line =
      CsvFile::FromText(file.name, file.text.substr(0, end == std::string::npos ? end : end + 1));
  CsvCursor cursor(first_line);
  std::vector<std::string_view> header;
  if (cursor.Next(&header) && HeaderIs(header, kNccHeader))
    return ParseNationalCostCollection(file.text, file.name);
  return ParseTariff(file.text, file.name);
}

NamedText DefaultTariffText() {
  return {"default tariff", std::string(EmbeddedFile("data/tariffs/default.csv"))};
}

Result<Tariff> LayerTariffs(const std::vector<NamedText>& files) {
  Tariff layered;
  std::map<PriceKey, bool> priced;
  for (const NamedText& file : files) {
    auto tariff = ReadTariffText(file);
    if (!tariff.ok()) return tariff.status();
    layered.name += (layered.name.empty() ? "" : " + ") + tariff->name;
    for (TariffPrice& p : tariff->prices)
      if (priced.emplace(KeyOf(p), true).second) layered.prices.push_back(std::move(p));
    for (auto& [provider, factor] : tariff->market_forces)
      layered.market_forces.emplace(provider, factor);  // keeps an earlier tariff's factor
  }
  return layered;
}

Result<std::vector<NamedText>> ReadTariffFiles(const std::vector<std::string>& names) {
  std::vector<NamedText> files;
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    if (std::find(names.begin(), names.begin() + i, name) != names.begin() + i)
      return Status::InvalidInput("--tariff " + name + " is named twice");
    if (name == "default") {
      files.push_back(DefaultTariffText());
      continue;
    }
    auto file = ReadNamedText(name);
    if (!file.ok()) return file.status();
    files.push_back(std::move(*file));
  }
  return files;
}

Result<Tariff> LoadTariffs(const std::vector<std::string>& names) {
  auto files = ReadTariffFiles(names);
  if (!files.ok()) return files.status();
  return LayerTariffs(*files);
}

}  // namespace continuum
