#include "report/pathways_render.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "report/count_json.h"
#include "report/json_text.h"
#include "report/text_table.h"

namespace continuum {
namespace {

using nlohmann::json;

// Why entries of pathway `d` were not made episodes, for people.
std::string ExclusionText(Exclusion why, const PathwayDefinition& d) {
  switch (why) {
    case Exclusion::kNotRegistered:
      return "not on a practice list on the entry day";
    case Exclusion::kDiedInHospital:
      return "died before discharge";
    case Exclusion::kJoinedLateInYear:
      return fmt::format("joined the register or the list in the year's last {} days",
                         d.entry.grace_days);
    case Exclusion::kOnExcludedRegister: {
      std::string registers;
      for (int c = 0; c < kConditionCount; ++c) {
        if (!(d.entry.exclude_registers >> c & 1)) continue;
        registers += (registers.empty() ? "" : " or ") + std::string(kConditionCodes[c]);
      }
      return "already on the " + registers + " register";
    }
  }
  return "";
}

std::string Header(const PathwaysReport& r) {
  return fmt::format(
      "Episodes entered {} to {}, as at the end of {}; registered populations on {}.\n",
      FormatDate(r.options.from), FormatDate(r.options.to), FormatDate(r.options.as_of),
      FormatDate(r.list_day));
}

// "14 days after entry", "by the year's end", "no limit".
std::string Due(const PathwayDefinition& d, const PathwayStep& s) {
  const std::string after = s.after == kEntry ? "entry" : d.steps[s.after].id;
  if (s.within_days) return fmt::format("{} days after {}", *s.within_days, after);
  return d.entry.yearly ? "by the year's end" : "no limit";
}

std::string Percent(const Proportion& p) {
  if (p.denominator == 0) return "-";
  return fmt::format("{}% ({}-{})", Decimal(100 * p.value, 1), Decimal(100 * p.lower, 1),
                     Decimal(100 * p.upper, 1));
}

std::string Days(const std::optional<double>& days) { return days ? Decimal(*days, 1) : "-"; }

int64_t State(const StepFigures& s, StepState state) { return s.states[static_cast<int>(state)]; }

// Under disclosure control the report comes from ControlPathways (report/pathways_disclosure.h):
// its counts are as shown (-1 withheld) and its proportions rest on them; a proportion resting
// on a withheld count is withheld with it.
json ProportionJson(const Proportion& p, Disclosure disclosure) {
  const json numerator = ShownCountJson(p.numerator, disclosure);
  const json denominator = ShownCountJson(p.denominator, disclosure);
  if (p.denominator <= 0 || numerator.is_null() || denominator.is_null())
    return {{"numerator", numerator},
            {"denominator", denominator},
            {"value", nullptr},
            {"interval_95", nullptr}};
  return {{"numerator", numerator},
          {"denominator", denominator},
          {"value", p.value},
          {"interval_95", {p.lower, p.upper}}};
}

json UnitJson(const UnitFigures& u, const PathwayDefinition& d, Disclosure disclosure) {
  auto count = [&](int64_t n) { return ShownCountJson(n, disclosure); };
  json excluded = json::object();
  for (int x = 0; x < kExclusionCount; ++x) {
    if (x != static_cast<int>(Exclusion::kNotRegistered))
      excluded[kExclusionCodes[x]] = count(u.excluded[x]);
  }
  json steps = json::array();
  for (size_t s = 0; s < u.steps.size(); ++s) {
    const StepFigures& f = u.steps[s];
    json states = json::object();
    for (int st = 0; st < kStepStateCount; ++st) states[kStepStateCodes[st]] = count(f.states[st]);
    // Under disclosure control, days between steps met by few episodes are already withheld.
    auto days = [&](const std::optional<double>& d) { return d ? json(*d) : json(nullptr); };
    steps.push_back({{"id", d.steps[s].id},
                     {"states", states},
                     {"waiting_here", count(f.waiting_here)},
                     {"breaches", count(f.breaches)},
                     {"adherence", ProportionJson(f.adherence, disclosure)},
                     {"median_days", days(f.median_days)},
                     {"p90_days", days(f.p90_days)}});
  }
  return {{"kind", kUnitKindCodes[static_cast<int>(u.kind)]},
          {"id", u.id},
          {"name", u.name},
          {"registered", count(u.registered)},
          {"patients", count(u.patients)},
          {"episodes", count(u.episodes)},
          {"excluded", excluded},
          {"steps", steps},
          {"episodes_on_time", count(u.on_time)},
          {"episodes_breached", count(u.breached)},
          {"episodes_closed", count(u.closed)},
          {"episodes_open", count(u.open)},
          {"adherence", ProportionJson(u.adherence, disclosure)}};
}

json PathwayJson(const PathwayFigures& f, Disclosure disclosure) {
  const PathwayDefinition& d = *f.definition;
  json steps = json::array();
  for (const PathwayStep& s : d.steps) {
    steps.push_back({{"id", s.id},
                     {"title", s.title},
                     {"kind", kRecordKindCodes[static_cast<int>(s.filter.kind)]},
                     {"after", s.after == kEntry ? "entry" : d.steps[s.after].id},
                     {"within_days", s.within_days ? json(*s.within_days) : json(nullptr)},
                     {"due", Due(d, s)},
                     {"action", s.action}});
  }
  json units = json::array();
  for (const UnitFigures& u : f.units) units.push_back(UnitJson(u, d, disclosure));
  return {{"id", d.id},
          {"title", d.title},
          {"source", d.source},
          {"definition", d.file},
          {"entry",
           {{"kind", kRecordKindCodes[static_cast<int>(d.entry.filter.kind)]},
            {"title", d.entry.title}}},
          {"steps", steps},
          {"not_registered_on_entry", ShownCountJson(f.not_registered, disclosure)},
          {"units", units}};
}

std::string Coverage(const UnitFigures& u, const PathwayDefinition& d) {
  std::string out =
      fmt::format("registered {}; episodes {} (patients {})", WithThousands(u.registered),
                  WithThousands(u.episodes), WithThousands(u.patients));
  std::string excluded;
  for (int x = 0; x < kExclusionCount; ++x) {
    if (u.excluded[x] == 0) continue;
    excluded += fmt::format("{}{} ", excluded.empty() ? "" : ", ", WithThousands(u.excluded[x]));
    excluded += ExclusionText(static_cast<Exclusion>(x), d);
  }
  return out + (excluded.empty() ? "" : "; excluded: " + excluded) + ".\n";
}

// The steps of one ICO or of the control practices together.
std::string StepsText(const UnitFigures& u, const PathwayDefinition& d) {
  TextTable t({"step", "due", "on time", "late", "overdue", "not yet due", "waiting", "closed",
               "not met", "waiting here", "adherence (95% CI)", "median days", "p90 days"});
  for (size_t s = 0; s < u.steps.size(); ++s) {
    const StepFigures& f = u.steps[s];
    auto n = [&](StepState state) { return WithThousands(State(f, state)); };
    t.AddRow({d.steps[s].id, Due(d, d.steps[s]), n(StepState::kMetOnTime), n(StepState::kMetLate),
              n(StepState::kOverdue), n(StepState::kNotYetDue), n(StepState::kWaiting),
              WithThousands(State(f, StepState::kClosedDied) + State(f, StepState::kClosedLeft)),
              n(StepState::kNotMet), WithThousands(f.waiting_here), Percent(f.adherence),
              Days(f.median_days), Days(f.p90_days)});
  }
  return t.Render() +
         fmt::format(
             "Whole pathway: episodes on time at every step {}, breached at some step {}: "
             "adherence {}; closed (died or left the list) {}, still open {}.\n",
             WithThousands(u.on_time), WithThousands(u.breached), Percent(u.adherence),
             WithThousands(u.closed), WithThousands(u.open));
}

// Adherence of each practice in `units` (from `first`, while `kind` holds), step by step.
std::string PracticesText(const std::vector<UnitFigures>& units, size_t first, UnitKind kind,
                          const PathwayDefinition& d) {
  std::vector<std::string> header = {"practice", "registered", "episodes"};
  for (const PathwayStep& s : d.steps) header.push_back(s.id);
  header.push_back("whole pathway");
  TextTable t(header);
  for (size_t i = first; i < units.size() && units[i].kind == kind; ++i) {
    const UnitFigures& u = units[i];
    std::vector<std::string> row = {u.id, WithThousands(u.registered), WithThousands(u.episodes)};
    for (const StepFigures& f : u.steps) row.push_back(Percent(f.adherence));
    row.push_back(Percent(u.adherence));
    t.AddRow(row);
  }
  return t.Render();
}

std::string PathwayText(const PathwayFigures& f) {
  const PathwayDefinition& d = *f.definition;
  std::string out =
      fmt::format("\n== {} ({})\nSource: {}\nEntry: {}\n", d.title, d.id, d.source,
                  d.entry.title.empty() ? std::string(kRecordKindCodes[int(d.entry.filter.kind)])
                                        : d.entry.title);
  if (f.not_registered > 0)
    out += fmt::format(
        "{} entries of patients on no practice list on the entry day are not "
        "counted.\n",
        WithThousands(f.not_registered));
  const std::vector<UnitFigures>& units = f.units;
  for (size_t i = 0; i < units.size(); ++i) {
    const UnitFigures& u = units[i];
    const bool group = u.kind == UnitKind::kIco || u.kind == UnitKind::kControlGroup;
    if (!group && i > 0) continue;  // a practice of a group shown above
    out += u.kind == UnitKind::kControlGroup
               ? "\nControl practices, for comparison (outside every ICO's figures and "
                 "worklist): "
               : fmt::format("\n{} {}: ", u.id, u.name);
    out += Coverage(u, d);
    if (u.episodes == 0) continue;
    out += StepsText(u, d);
    if (!group) continue;
    const UnitKind practices =
        u.kind == UnitKind::kIco ? UnitKind::kPractice : UnitKind::kControlPractice;
    out += "By practice, adherence (95% CI):\n" + PracticesText(units, i + 1, practices, d);
  }
  return out;
}

}  // namespace

std::string RenderPathwaysJson(const PathwaysReport& report, Disclosure disclosure) {
  json j = {
      {"from", FormatDate(report.options.from)},
      {"to", FormatDate(report.options.to)},
      {"as_of", FormatDate(report.options.as_of)},
      {"list_day", FormatDate(report.list_day)},
      {"disclosure", DisclosureName(disclosure)},
      {"pathways", json::array()},
      {"worklist_items", CountJson(static_cast<int64_t>(report.worklist.size()), disclosure)}};
  for (const PathwayFigures& f : report.pathways)
    j["pathways"].push_back(PathwayJson(f, disclosure));
  return JsonText(j, 2) + "\n";
}

std::string RenderPathways(const PathwaysReport& report, OutputFormat format) {
  if (format == OutputFormat::kJson) return RenderPathwaysJson(report, Disclosure::kExact);
  std::string out = Header(report);
  for (const PathwayFigures& f : report.pathways) out += PathwayText(f);
  out += fmt::format(
      "\nOverdue steps of patients still on a member practice's list: {} "
      "(continuum pathways --worklist lists them).\n",
      WithThousands(static_cast<int64_t>(report.worklist.size())));
  return out;
}

std::string RenderWorklist(const PathwaysReport& report, OutputFormat format,
                           std::string_view practice) {
  json rows = json::array();
  TextTable table(
      {"patient", "practice", "pathway", "step", "entry", "due", "days overdue", "what to do"});
  std::string csv = "patient_id,practice,pathway,step,entry_date,due_date,days_overdue,action\n";
  int64_t shown = 0;
  for (const WorklistItem& w : report.worklist) {
    if (!practice.empty() && w.practice != practice) continue;
    ++shown;
    const PathwayStep& step = w.pathway->steps[w.step];
    switch (format) {
      case OutputFormat::kJson:
        rows.push_back({{"patient_id", w.patient_id},
                        {"practice", w.practice},
                        {"pathway", w.pathway->id},
                        {"step", step.id},
                        {"step_title", step.title},
                        {"entry_date", FormatDate(w.entry)},
                        {"due_date", FormatDate(w.due)},
                        {"days_overdue", w.days_overdue},
                        {"action", step.action}});
        break;
      case OutputFormat::kCsv:
        csv += std::to_string(w.patient_id) + ",";
        AppendCsvField(w.practice, &csv);
        csv += "," + w.pathway->id + "," + step.id + "," + FormatDate(w.entry) + "," +
               FormatDate(w.due) + "," + std::to_string(w.days_overdue) + ",";
        AppendCsvField(step.action, &csv);
        csv += "\n";
        break;
      case OutputFormat::kText:
        table.AddRow({std::to_string(w.patient_id), w.practice, w.pathway->id, step.id,
                      FormatDate(w.entry), FormatDate(w.due), WithThousands(w.days_overdue),
                      step.action});
        break;
    }
  }
  switch (format) {
    case OutputFormat::kJson:
      return JsonText(json({{"as_of", FormatDate(report.options.as_of)}, {"worklist", rows}}), 2) +
             "\n";
    case OutputFormat::kCsv:
      return csv;
    case OutputFormat::kText:
      return Header(report) +
             fmt::format("Overdue steps of patients alive and on a member practice's list: {}\n",
                         WithThousands(shown)) +
             table.Render();
  }
  return {};
}

}  // namespace continuum
