// continuum generate: writes a synthetic ICO in the interchange format.
#include <charconv>
#include <chrono>
#include <cstdio>

#include "cli/command.h"
#include "generate/generator.h"

namespace continuum {
namespace {

struct GenerateArgs {
  GeneratorOptions options;
  std::string out;
  std::vector<std::string> plant_selection;   // ICO:SHARE
  std::vector<std::string> plant_upcoding;    // ICO:PCT
  std::vector<std::string> plant_exceptions;  // ICO:PCT
};

// "ZICO1:0.02" as the ICO and the number; InvalidInput naming the option otherwise.
Result<std::pair<std::string, double>> ParsePlant(const std::string& option,
                                                  const std::string& text,
                                                  const std::string& example) {
  const size_t colon = text.rfind(':');
  const std::string why = option + " " + text + ": give ICO:NUMBER, such as " + example;
  if (colon == std::string::npos || colon == 0) return Status::InvalidInput(why);
  double value = 0;
  const std::string number = text.substr(colon + 1);
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (number.empty() || error != std::errc() || end != number.data() + number.size()) {
    return Status::InvalidInput(why);
  }
  return std::make_pair(text.substr(0, colon), value);
}

Status RunGenerate(const GenerateArgs& given) {
  GenerateArgs args = given;
  for (const std::string& text : args.plant_selection) {
    auto plant = ParsePlant("--plant-selection", text, "ZICO1:0.02");
    if (!plant.ok()) return plant.status();
    args.options.plant_selection.push_back({plant->first, plant->second});
  }
  for (const std::string& text : args.plant_upcoding) {
    auto plant = ParsePlant("--plant-upcoding", text, "ZICO1:5.9");
    if (!plant.ok()) return plant.status();
    args.options.plant_upcoding.push_back({plant->first, plant->second});
  }
  for (const std::string& text : args.plant_exceptions) {
    auto plant = ParsePlant("--plant-exceptions", text, "ZICO1:50");
    if (!plant.ok()) return plant.status();
    args.options.plant_exceptions.push_back({plant->first, plant->second});
  }
  const auto started = std::chrono::steady_clock::now();
  auto report = GenerateIco(args.options, args.out);
  if (!report.ok()) return report.status();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("Generated %lld patients and %lld activity events into %s in %.1f s\n",
              static_cast<long long>(report->patients), static_cast<long long>(report->events),
              args.out.c_str(), seconds);
  for (const auto& [file, rows] : report->rows) {
    std::printf("  %-20s %12lld rows\n", file.c_str(), static_cast<long long>(rows));
  }
  std::printf("Planted practices (docs/calibration.md):\n");
  for (const PlantedPractice& p : report->planted) {
    std::printf("  %-10s %.*s\n", p.org_id.c_str(), static_cast<int>(p.what.size()), p.what.data());
  }
  return Status::Ok();
}

CommandRegistration kGenerate(
    "generate",
    "Write a synthetic, calibrated ICO (default: the Nelson case study, 14 practices, 100 GPs, "
    "150,000 patients, 3 years) or a programme of ICOs under several commissioners as "
    "interchange CSV files",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<GenerateArgs>();
      GeneratorOptions& o = args->options;
      app.add_option("-o,--out", args->out, "Folder to write the CSV files into")->required();
      app.add_option("--patients", o.patients,
                     "Registered patients per ICO (with --area: the area's registered patients)")
          ->capture_default_str()
          ->check(CLI::Range(int64_t{1000}, int64_t{100000000}));
      app.add_option("--practices", o.practices,
                     "Member practices per ICO (with --area: the area's practices)")
          ->capture_default_str()
          ->check(CLI::Range(1, 10000));
      app.add_option("--icos", o.icos,
                     "Pilot ICOs, spread over the commissioners in contiguous blocks; more than "
                     "one makes a programme, whose ICOs go live on staggered days "
                     "(memberships.csv)")
          ->capture_default_str()
          ->check(CLI::Range(1, 100));
      app.add_option("--commissioners", o.commissioners,
                     "Commissioners, each contracting a block of the ICOs (at most --icos)")
          ->capture_default_str()
          ->check(CLI::Range(1, 100));
      app.add_option("--control-practices", o.control_practices,
                     "Non-pilot practices of EACH commissioner, for evaluation")
          ->capture_default_str()
          ->check(CLI::Range(0, 10000));
      app.add_option("--years", o.years, "Years of activity, ending 31 March 2025")
          ->capture_default_str()
          ->check(CLI::Range(1, 10));
      AddSeedOption(app, &o.seed, "Random seed: the same seed gives the same bytes");
      app.add_option("--truth", o.truth_path,
                     "Also write each patient's planted latent risk to this CSV (for testing risk "
                     "models; not part of the interchange format)");
      app.add_option("--effects-truth", o.effects_path,
                     "Also write the effects planted on the ICOs' case-managed patients to this "
                     "CSV (ico, patients, from, outcome, ratio), for checking an evaluation");
      app.add_flag(
          "--no-effects", [&o](int64_t) { o.plant_effects = false; },
          "Plant no effect at all: a null programme, to check an evaluation finds none");
      app.add_option("--plant-selection", args->plant_selection,
                     "ICO:SHARE, e.g. ZICO1:0.02: that ICO removes the share of its patients in "
                     "the top decile of need through practice-initiated removals over a year "
                     "(repeat for more ICOs; written to --effects-truth)");
      app.add_option("--plant-upcoding", args->plant_upcoding,
                     "ICO:PCT, e.g. ZICO1:5.9: that ICO records PCT% more conditions, which its "
                     "patients do not have, among those who stay on its lists through a year "
                     "(repeat for more ICOs; written to --effects-truth)");
      app.add_option("--plant-exceptions", args->plant_exceptions,
                     "ICO:PCT, e.g. ZICO1:50: that ICO records PCT% (above 0, at most 100) more "
                     "personalised care adjustments (QOF exceptions) in the year --plant-selection "
                     "would use, its first with a year live before it (repeat for more ICOs; "
                     "written to --effects-truth)");
      app.add_option("--gps", o.gps, "GPs per ICO (default: one per 1,500 patients)")
          ->check(CLI::Range(0, 100000));
      app.add_option("--area", o.area_dir,
                     "Folder of ONS/NHS area data laid out like shared/data/trafford-opendata: "
                     "takes the age/sex structure and practice list sizes from it")
          ->check(CLI::ExistingDirectory);
      return [args] { return RunGenerate(*args); };
    });

}  // namespace
}  // namespace continuum
