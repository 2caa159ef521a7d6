#include "engine/snapshot.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <iterator>
#include <mutex>
#include <span>
#include <thread>
#include <type_traits>
#include <vector>

#include "core/checksum.h"
#include "engine/population_check.h"

namespace continuum {
namespace {

constexpr char kMagic[8] = {'C', 'N', 'T', 'M', 'E', 'N', 'G', '1'};
constexpr uint32_t kVersion = 9;
// Each column's values start at a multiple of this from the snapshot's start (zero bytes pad the
// gap), so that a snapshot in a mapped file, which starts on a page, is used where it lies.
constexpr size_t kColumnAlignment = 8;

// Writer and Reader keep a running WideChecksum (core/checksum.h) over everything written or read,
// so silent damage to a stored snapshot is found and the snapshot rebuilt rather than trusted.

// Writes to a sink, or with no sink only counts the bytes it would write.
class Writer {
 public:
  explicit Writer(ByteSink* sink) : sink_(sink) {}

  void Raw(const void* data, size_t size) {
    size_ += size;
    if (sink_ == nullptr) return;
    checksum_.Add(data, size);
    if (status_.ok() && size > 0) status_ = sink_->Write(data, size);
  }
  // Ends the snapshot with the checksum of everything before it.
  void Finish() {
    const uint64_t sum = checksum_.value();
    size_ += sizeof sum;
    if (sink_ != nullptr && status_.ok()) status_ = sink_->Write(&sum, sizeof sum);
  }
  template <typename T>
  void Value(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    Raw(&v, sizeof v);
  }
  template <typename T, typename A>
  void Column(const std::vector<T, A>& column) {
    static_assert(std::is_trivially_copyable_v<T>);
    Value<uint64_t>(column.size());
    Pad();
    Raw(column.data(), column.size() * sizeof(T));
  }
  // A column kept in a file, streamed a block at a time (counted without reading it).
  template <typename T>
  void Column(ColumnFile<T>& column) {
    Value<uint64_t>(column.size());
    Pad();
    if (sink_ == nullptr) {
      size_ += column.size() * sizeof(T);
      return;
    }
    if (!status_.ok()) return;
    // Summed as the Reader sums the column, in one Add(): the blocks' whole words, then the
    // column's last size % 8 bytes with its whole size (blocks are whole words but the last).
    const size_t total = column.size() * sizeof(T);
    size_t done = 0;
    const Status read = column.ForEachBlock([&](std::span<const T> block) {
      const auto* bytes = reinterpret_cast<const unsigned char*>(block.data());
      const size_t n = block.size_bytes();
      done += n;
      const size_t words = done == total ? n - total % 8 : n;
      checksum_.AddWords(bytes, words);
      if (done == total) checksum_.AddEnd(bytes + words, n - words, total);
      size_ += n;
      if (status_.ok() && n > 0) status_ = sink_->Write(bytes, n);
      return status_;
    });
    if (total == 0) checksum_.AddEnd(nullptr, 0, 0);
    if (status_.ok()) status_ = read;
  }
  void Strings(const std::vector<std::string>& strings) {
    Value<uint64_t>(strings.size());
    for (const std::string& s : strings) {
      Value<uint32_t>(static_cast<uint32_t>(s.size()));
      Raw(s.data(), s.size());
    }
  }
  size_t size() const { return size_; }
  const Status& status() const { return status_; }

 private:
  void Pad() {
    static constexpr char kZeros[kColumnAlignment] = {};
    if (size_ % kColumnAlignment != 0) Raw(kZeros, kColumnAlignment - size_ % kColumnAlignment);
  }

  ByteSink* sink_;
  size_t size_ = 0;
  WideChecksum checksum_;
  Status status_;
};

// Sums what a Reader reads on a thread of its own, in order, a little behind the reading: summing
// a snapshot of a gigabyte then costs its load nothing while a second core is free. Each Raw()
// read is one run of bytes: its whole 8-byte words a piece at a time, then its end (as one
// Checksum::Add() of it would be). A run of a few bytes is copied; a larger one is summed where
// it lies, so it must stay put until Wait().
class SumBehind {
 public:
  SumBehind() : thread_([this] { Sum(); }) {}
  ~SumBehind() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_one();
    thread_.join();
  }
  static constexpr size_t kCopied = 4096;  // runs this long or shorter are copied

  // A piece of a run's words, `size` a multiple of 8, staying put until Wait().
  void Words(const unsigned char* data, size_t size) { Push({data, size, {}, false, 0}); }
  // A short run whole (copied), or the end of a long one: its last size % 8 bytes.
  void Run(const unsigned char* data, size_t size, uint64_t whole) {
    Push({nullptr, size, std::vector<unsigned char>(data, data + size), true, whole});
  }
  // Waits until everything pushed is summed.
  uint64_t Wait() {
    Flush();
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [&] { return queue_.empty() && !busy_; });
    return checksum_.value();
  }

 private:
  struct Piece {
    const unsigned char* data;  // words summed where they lie, or nullptr: `copy` is the run
    size_t size;
    std::vector<unsigned char> copy;
    bool run_end;    // the piece ends a run: `copy`'s words then its end are summed
    uint64_t whole;  // the run's whole size, when it ends one
  };

