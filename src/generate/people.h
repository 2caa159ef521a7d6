// The people of the synthetic area and their lives over the data's years: age, sex, where they
// live, a latent health risk, long-term conditions, registrations that start and end (births,
// moves, removals, emigration) and deaths with their place. Internal to generate/.
//
//   BuildPeople(options, area_or_null, &world);   // after BuildOrganisations
#pragma once

#include <functional>

#include "generate/area.h"
#include "generate/generator.h"
#include "generate/world.h"

namespace continuum {

// Streams of random numbers: each person draws each part of their life from its own stream,
// so the result never depends on how the work is split between threads.
enum class Stream : uint64_t { kLife = 1, kConditions, kDeath, kCare, kObservations, kReferrals };
Random PersonStream(uint64_t seed, size_t person, Stream stream);

void BuildPeople(const GeneratorOptions& options, const Area* area, int threads, World* world);

// Runs body(begin, end) over [0, n) in fixed chunks on `threads` threads.
void ParallelChunks(size_t n, size_t chunk, int threads,
                    const std::function<void(size_t, size_t)>& body);

// Morbidity: a weighted count of the person's conditions on `day`.
double Morbidity(const Person& person, Day day);

}  // namespace continuum
