// A column of values that may be held where a mapped file lies instead of in memory of its own:
// a std::vector whose allocator can lend it storage. A snapshot's columns are used in place this
// way (engine/snapshot.cc), so opening one costs no copy and no fresh memory; everything else
// about the column is a vector's. A lent column that grows moves to memory of its own, as a
// vector does, and a copy of one is always in memory of its own.
//
//   Column<uint32_t> ids = LendColumn<uint32_t>(data, n, keeper);   // `keeper` keeps data alive
//   ids.push_back(7);                                                // now a copy of its own
#pragma once

#include <cstddef>
#include <iterator>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace continuum {

// What a column adopting lent values is built from: each element "constructed" from a LentValue
// is left as it lies.
struct LentValue {};

// Stands for `size` LentValues, so that a vector built from [LentValues(0), LentValues(n)) takes
// n values where they lie without visiting one of them.
class LentValues {
 public:
  using iterator_category = std::random_access_iterator_tag;
  using value_type = LentValue;
  using difference_type = std::ptrdiff_t;
  using pointer = const LentValue*;
  using reference = LentValue;

  explicit LentValues(size_t at) : at_(static_cast<difference_type>(at)) {}
  LentValue operator*() const { return {}; }
  LentValues& operator++() {
    ++at_;
    return *this;
  }
  LentValues operator++(int) {
    LentValues before = *this;
    ++at_;
    return before;
  }
  difference_type operator-(const LentValues& other) const { return at_ - other.at_; }
  bool operator==(const LentValues& other) const { return at_ == other.at_; }

 private:
  difference_type at_;
};

template <typename T>
class LentAllocator {
 public:
  using value_type = T;
  using propagate_on_container_move_assignment = std::true_type;
  using propagate_on_container_swap = std::true_type;
  using is_always_equal = std::false_type;

  // What is lent: `size` values at `data`, kept alive by `keeper`, handed out by the column's
  // first allocation.
  struct Loan {
    T* data;
    size_t size;
    std::shared_ptr<const void> keeper;
    bool handed_out = false;
  };

  LentAllocator() noexcept = default;
  explicit LentAllocator(std::shared_ptr<Loan> loan) noexcept : loan_(std::move(loan)) {}
  template <typename U>
  LentAllocator(const LentAllocator<U>&) noexcept {}  // a rebound allocator lends nothing

  T* allocate(size_t n) {
    if (loan_ && !loan_->handed_out && n == loan_->size) {
      loan_->handed_out = true;
      return loan_->data;
    }
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* p, size_t n) noexcept {
    if (loan_ && p == loan_->data) {
      loan_.reset();  // the column has moved to memory of its own, or gone
      return;
    }
    std::allocator<T>().deallocate(p, n);
  }
  // A lent value is adopted as it lies; anything else is constructed as usual.
  template <typename U>
  void construct(U*, LentValue) {}
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
  LentAllocator select_on_container_copy_construction() const { return LentAllocator(); }

  friend bool operator==(const LentAllocator& a, const LentAllocator& b) noexcept {
    return a.loan_ == b.loan_;
  }

 private:
  std::shared_ptr<Loan> loan_;
};

template <typename T>
using Column = std::vector<T, LentAllocator<T>>;

// A column of `size` values held at `data` (aligned for T), which `keeper` keeps alive for as long
// as the column uses them.
template <typename T>
Column<T> LendColumn(const T* data, size_t size, std::shared_ptr<const void> keeper) {
  static_assert(std::is_trivially_copyable_v<T>);
  if (size == 0) return Column<T>();
  auto loan = std::make_shared<typename LentAllocator<T>::Loan>(
      typename LentAllocator<T>::Loan{const_cast<T*>(data), size, std::move(keeper)});
  return Column<T>(LentValues(0), LentValues(size), LentAllocator<T>(std::move(loan)));
}

}  // namespace continuum
