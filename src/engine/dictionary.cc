#include "engine/dictionary.h"

namespace continuum {

uint32_t Dictionary::Intern(std::string_view value) {
  auto it = ids_.find(value);
  if (it != ids_.end()) return it->second;
  const auto id = static_cast<uint32_t>(values_.size());
  values_.emplace_back(value);
  ids_.emplace(values_.back(), id);
  return id;
}

uint32_t Dictionary::Find(std::string_view value) const {
  auto it = ids_.find(value);
  return it == ids_.end() ? kMissing : it->second;
}

}  // namespace continuum
