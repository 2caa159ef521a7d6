#include "evaluation/plan_evaluation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include "core/parallel.h"
#include "core/quoted.h"
#include "core/random.h"
#include "engine/registered_on.h"
#include "evaluation/practice_outcomes.h"
#include "evaluation/practice_profile.h"
#include "stats/distributions.h"

namespace continuum {
namespace {

// A pilot's row that could not be estimated, with why.
PilotEffect NotEstimated(const std::string& ico, const Status& why) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  return {ico, EstimateRow{"overall", std::nullopt, std::nullopt, kNaN, kNaN, kNaN, kNaN},
          why.message()};
}

// How many of the workspace's ICOs an error names.
constexpr size_t kIcosNamed = 12;

// A unit of one estimate: a practice (its position among the measured ones) and the period its
// pilot started, or kNeverTreated.
struct PanelUnit {
  size_t practice;
  int32_t start;
};

struct Estimated {
  PanelEvaluation evaluation;
  PanelFile file;                 // the panel estimated (with Inference::kBootstrap)
  std::vector<size_t> practices;  // each of its units' practice, a position among the measured
  int32_t treated = 0, comparison = 0, dropped = 0;
  double treated_after = 0;  // mean outcome of treated practice-periods from the start
  double treated_years = 0;  // registered patient-years of those practice-periods
};

// How much of the panel evaluation an estimate needs.
enum class Inference {
  kBootstrap,  // everything EvaluatePanel gives: bootstrap intervals, event study, tests
  kOverall,    // the overall effect alone, with its bootstrap interval: for each pilot and the
               // placebos, which show no more
  kAnalytic,   // the overall effect alone, with its cluster-robust standard error and a normal
               // interval: for leave-one-pilot-out, whose range is all the report shows
};

// The staggered estimate of one outcome over `units` and the first `periods` periods, each
// practice its own cluster; units with a period the outcome cannot be measured in are left out.
Result<Estimated> Estimate(const PracticeOutcomes& measured, size_t outcome,
                           const std::vector<PanelUnit>& units, size_t periods,
                           const AnalysisPlan& plan, Inference inference = Inference::kBootstrap) {
  Estimated out;
  std::vector<const PanelUnit*> kept;
  for (const PanelUnit& unit : units) {
    bool complete = true;
    for (size_t k = 0; k < periods; ++k) {
      complete = complete && std::isfinite(measured.value(outcome, unit.practice, k));
    }
    if (complete) {
      kept.push_back(&unit);
    } else {
      ++out.dropped;
    }
  }
  PanelFile file;
  file.name = plan.file;
  file.panel = BalancedPanel(static_cast<int32_t>(kept.size()), static_cast<int32_t>(periods),
                             static_cast<int32_t>(kept.size()));
  for (size_t k = 0; k < periods; ++k) file.period_labels.push_back(static_cast<int64_t>(k) + 1);
  double after_sum = 0, after_count = 0;
  for (size_t u = 0; u < kept.size(); ++u) {
    file.panel.cluster[u] = static_cast<int32_t>(u);
    file.panel.first_treated[u] = kept[u]->start;
    (kept[u]->start == kNeverTreated ? out.comparison : out.treated) += 1;
    for (size_t k = 0; k < periods; ++k) {
      const double v = measured.value(outcome, kept[u]->practice, k);
      file.panel.at(static_cast<int32_t>(u), static_cast<int32_t>(k)) = v;
      if (kept[u]->start != kNeverTreated && static_cast<int32_t>(k) >= kept[u]->start) {
        after_sum += v;
        after_count += 1;
        out.treated_years += measured.patient_years[kept[u]->practice * measured.periods + k];
      }
    }
  }
  if (out.treated == 0 || out.comparison == 0) {
    return Status::InvalidInput(
        std::string(out.treated == 0 ? "no pilot practice" : "no comparison practice") +
        " can be measured in every period (" + std::to_string(out.dropped) +
        " practices have a period without patients, survey responses, deaths or whatever else "
        "the outcome counts; an outcome counted from a survey or from deaths may need longer "
        "periods, \"months\": 6 or 12)");
  }
  out.treated_after = after_count > 0 ? after_sum / after_count : 0;
  if (inference != Inference::kBootstrap) {
    if (file.panel.clusters < 4) return Status::InvalidInput("fewer than 4 practices to compare");
    auto did = EstimateStaggeredDid(file.panel, plan.comparison);
    if (!did.ok()) return did.status();
    EstimateRow overall{"overall", std::nullopt, std::nullopt, did->overall.estimate};
    if (inference == Inference::kAnalytic) {
      const double z = NormalQuantile(0.975);
      overall.std_error = ClusterRobustStandardError(did->overall);
      overall.ci_low = overall.estimate - z * overall.std_error;
      overall.ci_high = overall.estimate + z * overall.std_error;
    } else {
      const StaggeredDidBootstrap all = BootstrapRequestOf(*did);
      const BootstrapRequest request{{&all.targets.back(), 1}, all.bases, {}, {}};
      const WildClusterBootstrap boot = RunWildClusterBootstrap(
          request, {.replicates = plan.replicates, .seed = plan.seed, .level = 0.95});
      overall.std_error = boot.intervals[0].std_error;
      overall.ci_low = boot.intervals[0].ci_low;
      overall.ci_high = boot.intervals[0].ci_high;
    }
    out.evaluation.estimates.push_back(overall);
    return out;
  }
  PanelEvaluationOptions options;
  options.comparison = plan.comparison;
  options.bootstrap.replicates = plan.replicates;
  options.bootstrap.seed = plan.seed;
  auto evaluation = EvaluatePanel(file, options);
  if (!evaluation.ok()) return evaluation.status();
  out.evaluation = std::move(*evaluation);
  for (const PanelUnit* unit : kept) out.practices.push_back(unit->practice);
  out.file = std::move(file);
  return out;
}

// VanderWeele and Ding (Annals of Internal Medicine 167:268, 2017): the strength of association,
// as a risk ratio, that an unmeasured confounder would need with both the pilots and the outcome
// to explain the effect away.
double EValue(double ratio) {
  if (ratio < 1) ratio = 1 / ratio;
  return ratio + std::sqrt(ratio * (ratio - 1));
}

std::string Percent(double share) {
  char text[32];
  const double percent = std::round(share * 1000) / 10;  // no "-0.0%"
  std::snprintf(text, sizeof text, "%.1f%%", percent == 0 ? 0.0 : percent);
  return text;
}

// Pounds as a report states them, to the precision the estimate has: £7.3 million, £164,700.
std::string Pounds(double pounds) {
  const double size = std::fabs(pounds);
  char text[48];
  if (size >= 1e6) {
    std::snprintf(text, sizeof text, "£%.1f million", size / 1e6);
  } else {
    const long long hundreds = std::llround(size / 100) * 100;
    std::string digits = std::to_string(hundreds), grouped;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
      grouped += digits[i];
    }
    std::snprintf(text, sizeof text, "£%s", grouped.c_str());
  }
  return (pounds < 0 && size >= 50 ? "minus " : "") + std::string(text);
}

