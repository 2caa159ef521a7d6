// The commissioner's comparison on a generated world of two ICOs and two control practices:
// each ICO is its member practices together, as its own quality report counts it; each control
// practice is itself alone; and the populations are those the generated files register.
#include "clinical/comparison.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "clinical/quality_run.h"
#include "generate/generated_ico.h"
#include "generate/test_folder.h"

namespace continuum {
namespace {

uint32_t Org(const Population& p, std::string_view id) { return p.organisations.ids.Find(id); }

std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  for (std::string f; std::getline(in, f, ',');) out.push_back(f);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

struct Listed {
  int64_t registered = 0, aged_65_plus = 0;
};

// Straight from the generated CSV files: who is on each practice's list on `day` (inclusive
// dates; an empty end date while registered) and who of them is 65 or over.
std::map<std::string, Listed> ListsOn(const std::filesystem::path& data, const std::string& day) {
  std::map<std::string, std::string> birth;
  std::ifstream patients(data / "patients.csv");
  std::string line;
  std::getline(patients, line);
  while (std::getline(patients, line)) {
    const auto f = Fields(line);
    birth[f[0]] = f[2];
  }
  std::map<std::string, Listed> lists;
  std::ifstream registrations(data / "registrations.csv");
  std::getline(registrations, line);
  while (std::getline(registrations, line)) {
    const auto f = Fields(line);
    if (f[2] > day || (!f[4].empty() && f[4] < day)) continue;
    const std::string& b = birth[f[0]];
    // 65 or over on `day`: born on or before the same date 65 years earlier.
    const std::string sixty_fifth = std::to_string(std::stoi(b.substr(0, 4)) + 65) + b.substr(4);
    ++lists[f[1]].registered;
    lists[f[1]].aged_65_plus += sixty_fifth <= day;
  }
  return lists;
}

// Two ICOs of two practices under ZQ1, and two control practices (ZP0005 and ZP0006).
Result<std::unique_ptr<GeneratedIco>> TwoIcosAndTwoControls(const std::string& name,
                                                            uint64_t seed) {
  GeneratorOptions options;
  options.patients = 4000;
  options.practices = 2;
  options.icos = 2;
  options.control_practices = 2;
  options.years = 2;
  options.seed = seed;
  return GenerateAndLoad(TestFolder(name), options);
}

TEST(Comparison, IcosAreTheirPracticesTogetherAndControlPracticesStandAlone) {
  auto generated = TwoIcosAndTwoControls("comparison", 11);
  ASSERT_TRUE(generated.ok()) << generated.status().message();
  const Population& p = (*generated)->population();
  auto indicators = ShippedIndicators();
  ASSERT_TRUE(indicators.ok());
  const int year = DefaultQualityYear(p);
  auto c = RunComparison(p, Org(p, "ZQ1"), *indicators, year);
  ASSERT_TRUE(c.ok()) << c.status().message();

  // ICOs first, then the control practices (the generator puts ZP0005 and ZP0006 outside).
  ASSERT_EQ(c->units.size(), 4u);
  const std::vector<std::string> ids{"ZICO1", "ZICO2", "ZP0005", "ZP0006"};
  for (size_t u = 0; u < 4; ++u) {
    EXPECT_EQ(p.organisations.ids.Value(c->units[u].org), ids[u]);
    EXPECT_EQ(c->units[u].ico, u < 2);
    EXPECT_EQ(c->units[u].practices, u < 2 ? 2 : 1);
  }
  EXPECT_EQ(c->total.practices, 6);

  const auto lists = ListsOn((*generated)->folder / "data", FormatDate(FinancialYearEnd(year)));
  auto listed = [&](std::initializer_list<std::string> practices) {
    Listed sum;
    for (const std::string& id : practices) {
      sum.registered += lists.at(id).registered;
      sum.aged_65_plus += lists.at(id).aged_65_plus;
    }
    return sum;
  };
  const std::vector<Listed> expected{listed({"ZP0001", "ZP0002"}), listed({"ZP0003", "ZP0004"}),
                                     listed({"ZP0005"}), listed({"ZP0006"})};
  int64_t everyone = 0;
  for (size_t u = 0; u < 4; ++u) {
    EXPECT_EQ(c->units[u].registered, expected[u].registered) << ids[u];
    EXPECT_EQ(c->units[u].aged_65_plus, expected[u].aged_65_plus) << ids[u];
    EXPECT_GT(c->units[u].registered, 0);
    everyone += expected[u].registered;
  }
  EXPECT_EQ(c->total.registered, everyone);

  // Each ICO's counts are those its own quality report gives it (standardised rates differ
  // in their expected counts only: the comparison standardises to everyone compared).
  const QualityReport& compared = c->quality->report;
  EXPECT_EQ(compared.ico_id, "ZQ1");
  for (size_t u = 0; u < 2; ++u) {
    auto own = RunQuality(p, c->units[u].org, *indicators, year);
    ASSERT_TRUE(own.ok()) << own.status().message();
    for (size_t k = 0; k < compared.indicators.size(); ++k) {
      const UnitQuality& mine = (*own)->report.indicators[k].units.back();
      const UnitQuality& there = compared.indicators[k].units[u];
      EXPECT_EQ(there.id, ids[u]);
      // Person-years are summed in another order: equal to rounding.
      EXPECT_NEAR(there.period.numerator, mine.period.numerator, 1e-9 * mine.period.numerator);
      EXPECT_NEAR(there.period.denominator, mine.period.denominator,
                  1e-9 * mine.period.denominator);
    }
  }
  // Each control practice counts alone: the same as in a comparison of the controls only.
  QualityScope controls;
  controls.ico = Org(p, "ZQ1");
  controls.period_start = FinancialYearStart(year);
  controls.period_end = FinancialYearEnd(year);
  controls.unit_of.assign(p.organisations.size(), UINT32_MAX);
  for (const char* id : {"ZP0005", "ZP0006"}) {
    controls.unit_of[Org(p, id)] = static_cast<uint32_t>(controls.practices.size());
    controls.practices.push_back(Org(p, id));
  }
  auto alone = RunQualityOn(p, controls, *indicators);
  ASSERT_TRUE(alone.ok()) << alone.status().message();
  for (size_t k = 0; k < compared.indicators.size(); ++k) {
    for (size_t u = 0; u < 2; ++u) {
      const UnitQuality& there = compared.indicators[k].units[2 + u];
      const UnitQuality& apart = (*alone)->report.indicators[k].units[u];
      EXPECT_EQ(there.id, apart.id);
      EXPECT_NEAR(there.period.numerator, apart.period.numerator, 1e-9 * apart.period.numerator);
      EXPECT_NEAR(there.period.denominator, apart.period.denominator,
                  1e-9 * apart.period.denominator);
    }
  }
}

TEST(Comparison, OnlyACommissionerWithSomethingToCompareHasOne) {
  GeneratorOptions options;
  options.patients = 1000;
  options.practices = 1;
  options.years = 1;
  auto generated = GenerateAndLoad(TestFolder("comparison_errors"), options);
  ASSERT_TRUE(generated.ok()) << generated.status().message();
  const Population& p = (*generated)->population();
  auto ico =
      ComparisonScopeOf(p, Org(p, "ZICO1"), FinancialYearStart(2024), FinancialYearEnd(2024));
  ASSERT_FALSE(ico.ok());
  EXPECT_EQ(ico.status().message(), "ZICO1 is not a commissioner");
}

}  // namespace
}  // namespace continuum

