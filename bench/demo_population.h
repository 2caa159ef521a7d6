// The demo population the benchmarks share: the workspace named by $CONTINUUM_BENCH_WORKSPACE
// (bench/run.sh makes it), else demo/workspace.db, opened once and kept for the process.
//
//   const Population& p = DemoPopulation();
#pragma once

#include <cstdlib>
#include <memory>

#include "engine/engine.h"

namespace continuum {

inline const Population& DemoPopulation() {
  static std::unique_ptr<Engine> engine = [] {
    const char* path = std::getenv("CONTINUUM_BENCH_WORKSPACE");
    auto ws = Workspace::Open(path ? path : "demo/workspace.db", Workspace::kMustExist);
    auto opened = Engine::Open(**ws);
    return std::move(*opened);
  }();
  return engine->population();
}

}  // namespace continuum
