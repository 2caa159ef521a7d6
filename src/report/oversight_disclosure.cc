#include "report/oversight_disclosure.h"

#include <cmath>
#include <limits>
#include <vector>

#include "report/disclosure_table.h"

namespace continuum {

void ShowControlledQuality(const QualityReport& shown, size_t unit, OversightMonth* month) {
  for (QualityMeasure& q : month->quality) {
    for (const IndicatorQuality& iq : shown.indicators) {
      if (iq.indicator->id != q.indicator) continue;
      const UnitQuality& u = iq.units[unit];
      q.numerator = u.period.numerator;
      q.denominator = u.period.denominator;
      q.expected = u.period.expected;
      q.withheld = u.period.withheld;
      q.value = q.withheld ? std::nullopt : u.value;
    }
    for (MetricScore& s : month->scores) {
      if (s.measure == std::string(kQualityPrefix) + q.indicator)
        s.value = q.value ? q.value->value : std::numeric_limits<double>::quiet_NaN();
    }
  }
}

void ControlOversightCounts(IcoOversight* ico) {
  struct Cells {
    int registered, joined_month, left_month, joined_year, left_year;
  };
  DisclosureTable t;
  std::vector<Cells> cells;
  for (size_t k = 0; k < ico->months.size(); ++k) {
    const OversightMonth& m = ico->months[k];
    cells.push_back({t.Add(m.registered), t.Add(m.joined_month), t.Add(m.left_month),
                     t.Add(m.joined_year), t.Add(m.left_year)});
    const Cells& c = cells.back();
    if (k == 0) {
      // The first month of a financial year: its year to date is the month.
      t.AddSum(c.joined_year, {c.joined_month});
      t.AddSum(c.left_year, {c.left_month});
      continue;
    }
    const Cells& before = cells[k - 1];
    t.AddSum(c.joined_year, {before.joined_year, c.joined_month});
    t.AddSum(c.left_year, {before.left_year, c.left_month});
    // Last month's list plus this month's joiners is this month's list plus its leavers: a
    // withheld cell both sides are the parts of (kept only where the lists add up exactly).
    const int through = t.Add(ico->months[k - 1].registered + m.joined_month);
    t.Withhold(through);
    t.AddSum(through, {before.registered, c.joined_month});
    t.AddSum(through, {c.registered, c.left_month});
  }
  t.Control();
  auto shown = [&](int cell) { return t.Shown(cell).value_or(-1); };
  for (size_t k = 0; k < ico->months.size(); ++k) {
    OversightMonth& m = ico->months[k];
    const Cells& c = cells[k];
    m.registered = shown(c.registered);
    m.joined_month = shown(c.joined_month);
    m.left_month = shown(c.left_month);
    m.joined_year = shown(c.joined_year);
    m.left_year = shown(c.left_year);
    m.turnover_month = {};
    m.turnover_year = {};
    if (m.finance) {
      m.finance->events_to_date =
          DiscloseCount(m.finance->events_to_date, Disclosure::kControlled).value_or(-1);
      m.finance->uncosted_to_date =
          DiscloseCount(m.finance->uncosted_to_date, Disclosure::kControlled).value_or(-1);
    }
  }
}

}  // namespace continuum