std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", value);
  return text;
}

// One paragraph for people: what changed, by how much, how sure, and what could break it.
// A placebo's finding: its estimate and interval beside the effect's, flagged when it excludes
// no effect or is half the effect's size or more.
std::string PlaceboSentence(const char* what, const EstimateRow& placebo,
                            const EstimateRow& effect) {
  const bool excludes_zero = placebo.ci_low > 0 || placebo.ci_high < 0;
  // A placebo as large as half an effect the data detect casts doubt on it; beside an effect the
  // data cannot tell from none, its size says nothing more.
  const bool detected = effect.ci_low > 0 || effect.ci_high < 0;
  const bool large = detected && std::fabs(placebo.estimate) >= 0.5 * std::fabs(effect.estimate);
  return std::string(" ") + what + " gives " + Number(placebo.estimate) + " (" +
         Number(placebo.ci_low) + " to " + Number(placebo.ci_high) + ")" +
         (excludes_zero ? ", an effect where there should be none: a warning"
          : large ? ", no detectable effect but half the size of the effect or more: a warning"
                  : ", no detectable effect") +
         ".";
}

// One paragraph for people: what changed, by how much, how sure, and what could break it.
std::string Summarise(const OutcomeEstimate& o) {
  const OutcomeDefinition& d = *o.outcome;
  if (!o.not_estimated.empty()) return d.title + ": not estimated: " + o.not_estimated + ".";
  const EstimateRow& e = o.programme;
  const bool covers_zero = e.ci_low <= 0 && 0 <= e.ci_high;
  const bool percentage = d.unit.rfind("%", 0) == 0;
  std::string s = d.title + " (" + d.unit + "): ";
  const std::string direction = e.estimate >= 0 ? "up " : "down ";
  if (percentage) {
    // A share's change is told in percentage points, not as a share of itself.
    s += direction + Number(std::fabs(e.estimate)) + " percentage points (95% interval " +
         Number(e.ci_low) + " to " + Number(e.ci_high) + ")";
  } else if (o.relative) {
    s += direction + Percent(std::fabs(*o.relative)) + " (95% interval " +
         Percent(*o.relative_low) + " to " + Percent(*o.relative_high) + ")";
  } else {
    s += direction + Number(std::fabs(e.estimate)) + " (95% interval " + Number(e.ci_low) + " to " +
         Number(e.ci_high) + ")";
  }
  s += " in the pilots' practices against matched comparison practices: " +
       std::string(covers_zero                             ? "no change the data can detect"
                   : (e.estimate < 0) == d.lower_is_better ? "an improvement"
                                                           : "a change for the worse") +
       ".";
  if (!o.pre_trend_p_value) {
    s += " Whether the trends differed before the start could not be tested (a start needs two "
         "periods before it).";
  } else if (*o.pre_trend_p_value < 0.05) {
    s += " Before the pilots started their trends already differed (p = " +
         Number(*o.pre_trend_p_value) + "), which could explain it.";
  } else {
    s += " Before the pilots started the trends did not differ detectably (p = " +
         Number(*o.pre_trend_p_value) + ").";
  }
  if (o.placebo_in_time) {
    s += PlaceboSentence("A false start earlier", *o.placebo_in_time, e);
  } else if (!o.placebo_in_time_not_run.empty()) {
    s += " No false earlier start was tried: " + o.placebo_in_time_not_run + ".";
  }
  if (o.placebo_in_space) {
    s += PlaceboSentence("Treating comparison practices as pilots", *o.placebo_in_space, e);
  } else if (!o.placebo_in_space_not_run.empty()) {
    s += " Comparison practices were not treated as pilots: " + o.placebo_in_space_not_run + ".";
  }
  if (!o.leave_one_out.empty()) {
    double low = std::numeric_limits<double>::infinity(), high = -low;
    size_t missing = 0;
    for (const PilotEffect& p : o.leave_one_out) {
      if (!p.not_estimated.empty()) {
        ++missing;
        continue;
      }
      low = std::min(low, p.effect.estimate);
      high = std::max(high, p.effect.estimate);
    }
    if (missing < o.leave_one_out.size()) {
      s += " Leaving out one pilot at a time gives " + Number(low) + " to " + Number(high);
      s += missing ? " (" + std::to_string(missing) + " of the " +
                         std::to_string(o.leave_one_out.size()) + " could not be estimated)."
                   : ".";
    } else {
      s += " Leaving out one pilot at a time could not be estimated: " +
           o.leave_one_out[0].not_estimated + ".";
    }
  }
  if (o.e_value && !covers_zero) {
    s += " An unmeasured confounder would need a risk ratio of about " + Number(*o.e_value) +
         " with both the pilots and the outcome to explain the effect away (" +
         Number(o.e_value_interval.value_or(1)) + " to move the interval to include none).";
  }
  return s;
}

