#include "engine/snapshot.h"

#include <cstring>
#include <type_traits>

namespace continuum {
namespace {

constexpr char kMagic[8] = {'C', 'N', 'T', 'M', 'E', 'N', 'G', '1'};
constexpr uint32_t kVersion = 1;

class Writer {
 public:
  explicit Writer(std::string* out) : out_(out) {}

  void Raw(const void* data, size_t size) { out_->append(static_cast<const char*>(data), size); }
  template <typename T>
  void Value(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    Raw(&v, sizeof v);
  }
  template <typename T>
  void Column(const std::vector<T>& column) {
    static_assert(std::is_trivially_copyable_v<T>);
    Value<uint64_t>(column.size());
    Raw(column.data(), column.size() * sizeof(T));
  }
  void Strings(const std::vector<std::string>& strings) {
    Value<uint64_t>(strings.size());
    for (const std::string& s : strings) {
      Value<uint32_t>(static_cast<uint32_t>(s.size()));
      Raw(s.data(), s.size());
    }
  }

 private:
  std::string* out_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  bool Raw(void* data, size_t size) {
    if (bytes_.size() < size) return failed_ = true, false;
    std::memcpy(data, bytes_.data(), size);
    bytes_.remove_prefix(size);
    return true;
  }
  template <typename T>
  T Value() {
    T v{};
    Raw(&v, sizeof v);
    return v;
  }
  template <typename T>
  void Column(std::vector<T>& column) {
    const auto n = Value<uint64_t>();
    if (failed_ || n > bytes_.size() / sizeof(T)) {
      failed_ = true;
      return;
    }
    column.resize(n);
    Raw(column.data(), n * sizeof(T));
  }
  void Strings(std::vector<std::string>* strings) {
    const auto n = Value<uint64_t>();
    if (failed_ || n > bytes_.size()) {
      failed_ = true;
      return;
    }
    strings->resize(n);
    for (auto& s : *strings) {
      const auto size = Value<uint32_t>();
      if (failed_ || size > bytes_.size()) {
        failed_ = true;
        return;
      }
      s.assign(bytes_.data(), size);
      bytes_.remove_prefix(size);
    }
  }
  void Dictionary(continuum::Dictionary* dictionary) {
    std::vector<std::string> values;
    Strings(&values);
    for (const std::string& v : values) dictionary->Intern(v);
  }
  bool failed() const { return failed_; }
  bool at_end() const { return bytes_.empty(); }

 private:
  std::string_view bytes_;
  bool failed_ = false;
};

// Visits every column of a Population in a fixed order, for writing or reading.
template <typename Io, typename P>
void VisitColumns(Io& io, P& p) {
  io.Column(p.organisations.kind);
  io.Column(p.organisations.parent);
  io.Column(p.staff.organisation);
  io.Column(p.staff.role);
  io.Column(p.patients.id);
  io.Column(p.patients.birth);
  io.Column(p.patients.sex);
  io.Column(p.patients.imd_decile);
  io.Column(p.patients.lsoa);
  io.Column(p.patients.death);
  io.Column(p.patients.death_place);
  io.Column(p.patients.preferred_place);
  io.Column(p.patients.first_registration);
  io.Column(p.registrations.patient);
  io.Column(p.registrations.practice);
  io.Column(p.registrations.start);
  io.Column(p.registrations.end);
  io.Column(p.registrations.start_reason);
  io.Column(p.registrations.end_reason);
  io.Column(p.conditions.patient);
  io.Column(p.conditions.condition);
  io.Column(p.conditions.onset);
  io.Column(p.conditions.resolved);
  io.Column(p.observations.patient);
  io.Column(p.observations.day);
  io.Column(p.observations.kind);
  io.Column(p.observations.value);
  io.Column(p.events.id);
  io.Column(p.events.patient);
  io.Column(p.events.day);
  io.Column(p.events.setting);
  io.Column(p.events.practice);
  io.Column(p.events.provider);
  io.Column(p.events.specialty);
  io.Column(p.events.diagnosis);
  io.Column(p.events.procedure);
  io.Column(p.events.length_of_stay);
  io.Column(p.events.quantity);
  io.Column(p.events.cost);
  io.Column(p.referrals.patient);
  io.Column(p.referrals.day);
  io.Column(p.referrals.from);
  io.Column(p.referrals.to);
  io.Column(p.referrals.outcome);
}

}  // namespace

std::string SerializePopulation(const Population& p) {
  std::string out;
  size_t estimate = p.events.size() * 48 + p.patients.size() * 64 + (1 << 16);
  out.reserve(estimate);
  Writer w(&out);
  w.Raw(kMagic, sizeof kMagic);
  w.Value(kVersion);
  w.Strings(p.organisations.ids.values());
  w.Strings(p.organisations.name);
  w.Strings(p.patients.lsoas.values());
  w.Strings(p.events.specialties.values());
  w.Strings(p.events.diagnoses.values());
  w.Strings(p.events.procedures.values());
  VisitColumns(w, p);
  return out;
}

Result<Population> DeserializePopulation(std::string_view bytes) {
  Reader r(bytes);
  char magic[sizeof kMagic];
  if (!r.Raw(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof magic) != 0 ||
      r.Value<uint32_t>() != kVersion) {
    return Status::Corrupt("the engine snapshot is not one this Continuum can read");
  }
  Population p;
  r.Dictionary(&p.organisations.ids);
  r.Strings(&p.organisations.name);
  r.Dictionary(&p.patients.lsoas);
  r.Dictionary(&p.events.specialties);
  r.Dictionary(&p.events.diagnoses);
  r.Dictionary(&p.events.procedures);
  VisitColumns(r, p);
  if (r.failed() || !r.at_end()) return Status::Corrupt("the engine snapshot is damaged");
  return p;
}

}  // namespace continuum
