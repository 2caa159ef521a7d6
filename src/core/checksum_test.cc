#include "core/checksum.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace continuum {
namespace {

TEST(Checksum, InPiecesEqualsAtOnce) {
  std::string bytes;
  for (int i = 0; i < 1003; ++i) bytes += static_cast<char>(i * 7);
  Checksum pieces;
  pieces.AddWords(bytes.data(), 512);
  pieces.AddWords(bytes.data() + 512, 488);
  pieces.AddEnd(bytes.data() + 1000, 3, 1003);
  EXPECT_EQ(pieces.value(), Checksum::Of(bytes));
}

// The wide checksum gives the same value however its words are cut into pieces (pieces that leave
// a lane part-way included), and every flipped bit changes it.
TEST(WideChecksum, InPiecesEqualsAtOnceAndSeesEveryBit) {
  std::string bytes;
  for (int i = 0; i < 1003; ++i) bytes += static_cast<char>(i * 7);
  WideChecksum whole;
  whole.Add(bytes.data(), bytes.size());
  for (size_t cut : {size_t{8}, size_t{24}, size_t{40}, size_t{512}, size_t{992}}) {
    WideChecksum pieces;
    pieces.AddWords(bytes.data(), cut);
    pieces.AddWords(bytes.data() + cut, 1000 - cut);
    pieces.AddEnd(bytes.data() + 1000, 3, 1003);
    EXPECT_EQ(pieces.value(), whole.value()) << "cut at " << cut;
  }
  for (size_t bit = 0; bit < bytes.size() * 8; bit += 13) {
    std::string damaged = bytes;
    damaged[bit / 8] = static_cast<char>(damaged[bit / 8] ^ (1 << (bit % 8)));
    WideChecksum sum;
    sum.Add(damaged.data(), damaged.size());
    EXPECT_NE(sum.value(), whole.value()) << "bit " << bit;
  }
  // Words swapped between lanes change it too.
  std::string swapped = bytes;
  std::swap_ranges(swapped.begin(), swapped.begin() + 8, swapped.begin() + 8);
  WideChecksum sum;
  sum.Add(swapped.data(), swapped.size());
  EXPECT_NE(sum.value(), whole.value());
}

}  // namespace
}  // namespace continuum
