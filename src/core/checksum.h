// A fast 64-bit checksum of bytes, fed in pieces: for recognising a file seen before and for
// finding silent damage to stored data. Not cryptographic.
//
//   Checksum sum;
//   sum.Add(bytes.data(), bytes.size());
//   uint64_t value = sum.value();
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace continuum {

// Words are mixed into `Lanes` running values in turn: one lane is Checksum, the values stored in
// workspaces; four (WideChecksum) let a processor mix four words at once, several times faster
// over gigabytes (the engine snapshot), with values of their own. Feeding the same pieces in the
// same sizes gives the same value.
template <size_t Lanes>
class LanedChecksum {
 public:
  void Add(const void* data, size_t size) {
    const size_t words = size - size % 8;
    AddWords(data, words);
    AddEnd(static_cast<const unsigned char*>(data) + words, size % 8, size);
  }
  // One Add() of a run of bytes too large to hold at once, fed a piece at a time: AddWords() for
  // each piece (a multiple of 8 bytes long), then AddEnd() with the last size % 8 bytes and the
  // run's whole size.
  void AddWords(const void* data, size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    size_t i = 0;
    for (; i + 8 <= size && next_ != 0; i += 8) MixNext(Word(bytes + i));
    for (; i + 8 * Lanes <= size; i += 8 * Lanes) {
      for (size_t lane = 0; lane < Lanes; ++lane) Mix(h_[lane], Word(bytes + i + 8 * lane));
    }
    for (; i + 8 <= size; i += 8) MixNext(Word(bytes + i));
  }
  void AddEnd(const void* data, size_t size, uint64_t whole_size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    uint64_t tail = whole_size;
    for (size_t i = 0; i < size; ++i) tail = (tail << 8) | bytes[i];
    MixNext(tail);
  }
  uint64_t value() const {
    if constexpr (Lanes == 1) {
      return h_[0];
    } else {
      uint64_t h = kSeeds[0];
      for (uint64_t lane : h_) Mix(h, lane);
      return h;
    }
  }

  static uint64_t Of(std::string_view bytes) {
    LanedChecksum sum;
    sum.Add(bytes.data(), bytes.size());
    return sum.value();
  }

 private:
  static constexpr uint64_t kSeeds[4] = {0x243F6A8885A308D3ULL, 0x13198A2E03707344ULL,
                                         0xA4093822299F31D0ULL, 0x082EFA98EC4E6C89ULL};
  static uint64_t Word(const unsigned char* bytes) {
    uint64_t word;
    std::memcpy(&word, bytes, 8);
    return word;
  }
  static void Mix(uint64_t& h, uint64_t word) {
    h = (h ^ word) * 0x9E3779B97F4A7C15ULL;
    h ^= h >> 29;
  }
  void MixNext(uint64_t word) {
    Mix(h_[next_], word);
    next_ = (next_ + 1) % Lanes;
  }
  static std::array<uint64_t, Lanes> Seeds() {
    static_assert(Lanes >= 1 && Lanes <= 4);
    std::array<uint64_t, Lanes> seeds;
    for (size_t lane = 0; lane < Lanes; ++lane) seeds[lane] = kSeeds[lane];
    return seeds;
  }
  std::array<uint64_t, Lanes> h_ = Seeds();
  size_t next_ = 0;  // the lane the next word goes to
};

using Checksum = LanedChecksum<1>;
using WideChecksum = LanedChecksum<4>;

}  // namespace continuum
