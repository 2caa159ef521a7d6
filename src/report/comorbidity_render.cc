#include "report/comorbidity_render.h"

#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "report/json_text.h"

namespace continuum {

std::string RenderComorbidities(const PersonComorbidities& people, OutputFormat format) {
  const ComorbidityMatcher& matcher = ComorbidityMatcher::Get();
  const std::vector<ComorbidityCategory>& categories = matcher.categories();
  if (format == OutputFormat::kJson) {
    // ordered_json keeps the fields in the CSV's column order.
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (size_t p = 0; p < people.ids.size(); ++p) {
      nlohmann::ordered_json row;
      row["id"] = people.ids[p];
      for (size_t c = 0; c < categories.size(); ++c)
        row[categories[c].column] = (people.masks[p] >> c) & 1;
      const ComorbidityScores scores = matcher.Score(people.masks[p]);
      row["charlson_score"] = scores.charlson;
      row["charlson_quan_score"] = scores.charlson_quan;
      row["elixhauser_vw_score"] = scores.van_walraven;
      rows.push_back(std::move(row));
    }
    return JsonText(rows, 2) + "\n";
  }
  std::string csv = "id";
  for (const ComorbidityCategory& c : categories) csv += "," + c.column;
  csv += ",charlson_score,charlson_quan_score,elixhauser_vw_score\n";
  for (size_t p = 0; p < people.ids.size(); ++p) {
    AppendCsvField(people.ids[p], &csv);
    for (size_t c = 0; c < categories.size(); ++c) {
      csv += ',';
      csv += static_cast<char>('0' + ((people.masks[p] >> c) & 1));
    }
    const ComorbidityScores scores = matcher.Score(people.masks[p]);
    csv += "," + std::to_string(scores.charlson) + "," + std::to_string(scores.charlson_quan) +
           "," + std::to_string(scores.van_walraven) + "\n";
  }
  return csv;
}

}  // namespace continuum
