// A set of integer keys (the event ids of an import), compact whether the keys are dense or
// scattered: a Roaring bitmap (CRoaring), so that a table of hundreds of millions of rows can keep
// its keys unique without an index. This file and key_set.cc are CRoaring's one home.
//
//   KeySet seen;
//   if (!seen.Insert(id)) { /* id was already there */ }
#pragma once

#include <cstdint>
#include <memory>

namespace continuum {

class KeySet {
 public:
  KeySet();
  ~KeySet();
  KeySet(KeySet&&) noexcept;
  KeySet& operator=(KeySet&&) noexcept;

  // Adds `key`; false when it was already in the set.
  bool Insert(int64_t key);
  bool Contains(int64_t key) const;
  uint64_t size() const;

 private:
  struct Bitmap;
  std::unique_ptr<Bitmap> bitmap_;
};

}  // namespace continuum