// Every ICO of the workspace as a pilot from the day its first member joined, moved to the next
// period's first day when it falls within one; an ICO that was live before the second period or
// only after the last is left out, with a warning.
std::vector<PilotPlan> EveryIco(const Population& p, const std::vector<Day>& starts,
                                std::vector<std::string>* warnings) {
  const OrganisationColumns& orgs = p.organisations;
  std::map<uint32_t, Day> joined;  // ICO -> first day a member joined
  for (uint32_t org = 0; org < orgs.size(); ++org) {
    if (orgs.kind[org] != static_cast<uint8_t>(OrgKind::kIco)) continue;
    joined[org] = kNoDay;
  }
  for (size_t m = 0; m < p.memberships.size(); ++m) {
    Day& day = joined[p.memberships.ico[m]];
    day = std::min(day, p.memberships.start[m]);
  }
  std::vector<PilotPlan> pilots;
  for (const auto& [ico, day] : joined) {
    const std::string& id = orgs.ids.Value(ico);
    if (day == kNoDay || day <= starts[1] - 1) {
      warnings->push_back(id + " is left out: it was live " +
                          (day == kNoDay ? std::string("throughout (no dated memberships)")
                                         : "from " + FormatDate(day)) +
                          ", so no period of the plan comes before it");
      continue;
    }
    const auto next = std::lower_bound(starts.begin(), starts.end() - 1, day);
    if (next == starts.end() - 1) {
      warnings->push_back(id + " is left out: it went live on " + FormatDate(day) +
                          ", after the plan's last period began");
      continue;
    }
    if (*next != day) {
      warnings->push_back(id + " went live on " + FormatDate(day) + "; it is counted from " +
                          FormatDate(*next) + ", the next period's first day");
    }
    pilots.push_back({id, *next, "pilots (every_ico: " + id + ")"});
  }
  return pilots;
}

}  // namespace

