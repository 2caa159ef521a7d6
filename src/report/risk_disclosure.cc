#include "report/risk_disclosure.h"

#include "report/disclosure_table.h"

namespace continuum {
namespace {

// One pyramid, and `scored` (the coverage's patients scored) as the sum of its bands.
void ControlPyramid(RiskPyramid& pyramid, int64_t& scored) {
  DisclosureTable t;
  struct Cells {
    int patients[kRiskBands], observed[kRiskBands];
  };
  auto add_row = [&](const RiskPyramidRow& row, bool whole) {
    Cells c;
    for (int b = 0; b < kRiskBands; ++b) {
      c.patients[b] = t.Add(row.bands[b].patients, whole);
      c.observed[b] = t.Add(row.bands[b].observed, whole);
      t.WithholdWith(c.observed[b], c.patients[b]);
    }
    return c;
  };
  const Cells all = add_row(pyramid.all, true);
  std::vector<Cells> practices;
  for (const RiskPyramidRow& row : pyramid.practices) practices.push_back(add_row(row, false));
  for (int b = 0; b < kRiskBands; ++b) {
    std::vector<int> patients, observed;
    for (const Cells& c : practices) {
      patients.push_back(c.patients[b]);
      observed.push_back(c.observed[b]);
    }
    t.AddSum(all.patients[b], patients);
    t.AddSum(all.observed[b], observed);
  }
  const int scored_cell = t.Add(scored, true);
  t.AddSum(scored_cell, std::vector<int>(all.patients, all.patients + kRiskBands));
  t.Control();
  auto shown = [&](int cell) { return t.Shown(cell).value_or(-1); };
  auto write = [&](RiskPyramidRow& row, const Cells& c) {
    for (int b = 0; b < kRiskBands; ++b) {
      row.bands[b].patients = shown(c.patients[b]);
      row.bands[b].observed = shown(c.observed[b]);
    }
  };
  write(pyramid.all, all);
  for (size_t k = 0; k < practices.size(); ++k) write(pyramid.practices[k], practices[k]);
  scored = shown(scored_cell);
}

}  // namespace

RiskReport ControlRisk(const RiskReport& exact) {
  RiskReport shown = exact;
  shown.cases.clear();
  ControlPyramid(shown.pyramid, shown.scoring_coverage.scored);
  ControlPyramid(shown.validation.pyramid, shown.validation.coverage.scored);
  return shown;
}

}  // namespace continuum
