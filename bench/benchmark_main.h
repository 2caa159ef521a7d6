// main() for a benchmark with a peer: `--export=DIR` writes the benchmark's data for the peer to
// compare against, through `export_data` (0 on success); any other arguments run the
// benchmarks as Google Benchmark's own main would.
//
//   int main(int argc, char** argv) { return continuum::BenchmarkMain(argc, argv, Export); }
#pragma once

#include <benchmark/benchmark.h>

#include <cstring>
#include <string>

namespace continuum {

inline int BenchmarkMain(int argc, char** argv, int (*export_data)(const std::string& dir)) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--export=", 9) == 0) return export_data(argv[i] + 9);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

}  // namespace continuum