Result<PlanEvaluation> EvaluatePlan(const Population& p, const AnalysisPlan& plan,
                                    const std::vector<OutcomeDefinition>& catalogue,
                                    std::span<const VoiceResponse> responses) {
  PlanEvaluation out;
  out.plan = &plan;
  out.period_starts = plan.PeriodStarts();
  const std::vector<Day>& starts = out.period_starts;
  const size_t periods = starts.size() - 1;
  const OrganisationColumns& orgs = p.organisations;
  if (p.events.size() == 0 || plan.from < p.events.first_day || plan.to > p.events.last_day) {
    return Status::InvalidInput(
        plan.file + ", field periods: the periods run from " + FormatDate(plan.from) + " to " +
        FormatDate(plan.to) + ", outside the workspace's activity (" +
        (p.events.size() ? FormatDate(p.events.first_day) + " to " + FormatDate(p.events.last_day)
                         : std::string("none")) +
        ")");
  }

  // The pilots' member practices on their start days.
  out.pilots = plan.every_ico ? EveryIco(p, starts, &out.warnings) : plan.pilots;
  const std::vector<PilotPlan>& pilots = out.pilots;
  if (pilots.empty()) {
    std::string why;
    for (const std::string& w : out.warnings) why += "\n" + w;
    return Status::InvalidInput(plan.file +
                                ", field pilots: no ICO of the workspace went live within the "
                                "plan's periods, after its first:" +
                                why);
  }
  std::vector<uint32_t> measured_practices;
  std::vector<int32_t> pilot_start;  // period index, by pilot
  std::vector<std::vector<size_t>> pilot_members;
  for (const PilotPlan& pilot : pilots) {
    const uint32_t ico = orgs.ids.Find(pilot.ico);
    if (ico == Dictionary::kMissing || orgs.kind[ico] != static_cast<uint8_t>(OrgKind::kIco)) {
      std::vector<std::string> icos;
      for (uint32_t org = 0; org < orgs.size(); ++org) {
        if (orgs.kind[org] == static_cast<uint8_t>(OrgKind::kIco))
          icos.push_back(orgs.ids.Value(org));
      }
      std::sort(icos.begin(), icos.end());
      std::string known;
      for (size_t i = 0; i < icos.size() && i < kIcosNamed; ++i) known += (i ? ", " : "") + icos[i];
      if (icos.size() > kIcosNamed)
        known += " and " + std::to_string(icos.size() - kIcosNamed) + " more";
      return Status::InvalidInput(
          plan.file + ", field " + pilot.path + ".ico: " + Quoted(pilot.ico) +
          " is not an ICO in the workspace" +
          (icos.empty() ? std::string(", which has none") : "; its ICOs are " + known));
    }
    const int32_t start =
        static_cast<int32_t>(std::find(starts.begin(), starts.end(), pilot.start) - starts.begin());
    std::vector<size_t> members;
    for (uint32_t org = 0; org < orgs.size(); ++org) {
      if (orgs.kind[org] == static_cast<uint8_t>(OrgKind::kPractice) &&
          p.IcoOn(org, pilot.start) == ico) {
        // A practice that moved between two pilots counts for the first it joined.
        if (std::find(measured_practices.begin(), measured_practices.end(), org) !=
            measured_practices.end()) {
          out.warnings.push_back(orgs.ids.Value(org) + " was a member of " + pilot.ico +
                                 " on its start but is counted for the pilot it joined first");
          continue;
        }
        members.push_back(measured_practices.size());
        measured_practices.push_back(org);
        out.pilot_practices.push_back(orgs.ids.Value(org));
      }
    }
    if (members.empty()) {
      return Status::InvalidInput(plan.file + ", field " + pilot.path + ": " + Quoted(pilot.ico) +
                                  " has no member practice on its start, " +
                                  FormatDate(pilot.start));
    }
    // A start later than the day its practices joined leaves periods before it partly treated.
    Day joined = kNoDay;
    for (size_t m = 0; m < p.memberships.size(); ++m) {
      if (p.memberships.ico[m] == ico) joined = std::min(joined, p.memberships.start[m]);
    }
    if (joined != kNoDay && joined < pilot.start) {
      out.warnings.push_back(pilot.ico + "'s practices joined it on " + FormatDate(joined) +
                             ", before the plan's start of " + FormatDate(pilot.start) +
                             ": the periods between count as before the pilot though it was live");
    }
    pilot_start.push_back(start);
    pilot_members.push_back(std::move(members));
  }

  // The pool: practices in no ICO on any day of the periods' starts or the last day.
  std::vector<uint32_t> pool;
  for (uint32_t org = 0; org < orgs.size(); ++org) {
    if (orgs.kind[org] != static_cast<uint8_t>(OrgKind::kPractice)) continue;
    bool outside = p.IcoOn(org, plan.to) == Dictionary::kMissing;
    for (const Day day : starts)
      outside = outside && (day > plan.to || p.IcoOn(org, day) == Dictionary::kMissing);
    if (outside) {
      pool.push_back(org);
      out.pool_practices.push_back(orgs.ids.Value(org));
    }
  }
  if (pool.empty()) {
    return Status::InvalidInput(plan.file +
                                ": no practice in the workspace stays outside every "
                                "ICO through the periods, so there is nothing to compare with");
  }

  // Matching on the baseline, before the first start.
  const int32_t first_start = *std::min_element(pilot_start.begin(), pilot_start.end());
  // One pass over the rows for pilots and pool together, then split.
  std::vector<uint32_t> profiled = measured_practices;
  profiled.insert(profiled.end(), pool.begin(), pool.end());
  auto profiles = PracticeProfiles(p, profiled, plan, first_start, catalogue);
  if (!profiles.ok()) return profiles.status();
  const auto pilots_end =
      profiles->begin() + static_cast<std::ptrdiff_t>(measured_practices.size());
  const std::vector<std::vector<double>> treated_profile(profiles->begin(), pilots_end);
  const std::vector<std::vector<double>> pool_profile(pilots_end, profiles->end());
  const Matching matching = MatchNearest(treated_profile, pool_profile, plan.matches, plan.caliper);
  out.balance = BalanceTable(ProfileNames(plan), treated_profile, pool_profile, matching);
  for (const int32_t t : matching.unmatched) {
    out.unmatched_practices.push_back(orgs.ids.Value(measured_practices[t]));
  }
  for (size_t i = 0; i < pilots.size(); ++i) {
    bool any = false;
    for (const size_t m : pilot_members[i]) any = any || !matching.matches[m].empty();
    if (!any) {
      double nearest = std::numeric_limits<double>::infinity();
      for (const size_t m : pilot_members[i]) nearest = std::min(nearest, matching.nearest[m]);
      return Status::InvalidInput(
          plan.file + ", field " + pilots[i].path + ": no comparison practice lies within the " +
          "caliper (" + Number(plan.caliper) + ") of any practice of " + Quoted(pilots[i].ico) +
          "; the nearest lies at " + Number(nearest) +
          ": widen comparison.caliper or match on fewer characteristics");
    }
  }
  if (matching.comparison.size() < pilots.size()) {
    return Status::InvalidInput(plan.file + ", field comparison: matching leaves " +
                                std::to_string(matching.comparison.size()) +
                                " comparison practices for " + std::to_string(pilots.size()) +
                                " pilots; widen the caliper or ask for more matches");
  }
  // The matched comparison practices join the measured ones after the pilots' practices.
  std::vector<size_t> comparison_at(pool.size(), 0);
  for (const int32_t c : matching.comparison) {
    comparison_at[c] = measured_practices.size();
    measured_practices.push_back(pool[c]);
    out.comparison_practices.push_back(orgs.ids.Value(pool[c]));
  }
  for (const BalanceRow& row : out.balance) {
    if (row.imbalanced) {
      out.warnings.push_back("After matching " + row.variable +
                             " still differs between pilots and comparison (standardised mean "
                             "difference " +
                             Number(row.smd_after) + ", above 0.1)");
    }
  }
  if (!out.unmatched_practices.empty()) {
    out.warnings.push_back(
        std::to_string(out.unmatched_practices.size()) +
        (out.unmatched_practices.size() == 1 ? " pilot practice has" : " pilot practices have") +
        " no comparison within the caliper and " +
        (out.unmatched_practices.size() == 1 ? "is" : "are") + " left out of every estimate");
  }

  auto measured = MeasurePracticeOutcomes(p, measured_practices, starts, plan.outcomes, responses);
  if (!measured.ok()) return measured.status();

  // The units of each estimate.
  auto pilot_units = [&](size_t pilot, std::vector<PanelUnit>* units, std::vector<char>* used) {
    for (const size_t m : pilot_members[pilot]) {
      if (matching.matches[m].empty()) continue;
      units->push_back({m, pilot_start[pilot]});
      for (const int32_t c : matching.matches[m]) (*used)[c] = 1;
    }
  };
  auto comparisons = [&](const std::vector<char>& used, std::vector<PanelUnit>* units) {
    for (const int32_t c : matching.comparison) {
      if (used[c]) units->push_back({comparison_at[c], kNeverTreated});
    }
  };
  std::vector<PanelUnit> programme;
  std::vector<char> all_used(pool.size(), 0);
  for (size_t i = 0; i < pilots.size(); ++i) pilot_units(i, &programme, &all_used);
  comparisons(all_used, &programme);

  // Each outcome with its tests.
  auto estimate_outcome = [&](size_t o) {
    OutcomeEstimate estimate;
    estimate.outcome = plan.outcomes[o];
    auto main = Estimate(*measured, o, programme, periods, plan);
    if (!main.ok()) {
      estimate.not_estimated = main.status().message();
      estimate.summary = Summarise(estimate);
      return estimate;
    }
    const PanelEvaluation& e = main->evaluation;
    // The panel, with each unit and cluster named by its practice, as evaluate --panel reads it.
    estimate.panel = std::move(main->file);
    for (const size_t at : main->practices) {
      estimate.panel.unit_names.push_back(orgs.ids.Value(measured->practices[at]));
    }
    estimate.panel.cluster_names = estimate.panel.unit_names;
    estimate.treated_practices = main->treated;
    estimate.comparison_practices = main->comparison;
    estimate.dropped_practices = main->dropped;
    estimate.programme = e.estimates.back();
    if (e.pre_trend_tested) estimate.pre_trend_p_value = e.pre_trend_p_value;
    for (const EstimateRow& row : e.estimates) {
      if (row.estimand == "event") estimate.event_study.push_back(row);
    }
    estimate.warnings = e.warnings;
    if (main->dropped > 0) {
      estimate.warnings.push_back(
          std::to_string(main->dropped) + (main->dropped == 1 ? " practice is" : " practices are") +
          " left out: the outcome cannot be measured for it in every period (no patients, survey "
          "responses, deaths or whatever else it counts)");
    }
    estimate.treated_after = main->treated_after;
    if (estimate.outcome->kind == OutcomeKind::kCostPerHead) {
      // Pounds a head a year times the pilots' patient-years since their starts: what they spent
      // beyond what the comparison implies.
      const EstimateRow& e = estimate.programme;
      estimate.spend_against_comparison = EstimateRow{"spend",
                                                      std::nullopt,
                                                      std::nullopt,
                                                      e.estimate * main->treated_years,
                                                      e.std_error * main->treated_years,
                                                      e.ci_low * main->treated_years,
                                                      e.ci_high * main->treated_years};
    }
    estimate.counterfactual = main->treated_after - estimate.programme.estimate;
    if (estimate.counterfactual > 0 && main->treated_after > 0) {
      estimate.relative = estimate.programme.estimate / estimate.counterfactual;
      estimate.relative_low = estimate.programme.ci_low / estimate.counterfactual;
      estimate.relative_high = estimate.programme.ci_high / estimate.counterfactual;
      if (plan.e_value) {
        estimate.e_value = EValue(main->treated_after / estimate.counterfactual);
        const double nearest = estimate.programme.estimate >= 0 ? estimate.programme.ci_low
                                                                : estimate.programme.ci_high;
        const bool crosses = estimate.programme.ci_low <= 0 && 0 <= estimate.programme.ci_high;
        estimate.e_value_interval =
            crosses ? 1.0 : EValue((estimate.counterfactual + nearest) / estimate.counterfactual);
      }
    }

    // Each pilot against its own matches.
    for (size_t i = 0; i < pilots.size() && pilots.size() > 1; ++i) {
      std::vector<PanelUnit> units;
      std::vector<char> used(pool.size(), 0);
      pilot_units(i, &units, &used);
      comparisons(used, &units);
      auto one = Estimate(*measured, o, units, periods, plan, Inference::kOverall);
      estimate.pilots.push_back(
          one.ok() ? PilotEffect{pilots[i].ico, one->evaluation.estimates.back(), ""}
                   : NotEstimated(pilots[i].ico, one.status()));
    }
    if (pilots.size() == 1) estimate.pilots.push_back({pilots[0].ico, estimate.programme});

    // A false start: each pilot placebo_periods_before periods early, on the periods before the
    // first real start; pilots whose false start would not fall in them are left out.
    if (plan.placebo_periods_before > 0 && first_start - plan.placebo_periods_before < 1) {
      estimate.placebo_in_time_not_run = "the first pilot starts in period " +
                                         std::to_string(first_start + 1) + ", so a start " +
                                         std::to_string(plan.placebo_periods_before) +
                                         " periods earlier would leave no period before it";
    } else if (plan.placebo_periods_before > 0) {
      std::vector<PanelUnit> units;
      std::vector<char> used(pool.size(), 0);
      for (size_t i = 0; i < pilots.size(); ++i) {
        const int32_t fake = pilot_start[i] - plan.placebo_periods_before;
        if (fake >= first_start) continue;
        std::vector<PanelUnit> these;
        pilot_units(i, &these, &used);
        for (PanelUnit& u : these) u.start = fake;
        units.insert(units.end(), these.begin(), these.end());
      }
      comparisons(used, &units);
      auto placebo = Estimate(*measured, o, units, first_start, plan, Inference::kOverall);
      if (placebo.ok()) {
        estimate.placebo_in_time = placebo->evaluation.estimates.back();
      } else {
        estimate.placebo_in_time_not_run = placebo.status().message();
      }
    }
    // Comparison practices as pilots: half of them, chosen by the plan's seed, given the first
    // pilot's start, against the other half.
    if (plan.placebo_in_space && matching.comparison.size() < 4) {
      estimate.placebo_in_space_not_run =
          "it needs 4 matched comparison practices, two to treat and two to compare with, and "
          "there are " +
          std::to_string(matching.comparison.size());
    } else if (plan.placebo_in_space) {
      std::vector<int32_t> order = matching.comparison;
      Rng rng = Rng::ForStream(plan.seed, 0x5ace);
      for (size_t i = order.size() - 1; i > 0; --i) {
        std::swap(order[i], order[rng.Next() % (i + 1)]);
      }
      std::vector<PanelUnit> units;
      for (size_t i = 0; i < order.size(); ++i) {
        units.push_back(
            {comparison_at[order[i]], i < order.size() / 2 ? first_start : kNeverTreated});
      }
      auto placebo = Estimate(*measured, o, units, periods, plan, Inference::kOverall);
      if (placebo.ok()) {
        estimate.placebo_in_space = placebo->evaluation.estimates.back();
      } else {
        estimate.placebo_in_space_not_run = placebo.status().message();
      }
    }
    // The programme without each pilot in turn.
    if (plan.leave_one_pilot_out && pilots.size() > 1) {
      for (size_t left = 0; left < pilots.size(); ++left) {
        std::vector<PanelUnit> units;
        std::vector<char> used(pool.size(), 0);
        for (size_t i = 0; i < pilots.size(); ++i) {
          if (i != left) pilot_units(i, &units, &used);
        }
        comparisons(used, &units);
        auto without = Estimate(*measured, o, units, periods, plan, Inference::kAnalytic);
        estimate.leave_one_out.push_back(
            without.ok() ? PilotEffect{pilots[left].ico, without->evaluation.estimates.back(), ""}
                         : NotEstimated(pilots[left].ico, without.status()));
      }
    }
    estimate.summary = Summarise(estimate);
    return estimate;
  };
  // The outcomes side by side, and the case-management analysis beside them.
  std::vector<OutcomeEstimate> estimates(plan.outcomes.size());
  std::optional<Result<CaseManagementEvaluation>> case_management;
  ParallelFor(plan.outcomes.size() + 1, [&](size_t task) {
    if (task > 0) {
      estimates[task - 1] = estimate_outcome(task - 1);
    } else if (plan.case_management) {
      std::vector<CaseManagementPilot> managed;
      for (const PilotPlan& pilot : pilots) {
        managed.push_back({orgs.ids.Find(pilot.ico), pilot.ico, pilot.start});
      }
      case_management =
          EvaluateCaseManagement(p, *plan.case_management, managed, pool, plan.to, plan.file);
    }
  });
  for (OutcomeEstimate& estimate : estimates) {
    if (estimate.spend_against_comparison) {
      const EstimateRow& spend = *estimate.spend_against_comparison;
      const bool saving = spend.ci_high<0, cost = spend.ci_low> 0;
      out.commissioner_benefit.push_back(
          estimate.outcome->title + ": the care of the patients of the " +
          std::to_string(estimate.treated_practices) + " pilot practices measured cost " +
          Pounds(std::fabs(spend.estimate)) + (spend.estimate >= 0 ? " more" : " less") +
          " since their starts than the comparison "
          "implies (95% interval " +
          Pounds(spend.ci_low) + " to " + Pounds(spend.ci_high) + "): " +
          (saving ? "a saving to the commissioner"
           : cost ? "a cost to the commissioner"
                  : "no difference the data can detect") +
          ".");
    }
    out.outcomes.push_back(std::move(estimate));
  }
  const size_t estimated =
      std::count_if(out.outcomes.begin(), out.outcomes.end(),
                    [](const OutcomeEstimate& o) { return o.not_estimated.empty(); });
  if (estimated >= 5) {
    out.warnings.push_back(std::to_string(estimated) +
                           " outcomes are estimated, each with a 95% interval: about one in twenty "
                           "would exclude no change by chance alone, so read a lone finding among "
                           "many with care");
  }
  if (case_management) {
    if (!case_management->ok()) return case_management->status();
    out.case_management = std::move(**case_management);
  }
  if (!out.commissioner_benefit.empty()) {
    out.commissioner_benefit.push_back(
        "What each pilot owes or is owed under its risk-share contract is continuum settle's "
        "(docs/finance.md).");
  }
  return out;
}

}  // namespace continuum
