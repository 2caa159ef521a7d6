#include "server/hashing_slots.h"

#include <algorithm>

namespace continuum {

std::optional<HashingSlots::Slot> HashingSlots::Take(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  if (!freed_.wait_for(lock, wait, [&] { return free_ > 0; })) return std::nullopt;
  --free_;
  peak_ = std::max(peak_, ++held_);
  return std::optional<Slot>(std::in_place, this);
}

int HashingSlots::Peak() {
  std::lock_guard lock(mutex_);
  return peak_;
}

void HashingSlots::Give() {
  {
    std::lock_guard lock(mutex_);
    ++free_;
    --held_;
  }
  freed_.notify_one();
}

}  // namespace continuum
