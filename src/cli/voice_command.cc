// continuum voice import: survey responses in bulk (voice_responses.csv, clinical/voice_file.h)
// into the workspace, where the server's voice form keeps the responses it records; the
// indicators of responses count them (docs/voice.md). All or nothing, and a file once only.
#include <chrono>
#include <cstdio>
#include <map>

#include "cli/command.h"
#include "cli/open_engine.h"
#include "clinical/voice_file.h"
#include "core/checksum.h"
#include "store/voice.h"

namespace continuum {
namespace {

struct VoiceArgs {
  std::string workspace, file, recorded_by = "import";
};

Status ImportVoice(const VoiceArgs& args) {
  Result<CsvFile> file = CsvFile::Read(args.file);
  if (!file.ok()) return file.status();
  Result<std::vector<Survey>> surveys = ShippedSurveys();
  if (!surveys.ok()) return surveys.status();
  auto engine = OpenEngine(args.workspace);
  if (!engine.ok()) return engine.status();
  const OrganisationColumns& o = (*engine)->population().organisations;
  VoiceFileContext context{.surveys = *surveys};
  for (uint32_t org = 0; org < o.size(); ++org) {
    if (o.kind[org] == static_cast<uint8_t>(OrgKind::kPractice))
      context.practices.emplace(o.ids.Value(org));
  }
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  context.today = static_cast<Day>(now / 86400) + 1;  // a day's grace for clocks ahead of UTC
  Result<std::vector<VoiceResponse>> responses = ReadVoiceFile(*file, context);
  if (!responses.ok()) return responses.status();
  std::map<std::string, int64_t> by_survey;
  for (VoiceResponse& r : *responses) {
    r.recorded_by = args.recorded_by;
    r.recorded_at = now;
    ++by_survey[r.survey];
  }
  Checksum sum;
  sum.Add(file->text().data(), file->text().size());
  auto workspace = Workspace::Open(args.workspace, Workspace::kMustExist);
  if (!workspace.ok()) return workspace.status();
  Result<int64_t> first =
      VoiceStore(**workspace).RecordImport(*responses, file->name(), sum.value(), now);
  if (!first.ok()) return first.status();
  std::printf("Recorded %zu survey responses from %s into %s:\n", responses->size(),
              file->name().c_str(), args.workspace.c_str());
  for (const auto& [survey, n] : by_survey)
    std::printf("  %-14s %10lld\n", survey.c_str(), static_cast<long long>(n));
  return Status::Ok();
}

CommandRegistration kVoice(
    "voice",
    "Patient and staff survey responses (docs/voice.md): import a voice_responses.csv into the "
    "workspace, where the indicators of responses count them",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<VoiceArgs>();
      app.require_subcommand(1);
      CLI::App* import = app.add_subcommand(
          "import", "Record every response of a voice_responses.csv, all or nothing, once");
      import->add_option("file", args->file, "The responses, e.g. demo/data/voice_responses.csv")
          ->required();
      import->add_option("--recorded-by", args->recorded_by,
                         "Who the responses are recorded by (default: import)");
      AddWorkspaceOption(*import, &args->workspace);
      return [args] { return ImportVoice(*args); };
    });

}  // namespace
}  // namespace continuum
