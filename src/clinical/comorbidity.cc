#include "clinical/comorbidity.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "core/csv.h"
#include "core/embedded.h"
#include "core/quoted.h"
#include "model/codes.h"

namespace continuum {
namespace {

// The code without its dot, letters uppercased: "i50.0" -> "I500".
std::string Undotted(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (char c : code) {
    if (c == '.') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

// One index's file: its prefix for column names, the weight columns it carries, its size.
struct IndexFile {
  std::string_view name;  // for messages: "charlson.csv"
  std::string_view text;
  std::string_view column_prefix;  // "charlson_" or "elix_"
  // The header columns between icd10 and supersedes, and the weight each one holds.
  std::vector<std::pair<std::string_view, int ComorbidityCategory::*>> weights;
  int conditions;  // the rows the bit layout expects
  int first_bit;
};

// Expands one token of a code list: a code ("I25.2", "I43") or a range of codes of one length
// ("I42.5-I42.9", "C00-C26"), to undotted prefixes. Returns the reason when it is neither.
std::string ExpandCodes(std::string_view token, std::vector<std::string>* prefixes) {
  const size_t dash = token.find('-');
  const std::string_view first = token.substr(0, dash);
  const std::string_view last = dash == std::string_view::npos ? first : token.substr(dash + 1);
  for (std::string_view end : {first, last}) {
    if (!IsIcd10Code(end) || end.find('X') != std::string_view::npos)
      return Quoted(end) + " is not an ICD-10 code";
  }
  const std::string from = Undotted(first), to = Undotted(last);
  if (from.size() != to.size() || from[0] != to[0] || from > to)
    return Quoted(token) + " is not a range of codes of one length, first to last";
  const int digits = static_cast<int>(from.size()) - 1;
  const int last_number = std::stoi(to.substr(1));
  for (int n = std::stoi(from.substr(1)); n <= last_number; ++n) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%c%0*d", from[0], digits, n);
    prefixes->emplace_back(buffer);
  }
  return "";
}

}  // namespace

Result<ComorbidityMatcher> ComorbidityMatcher::FromText(std::string_view charlson_name,
                                                        std::string_view charlson_csv,
                                                        std::string_view elixhauser_name,
                                                        std::string_view elixhauser_csv) {
  const IndexFile files[] = {
      {charlson_name,
       charlson_csv,
       "charlson_",
       {{"charlson_weight", &ComorbidityCategory::charlson_weight},
        {"quan_weight", &ComorbidityCategory::quan_weight}},
       kCharlsonConditions,
       0},
      {elixhauser_name,
       elixhauser_csv,
       "elix_",
       {{"van_walraven_weight", &ComorbidityCategory::van_walraven_weight}},
       kElixhauserConditions,
       kCharlsonConditions},
  };
  ComorbidityMatcher matcher;
  for (const IndexFile& index : files) {
    const CsvFile file = CsvFile::FromText(std::string(index.name), std::string(index.text));
    CsvCursor cursor(file);
    std::vector<std::string_view> f;
    std::vector<std::string_view> header = {"category", "name", "icd10"};
    for (const auto& weight : index.weights) header.push_back(weight.first);
    header.push_back("supersedes");
    std::string wanted;
    for (std::string_view h : header) wanted += (wanted.empty() ? "" : ",") + std::string(h);
    if (!cursor.Next(&f) || f != header)
      return Status::InvalidInput(std::string(index.name) + " line 1: the header must be " +
                                  wanted);
    std::map<std::string, int, std::less<>> bits;         // category -> bit
    std::vector<std::pair<int, std::string>> supersedes;  // bit -> the category it replaces
    while (cursor.Next(&f)) {
      const std::string where = std::string(index.name) + " line " + std::to_string(cursor.line());
      auto error = [&](size_t column, const std::string& reason) {
        return Status::InvalidInput(where + ", column " + std::string(header[column]) + ": " +
                                    reason);
      };
      if (f.size() != header.size())
        return Status::InvalidInput(where + ": " + std::to_string(f.size()) +
                                    " columns, expected " + wanted);
      const int bit = index.first_bit + static_cast<int>(bits.size());
      if (f[0].empty() || f[0].find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != f[0].npos)
        return error(0, "a category is lowercase letters and underscores");
      if (!bits.emplace(std::string(f[0]), bit).second)
        return error(0, Quoted(f[0]) + " appears twice");
      if (bits.size() > static_cast<size_t>(index.conditions))
        return Status::InvalidInput(where + ": more than " + std::to_string(index.conditions) +
                                    " conditions");
      if (f[1].empty()) return error(1, "the name is empty");
      ComorbidityCategory category;
      category.column = std::string(index.column_prefix) + std::string(f[0]);
      category.name = std::string(f[1]);
      std::vector<std::string> prefixes;
      for (size_t start = 0; start < f[2].size();) {
        const size_t space = std::min(f[2].find(' ', start), f[2].size());
        if (space > start) {
          const std::string reason = ExpandCodes(f[2].substr(start, space - start), &prefixes);
          if (!reason.empty()) return error(2, reason);
        }
        start = space + 1;
      }
      if (prefixes.empty()) return error(2, "no codes");
      for (const std::string& prefix : prefixes) {
        matcher.by_prefix_[prefix] |= ComorbidityMask{1} << bit;
        if (std::find(matcher.prefix_lengths_.begin(), matcher.prefix_lengths_.end(),
                      prefix.size()) == matcher.prefix_lengths_.end())
          matcher.prefix_lengths_.push_back(prefix.size());
      }
      for (size_t w = 0; w < index.weights.size(); ++w) {
        const std::string_view text = f[3 + w];
        int& weight = category.*index.weights[w].second;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), weight);
        if (text.empty() || ec != std::errc() || end != text.data() + text.size())
          return error(3 + w, Quoted(text) + " is not a whole number");
      }
      if (!f.back().empty()) supersedes.emplace_back(bit, std::string(f.back()));
      matcher.categories_.push_back(std::move(category));
    }
    if (!cursor.status().ok())
      return Status::InvalidInput(std::string(index.name) + " line " +
                                  std::to_string(cursor.line()) + ": " + cursor.status().message());
    if (bits.size() != static_cast<size_t>(index.conditions))
      return Status::InvalidInput(std::string(index.name) + ": " + std::to_string(bits.size()) +
                                  " conditions, expected " + std::to_string(index.conditions));
    for (const auto& [bit, milder] : supersedes) {
      const auto found = bits.find(milder);
      if (found == bits.end() || found->second == bit)
        return Status::InvalidInput(
            std::string(index.name) + ": " + matcher.categories_[bit].column + " supersedes " +
            Quoted(milder) + ", which is not another condition of the file");
      matcher.categories_[bit].supersedes = ComorbidityMask{1} << found->second;
    }
  }
  std::sort(matcher.prefix_lengths_.begin(), matcher.prefix_lengths_.end());
  return matcher;
}

