#include "ingest/key_set.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace continuum {
namespace {

// Against std::set, over dense runs, scattered keys and the extremes of int64_t.
TEST(KeySet, AgreesWithAnOrderedSet) {
  KeySet keys;
  std::set<int64_t> truth;
  std::mt19937_64 random(7);
  auto add = [&](int64_t key) { EXPECT_EQ(keys.Insert(key), truth.insert(key).second) << key; };
  for (int64_t k = 1; k <= 100000; ++k) add(k);
  for (int i = 0; i < 50000; ++i) add(static_cast<int64_t>(random()));
  for (int i = 0; i < 50000; ++i) add(static_cast<int64_t>(random() % 200000));
  for (int64_t k : {INT64_MIN, INT64_MAX, int64_t{0}, int64_t{-1}, INT64_MIN, int64_t{-1}}) add(k);
  EXPECT_EQ(keys.size(), truth.size());
  for (int i = 0; i < 20000; ++i) {
    const int64_t k = static_cast<int64_t>(random() % 400000) - 100000;
    EXPECT_EQ(keys.Contains(k), truth.count(k) == 1) << k;
  }
}

}  // namespace
}  // namespace continuum
