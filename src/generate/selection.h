// Risk selection and coding intensity planted on an ICO (docs/calibration.md, planted truths 13
// and 14), for `continuum selection` to find.
//
// Risk selection: in one financial year
// the ICO's practices remove a share of their patients in the top decile of need, by
// practice-initiated removal, as a capitated provider that cherry-picks would. The evaluator's
// measures (`continuum selection`) must find it; with nothing planted they must find nothing.
//
//   --plant-selection ZICO1:0.02   // ZICO1 removes 2% of its top need decile over the year
//
// Need is what the ICO can see of a patient on the year's first day: the expected yearly cost of
// their GP, community and hospital care given age, sex, deprivation, recorded conditions and care
// at home or in a care home, with the latent frailty and propensity at their means — what a
// capitation model predicts. The top decile is the tenth of the ICO's registered patients with
// the highest need that day. Each of them is removed with the planted share's chance on a day
// of the year drawn at random, unless they have left by then; removed, they leave the data.
//
// Coding intensity:
//
//   --plant-upcoding ZICO1:5.9     // ZICO1 records 5.9% more conditions among its stayers
//
// In the same year, each patient registered with the ICO's practices on its first and last day
// (a stayer) is given conditions recorded that they do not have: as many as a Poisson draw with
// mean the percentage of the conditions they held on the first day, each one of the registers
// whose recording varies with effort (hypertension, diabetes, asthma, COPD, CHD, AF, CKD,
// depression, hypothyroidism) that they never have in the window, recorded on a day of the year
// drawn at random. They appear in conditions.csv, and so in the capitation weight and the
// registers, but change no one's care.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "generate/person.h"
#include "generate/plants.h"
#include "generate/simulation.h"

namespace continuum {

struct PlantedSelection {
  int ico = 0;           // index into World::icos
  double share = 0;      // the chance each top-decile patient is removed in the year
  int year = 0;          // the window year of the removals
  double threshold = 0;  // the lowest need in the top decile on the year's first day
};

// The window year an ICO removes patients in: the first whose first day and the first day of the
// year before both find its first practice a member, so that a year before can be compared.
// -1 when there is none.
int SelectionYear(const Simulation& sim, int ico);

// A person's need on `day`, in pounds a year (see above).
double NeedOn(const Simulation& sim, const Person& person, Day day);

// The index (into World::icos) of the ICO whose member practice the person is registered with on
// `day`, or -1 (not registered, dead, or with a practice in no ICO).
int IcoOn(const Simulation& sim, const Person& person, Day day);

struct PlantedUpcoding {
  int ico = 0;         // index into World::icos
  double percent = 0;  // conditions recorded beyond those held, per 100 held
  int year = 0;        // the window year they are recorded in
};

// Each plant's year and top decile, found by living every person's life course once (the
// main pass lives it again the same way). InvalidInput naming the ICO when it is unknown, the
// share is outside (0, 1] or the window has no year it could remove patients in.
Result<std::vector<PlantedSelection>> PrepareSelection(const Simulation& sim,
                                                       const std::vector<SelectionPlant>& plants);

// Each upcoding plant's year; InvalidInput as for PrepareSelection (a percentage must be above 0
// and at most 100), naming `option`. The care adjustments planted (care_adjustments.h) are
// prepared the same way.
Result<std::vector<PlantedUpcoding>> PrepareUpcoding(const Simulation& sim,
                                                     const std::vector<UpcodingPlant>& plants,
                                                     const char* option = "--plant-upcoding");

// Records conditions the person does not have when they stay through a planted year with its
// ICO; how many.
int PlantUpcoding(const Simulation& sim, int64_t index, Person* person);

// Removes the person from their list on a day of a planted year when they are in its ICO's top
// decile and the planted chance falls on them; whether it did.
bool PlantSelection(const Simulation& sim, int64_t index, Person* person);

}  // namespace continuum
