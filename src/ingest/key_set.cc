#include "ingest/key_set.h"

#include <roaring/roaring64map.hh>

namespace continuum {

// Keys are stored as their two's complement bits, so every int64_t has its own place.
struct KeySet::Bitmap {
  Roaring64Map keys;
};

KeySet::KeySet() : bitmap_(std::make_unique<Bitmap>()) {}
KeySet::~KeySet() = default;
KeySet::KeySet(KeySet&&) noexcept = default;
KeySet& KeySet::operator=(KeySet&&) noexcept = default;

bool KeySet::Insert(int64_t key) { return bitmap_->keys.addChecked(static_cast<uint64_t>(key)); }

bool KeySet::Contains(int64_t key) const {
  return bitmap_->keys.contains(static_cast<uint64_t>(key));
}

uint64_t KeySet::size() const { return bitmap_->keys.cardinality(); }

}  // namespace continuum
