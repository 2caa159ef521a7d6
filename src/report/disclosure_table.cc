#include "report/disclosure_table.h"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "report/disclosure.h"

namespace continuum {
namespace {

constexpr int64_t kUnbounded = std::numeric_limits<int64_t>::max() / 4;
constexpr uint8_t kPrimary = 1, kSecondary = 2;

}  // namespace

int DisclosureTable::Add(int64_t exact, bool kept_whole) {
  exact_.push_back(exact);
  kept_whole_.push_back(kept_whole);
  fixed_.push_back(0);
  withheld_.push_back(0);
  sums_of_.emplace_back();
  return static_cast<int>(exact_.size()) - 1;
}

void DisclosureTable::AddSum(int total, std::vector<int> parts) {
  int64_t sum = 0;
  for (int p : parts) sum += exact_[p];
  if (parts.empty() || sum != exact_[total]) return;
  const int index = static_cast<int>(sums_.size());
  sums_of_[total].push_back(index);
  for (int p : parts) sums_of_[p].push_back(index);
  sums_.emplace_back(total, std::move(parts));
}

void DisclosureTable::WithholdWith(int cell, int basis) {
  withhold_with_.emplace_back(cell, basis);
}

void DisclosureTable::Withhold(int cell) { withhold_.push_back(cell); }

void DisclosureTable::Fix(int cell) { fixed_[cell] = 1; }

std::optional<int64_t> DisclosureTable::Shown(int cell) const {
  if (withheld_[cell]) return std::nullopt;
  return DiscloseCount(exact_[cell], Disclosure::kControlled);
}

std::vector<int> DisclosureTable::Parts() const {
  const int n = static_cast<int>(exact_.size());
  std::vector<int> root(n);
  for (int j = 0; j < n; ++j) root[j] = j;
  auto find = [&](int j) {
    while (root[j] != j) j = root[j] = root[root[j]];
    return j;
  };
  for (const auto& [total, parts] : sums_) {
    for (int p : parts) root[find(p)] = find(total);
  }
  for (int j = 0; j < n; ++j) root[j] = find(j);
  return root;
}

std::vector<DisclosureTable::Bounds> DisclosureTable::ReaderBounds() const {
  std::vector<Bounds> b(exact_.size());
  std::vector<int> cells(exact_.size());
  for (size_t i = 0; i < cells.size(); ++i) cells[i] = static_cast<int>(i);
  std::vector<size_t> sums(sums_.size());
  for (size_t r = 0; r < sums.size(); ++r) sums[r] = r;
  Narrow(b, cells, sums);
  return b;
}

void DisclosureTable::Narrow(std::vector<Bounds>& b, const std::vector<int>& cells,
                             const std::vector<size_t>& sums) const {
  for (int i : cells) {
    if (withheld_[i] == kPrimary) {
      b[i] = {1, kLargestSuppressedCount};
    } else if (withheld_[i] == kSecondary) {
      b[i] = {0, kUnbounded};
    } else {
      const int64_t shown = *DiscloseCount(exact_[i], Disclosure::kControlled);
      b[i] = shown == 0 ? Bounds{0, 0} : Bounds{std::max<int64_t>(0, shown - 2), shown + 2};
    }
  }
  // Each sum narrows its total to the sum of its parts' bounds and each part to what the total
  // leaves beside the others, until nothing narrows further.
  for (bool narrowed = true; narrowed;) {
    narrowed = false;
    auto narrow = [&](Bounds& x, int64_t low, int64_t high) {
      if (low > x.low) x.low = low, narrowed = true;
      if (high < x.high) x.high = high, narrowed = true;
    };
    for (size_t r : sums) {
      const auto& [total, parts] = sums_[r];
      int64_t low = 0, high = 0;
      int unbounded = 0;
      for (int p : parts) {
        low += b[p].low;
        if (b[p].high >= kUnbounded)
          ++unbounded;
        else
          high += b[p].high;
      }
      narrow(b[total], low, unbounded ? kUnbounded : high);
      for (int p : parts) {
        const bool self_unbounded = b[p].high >= kUnbounded;
        const int64_t others_low = low - b[p].low;
        const int64_t others_high = unbounded - (self_unbounded ? 1 : 0) > 0
                                        ? kUnbounded
                                        : high - (self_unbounded ? 0 : b[p].high);
        const int64_t part_low = others_high >= kUnbounded ? 0 : b[total].low - others_high;
        const int64_t part_high =
            b[total].high >= kUnbounded ? kUnbounded : b[total].high - others_low;
        narrow(b[p], std::max<int64_t>(0, part_low), part_high);
      }
    }
  }
}

std::vector<DisclosureTable::Bounds> DisclosureTable::ExactBounds(
    const std::vector<int>& cells) const {
  std::vector<Bounds> out = Solve(cells, false);
  // GLPK keeps an environment for each thread that calls it until it is freed: free it here, so
  // that a thread that ends (a request's) leaves nothing behind.
  glp_free_env();
  return out;
}

std::vector<std::pair<int64_t, int64_t>> DisclosureTable::AuditForTesting(
    const std::vector<int>& cells, bool programme_everywhere) const {
  std::vector<std::pair<int64_t, int64_t>> out;
  for (const Bounds& b : Solve(cells, programme_everywhere)) out.emplace_back(b.low, b.high);
  glp_free_env();
  return out;
}

std::vector<DisclosureTable::Bounds> DisclosureTable::Solve(const std::vector<int>& cells,
                                                            bool programme_everywhere) const {
  const std::vector<Bounds> start = ReaderBounds();
  const int n = static_cast<int>(exact_.size());
  // What a reader can tell of a cell depends only on its own part of the table, so each part is
  // a programme of its own, far smaller than the whole and quicker to solve.
  const std::vector<int> root = Parts();
  auto find = [&](int j) { return root[j]; };
  std::vector<Bounds> out(cells.size());
  std::vector<std::vector<size_t>> asked(n);  // by part: indexes into `cells`
  for (size_t k = 0; k < cells.size(); ++k) asked[find(cells[k])].push_back(k);
  std::vector<std::vector<int>> members(n);
  for (int j = 0; j < n; ++j) {
    if (!asked[find(j)].empty()) members[find(j)].push_back(j);
  }
  std::vector<std::vector<size_t>> sums_of_part(n);
  std::vector<int64_t> links(n, 0);  // by part: the cells' places in its sums
  for (size_t r = 0; r < sums_.size(); ++r) {
    const int part = find(sums_[r].first);
    if (asked[part].empty()) continue;
    sums_of_part[part].push_back(r);
    links[part] += 1 + static_cast<int64_t>(sums_[r].second.size());
  }
  glp_smcp options;
  glp_init_smcp(&options);
  options.msg_lev = GLP_MSG_OFF;
  std::vector<int> local(n, 0);  // a cell's column in its part's programme, from 1
  for (int part = 0; part < n; ++part) {
    if (asked[part].empty()) continue;
    // Cells and sums joined without a cycle (a tree: one link fewer than cells and sums; a cell
    // twice in one sum counts as a cycle).
    const bool tree =
        links[part] + 1 == static_cast<int64_t>(members[part].size() + sums_of_part[part].size());
    if (tree && !programme_everywhere) {
      for (size_t k : asked[part]) out[k] = start[cells[k]];
      continue;
    }
    std::unique_ptr<glp_prob, void (*)(glp_prob*)> lp(glp_create_prob(), glp_delete_prob);
    glp_add_cols(lp.get(), static_cast<int>(members[part].size()));
    for (size_t c = 0; c < members[part].size(); ++c) {
      const int j = members[part][c];
      local[j] = static_cast<int>(c) + 1;
      const Bounds& b = start[j];
      const int kind = b.high >= kUnbounded ? GLP_LO : b.low == b.high ? GLP_FX : GLP_DB;
      glp_set_col_bnds(lp.get(), local[j], kind, double(b.low), double(b.high));
    }
    // Each sum as a row, total - parts = 0. GLPK counts from 1 and leaves index 0 unused.
    std::vector<int> rows = {0}, columns = {0};
    std::vector<double> values = {0};
    const std::vector<size_t>& sums = sums_of_part[part];
    if (!sums.empty()) glp_add_rows(lp.get(), static_cast<int>(sums.size()));
    for (size_t r = 0; r < sums.size(); ++r) {
      const auto& [total, parts] = sums_[sums[r]];
      glp_set_row_bnds(lp.get(), int(r) + 1, GLP_FX, 0, 0);
      std::vector<std::pair<int, double>> row = {{total, 1.0}};
      for (int p : parts) {
        auto same = std::find_if(row.begin(), row.end(), [&](auto& e) { return e.first == p; });
        if (same != row.end()) {
          same->second -= 1;
        } else {
          row.emplace_back(p, -1.0);
        }
      }
      for (auto [cell, a] : row) {
        rows.push_back(int(r) + 1);
        columns.push_back(local[cell]);
        values.push_back(a);
      }
    }
    glp_load_matrix(lp.get(), int(values.size()) - 1, rows.data(), columns.data(), values.data());
    // Every solution is a point the reader cannot rule out: the values it gives each cell of the
    // part widen what that cell is seen to be able to take, from its exact count. A cell seen
    // able to take kProtectedValues values is safe without a programme of its own, and its bound
    // sum by sum stands for it (never narrower than the truth, and as wide as that).
    const size_t m = members[part].size();
    std::vector<double> seen_low(m), seen_high(m);
    for (size_t c = 0; c < m; ++c) seen_low[c] = seen_high[c] = double(exact_[members[part][c]]);
    auto seen_safe = [&](int cell) {
      const size_t c = local[cell] - 1;
      return !programme_everywhere &&
             std::floor(seen_high[c] + 1e-6) - std::ceil(seen_low[c] - 1e-6) + 1 >=
                 kProtectedValues;
    };
    for (size_t k : asked[part]) {
      const int cell = cells[k];
      Bounds b = start[cell];
      for (int direction : {GLP_MAX, GLP_MIN}) {
        if (seen_safe(cell)) break;
        glp_set_obj_dir(lp.get(), direction);
        glp_set_obj_coef(lp.get(), local[cell], 1.0);
        const bool solved =
            glp_simplex(lp.get(), &options) == 0 && glp_get_status(lp.get()) == GLP_OPT;
        glp_set_obj_coef(lp.get(), local[cell], 0.0);
        if (!solved) continue;  // the bounds sum by sum stand: never narrower than the truth
        for (size_t c = 0; c < m; ++c) {
          const double v = glp_get_col_prim(lp.get(), static_cast<int>(c) + 1);
          seen_low[c] = std::min(seen_low[c], v);
          seen_high[c] = std::max(seen_high[c], v);
        }
        const double v = glp_get_obj_val(lp.get());
        if (direction == GLP_MIN) {
          b.low = std::max(b.low, int64_t(std::ceil(v - 1e-6)));
        } else {
          b.high = std::min(b.high, int64_t(std::floor(v + 1e-6)));
        }
      }
      if (seen_safe(cell)) b = start[cell];
      out[k] = b;
    }
  }
  return out;
}

int DisclosureTable::Exposed(const std::vector<Bounds>& bounds,
                             const std::vector<uint8_t>& unprotectable) const {
  for (size_t i = 0; i < bounds.size(); ++i) {
    if (withheld_[i] == kPrimary && !unprotectable[i] &&
        bounds[i].high - bounds[i].low + 1 < kProtectedValues)
      return int(i);
  }
  return -1;
}

bool DisclosureTable::ProtectOnce(int cell, bool even_kept_whole) {
  int best = -1;
  bool best_is_total = true;
  for (int s : sums_of_[cell]) {
    const auto& [total, parts] = sums_[s];
    auto consider = [&](int candidate, bool is_total) {
      if (candidate == cell || withheld_[candidate]) return;
      if (fixed_[candidate] || (kept_whole_[candidate] && !even_kept_whole)) return;
      // Parts before totals, then the smallest count: the least lost to the reader.
      if (best < 0 || (best_is_total && !is_total) ||
          (best_is_total == is_total && exact_[candidate] < exact_[best])) {
        best = candidate;
        best_is_total = is_total;
      }
    };
    for (int p : parts) consider(p, false);
    consider(total, true);
  }
  if (best < 0) return false;
  withheld_[best] = kSecondary;
  ++secondary_;
  return true;
}

void DisclosureTable::Control() {
  for (size_t i = 0; i < exact_.size(); ++i)
    withheld_[i] = exact_[i] >= 1 && exact_[i] <= kLargestSuppressedCount ? kPrimary : 0;
  secondary_ = 0;
  for (int cell : withhold_) {
    if (!withheld_[cell]) withheld_[cell] = kSecondary;
  }
  auto follow_bases = [&] {
    for (auto [cell, basis] : withhold_with_) {
      if (withheld_[basis] && !withheld_[cell]) withheld_[cell] = kSecondary, ++secondary_;
    }
  };
  follow_bases();
  std::vector<uint8_t> unprotectable(exact_.size(), 0);
  // Withholds one more cell for `cell`; a cell left one value is protected even at the cost of
  // a total kept whole.
  auto protect = [&](int cell, const Bounds& b) {
    if (!ProtectOnce(cell, false) && !(b.high == b.low && ProtectOnce(cell, true)))
      unprotectable[cell] = 1;
    follow_bases();
  };
  std::vector<int> audited;
  for (size_t i = 0; i < exact_.size(); ++i) {
    if (withheld_[i] == kPrimary && !sums_of_[i].empty()) audited.push_back(static_cast<int>(i));
  }
  // Sum by sum first: quick, and enough for most cells. Withholding a cell changes only what a
  // reader can tell within the part of the table its sums join, so only the parts where
  // something was withheld are narrowed again.
  const std::vector<int> part = Parts();
  std::vector<std::vector<int>> part_cells(exact_.size());
  std::vector<std::vector<size_t>> part_sums(exact_.size());
  for (size_t i = 0; i < exact_.size(); ++i) part_cells[part[i]].push_back(static_cast<int>(i));
  for (size_t r = 0; r < sums_.size(); ++r) part_sums[part[sums_[r].first]].push_back(r);
  std::vector<Bounds> bounds = ReaderBounds();
  for (;;) {
    const int exposed = Exposed(bounds, unprotectable);
    if (exposed < 0) break;
    const std::vector<uint8_t> before = withheld_;
    protect(exposed, bounds[exposed]);
    std::vector<int> changed;
    for (size_t i = 0; i < exact_.size(); ++i) {
      if (withheld_[i] != before[i]) changed.push_back(part[i]);
    }
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    for (int p : changed) Narrow(bounds, part_cells[p], part_sums[p]);
  }
  // Then exactly, over every sum at once. Withholding a cell only widens what a reader can tell
  // of the others, so a cell found safe stays safe: each round audits only the cells the round
  // before found exposed, after protecting them all.
  while (!audited.empty()) {
    const std::vector<Bounds> bounds = ExactBounds(audited);
    std::vector<int> exposed;
    for (size_t k = 0; k < audited.size(); ++k) {
      const int i = audited[k];
      if (unprotectable[i] || bounds[k].high - bounds[k].low + 1 >= kProtectedValues) continue;
      protect(i, bounds[k]);
      if (!unprotectable[i]) exposed.push_back(i);
    }
    audited = std::move(exposed);
  }
}

}  // namespace continuum
