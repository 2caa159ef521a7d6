// continuum pathways: each patient's care followed through the integrated care pathways (the
// shipped definitions and any given with --definition), with adherence by ICO and practice and
// the worklist of overdue steps.
#include <cstdio>
#include <map>

#include "cli/command.h"
#include "cli/open_engine.h"
#include "core/quoted.h"
#include "report/pathways_render.h"

namespace continuum {
namespace {

struct PathwaysArgs {
  std::string workspace;
  std::vector<std::string> definitions;
  std::string pathway, practice, ico, year, from, to, as_of;
  bool worklist = false, json = false, csv = false;
};

// "2024-25" (or "2024") as the financial year starting in 2024.
Result<int> YearOption(const std::string& text) {
  const auto digits = [](std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
  };
  const std::string_view start = std::string_view(text).substr(0, 4);
  if (text.size() >= 4 && digits(start) && (text.size() == 4 || text.size() == 7)) {
    const int year = std::stoi(std::string(start));
    const std::string named = FormatFinancialYear(year);
    if (text.size() == 4 || text == named) return year;
  }
  return Status::InvalidInput("--year: " + Quoted(text) +
                              " is not a financial year such as 2024-25 (April 2024 to March "
                              "2025)");
}

// The shipped definitions, each replaced by a given one with the same id, then the other given
// ones; with --pathway, that one alone.
Result<std::vector<PathwayDefinition>> Definitions(const PathwaysArgs& args) {
  auto shipped = ShippedPathways();
  if (!shipped.ok()) return shipped.status();
  std::vector<PathwayDefinition> all = std::move(*shipped);
  std::map<std::string, std::string> given;  // id -> file
  for (const std::string& path : args.definitions) {
    auto d = ReadPathwayDefinition(path);
    if (!d.ok()) return d.status();
    if (auto [at, fresh] = given.emplace(d->id, d->file); !fresh) {
      return Status::InvalidInput(d->file + ", field id: " + Quoted(d->id) + " is also the id of " +
                                  at->second);
    }
    auto same = std::find_if(all.begin(), all.end(),
                             [&](const PathwayDefinition& s) { return s.id == d->id; });
    if (same != all.end()) {
      *same = std::move(*d);
    } else {
      all.push_back(std::move(*d));
    }
  }
  if (args.pathway.empty()) return all;
  std::string ids;
  for (PathwayDefinition& d : all) {
    if (d.id == args.pathway) return std::vector<PathwayDefinition>{std::move(d)};
    ids += (ids.empty() ? "" : ", ") + d.id;
  }
  return Status::NotFound("--pathway: " + Quoted(args.pathway) +
                          " is not a pathway; the pathways are " + ids);
}

Result<PathwayOptions> Period(const PathwaysArgs& args, const Population& p) {
  PathwayOptions o = DefaultPathwayOptions(p);
  if (!args.as_of.empty()) {
    auto day = DateOption(args.as_of, "--as-of");
    if (!day.ok()) return day.status();
    o.as_of = *day;
    o.from = FinancialYearStart(FinancialYearOf(o.as_of));
    o.to = FinancialYearEnd(FinancialYearOf(o.as_of));
  }
  if (!args.year.empty()) {
    auto parsed = YearOption(args.year);
    if (!parsed.ok()) return parsed.status();
    o.from = FinancialYearStart(*parsed);
    o.to = FinancialYearEnd(*parsed);
  }
  if (!args.from.empty()) {
    auto from = DateOption(args.from, "--from");
    if (!from.ok()) return from.status();
    auto to = DateOption(args.to, "--to");
    if (!to.ok()) return to.status();
    if (*to < *from)
      return Status::InvalidInput("--to: " + args.to + " is before --from " + args.from);
    o.from = *from;
    o.to = *to;
  }
  if (o.as_of < o.from)
    return Status::InvalidInput("--as-of: " + FormatDate(o.as_of) +
                                " is before the period starts (" + FormatDate(o.from) + ")");
  return o;
}

Status RunPathways(const PathwaysArgs& args) {
  auto definitions = Definitions(args);
  if (!definitions.ok()) return definitions.status();
  auto engine = OpenEngine(args.workspace, args.ico);
  if (!engine.ok()) return engine.status();
  const Population& p = (*engine)->population();
  auto options = Period(args, p);
  if (!options.ok()) return options.status();
  ReportScope scope;
  auto ico = IcoOption(p, args.ico);
  if (!ico.ok()) return ico.status();
  if (*ico) scope.ico = (*ico)->ico;
  if (!args.practice.empty()) {
    const uint32_t org = p.organisations.ids.Find(args.practice);
    if (org == Dictionary::kMissing || p.organisations.kind[org] != uint8_t(OrgKind::kPractice))
      return Status::NotFound("--practice: " + args.practice +
                              " is not a practice in the workspace");
    if (*ico && !(*ico)->member[org])
      return Status::NotFound("--practice " + args.practice + ": not a member practice of " +
                              args.ico);
    scope.practice = org;
  }
  const PathwayRun run = FollowPathways(p, *definitions, *options);
  const PathwaysReport report = ReportPathways(p, *definitions, run, scope);
  const OutputFormat format = args.json  ? OutputFormat::kJson
                              : args.csv ? OutputFormat::kCsv
                                         : OutputFormat::kText;
  const std::string out =
      args.worklist ? RenderWorklist(report, format) : RenderPathways(report, format);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return Status::Ok();
}

CommandRegistration kPathways(
    "pathways",
    "Integrated care pathways: where patients are on each step, adherence and time between "
    "steps by ICO and practice, and the worklist of overdue steps",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<PathwaysArgs>();
      AddWorkspaceOption(app, &args->workspace);
      app.add_option("--definition", args->definitions,
                     "A pathway definition of your own (JSON, docs/clinical.md); repeatable. One "
                     "with a shipped pathway's id replaces it");
      app.add_option("--pathway", args->pathway, "Report this pathway only (by its id)");
      app.add_option("--practice", args->practice, "Report this practice only (by its id)");
      AddIcoOption(app, &args->ico,
                   "every ICO with its member practices, then the control practices for "
                   "comparison (outside every ICO's figures and worklist)");
      auto* year = app.add_option("--year", args->year,
                                  "Episodes entered in this financial year, e.g. 2024-25 "
                                  "(default: the year of the status day)");
      auto* from =
          app.add_option("--from", args->from, "Episodes entered from this day (YYYY-MM-DD)")
              ->excludes(year);
      app.add_option("--to", args->to, "... to this day, with --from")->needs(from);
      from->needs(app.get_option("--to"));
      app.add_option("--as-of", args->as_of,
                     "Status at the end of this day; nothing later is seen (default: the last day "
                     "of activity)");
      auto* worklist =
          app.add_flag("--worklist", args->worklist, "Print the worklist of overdue steps instead");
      AddJsonOption(app, &args->json);
      app.add_flag("--csv", args->csv, "Print the worklist as CSV")
          ->needs(worklist)
          ->excludes("--json");
      return [args] { return RunPathways(*args); };
    });

}  // namespace
}  // namespace continuum