  void Push(Piece piece) {
    pending_.push_back(std::move(piece));
    if (pending_.size() >= 256 || pending_.back().data) Flush();
  }
  void Flush() {
    if (pending_.empty()) return;
    {
      std::lock_guard lock(mutex_);
      for (Piece& piece : pending_) queue_.push_back(std::move(piece));
    }
    pending_.clear();
    ready_.notify_one();
  }
  void Sum() {
    std::vector<Piece> taken;
    for (;;) {
      {
        std::unique_lock lock(mutex_);
        busy_ = false;
        if (queue_.empty()) idle_.notify_all();
        ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        taken.assign(std::make_move_iterator(queue_.begin()),
                     std::make_move_iterator(queue_.end()));
        queue_.clear();
        busy_ = true;
      }
      for (const Piece& piece : taken) {
        if (piece.data) {
          checksum_.AddWords(piece.data, piece.size);
          continue;
        }
        const size_t words = piece.copy.size() - piece.copy.size() % 8;
        checksum_.AddWords(piece.copy.data(), words);
        checksum_.AddEnd(piece.copy.data() + words, piece.copy.size() - words, piece.whole);
      }
    }
  }

  std::vector<Piece> pending_;  // the reading thread's, not yet handed over
  std::mutex mutex_;
  std::condition_variable ready_, idle_;
  std::vector<Piece> queue_;
  bool busy_ = true, stopping_ = false;
  WideChecksum checksum_;  // the summing thread's
  std::thread thread_;
};

class Reader {
 public:
  explicit Reader(ByteSource& source)
      : source_(source), keeper_(source.Keeper()), total_(source.remaining()) {}
  ~Reader() { sum_.Wait(); }  // the runs summed where they lie are still being read

  // Read a piece at a time, each piece summed behind the reading.
  void Raw(void* data, size_t size) {
    if (!status_.ok()) return;
    auto* bytes = static_cast<unsigned char*>(data);
    if (size <= SumBehind::kCopied) {
      if (size > 0) status_ = source_.Read(bytes, size);
      if (status_.ok()) sum_.Run(bytes, size, size);
      return;
    }
    constexpr size_t kPiece = size_t{1} << 20;  // a multiple of 8
    const size_t words = size - size % 8;
    for (size_t at = 0; at < words; at += kPiece) {
      const size_t n = std::min(kPiece, words - at);
      status_ = source_.Read(bytes + at, n);
      if (!status_.ok()) return;
      sum_.Words(bytes + at, n);
    }
    if (size > words) status_ = source_.Read(bytes + words, size - words);
    if (status_.ok()) sum_.Run(bytes + words, size - words, size);
  }
  // Sums a run of bytes that stays where it lies until the reading ends.
  void Sum(const unsigned char* bytes, size_t size) {
    constexpr size_t kPiece = size_t{1} << 20;  // a multiple of 8
    const size_t words = size - size % 8;
    for (size_t at = 0; at < words; at += kPiece)
      sum_.Words(bytes + at, std::min(kPiece, words - at));
    sum_.Run(bytes + words, size - words, size);
  }
  // Passes over the zero bytes that align the next column (the Writer's Pad()).
  void Pad() {
    const size_t at = total_ - source_.remaining();
    if (!status_.ok() || at % kColumnAlignment == 0) return;
    unsigned char zeros[kColumnAlignment];
    Raw(zeros, kColumnAlignment - at % kColumnAlignment);
  }
  // Reads the stored checksum and compares it with what was read. Every read must end here (or
  // in the destructor) before the memory read into goes.
  void Finish() {
    const uint64_t expected = sum_.Wait();
    uint64_t stored = 0;
    if (status_.ok()) status_ = source_.Read(&stored, sizeof stored);
    if (status_.ok() && stored != expected)
      status_ = Status::Corrupt("its checksum does not match");
  }
  template <typename T>
  T Value() {
    T v{};
    Raw(&v, sizeof v);
    return v;
  }
  template <typename T>
  void Column(continuum::Column<T>& column) {
    const auto n = Value<uint64_t>();
    Pad();
    if (!status_.ok()) return;
    if (n > source_.remaining() / sizeof(T)) {
      status_ = Status::Corrupt("the engine snapshot ends early");
      return;
    }
    const size_t size = n * sizeof(T);
    // From a mapped file the values stay where they lie, summed there behind the reading.
    if (keeper_ && size > SumBehind::kCopied) {
      const auto* lent = static_cast<const unsigned char*>(source_.Borrow(size));
      if (lent == nullptr) {
        status_ = Status::Corrupt("the engine snapshot ends early");
        return;
      }
      Sum(lent, size);
      if (reinterpret_cast<uintptr_t>(lent) % alignof(T) == 0) {
        column = LendColumn(reinterpret_cast<const T*>(lent), n, keeper_);
      } else {  // a source that does not start on a page: copied, as from any other
        column.resize(n);
        std::memcpy(column.data(), lent, size);
      }
      return;
    }
    column.resize(n);
    Raw(column.data(), size);
  }
  void Strings(std::vector<std::string>* strings) {
    const auto n = Value<uint64_t>();
    if (!status_.ok() || n > source_.remaining()) {
      if (status_.ok()) status_ = Status::Corrupt("the engine snapshot ends early");
      return;
    }
    strings->resize(n);
    for (auto& s : *strings) {
      const auto size = Value<uint32_t>();
      if (!status_.ok() || size > source_.remaining()) {
        if (status_.ok()) status_ = Status::Corrupt("the engine snapshot ends early");
        return;
      }
      s.resize(size);
      Raw(s.data(), size);
    }
  }
  void Dictionary(continuum::Dictionary* dictionary) {
    std::vector<std::string> values;
    Strings(&values);
    sum_.Wait();  // a long value is summed where it lies, which goes with `values`
    for (const std::string& v : values) dictionary->Intern(v);
  }
  const Status& status() const { return status_; }

