// Times one generation run and, with --measure, prints every calibration measure beside its
// target (the table in docs/calibration.md).
//
//   bench_generate --patients 150000 --years 3 --out /tmp/ico --measure
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "generate/calibration.h"
#include "generate/generator.h"
#include "generate/targets.h"

int main(int argc, char** argv) {
  continuum::GeneratorOptions options;
  std::string out = "/tmp/continuum-ico";
  bool measure = false;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : "";
    if (flag == "--measure") {
      measure = true;
      continue;
    }
    ++i;
    if (flag == "--patients")
      options.patients = std::atoll(value);
    else if (flag == "--practices")
      options.practices = std::atoi(value);
    else if (flag == "--icos")
      options.icos = std::atoi(value);
    else if (flag == "--controls")
      options.control_practices = std::atoi(value);
    else if (flag == "--years")
      options.years = std::atoi(value);
    else if (flag == "--seed")
      options.seed = std::strtoull(value, nullptr, 10);
    else if (flag == "--threads")
      options.threads = std::atoi(value);
    else if (flag == "--area")
      options.area_dir = value;
    else if (flag == "--truth")
      options.truth_path = value;
    else if (flag == "--out")
      out = value;
    else {
      std::fprintf(stderr, "unknown option %s\n", flag.c_str());
      return 2;
    }
  }
  const auto started = std::chrono::steady_clock::now();
  auto report = continuum::GenerateIco(options, out);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!report.ok()) {
    std::fprintf(stderr, "%s\n", report.status().message().c_str());
    return 1;
  }
  std::printf("generated %lld patients, %lld events in %.2f s\n",
              static_cast<long long>(report->patients), static_cast<long long>(report->events),
              seconds);
  for (const auto& [file, rows] : report->rows) {
    std::printf("  %-20s %12lld\n", file.c_str(), static_cast<long long>(rows));
  }
  if (!measure) return 0;
  auto calibration = continuum::MeasureFolder(out, options.truth_path);
  if (!calibration.ok()) {
    std::fprintf(stderr, "%s\n", calibration.status().message().c_str());
    return 1;
  }
  std::printf("\n| measure | target | tolerance | measured | within |\n|---|---|---|---|---|\n");
  for (const auto& t : continuum::Targets().all()) {
    const double value = calibration->Value(t.measure);
    const bool ok = std::fabs(value - t.target) <= t.target * t.tolerance_pct / 100.0;
    std::printf("| %s | %g | %g%% | %.2f | %s |\n", t.measure.c_str(), t.target, t.tolerance_pct,
                value, ok ? "yes" : "NO");
  }
  std::printf("\n");
  for (const auto& [name, value] : calibration->values) {
    if (continuum::Targets().Find(name) == nullptr) std::printf("%s = %.4f\n", name.c_str(), value);
  }
  return 0;
}