const ComorbidityMatcher& ComorbidityMatcher::Get() {
  static const ComorbidityMatcher matcher = [] {
    auto built = FromText("charlson.csv", EmbeddedFile("data/comorbidity/charlson.csv"),
                          "elixhauser.csv", EmbeddedFile("data/comorbidity/elixhauser.csv"));
    if (!built.ok()) {
      // The files are compiled in and checked by comorbidity_test: a broken build, not bad input.
      std::fprintf(stderr, "continuum: %s\n", built.status().message().c_str());
      std::abort();
    }
    return std::move(built).value();
  }();
  return matcher;
}

ComorbidityMask ComorbidityMatcher::Match(std::string_view icd10) const {
  const std::string code = Undotted(icd10);
  ComorbidityMask mask = 0;
  for (size_t length : prefix_lengths_) {
    if (code.size() < length) break;
    const auto found = by_prefix_.find(code.substr(0, length));
    if (found != by_prefix_.end()) mask |= found->second;
  }
  return mask;
}

ComorbidityMask ComorbidityMatcher::ApplyHierarchy(ComorbidityMask mask) const {
  ComorbidityMask milder = 0;
  for (ComorbidityMask rest = mask; rest != 0; rest &= rest - 1)
    milder |= categories_[std::countr_zero(rest)].supersedes;
  return mask & ~milder;
}

ComorbidityScores ComorbidityMatcher::Score(ComorbidityMask mask) const {
  ComorbidityScores scores;
  for (ComorbidityMask rest = ApplyHierarchy(mask); rest != 0; rest &= rest - 1) {
    const ComorbidityCategory& c = categories_[std::countr_zero(rest)];
    scores.charlson += c.charlson_weight;
    scores.charlson_quan += c.quan_weight;
    scores.van_walraven += c.van_walraven_weight;
  }
  return scores;
}

std::vector<ComorbidityMask> PatientComorbidities(const Population& population, Day from, Day to) {
  const ComorbidityMatcher& matcher = ComorbidityMatcher::Get();
  const EventColumns& events = population.events;
  // One entry per distinct diagnosis, and a last one (no conditions) for events without one.
  const uint32_t none = static_cast<uint32_t>(events.diagnoses.size());
  std::vector<ComorbidityMask> by_diagnosis(none + 1, 0);
  for (uint32_t d = 0; d < none; ++d) by_diagnosis[d] = matcher.Match(events.diagnoses.Value(d));
  std::vector<ComorbidityMask> masks(population.patients.size(), 0);
  if (from > to) return masks;
  // Unsigned, so one comparison tests both ends; no branch, so the loop streams.
  const uint32_t span = static_cast<uint32_t>(to) - static_cast<uint32_t>(from);
  for (size_t e = 0; e < events.size(); ++e) {
    const bool in = static_cast<uint32_t>(events.day[e]) - static_cast<uint32_t>(from) <= span;
    const uint32_t diagnosis = in ? std::min(events.diagnosis[e], none) : none;
    masks[events.patient[e]] |= by_diagnosis[diagnosis];
  }
  for (ComorbidityMask& mask : masks) mask = matcher.ApplyHierarchy(mask);
  return masks;
}

}  // namespace continuum
