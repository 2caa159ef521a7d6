#include "report/selection_request.h"

#include <algorithm>

#include "model/codes.h"
#include "report/report_inputs.h"
#include "report/selection_render.h"

namespace continuum {
namespace {

// The settings of a comma-separated list of setting codes, as a bit per Setting.
Result<uint16_t> SettingsOption(const std::string& list, const char* option) {
  std::string known;
  for (std::string_view c : kSettingCodes) known += (known.empty() ? "" : ", ") + std::string(c);
  if (list.empty()) {
    return Status::InvalidInput(std::string(option) +
                                " needs one or more setting codes, separated by commas: " + known);
  }
  uint16_t settings = 0;
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = std::min(list.find(',', start), list.size());
    const std::string code = list.substr(start, comma - start);
    if (code.empty()) {
      return Status::InvalidInput(std::string(option) + " '" + list +
                                  "' has an empty item between commas");
    }
    const int s = FindCode(kSettingCodes, code);
    if (s < 0) {
      return Status::InvalidInput(std::string(option) + ": '" + code +
                                  "' is not a setting; the settings are " + known);
    }
    settings |= uint16_t(1u << s);
    start = comma + 1;
  }
  return settings;
}

}  // namespace

Result<std::string> SelectionReportText(const Population& p, const std::string& workspace_path,
                                        const SelectionRequest& args, OutputFormat format) {
  SelectionOptions options{.ico = args.ico, .commissioner = args.commissioner};
  if (args.outside_budget_given) {
    auto settings = SettingsOption(args.outside_budget, "--outside-budget");
    if (!settings.ok()) return settings.status();
    options.outside_settings = *settings;
  }
  if (!args.from.empty()) {
    auto from = DateOption(args.from, "--from");
    if (!from.ok()) return from.status();
    options.from = *from;
  }
  if (!args.to.empty()) {
    auto to = DateOption(args.to, "--to");
    if (!to.ok()) return to.status();
    options.to = *to;
  }
  if (options.from != 0 && options.to != 0 && options.to < options.from) {
    return Status::InvalidInput("--to " + args.to + " is before --from " + args.from);
  }
  auto costing = CostWithTariffs(workspace_path, p, args.tariffs);
  if (!costing.ok()) return costing.status();
  auto report = RunSelection(p, costing->cost, options);
  if (!report.ok()) return report.status();
  return RenderSelection(p, *report, format);
}

}  // namespace continuum
