// A tariff: the unit price of activity by setting and, where it matters, treatment function
// (specialty) and HRG chapter; a trim point and excess bed-day price for admissions; and a
// market forces factor per provider. Tariffs are data files (docs/finance.md); Continuum ships
// `default` (data/tariffs/default.csv) and reads the National Cost Collection as a tariff.
//
//   Result<Tariff> t = LoadTariffs({"default"});
//   Result<Tariff> t = LoadTariffs({"ncc.csv", "default"});   // NCC prices first, then default
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/money.h"
#include "core/named_text.h"
#include "core/status.h"
#include "model/codes.h"

namespace continuum {

struct TariffPrice {
  Setting setting;
  std::string specialty;     // treatment function code; empty: any
  char group = 0;            // HRG chapter letter; 0: any
  Pence unit_cost = 0;       // per unit of quantity (a contact, a spell, a prescription item)
  int trim_point = -1;       // nights a spell's price covers; -1: no excess bed days
  Pence excess_bed_day = 0;  // per night beyond the trim point
  std::string source;        // where the price comes from: "tariff.csv line 4"
};

struct Tariff {
  std::string name;  // the file names it was read from, joined by " + "
  std::vector<TariffPrice> prices;
  // Market forces factor by provider org_id; a provider not listed has factor 1.
  std::unordered_map<std::string, double> market_forces;
};

// Reads a tariff in Continuum's CSV format; `file_name` names it in error messages.
Result<Tariff> ParseTariff(std::string_view text, std::string_view file_name);
// Reads the National Cost Collection's unit costs (ncc.csv from COSTmos: department_code,
// currency_code, currency_desc, activity, unit_cost, cost) as a tariff: the activity-weighted
// mean unit cost of each department's currencies, by setting and HRG chapter.
Result<Tariff> ParseNationalCostCollection(std::string_view text, std::string_view file_name);

// Reads a tariff held as text: a National Cost Collection file when its header is NCC's,
// Continuum's format otherwise.
Result<Tariff> ReadTariffText(const NamedText& file);
// The built-in tariff (data/tariffs/default.csv), named "default tariff".
NamedText DefaultTariffText();
// Reads each tariff and layers them: a price or factor from an earlier tariff wins over a later
// one.
Result<Tariff> LayerTariffs(const std::vector<NamedText>& files);

// Reads each named tariff ("default", a Continuum tariff file, or an NCC file, told apart by
// their header) and layers them as LayerTariffs() does.
Result<Tariff> LoadTariffs(const std::vector<std::string>& names);
// The tariff files named, read ("default": DefaultTariffText()); an error for a name given twice.
Result<std::vector<NamedText>> ReadTariffFiles(const std::vector<std::string>& names);

}  // namespace continuum
