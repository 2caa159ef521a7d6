// Work items run side by side: `ParallelFor(n, work)` calls work(i) once for each i in [0, n),
// on as many threads as the machine has cores (the caller's among them), and returns when all
// are done. Items must not depend on each other; each writes its own result.
//
//   std::vector<Result<Table>> shown(tables.size(), Status::Internal("not run"));
//   ParallelFor(tables.size(), [&](size_t i) { shown[i] = Control(tables[i]); });
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace continuum {

template <typename Work>
void ParallelFor(size_t n, Work work) {
  std::atomic<size_t> next = 0;
  auto run = [&] {
    for (size_t i; (i = next++) < n;) work(i);
  };
  const size_t threads = std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), n);
  std::vector<std::thread> helpers;
  for (size_t t = 1; t < threads; ++t) helpers.emplace_back(run);
  run();
  for (std::thread& t : helpers) t.join();
}

}  // namespace continuum
