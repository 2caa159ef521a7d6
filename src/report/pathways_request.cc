#include "report/pathways_request.h"

#include <algorithm>
#include <map>

#include "core/quoted.h"
#include "report/pathways_render.h"
#include "report/report_inputs.h"

namespace continuum {
namespace {

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
Result<std::vector<PathwayDefinition>> Definitions(const PathwaysRequest& args) {
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

Result<PathwayOptions> Period(const PathwaysRequest& args, const Population& p) {
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

}  // namespace

Result<std::string> PathwaysReportText(const Population& p, const PathwaysRequest& args,
                                       OutputFormat format) {
  auto definitions = Definitions(args);
  if (!definitions.ok()) return definitions.status();
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
  return args.worklist ? RenderWorklist(report, format) : RenderPathways(report, format);
}

}  // namespace continuum
