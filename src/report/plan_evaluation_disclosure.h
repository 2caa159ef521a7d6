// An analysis plan's evaluation as those under disclosure control see it (the commissioner's
// analysts and the programme's evaluators, on the web app's Evaluation page). The estimates are
// regression figures over many practices and periods, not counts, but an exact figure can be
// multiplied back into one: a balance mean of list size times the practices it is over is the
// pilots' exact registered count, and a share of them aged 65 and over times that count is an exact
// count of patients. So, as the other answers round counts to 5:
//   - a balance mean of list size is rounded to 5 (no better than the list sizes the overview
//     shows), and every balance figure to 3 significant figures;
//   - every other figure to 4 significant figures, the precision the plain-language summaries
//     already print;
//   - a per-pilot effect, and an effect with one pilot left out, resting on fewer than
//     kFewestPractices pilot practices is withheld: it would be one or two practices' effect, set
//     apart from the rest by differencing;
//   - the case-management analysis counts patients: its groups' sizes are rounded to 5 (the whole
//     of it withheld when a group has 7 or fewer), a share whose patients or the rest number 1 to
//     7 is withheld with its standardised difference, and so is a crude rate over 1 to 7 events.
// The rounding is a function of each figure alone, so the same figure rounds alike wherever it is
// shown.
//
//   PlanEvaluation shown = ControlPlanEvaluation(exact, population);
//   RenderPlanEvaluation(shown, OutputFormat::kJson);
#pragma once

#include "engine/population.h"
#include "evaluation/plan_evaluation.h"

namespace continuum {

inline constexpr int kFewestPractices = 3;

// `population` tells which pilot practices are whose (their ICO on the pilot's start).
PlanEvaluation ControlPlanEvaluation(const PlanEvaluation& exact, const Population& population);

// `x` to `digits` significant figures; not finite stays as it is.
double RoundSignificant(double x, int digits);

}  // namespace continuum
