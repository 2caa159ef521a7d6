// Dictionary encoding: each distinct string gets a dense id, so columns of codes are small
// integers and comparisons are integer comparisons.
//
//   Dictionary d;
//   uint32_t id = d.Intern("J44.1");   // 0 the first time, the same id after
//   d.Value(id)                        // "J44.1"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace continuum {

class Dictionary {
 public:
  static constexpr uint32_t kMissing = UINT32_MAX;

  uint32_t Intern(std::string_view value);
  // The id of `value`, or kMissing.
  uint32_t Find(std::string_view value) const;
  const std::string& Value(uint32_t id) const { return values_[id]; }
  size_t size() const { return values_.size(); }
  const std::vector<std::string>& values() const { return values_; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view v) const { return std::hash<std::string_view>()(v); }
  };
  std::vector<std::string> values_;
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> ids_;
};

}  // namespace continuum
