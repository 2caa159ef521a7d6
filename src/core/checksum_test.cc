#include "core/checksum.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace continuum
