#include "report/disclosure_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>
#include <set>

#include "report/disclosure.h"

namespace continuum {
namespace {

// A table of parts (its leaves) and sums over them, for an attacker who tries every value each
// leaf could hold: a shown count c any of c-2..c+2 (0 only 0), a count withheld for being 1 to 7
// any of 1..7, one withheld for another's sake any of 0..kLargest. Each sum of the leaves must
// then fit what is shown of it. Returns each leaf's possible values.
struct Grid {
  std::vector<int64_t> leaves;
  std::vector<std::vector<int>> sums;  // leaf indices of each total
  std::vector<int64_t> totals;         // the exact totals
};

constexpr int64_t kLargest = 40;

std::vector<std::set<int64_t>> Attack(const Grid& g, const DisclosureTable& t,
                                      const std::vector<int>& leaf_cell,
                                      const std::vector<int>& total_cell) {
  auto candidates = [&](int cell) {
    std::vector<int64_t> out;
    const std::optional<int64_t> shown = t.Shown(cell);
    const int64_t exact = t.Exact(cell);
    if (shown) {
      for (int64_t v = std::max<int64_t>(0, *shown - 2); v <= *shown + 2; ++v) {
        if (DiscloseCount(v, Disclosure::kControlled) == shown) out.push_back(v);
      }
    } else if (exact >= 1 && exact <= kLargestSuppressedCount) {
      for (int64_t v = 1; v <= kLargestSuppressedCount; ++v) out.push_back(v);
    } else {
      for (int64_t v = 0; v <= kLargest; ++v) out.push_back(v);
    }
    return out;
  };
  std::vector<std::vector<int64_t>> options;
  for (int c : leaf_cell) options.push_back(candidates(c));
  std::vector<std::vector<int64_t>> total_options;
  for (int c : total_cell) total_options.push_back(candidates(c));
  std::vector<std::set<int64_t>> possible(g.leaves.size());
  std::vector<int64_t> value(g.leaves.size());
  // Each sum is checked as soon as its last leaf has a value.
  std::vector<std::vector<size_t>> sums_ending(g.leaves.size());
  for (size_t s = 0; s < g.sums.size(); ++s)
    sums_ending[*std::max_element(g.sums[s].begin(), g.sums[s].end())].push_back(s);
  std::function<void(size_t)> assign = [&](size_t i) {
    if (i == value.size()) {
      for (size_t k = 0; k < value.size(); ++k) possible[k].insert(value[k]);
      return;
    }
    for (int64_t v : options[i]) {
      value[i] = v;
      bool fits = true;
      for (size_t s : sums_ending[i]) {
        int64_t sum = 0;
        for (int leaf : g.sums[s]) sum += value[leaf];
        const auto& allowed = total_options[s];
        fits = fits && std::find(allowed.begin(), allowed.end(), sum) != allowed.end();
      }
      if (fits) assign(i + 1);
    }
  };
  assign(0);
  return possible;
}

// Builds the table of a grid, controls it and checks that the attacker pins no leaf withheld for
// being 1 to 7 to one value, and to fewer than kProtectedValues values unless its sums are all
// totals kept whole, and that the truth stays possible.
void ExpectProtected(const Grid& g, std::vector<bool> totals_kept_whole = {}) {
  DisclosureTable t;
  std::vector<int> leaf_cell, total_cell;
  for (int64_t v : g.leaves) leaf_cell.push_back(t.Add(v));
  for (size_t s = 0; s < g.sums.size(); ++s) {
    int64_t sum = 0;
    std::vector<int> parts;
    for (int leaf : g.sums[s]) sum += g.leaves[leaf], parts.push_back(leaf_cell[leaf]);
    total_cell.push_back(t.Add(sum, s < totals_kept_whole.size() && totals_kept_whole[s]));
    t.AddSum(total_cell.back(), parts);
  }
  t.Control();
  bool any_kept = false;
  for (bool kept : totals_kept_whole) any_kept |= kept;
  const auto possible = Attack(g, t, leaf_cell, total_cell);
  for (size_t i = 0; i < g.leaves.size(); ++i) {
    EXPECT_TRUE(possible[i].count(g.leaves[i])) << "leaf " << i << ": the truth was ruled out";
    if (g.leaves[i] >= 1 && g.leaves[i] <= kLargestSuppressedCount) {
      EXPECT_FALSE(t.Shown(leaf_cell[i])) << "leaf " << i;
      EXPECT_GE(int64_t(possible[i].size()), any_kept ? 2 : DisclosureTable::kProtectedValues)
          << "leaf " << i << " = " << g.leaves[i] << " is pinned" << [&] {
               std::string out = "; leaves";
               for (size_t k = 0; k < g.leaves.size(); ++k)
                 out += " " + std::to_string(g.leaves[k]) + "/" +
                        (t.Shown(leaf_cell[k]) ? std::to_string(*t.Shown(leaf_cell[k])) : "-");
               for (int c : total_cell)
                 out += " total " + std::to_string(t.Exact(c)) + "/" +
                        (t.Shown(c) ? std::to_string(*t.Shown(c)) : "-");
               return out;
             }();
    }
  }
}

TEST(DisclosureTable, SmallCountsAreWithheldAndOthersRoundedToFive) {
  DisclosureTable t;
  const int zero = t.Add(0), seven = t.Add(7), eight = t.Add(8), big = t.Add(150'468);
  t.Control();
  EXPECT_EQ(t.Shown(zero), 0);
  EXPECT_EQ(t.Shown(seven), std::nullopt);
  EXPECT_EQ(t.Shown(eight), 10);
  EXPECT_EQ(t.Shown(big), 150'470);
  EXPECT_EQ(t.secondary(), 0);
}

// Three shown parts of 12 (each shown as 10, so 8 to 12) and a total of 43 (shown as 45, so 43 to
// 47) leave exactly 7 for the fourth part, unless one more part is withheld.
TEST(DisclosureTable, AHiddenPartThatTheTotalWouldPinIsProtectedByAnother) {
  DisclosureTable t;
  const int total = t.Add(43, /*kept_whole=*/true);
  std::vector<int> parts = {t.Add(12), t.Add(12), t.Add(12), t.Add(7)};
  t.AddSum(total, parts);
  t.Control();
  EXPECT_EQ(t.Shown(total), 45);
  EXPECT_EQ(t.Shown(parts[3]), std::nullopt);
  EXPECT_EQ(t.secondary(), 1);
  int shown = 0;
  for (int i = 0; i < 3; ++i) shown += t.Shown(parts[i]).has_value();
  EXPECT_EQ(shown, 2);
  ExpectProtected({{12, 12, 12, 7}, {{0, 1, 2, 3}}, {}}, {true});
}

TEST(DisclosureTable, WithoutSecondarySuppressionTheAttackerWouldPinTheCount) {
  // The same table with the sum left out of the rules: the attacker's own check finds the pin,
  // so the test above can fail.
  DisclosureTable t;
  const int total = t.Add(43);
  std::vector<int> parts = {t.Add(12), t.Add(12), t.Add(12), t.Add(7)};
  t.Control();  // no sum declared: nothing withheld beyond the 7
  const Grid g{{12, 12, 12, 7}, {{0, 1, 2, 3}}, {}};
  const auto possible = Attack(g, t, parts, {total});
  EXPECT_EQ(possible[3], (std::set<int64_t>{7}));
}

// Four practices with 7 each make an ICO of 28, shown as 30: 28 to 32 from four counts of at
// most 7 leaves each exactly 7, so the total is withheld although kept whole.
TEST(DisclosureTable, ATotalKeptWholeIsWithheldWhenNothingElseKeepsAPartFromBeingPinned) {
  DisclosureTable t;
  const int total = t.Add(28, /*kept_whole=*/true);
  std::vector<int> parts = {t.Add(7), t.Add(7), t.Add(7), t.Add(7)};
  t.AddSum(total, parts);
  t.Control();
  EXPECT_EQ(t.Shown(total), std::nullopt);
  EXPECT_TRUE(t.KeptWholeWithheld(total));
  ExpectProtected({{7, 7, 7, 7}, {{0, 1, 2, 3}}, {}}, {true});
}

// Two practices of 6 and 7 make 13, shown as 15: each is 6 or 7, no more can be done without
// withholding the ICO's total, which the other answers show.
TEST(DisclosureTable, ATotalKeptWholeStaysWhenItsPartsKeepTwoValues) {
  DisclosureTable t;
  const int total = t.Add(13, /*kept_whole=*/true);
  const int a = t.Add(6), b = t.Add(7);
  t.AddSum(total, {a, b});
  t.Control();
  EXPECT_EQ(t.Shown(total), 15);
  ExpectProtected({{6, 7}, {{0, 1}}, {}}, {true});
}

TEST(DisclosureTable, AZeroOverAWithheldDenominatorIsWithheld) {
  DisclosureTable t;
  const int denominator = t.Add(3), numerator = t.Add(0), other = t.Add(0);
  t.WithholdWith(numerator, denominator);
  t.Control();
  EXPECT_EQ(t.Shown(numerator), std::nullopt);
  EXPECT_EQ(t.Shown(other), 0);
}

TEST(DisclosureTable, RandomTablesLeaveNoSmallCountPinned) {
  std::mt19937 random(20261206);
  std::uniform_int_distribution<int> small(0, 9), large(8, 30), parts(2, 5), kind(0, 2);
  for (int trial = 0; trial < 300; ++trial) {
    Grid g;
    const int n = parts(random);
    for (int i = 0; i < n; ++i) g.leaves.push_back(kind(random) ? small(random) : large(random));
    std::vector<int> all(n);
    for (int i = 0; i < n; ++i) all[i] = i;
    g.sums.push_back(all);
    ExpectProtected(g, {trial % 2 == 0});
    if (HasFailure()) return;
  }
}

TEST(DisclosureTable, TwoWayTablesWithMarginsLeaveNoSmallCountPinned) {
  // Two practices by three months, with each practice's year, each month's total and the
  // grand total: the shape of a quality indicator's counts.
  std::mt19937 random(7);
  std::uniform_int_distribution<int> value(0, 14);
  for (int trial = 0; trial < 300; ++trial) {
    Grid g;
    for (int i = 0; i < 6; ++i) g.leaves.push_back(value(random));
    g.sums = {{0, 1, 2}, {3, 4, 5}, {0, 3}, {1, 4}, {2, 5}, {0, 1, 2, 3, 4, 5}};
    ExpectProtected(g, {false, false, true, true, true, true});
    if (HasFailure()) return;
  }
}

// In a table whose sums form no cycle (a hierarchy of totals and subtotals), propagation sum by
// sum is exact: the audit takes it without a linear programme and finds what the programme
// finds, cell by cell, whatever was withheld.
TEST(DisclosureTable, ATableWithoutCyclesIsAuditedAsExactlyWithoutAProgramme) {
  std::mt19937 random(20261206);
  for (int trial = 0; trial < 200; ++trial) {
    DisclosureTable t;
    std::uniform_int_distribution<int> small(0, 12), parts(2, 6), groups(1, 4);
    auto count = [&] { return random() % 3 == 0 ? int64_t(small(random)) * 9 : small(random); };
    std::vector<int> subtotals;
    int64_t grand = 0;
    const int n_groups = groups(random);
    for (int g = 0; g < n_groups; ++g) {
      std::vector<int> leaves;
      int64_t sum = 0;
      for (int k = parts(random); k > 0; --k) {
        const int64_t v = count();
        leaves.push_back(t.Add(v));
        sum += v;
      }
      const int subtotal = t.Add(sum, random() % 2 == 0);
      t.AddSum(subtotal, leaves);
      subtotals.push_back(subtotal);
      grand += sum;
    }
    if (n_groups > 1) t.AddSum(t.Add(grand, true), subtotals);
    t.Control();
    std::vector<int> all(t.size());
    for (int c = 0; c < t.size(); ++c) all[c] = c;
    EXPECT_EQ(t.AuditForTesting(all, false), t.AuditForTesting(all, true)) << "trial " << trial;
  }
}

// In a table whose sums cross (rows and columns), the audit may stop at a cell's greatest value
// once that leaves it kProtectedValues values; it then judges every cell as the whole programme
// does: what is withheld is the same.
TEST(DisclosureTable, StoppingAtTheGreatestValueJudgesCellsAsTheWholeProgrammeDoes) {
  std::mt19937 random(61);
  for (int trial = 0; trial < 60; ++trial) {
    DisclosureTable t;
    std::uniform_int_distribution<int> small(0, 9), size(2, 5);
    const int rows = size(random), cols = size(random);
    std::vector<std::vector<int>> cell(rows, std::vector<int>(cols));
    std::vector<std::vector<int64_t>> value(rows, std::vector<int64_t>(cols));
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c) {
        value[r][c] = random() % 4 == 0 ? small(random) * 7 : small(random);
        cell[r][c] = t.Add(value[r][c]);
      }
    for (int r = 0; r < rows; ++r) {
      int64_t sum = 0;
      for (int c = 0; c < cols; ++c) sum += value[r][c];
      t.AddSum(t.Add(sum), cell[r]);
    }
    for (int c = 0; c < cols; ++c) {
      int64_t sum = 0;
      std::vector<int> column;
      for (int r = 0; r < rows; ++r) sum += value[r][c], column.push_back(cell[r][c]);
      t.AddSum(t.Add(sum), column);
    }
    t.Control();
    std::vector<int> all(t.size());
    for (int c = 0; c < t.size(); ++c) all[c] = c;
    const auto quick = t.AuditForTesting(all, false), whole = t.AuditForTesting(all, true);
    for (int c = 0; c < t.size(); ++c) {
      const bool safe_quick =
          quick[c].second - quick[c].first + 1 >= DisclosureTable::kProtectedValues;
      const bool safe_whole =
          whole[c].second - whole[c].first + 1 >= DisclosureTable::kProtectedValues;
      EXPECT_EQ(safe_quick, safe_whole) << "trial " << trial << " cell " << c;
      EXPECT_LE(quick[c].first, whole[c].first);  // never narrower than the truth
      EXPECT_GE(quick[c].second, whole[c].second);
    }
  }
}

}  // namespace
}  // namespace continuum
