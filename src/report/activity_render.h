// Renderings of the activity cube (engine/activity_cube.h): a text table, CSV or JSON, one row
// per practice, month and setting that has any activity.
//
//   std::string csv = RenderActivity(cube, population, OutputFormat::kCsv);
#pragma once

#include <string>

#include "engine/activity_cube.h"
#include "report/output_format.h"

namespace continuum {

std::string RenderActivity(const ActivityCube& cube, const Population& population,
                           OutputFormat format);

}  // namespace continuum
