// Survey responses for the voice form's surveys (data/surveys/), written beside the data as
// voice_responses.csv for `continuum voice import`: each practice's patient Friends and Family
// Test responses month by month, and its staff's pulse survey responses each quarter the
// National Quarterly Pulse Survey runs (April, July, January). Practice quality (plants.h) moves
// both, so the practice planted with poor care stands out.
//
//   std::string csv = VoiceResponsesCsv(world, window, BuildStaff(world), seed, &responses);
//
// Published figures they follow:
// - NHS England's GP Friends and Family Test data for August 2022 (as reported by Pulse,
//   October 2022): 172,807 responses from 1,601 practices, about 108 a practice a month (so
//   about 1.1% of a list of 10,000 each month); 90% positive, 5% negative.
// - NHS Staff Survey 2023 (NHS England, March 2024): 48% of staff responded; 61.1% would
//   recommend their organisation as a place to work; 65.0% would be happy with its standard of
//   care for a friend or relative.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "generate/organisations.h"
#include "generate/staff.h"
#include "generate/window.h"
#include "model/voice_responses_file.h"

namespace continuum {

// The file's text, header included; `responses` is set to how many responses it holds.
std::string VoiceResponsesCsv(const World& world, const Window& window,
                              const std::vector<StaffMember>& staff, uint64_t seed,
                              int64_t* responses);

// The share of a practice's Friends and Family Test answers that are positive (very good or
// good), and of its staff who agree with a pulse question whose national share is `national`.
double FftPositiveShare(double practice_quality);
double StaffAgreeShare(double national, double practice_quality);

}  // namespace continuum