namespace continuum {
namespace {

// Measured over a year to date from one evaluation (QualityRunOverPeriod), every count, expected
// count, value, funnel and monthly value is what evaluating for that period gives.
TEST(Comparison, AYearToDateFromOneEvaluationIsTheEvaluationForThatPeriod) {
  auto generated = GenerateAndLoad(
      TestFolder("year-to-date"),
      {.patients = 3000, .practices = 2, .icos = 2, .control_practices = 1, .years = 2, .seed = 5});
  ASSERT_TRUE(generated.ok()) << generated.status().message();
  const Population& p = (*generated)->population();
  auto indicators = ShippedIndicators();
  ASSERT_TRUE(indicators.ok());
  const Day start = FinancialYearStart(2024);
  auto whole_scope = ComparisonScopeOf(p, Org(p, "ZQ1"), start, FinancialYearEnd(2024));
  ASSERT_TRUE(whole_scope.ok());
  auto whole = RunQualityOn(p, *whole_scope, *indicators);
  ASSERT_TRUE(whole.ok()) << whole.status().message();
  for (int month : {MonthIndex(start), MonthIndex(start) + 5, MonthIndex(start) + 11}) {
    const Day end = MonthEnd(month);
    auto scope = ComparisonScopeOf(p, Org(p, "ZQ1"), start, end);
    ASSERT_TRUE(scope.ok());
    auto direct = RunQualityOn(p, *scope, *indicators);
    ASSERT_TRUE(direct.ok());
    auto derived = QualityRunOverPeriod(p, **whole, start, end);
    ASSERT_TRUE(derived.ok()) << derived.status().message();
    const QualityReport &a = (*direct)->report, &b = (*derived)->report;
    ASSERT_EQ(a.indicators.size(), b.indicators.size());
    for (size_t i = 0; i < a.indicators.size(); ++i) {
      const std::string id = a.indicators[i].indicator->id + " to " + FormatMonth(month);
      ASSERT_EQ(a.indicators[i].units.size(), b.indicators[i].units.size());
      for (size_t u = 0; u < a.indicators[i].units.size(); ++u) {
        const UnitQuality &x = a.indicators[i].units[u], &y = b.indicators[i].units[u];
        EXPECT_EQ(x.period.numerator, y.period.numerator) << id << " unit " << u;
        EXPECT_EQ(x.period.denominator, y.period.denominator) << id << " unit " << u;
        EXPECT_NEAR(x.period.expected, y.period.expected, 1e-9) << id << " unit " << u;
        EXPECT_EQ(x.value.has_value(), y.value.has_value()) << id;
        if (x.value && y.value) {
          EXPECT_NEAR(x.value->value, y.value->value, 1e-12) << id;
        }
        EXPECT_EQ(x.funnel_position, y.funnel_position) << id << " unit " << u;
        EXPECT_EQ(x.monthly, y.monthly) << id << " unit " << u;
        EXPECT_EQ(x.variation, y.variation) << id << " unit " << u;
      }
    }
  }
  // A period outside the data is refused.
  EXPECT_FALSE(
      QualityRunOverPeriod(p, **whole, FinancialYearStart(2030), FinancialYearEnd(2030)).ok());
}

// Control practices merged into one unit after evaluating (MergeUnitsFrom, what the oversight
// controls) count as one unit of all of them evaluated directly: every count, month by month and
// over the year, with the ICOs and the total as they were.
TEST(Comparison, MergedUnitsCountAsOneUnitOfTheirPractices) {
  auto generated = TwoIcosAndTwoControls("comparison_merged", 13);
  ASSERT_TRUE(generated.ok()) << generated.status().message();
  const Population& p = (*generated)->population();
  auto indicators = ShippedIndicators();
  ASSERT_TRUE(indicators.ok());
  const int year = DefaultQualityYear(p);
  auto scope =
      ComparisonScopeOf(p, Org(p, "ZQ1"), FinancialYearStart(year), FinancialYearEnd(year));
  ASSERT_TRUE(scope.ok());
  ASSERT_EQ(scope->practices.size(), 4u);  // ZICO1, ZICO2, ZP0005, ZP0006
  auto apart = EvaluateIndicators(p, *indicators, *scope);
  ASSERT_TRUE(apart.ok()) << apart.status().message();
  QualityScope as_one = *scope;
  as_one.practices.pop_back();
  as_one.unit_of[Org(p, "ZP0006")] = 2;
  auto together = EvaluateIndicators(p, *indicators, as_one);
  ASSERT_TRUE(together.ok()) << together.status().message();
  const QualityEvaluation merged = MergeUnitsFrom(*apart, 2);
  ASSERT_EQ(merged.units, 4u);
  ASSERT_EQ(together->units, 4u);
  ASSERT_EQ(merged.series.size(), together->series.size());
  const size_t months = static_cast<size_t>(merged.month_count);
  auto same = [](const IndicatorPoint& a, const IndicatorPoint& b, const std::string& where) {
    EXPECT_NEAR(a.numerator, b.numerator, 1e-9 * std::max(1.0, b.numerator)) << where;
    EXPECT_NEAR(a.denominator, b.denominator, 1e-9 * std::max(1.0, b.denominator)) << where;
    EXPECT_NEAR(a.expected, b.expected, 1e-9 * std::max(1.0, b.expected)) << where;
  };
  int counted = 0;
  for (size_t i = 0; i < merged.series.size(); ++i) {
    const IndicatorSeries &m = merged.series[i], &t = together->series[i];
    const std::string id = (*indicators)[i].id;
    for (size_t u = 0; u < 4; ++u) {
      same(m.period[u], t.period[u], id + " unit " + std::to_string(u));
      for (size_t month = 0; month < months; ++month)
        same(m.points[u * months + month], t.points[u * months + month], id);
    }
    // The ICOs and the total as evaluated apart.
    const IndicatorSeries& a = apart->series[i];
    for (size_t u : {size_t{0}, size_t{1}}) same(m.period[u], a.period[u], id + " ICO");
    same(m.period[3], a.period[4], id + " total");
    counted += m.period[2].numerator > 0;
  }
  EXPECT_GT(counted, 3);  // the merged unit counts something in most indicators
  // As a run: the ICOs' reported figures are as they were, the group stands under the
  // commissioner's name.
  auto run = RunQualityOn(p, *scope, *indicators);
  ASSERT_TRUE(run.ok());
  auto grouped = QualityRunWithUnitsMerged(p, **run, 2);
  ASSERT_TRUE(grouped.ok()) << grouped.status().message();
  for (size_t i = 0; i < (*grouped)->report.indicators.size(); ++i) {
    const auto &g = (*grouped)->report.indicators[i].units, &r = (*run)->report.indicators[i].units;
    ASSERT_EQ(g.size(), 4u);
    EXPECT_EQ(g[2].id, "ZQ1");
    for (size_t u : {size_t{0}, size_t{1}}) {
      EXPECT_EQ(g[u].id, r[u].id);
      EXPECT_EQ(g[u].period.numerator, r[u].period.numerator);
      EXPECT_EQ(g[u].value.has_value(), r[u].value.has_value());
      if (g[u].value && r[u].value) {
        EXPECT_DOUBLE_EQ(g[u].value->value, r[u].value->value);
      }
      EXPECT_EQ(g[u].funnel_position, r[u].funnel_position);
    }
  }
  // Measured over another period, as the oversight measures each month's year to date.
  auto merged_ytd = EvaluationOverPeriod(merged, FinancialYearStart(year),
                                         MonthEnd(MonthIndex(FinancialYearStart(year)) + 5));
  auto together_ytd = EvaluationOverPeriod(*together, FinancialYearStart(year),
                                           MonthEnd(MonthIndex(FinancialYearStart(year)) + 5));
  ASSERT_TRUE(merged_ytd.ok() && together_ytd.ok());
  for (size_t i = 0; i < merged.series.size(); ++i) {
    for (size_t u = 0; u < 4; ++u)
      same(merged_ytd->series[i].period[u], together_ytd->series[i].period[u],
           (*indicators)[i].id + " to date, unit " + std::to_string(u));
  }
}

}  // namespace
}  // namespace continuum
