// A published table of counts under disclosure control, with the sums that tie its cells (a
// total and its parts, a year and its months) as a reader could add them up. Control() applies
// the rules of report/disclosure.h to each cell, then plays the attacker: from every shown
// count (a shown c means the count lies in c-2..c+2), every primary-suppressed cell (1 to 7) and
// every sum, it narrows each suppressed cell's possible values, first sum by sum and then
// exactly, as the least and greatest value a linear programme over all the sums allows (the
// audit of τ-ARGUS; GLPK's simplex); where a primary-suppressed cell could take fewer than
// kProtectedValues values, it withholds one more cell beside it (the smallest shown part of a
// sum it is in, else the sum itself, never a cell another answer decides: Fix()) and tries again.
// Cells marked kept whole (a total another answer also shows) are withheld for another cell's sake
// only when nothing else can keep that cell from being pinned to one value; the caller then
// withholds them in the other answers too (Withhold()).
//
//   DisclosureTable t;
//   int ico = t.Add(120, /*kept_whole=*/true), a = t.Add(113), b = t.Add(7);
//   t.AddSum(ico, {a, b});
//   t.Control();
//   t.Shown(b);  // nullopt (1 to 7); t.Shown(a): nullopt too, or b would be 120 - 113
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace continuum {

class DisclosureTable {
 public:
  // A suppressed count must stay able to take at least this many values, whatever a reader
  // adds up from everything shown.
  static constexpr int64_t kProtectedValues = 3;

  // A cell with its exact count; returns its index.
  int Add(int64_t exact, bool kept_whole = false);
  // `total` is the sum of `parts`: kept when the exact counts agree, as a reader could add them
  // up, and dropped otherwise (a sum that does not hold tells a reader nothing).
  void AddSum(int total, std::vector<int> parts);
  // `cell` is withheld whenever `basis` is: a numerator over a withheld denominator, where a
  // shown 0 would say that none of 1 to 7 patients had the outcome.
  void WithholdWith(int cell, int basis);
  // Withholds `cell` whatever its count: another answer withholds it.
  void Withhold(int cell);
  // `cell` is never withheld for another cell's sake: another answer, which shows it too, decides
  // it (and where that answer withholds it, Withhold() it here).
  void Fix(int cell);

  void Control();

  // The count as shown: nullopt when withheld. Valid after Control().
  std::optional<int64_t> Shown(int cell) const;
  bool Withheld(int cell) const { return withheld_[cell] != 0; }
  int64_t Exact(int cell) const { return exact_[cell]; }
  int size() const { return static_cast<int>(exact_.size()); }
  // How many cells were withheld to protect others (not 1 to 7 themselves).
  int secondary() const { return secondary_; }
  // Whether a cell kept whole had to be withheld all the same.
  bool KeptWholeWithheld(int cell) const { return kept_whole_[cell] && withheld_[cell]; }
  // For tests: the audit's bounds (least, greatest) of each of `cells` as the table stands; with
  // `programme_everywhere`, solved as linear programmes even where the sums form no cycle.
  std::vector<std::pair<int64_t, int64_t>> AuditForTesting(const std::vector<int>& cells,
                                                           bool programme_everywhere) const;

 private:
  struct Bounds {
    int64_t low, high;
  };
  // What a reader can tell of each cell from everything shown, narrowed sum by sum.
  std::vector<Bounds> ReaderBounds() const;
  // The same for `cells` alone (set afresh in `b`) over `sums`: one part of the table.
  void Narrow(std::vector<Bounds>& b, const std::vector<int>& cells,
              const std::vector<size_t>& sums) const;
  // By cell: the part of the table it is in (a cell of it), the parts being what the sums join.
  std::vector<int> Parts() const;
  // What a reader can tell of `cells` from everything shown and all the sums at once: the
  // least and greatest value of each a linear programme allows, rounded inwards; for a cell the
  // solutions found on the way already show able to take kProtectedValues values, its bounds
  // sum by sum.
  std::vector<Bounds> ExactBounds(const std::vector<int>& cells) const;
  // ExactBounds' programmes: one for each part of the table the sums join whose sums form a
  // cycle; in a part without one, propagation sum by sum (ReaderBounds) is already exact (each
  // sum meets the rest of its part through one cell only), so no programme is needed unless
  // `programme_everywhere`.
  std::vector<Bounds> Solve(const std::vector<int>& cells, bool programme_everywhere) const;
  // The first primary-suppressed cell left fewer than kProtectedValues values by `bounds`
  // (one for each cell), or -1.
  int Exposed(const std::vector<Bounds>& bounds, const std::vector<uint8_t>& unprotectable) const;
  // Withholds one more cell to protect `cell`; false when none is left to withhold.
  bool ProtectOnce(int cell, bool even_kept_whole);

  std::vector<int64_t> exact_;
  std::vector<uint8_t> kept_whole_;
  std::vector<uint8_t> fixed_;     // never withheld for another's sake (Fix)
  std::vector<uint8_t> withheld_;  // 1 primary (1 to 7), 2 for another's sake
  std::vector<std::pair<int, std::vector<int>>> sums_;
  std::vector<std::pair<int, int>> withhold_with_;  // (cell, basis)
  std::vector<int> withhold_;                       // withheld whatever their count
  std::vector<std::vector<int>> sums_of_;           // by cell: the sums it is in
  int secondary_ = 0;
};

}  // namespace continuum
