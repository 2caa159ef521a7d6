// Bounds how many password hashes are worked out at once. Each Argon2id verification takes
// 64 MiB and a core for tens of milliseconds, so a burst of sign-ins would otherwise take as
// much memory as it has requests; with a few slots it takes at most that many times 64 MiB, and
// the rest wait briefly or are turned away.
//
//   HashingSlots slots(2);
//   std::optional<HashingSlots::Slot> slot = slots.Take(std::chrono::seconds(2));
//   if (!slot) return Busy();     // none came free in time
//   VerifyPassword(...);          // the slot is given back when `slot` goes
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <utility>

namespace continuum {

class HashingSlots {
 public:
  explicit HashingSlots(int slots) : free_(slots) {}

  // Held while hashing; moving it hands the slot on.
  class Slot {
   public:
    explicit Slot(HashingSlots* owner) : owner_(owner) {}
    Slot(Slot&& other) noexcept : owner_(std::exchange(other.owner_, nullptr)) {}
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      if (owner_ != nullptr) owner_->Give();
    }

   private:
    HashingSlots* owner_;
  };

  // A slot, waiting up to `wait` for one; nullopt when none came free in time.
  std::optional<Slot> Take(std::chrono::milliseconds wait);
  // The most slots ever held at once: never more than the slots given (tests read it).
  int Peak();

 private:
  void Give();
  std::mutex mutex_;
  std::condition_variable freed_;
  int free_;
  int held_ = 0, peak_ = 0;
};

}  // namespace continuum
