// A fast 64-bit checksum of bytes, fed in pieces: for recognising a file seen before and for
// finding silent damage to stored data. Not cryptographic.
//
//   Checksum sum;
//   sum.Add(bytes.data(), bytes.size());
//   uint64_t value = sum.value();
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace continuum {

class Checksum {
 public:
  // Feeding the same pieces in the same sizes gives the same value.
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
    for (size_t i = 0; i + 8 <= size; i += 8) {
      uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      Mix(word);
    }
  }
  void AddEnd(const void* data, size_t size, uint64_t whole_size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    uint64_t tail = whole_size;
    for (size_t i = 0; i < size; ++i) tail = (tail << 8) | bytes[i];
    Mix(tail);
  }
  uint64_t value() const { return h_; }

  static uint64_t Of(std::string_view bytes) {
    Checksum sum;
    sum.Add(bytes.data(), bytes.size());
    return sum.value();
  }

 private:
  void Mix(uint64_t word) {
    h_ = (h_ ^ word) * 0x9E3779B97F4A7C15ULL;
    h_ ^= h_ >> 29;
  }
  uint64_t h_ = 0x243F6A8885A308D3ULL;
};

}  // namespace continuum
