// Rows passed from the thread that reads and checks a file to the thread that stores them:
// a batch holds each row's line, raw text, fields and parsed numbers, or the problem found
// with it, and a bounded queue hands batches over.
//
//   RowQueue queue(4);
//   queue.Push(std::move(batch));          // reader; blocks while 4 batches wait
//   std::optional<RowBatch> b = queue.Pop();  // writer; nullopt once Close() and drained
//   spare.Push(std::move(*b));             // writer hands the emptied batch back for reuse
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace continuum {

struct RowBatch {
  size_t columns = 0;
  std::vector<int64_t> lines;
  std::vector<std::string_view> raws;
  std::vector<std::string_view> fields;  // columns per row
  std::vector<int64_t> parsed;           // columns per row
  std::vector<int32_t> problem;          // per row: -1, or an index into problems
  struct Problem {
    std::string column, reason;
    bool consequence;
  };
  std::vector<Problem> problems;
  std::deque<std::string> owned;  // fields that could not point into the file

  size_t size() const { return lines.size(); }
  // Empties the batch but keeps its memory for the next rows.
  void Clear() {
    lines.clear();
    raws.clear();
    fields.clear();
    parsed.clear();
    problem.clear();
    problems.clear();
    owned.clear();
  }
};

class RowQueue {
 public:
  explicit RowQueue(size_t capacity) : capacity_(capacity) {}

  void Push(RowBatch batch) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return queue_.size() < capacity_ || closed_; });
    if (closed_) return;
    queue_.push_back(std::move(batch));
    not_empty_.notify_one();
  }

  // A batch if one is waiting, without blocking.
  std::optional<RowBatch> TryPop() {
    std::lock_guard lock(mutex_);
    if (queue_.empty()) return std::nullopt;
    RowBatch batch = std::move(queue_.front());
    queue_.pop_front();
    not_full_.notify_one();
    return batch;
  }

  std::optional<RowBatch> Pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return std::nullopt;
    RowBatch batch = std::move(queue_.front());
    queue_.pop_front();
    not_full_.notify_one();
    return batch;
  }

  // No more batches will come; Pop drains what is queued then returns nullopt.
  void Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  size_t capacity_;
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<RowBatch> queue_;
  bool closed_ = false;
};

}  // namespace continuum
