#include "generate/plan.h"

#include <algorithm>
#include <string>

#include "core/nhs_number.h"
#include "core/random.h"

namespace continuum {
namespace {

constexpr uint64_t kPlanStream = 0x504C414EULL;  // "PLAN"
// NHS numbers come from the test range 999 000 000x first, then 998, 997, ... 900: numbers
// beginning with 9 are outside every range issued to patients (England 300-799, Scotland's CHI
// 010-311, Northern Ireland 320-399). About 909,000 valid numbers per block of a million.
constexpr uint32_t kFirstBlock = 999, kLastBlock = 900;
constexpr uint32_t kBlockSize = 1000000;
constexpr uint32_t kStride = 7919;  // coprime with 10^6: a permutation within each block

}  // namespace

int64_t MaxPersons() { return int64_t{909000} * (kFirstBlock - kLastBlock + 1); }

Result<Plan> MakePlan(const World& world, const Window& window, uint64_t seed) {
  Rng rng = Rng::ForStream(seed, kPlanStream);
  Plan plan;
  for (size_t p = 0; p < world.practices.size(); ++p) {
    for (int64_t i = 0; i < world.practices[p].list_size; ++i) {
      plan.persons.push_back({static_cast<int32_t>(p), Arrival::kListed, window.start()});
    }
  }
  // Shuffle the starting lists so that patient ids carry no hint of the practice.
  for (size_t i = plan.persons.size(); i > 1; --i) {
    std::swap(plan.persons[i - 1], plan.persons[rng.Below(static_cast<uint32_t>(i))]);
  }
  std::vector<PersonSpec> newcomers;
  for (int y = 0; y < window.years(); ++y) {
    const Day first = window.YearStart(y), days = window.YearEnd(y) - first + 1;
    for (size_t p = 0; p < world.practices.size(); ++p) {
      const double list = static_cast<double>(world.practices[p].list_size);
      const int births = rng.Poisson(kBirthsPerHead * list);
      const int arrivals = rng.Poisson(kArrivalsPerHead * list);
      for (int k = 0; k < births + arrivals; ++k) {
        newcomers.push_back({static_cast<int32_t>(p),
                             k < births ? Arrival::kBorn : Arrival::kMovedIn,
                             first + static_cast<Day>(rng.Below(static_cast<uint32_t>(days)))});
      }
    }
  }
  // Newcomers take their ids in the order they register.
  std::stable_sort(newcomers.begin(), newcomers.end(),
                   [](const PersonSpec& a, const PersonSpec& b) { return a.entry < b.entry; });
  plan.persons.insert(plan.persons.end(), newcomers.begin(), newcomers.end());
  if (static_cast<int64_t>(plan.persons.size()) > MaxPersons()) {
    return Status::InvalidInput("the options ask for " + std::to_string(plan.persons.size()) +
                                " patients; at most " + std::to_string(MaxPersons()) +
                                " can be given synthetic NHS numbers");
  }

  plan.nhs_first_nine.reserve(plan.persons.size());
  const uint32_t offset = rng.Below(kBlockSize);
  for (uint32_t block = kFirstBlock; block >= kLastBlock; --block) {
    for (uint32_t k = 0; k < kBlockSize && plan.nhs_first_nine.size() < plan.persons.size(); ++k) {
      const uint32_t first_nine =
          block * kBlockSize + static_cast<uint32_t>((uint64_t{k} * kStride + offset) % kBlockSize);
      if (NhsCheckDigit(first_nine) >= 0) plan.nhs_first_nine.push_back(first_nine);
    }
    if (plan.nhs_first_nine.size() == plan.persons.size()) break;
  }
  return plan;
}

}  // namespace continuum
