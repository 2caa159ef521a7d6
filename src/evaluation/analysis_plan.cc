#include "evaluation/analysis_plan.h"

#include <algorithm>

#include "core/quoted.h"

namespace continuum {
namespace {

constexpr int32_t kFewestReplicates = 99;

Result<int64_t> WholeNumber(const JsonObject& object, std::string_view name, int64_t low,
                            int64_t high) {
  auto value = object.Required(name);
  if (!value.ok()) return value.status();
  auto number = value->Integer();
  if (!number.ok()) return number.status();
  if (*number < low || *number > high) {
    return value->Error("must be from " + std::to_string(low) + " to " + std::to_string(high));
  }
  return *number;
}

}  // namespace

std::vector<Day> AnalysisPlan::PeriodStarts() const {
  std::vector<Day> starts;
  for (int k = 0;; ++k) {
    starts.push_back(AddMonths(from, period_months * k));
    if (starts.back() > to) return starts;
  }
}

Result<AnalysisPlan> ReadAnalysisPlan(const JsonDocument& document,
                                      const std::vector<OutcomeDefinition>& catalogue) {
  AnalysisPlan plan;
  plan.file = document.file_name();
  auto root = document.root().Object({"name", "pilots", "comparison", "periods", "outcomes",
                                      "estimator", "tests", "case_management"});
  if (!root.ok()) return root.status();
  auto name = root->String("name");
  if (!name.ok()) return name.status();
  plan.name = *name;

  // Periods first: the pilots' starts are checked against them.
  auto periods = root->Object("periods", {"from", "to", "months"});
  if (!periods.ok()) return periods.status();
  auto from = periods->Date("from");
  if (!from.ok()) return from.status();
  auto to = periods->Date("to");
  if (!to.ok()) return to.status();
  if (periods->Has("months")) {
    auto months = WholeNumber(*periods, "months", 1, 12);
    if (!months.ok()) return months.status();
    plan.period_months = static_cast<int32_t>(*months);
  }
  plan.from = *from;
  plan.to = *to;
  if (plan.to < plan.from) return periods->Required("to")->Error("comes before 'from'");
  const std::vector<Day> starts = plan.PeriodStarts();
  // `to` must be the last day of a period.
  if (starts.size() < 3 || starts.back() != plan.to + 1) {
    // The last day of a period nearest the one given, at least two periods on.
    const size_t after = std::max<size_t>(starts.size(), 3);
    const Day later =
        AddMonths(plan.from, static_cast<int32_t>(after - 1) * plan.period_months) - 1;
    const Day earlier =
        AddMonths(plan.from, static_cast<int32_t>(after - 2) * plan.period_months) - 1;
    const Day nearest = after > 3 && plan.to - earlier <= later - plan.to ? earlier : later;
    return periods->Required("to")->Error(
        "the periods run " + std::to_string(plan.period_months) + " months at a time from " +
        FormatDate(plan.from) +
        ", so 'to' must be the last day of one of them, at least two "
        "periods on (" +
        FormatDate(AddMonths(plan.from, 2 * plan.period_months) - 1) + ", " +
        FormatDate(AddMonths(plan.from, 3 * plan.period_months) - 1) + ", ...); the nearest to " +
        FormatDate(plan.to) + " is " + FormatDate(nearest));
  }

  auto pilots_field = root->Required("pilots");
  if (!pilots_field.ok()) return pilots_field.status();
  if (pilots_field->type() == JsonType::kString) {
    auto every = pilots_field->String();
    if (*every != "every_ico") {
      return pilots_field->Error("is a list of {\"ico\", \"start\"} or \"every_ico\"");
    }
    plan.every_ico = true;
  } else {
    auto pilots = pilots_field->Array();
    if (!pilots.ok()) return pilots.status();
    if (pilots->empty()) return pilots_field->Error("names no pilot");
    for (const JsonValue& value : *pilots) {
      auto pilot = value.Object({"ico", "start"});
      if (!pilot.ok()) return pilot.status();
      auto ico = pilot->String("ico");
      if (!ico.ok()) return ico.status();
      auto start = pilot->Date("start");
      if (!start.ok()) return start.status();
      if (std::find(starts.begin() + 1, starts.end() - 1, *start) == starts.end() - 1) {
        return pilot->Required("start")->Error(
            "a pilot must start on the first day of a period after the first (periods of " +
            std::to_string(plan.period_months) + " months from " + FormatDate(plan.from) + " to " +
            FormatDate(plan.to) + "), so that there is a period before it to compare with");
      }
      for (const PilotPlan& other : plan.pilots) {
        if (other.ico == *ico) return pilot->Required("ico")->Error("names a pilot twice");
      }
      plan.pilots.push_back({*ico, *start, value.path()});
    }
  }

  if (root->Has("comparison")) {
    auto comparison = root->Object("comparison", {"match_on", "matches", "caliper"});
    if (!comparison.ok()) return comparison.status();
    if (comparison->Has("match_on")) {
      auto variables = comparison->Array("match_on");
      if (!variables.ok()) return variables.status();
      if (variables->empty()) {
        return comparison->Required("match_on")
            ->Error(
                "names nothing to match on; leave the field out for the default characteristics");
      }
      for (const JsonValue& v : *variables) {
        auto which = v.OneOf(kMatchVariableCodes);
        if (!which.ok()) return which.status();
        const auto variable = static_cast<MatchVariable>(*which);
        if (std::find(plan.match_on.begin(), plan.match_on.end(), variable) !=
            plan.match_on.end()) {
          return v.Error("is named twice");
        }
        plan.match_on.push_back(variable);
      }
    }
    if (comparison->Has("matches")) {
      auto matches = WholeNumber(*comparison, "matches", 1, 20);
      if (!matches.ok()) return matches.status();
      plan.matches = static_cast<int32_t>(*matches);
    }
    if (comparison->Has("caliper")) {
      auto caliper = comparison->Number("caliper");
      if (!caliper.ok()) return caliper.status();
      if (!(*caliper > 0)) return comparison->Required("caliper")->Error("must be above 0");
      plan.caliper = *caliper;
    }
  }
  if (plan.match_on.empty()) {
    plan.match_on = {MatchVariable::kListSize,
                     MatchVariable::kAged65Plus,
                     MatchVariable::kDeprivation,
                     MatchVariable::kConditions,
                     MatchVariable::kPriorEmergencyAdmissions,
                     MatchVariable::kPriorCostPerHead};
  }

  auto outcomes = root->Array("outcomes");
  if (!outcomes.ok()) return outcomes.status();
  if (outcomes->empty()) return root->Required("outcomes")->Error("names no outcome");
  for (const JsonValue& value : *outcomes) {
    auto id = value.String();
    if (!id.ok()) return id.status();
    const OutcomeDefinition* outcome = FindOutcome(catalogue, *id);
    if (outcome == nullptr) {
      std::string known;
      for (const OutcomeDefinition& o : catalogue) known += (known.empty() ? "" : ", ") + o.id;
      return value.Error(Quoted(*id) + " is not an outcome Continuum measures; it knows " + known);
    }
    if (std::find(plan.outcomes.begin(), plan.outcomes.end(), outcome) != plan.outcomes.end()) {
      return value.Error(Quoted(*id) + " is named twice");
    }
    plan.outcomes.push_back(outcome);
  }

  if (root->Has("estimator")) {
    auto estimator = root->Object("estimator", {"comparison", "replicates", "seed"});
    if (!estimator.ok()) return estimator.status();
    if (estimator->Has("comparison")) {
      static constexpr std::string_view kComparisons[] = {"never_treated", "not_yet_treated"};
      auto which = estimator->Required("comparison")->OneOf(kComparisons);
      if (!which.ok()) return which.status();
      plan.comparison =
          *which == 0 ? ComparisonUnits::kNeverTreated : ComparisonUnits::kNotYetTreated;
    }
    if (estimator->Has("replicates")) {
      auto replicates = WholeNumber(*estimator, "replicates", kFewestReplicates, 99999);
      if (!replicates.ok()) return replicates.status();
      plan.replicates = static_cast<int32_t>(*replicates);
    }
    if (estimator->Has("seed")) {
      auto seed = WholeNumber(*estimator, "seed", 0, INT64_MAX);
      if (!seed.ok()) return seed.status();
      plan.seed = static_cast<uint64_t>(*seed);
    }
  }
  if (root->Has("tests")) {
    auto tests = root->Object(
        "tests", {"placebo_periods_before", "placebo_in_space", "leave_one_pilot_out", "e_value"});
    if (!tests.ok()) return tests.status();
    if (tests->Has("placebo_periods_before")) {
      auto before = WholeNumber(*tests, "placebo_periods_before", 0, 12);
      if (!before.ok()) return before.status();
      plan.placebo_periods_before = static_cast<int32_t>(*before);
    }
    for (auto [field, flag] : {std::pair{"placebo_in_space", &plan.placebo_in_space},
                               std::pair{"leave_one_pilot_out", &plan.leave_one_pilot_out},
                               std::pair{"e_value", &plan.e_value}}) {
      if (!tests->Has(field)) continue;
      auto value = tests->Boolean(field);
      if (!value.ok()) return value.status();
      *flag = *value;
    }
  }
  if (root->Has("case_management")) {
    auto section = root->Object("case_management",
                                {"min_age", "min_emergency_admissions", "found_on", "outcomes"});
    if (!section.ok()) return section.status();
    CaseManagementPlan cm;
    if (section->Has("min_age")) {
      auto age = WholeNumber(*section, "min_age", 0, 120);
      if (!age.ok()) return age.status();
      cm.min_age = static_cast<int32_t>(*age);
    }
    if (section->Has("min_emergency_admissions")) {
      auto admissions = WholeNumber(*section, "min_emergency_admissions", 0, 50);
      if (!admissions.ok()) return admissions.status();
      cm.min_emergency_admissions = static_cast<int32_t>(*admissions);
    }
    if (section->Has("found_on")) {
      auto day = section->Date("found_on");
      if (!day.ok()) return day.status();
      if (*day <= plan.from || *day > plan.to) {
        return section->Required("found_on")
            ->Error("must fall after the periods' first day and on or before their last, " +
                    FormatDate(plan.to));
      }
      cm.found_on = *day;
    }
    if (section->Has("outcomes")) {
      auto outcomes = section->Array("outcomes");
      if (!outcomes.ok()) return outcomes.status();
      if (outcomes->empty()) {
        return section->Required("outcomes")
            ->Error("names no outcome; leave the field out for the default three");
      }
      for (const JsonValue& value : *outcomes) {
        auto id = value.String();
        if (!id.ok()) return id.status();
        const OutcomeDefinition* outcome = FindOutcome(catalogue, *id);
        if (outcome == nullptr || (outcome->kind != OutcomeKind::kActivityRate &&
                                   outcome->kind != OutcomeKind::kCostPerHead)) {
          std::string known;
          for (const OutcomeDefinition& o : catalogue) {
            if (o.kind == OutcomeKind::kActivityRate || o.kind == OutcomeKind::kCostPerHead) {
              known += (known.empty() ? "" : ", ") + o.id;
            }
          }
          return value.Error(Quoted(*id) +
                             " is not a patient's activity or cost outcome; case management is "
                             "evaluated on " +
                             known);
        }
        if (std::find(cm.outcomes.begin(), cm.outcomes.end(), outcome) != cm.outcomes.end()) {
          return value.Error(Quoted(*id) + " is named twice");
        }
        cm.outcomes.push_back(outcome);
      }
    } else {
      for (const char* id :
           {"emergency_admissions", "elective_admissions", "outpatient_attendances"}) {
        const OutcomeDefinition* outcome = FindOutcome(catalogue, id);
        if (outcome == nullptr) {
          return Status::Internal(std::string("the outcome catalogue lacks ") + id);
        }
        cm.outcomes.push_back(outcome);
      }
    }
    plan.case_management = std::move(cm);
  }
  return plan;
}

}  // namespace continuum
