// The organisations of the synthetic commissioner's area — the commissioner, its ICOs and their
// member practices, control practices, the trusts, social care, a hospice, a community nursing
// social enterprise and a risk partner — with their staff and the LSOAs patients live in.
// Internal to generate/.
//
//   World world;
//   BuildOrganisations(options, area_or_null, rng, &world);
#pragma once

#include "generate/area.h"
#include "generate/generator.h"
#include "generate/random.h"
#include "generate/world.h"

namespace continuum {

void BuildOrganisations(const GeneratorOptions& options, const Area* area, Random& rng,
                        World* world);

// Splits `total` into parts proportional to `weights`, each at least `minimum`, summing exactly.
std::vector<int64_t> Apportion(int64_t total, const std::vector<double>& weights, int64_t minimum);

}  // namespace continuum