 private:
  ByteSource& source_;
  std::shared_ptr<const void> keeper_;  // what keeps lent bytes alive, when the source lends
  size_t total_;                        // the source's bytes at the start
  SumBehind sum_;
  Status status_;
};

// Visits every column of a Population in a fixed order, for writing or reading; the events'
// columns are those of `events` (p.events, or the same columns in files).
template <typename Io, typename P, typename Events>
void VisitColumns(Io& io, P& p, Events& events) {
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
  VisitEventColumns(events, [&io](auto& column, auto) { io.Column(column); });
  io.Column(p.referrals.patient);
  io.Column(p.referrals.day);
  io.Column(p.referrals.from);
  io.Column(p.referrals.to);
  io.Column(p.referrals.specialty);
  io.Column(p.referrals.reason);
  io.Column(p.referrals.outcome);
  io.Column(p.memberships.practice);
  io.Column(p.memberships.ico);
  io.Column(p.memberships.start);
  io.Column(p.memberships.end);
  io.Column(p.memberships.first_membership);
}

template <typename Events>
void Write(const Population& p, Events& events, Writer& w) {
  w.Raw(kMagic, sizeof kMagic);
  w.Value(kVersion);
  w.Strings(p.organisations.ids.values());
  w.Strings(p.organisations.name);
  w.Strings(p.patients.lsoas.values());
  w.Strings(p.events.specialties.values());
  w.Strings(p.events.diagnoses.values());
  w.Strings(p.events.procedures.values());
  w.Strings(p.events.medicines.values());
  w.Value(p.events.first_day);
  w.Value(p.events.last_day);
  w.Value(p.events.last_day_by_setting);
  VisitColumns(w, p, events);
  w.Finish();
}

template <typename Events>
size_t CountBytes(const Population& p, Events& events) {
  Writer counter(nullptr);
  Write(p, events, counter);
  return counter.size();
}

template <typename Events>
Status WriteBytes(const Population& p, Events& events, ByteSink& sink) {
  Writer writer(&sink);
  Write(p, events, writer);
  return writer.status();
}

}  // namespace

size_t SerializedSize(const Population& population) {
  return CountBytes(population, population.events);
}

Status SerializePopulation(const Population& population, ByteSink& sink) {
  return WriteBytes(population, population.events, sink);
}

size_t SerializedSize(const BuiltPopulation& built) {
  if (!built.events) return SerializedSize(built.population);
  return CountBytes(built.population, *built.events);
}

Status SerializePopulation(const BuiltPopulation& built, ByteSink& sink) {
  if (!built.events) return SerializePopulation(built.population, sink);
  return WriteBytes(built.population, *built.events, sink);
}

Result<Population> DeserializePopulation(ByteSource& source) {
  Reader r(source);
  char magic[sizeof kMagic] = {};
  r.Raw(magic, sizeof magic);
  if (!r.status().ok() || std::memcmp(magic, kMagic, sizeof magic) != 0 ||
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
  r.Dictionary(&p.events.medicines);
  p.events.first_day = r.Value<Day>();
  p.events.last_day = r.Value<Day>();
  p.events.last_day_by_setting = r.Value<std::array<Day, kSettingCount>>();
  VisitColumns(r, p, p.events);
  // The columns are checked while the summing thread is still reading them: a damaged snapshot
  // fails either way, and is reported by its checksum first.
  const Status checked = r.status().ok() ? CheckPopulation(p) : Status::Ok();
  r.Finish();
  if (!r.status().ok())
    return Status::Corrupt("the engine snapshot is damaged: " + r.status().message());
  if (source.remaining() != 0)
    return Status::Corrupt("the engine snapshot is damaged: bytes left over");
  CONTINUUM_RETURN_IF_ERROR(checked);
  return p;
}

std::string SerializePopulation(const Population& population) {
  StringSink sink;
  sink.bytes().reserve(SerializedSize(population));
  SerializePopulation(population, sink).ok();  // a string sink cannot fail
  return std::move(sink.bytes());
}

Result<Population> DeserializePopulation(std::string_view bytes) {
  StringSource source(bytes);
  return DeserializePopulation(source);
}

}  // namespace continuum
