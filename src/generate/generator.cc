// GenerateIco: checks the options, builds the world and the plan once, then simulates persons
// in chunks on worker threads while this thread writes finished chunks in order.
#include "generate/generator.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "core/csv.h"
#include "generate/area.h"
#include "generate/chunk.h"
#include "generate/hospital_activity.h"
#include "generate/memberships.h"
#include "generate/output_files.h"
#include "generate/selection.h"
#include "generate/staff.h"
#include "generate/voice_responses.h"

namespace continuum {
namespace {

constexpr int64_t kDefaultPatients = 150000;
constexpr int kDefaultPractices = 14;
constexpr int64_t kPersonsPerChunk = 1024;
constexpr int64_t kMaxPatientsInAll = 60000000;

// Every targets.csv row the generator reads.
constexpr std::string_view kNeededTargets[] = {"unit_cost_gp",
                                               "unit_cost_nurse",
                                               "unit_cost_community",
                                               "unit_cost_op_first",
                                               "unit_cost_op_followup",
                                               "unit_cost_ae",
                                               "unit_cost_day_case",
                                               "unit_cost_elective",
                                               "unit_cost_emergency",
                                               "unit_cost_mental_health",
                                               "unit_cost_prescription_item",
                                               "rate_gp",
                                               "rate_nurse",
                                               "rate_community",
                                               "rate_op_first",
                                               "rate_ae",
                                               "rate_emergency",
                                               "rate_elective_and_day_case",
                                               "rate_prescription_items",
                                               "prevalence_hypertension",
                                               "prevalence_diabetes_17plus",
                                               "prevalence_asthma",
                                               "prevalence_depression_18plus",
                                               "prevalence_ckd_18plus",
                                               "prevalence_hypothyroidism",
                                               "prevalence_cancer",
                                               "prevalence_chd",
                                               "prevalence_af",
                                               "prevalence_copd",
                                               "prevalence_stroke_tia",
                                               "prevalence_smi",
                                               "prevalence_heart_failure",
                                               "prevalence_dementia",
                                               "prevalence_epilepsy_18plus"};

Status Invalid(const std::string& message) { return Status::InvalidInput(message); }

Status CheckOptions(const GeneratorOptions& o) {
  if (o.patients < 1000) {
    return Invalid("patients must be at least 1000 per ICO (got " + std::to_string(o.patients) +
                   ")");
  }
  if (o.practices < 1 || o.practices > 10000) {
    return Invalid("practices must be between 1 and 10000 (got " + std::to_string(o.practices) +
                   ")");
  }
  if (o.icos < 1 || o.icos > 100) {
    return Invalid("icos must be between 1 and 100 (got " + std::to_string(o.icos) + ")");
  }
  if (o.commissioners < 1 || o.commissioners > o.icos) {
    return Invalid("commissioners must be between 1 and the number of ICOs, " +
                   std::to_string(o.icos) + " (got " + std::to_string(o.commissioners) + ")");
  }
  if (o.control_practices < 0 || o.control_practices > 10000) {
    return Invalid("control practices must be between 0 and 10000 (got " +
                   std::to_string(o.control_practices) + ")");
  }
  if (o.years < 1 || o.years > Window::kMaxYears) {
    return Invalid("years must be between 1 and " + std::to_string(Window::kMaxYears) + " (got " +
                   std::to_string(o.years) + ")");
  }
  if (o.gps < 0) return Invalid("gps cannot be negative (got " + std::to_string(o.gps) + ")");
  if (o.threads < 0 || o.threads > 1024) {
    return Invalid("threads must be between 0 (all cores) and 1024 (got " +
                   std::to_string(o.threads) + ")");
  }
  return Status::Ok();
}

// Applies the area's defaults and checks what the options then ask for.
Result<WorldSpec> Resolve(const GeneratorOptions& o, const Area* area) {
  WorldSpec spec;
  spec.patients = o.patients;
  spec.practices = o.practices;
  if (area != nullptr) {
    if (o.practices == kDefaultPractices && !area->practices.empty()) {
      spec.practices = static_cast<int>(area->practices.size());
    }
    if (o.patients == kDefaultPatients) {
      spec.patients =
          !area->practices.empty() ? area->TotalListSize() : std::llround(area->population.Total());
    }
  }
  if (spec.patients < 100 * static_cast<int64_t>(spec.practices)) {
    return Invalid("each practice needs at least 100 patients: " + std::to_string(spec.patients) +
                   " patients cannot fill " + std::to_string(spec.practices) + " practices");
  }
  const double mean_list = static_cast<double>(spec.patients) / spec.practices;
  const double everyone = static_cast<double>(spec.patients) * o.icos +
                          mean_list * o.control_practices * o.commissioners;
  if (everyone > kMaxPatientsInAll) {
    return Invalid("the options ask for about " + std::to_string(std::llround(everyone)) +
                   " registered patients in all; the generator makes at most " +
                   std::to_string(kMaxPatientsInAll));
  }
  spec.gps = o.gps > 0 ? o.gps : std::max(1, static_cast<int>(std::lround(spec.patients / 1500.0)));
  spec.icos = o.icos;
  spec.commissioners = o.commissioners;
  spec.control_practices = o.control_practices;
  spec.area = area;
  spec.seed = o.seed;
  return spec;
}

void WriteOrganisations(const World& world, OutputFiles* files) {
  std::string rows;
  for (const Organisation& org : world.organisations) {
    AppendCsvField(org.id, &rows);
    rows += ',';
    AppendCsvField(org.name, &rows);
    rows += ',';
    rows += kOrgKindCodes[static_cast<int>(org.kind)];
    rows += ',';
    if (org.parent >= 0) rows += world.organisations[org.parent].id;
    rows += '\n';
  }
  files->Append(TableId::kOrganisations, rows);
  files->CountRows(TableId::kOrganisations, static_cast<int64_t>(world.organisations.size()));
}

void WriteStaff(const World& world, OutputFiles* files) {
  const std::vector<StaffMember> staff = BuildStaff(world);
  std::string rows;
  for (size_t i = 0; i < staff.size(); ++i) {
    rows += std::to_string(i + 1);
    rows += ',';
    rows += world.organisations[staff[i].org].id;
    rows += ',';
    rows += kStaffRoleCodes[static_cast<int>(staff[i].role)];
    rows += ',';
    rows += staff[i].specialty;
    rows += '\n';
  }
  files->Append(TableId::kStaff, rows);
  files->CountRows(TableId::kStaff, static_cast<int64_t>(staff.size()));
}

// A file written beside the run like the others (temp, then rename): the optional ground truth,
// the voice form's responses.
class StagedFile {
 public:
  Status Open(const std::string& path) {
    path_ = path;
    file_ = std::fopen((path + ".tmp").c_str(), "wb");
    if (file_ == nullptr) return Status::IoError(path + ".tmp: cannot create the file");
    return Status::Ok();
  }
  ~StagedFile() {
    if (file_ != nullptr) {
      std::fclose(file_);
      std::remove((path_ + ".tmp").c_str());
    }
  }
  bool open() const { return file_ != nullptr; }
  void Write(std::string_view text) {
    if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) failed_ = true;
  }
  Status Close() {
    const bool close_failed = std::fclose(file_) != 0;
    file_ = nullptr;
    if (failed_ || close_failed || std::rename((path_ + ".tmp").c_str(), path_.c_str()) != 0) {
      std::remove((path_ + ".tmp").c_str());
      return Status::IoError(path_ + ": could not write the file");
    }
    return Status::Ok();
  }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  bool failed_ = false;
};

// Simulates every chunk on `threads` workers; this thread writes them in order as they finish.
// Workers stay at most a few chunks ahead of the writer, which bounds memory.
void SimulateAndWrite(const Simulation& sim, int threads, OutputFiles* files, StagedFile* truth) {
  const int64_t persons = static_cast<int64_t>(sim.plan->persons.size());
  const int64_t chunks = (persons + kPersonsPerChunk - 1) / kPersonsPerChunk;
  const int64_t max_ahead = 4 * static_cast<int64_t>(threads) + 4;
  std::vector<std::unique_ptr<ChunkText>> finished(chunks);
  std::vector<std::unique_ptr<ChunkText>> spare;
  std::mutex mutex;
  std::condition_variable changed;
  int64_t next = 0, written = 0;

  auto work = [&] {
    while (true) {
      int64_t k;
      std::unique_ptr<ChunkText> text;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return next >= chunks || next < written + max_ahead; });
        if (next >= chunks) return;
        k = next++;
        if (!spare.empty()) {
          text = std::move(spare.back());
          spare.pop_back();
        }
      }
      if (!text) text = std::make_unique<ChunkText>();
      SimulateChunk(sim, k * kPersonsPerChunk, std::min(persons, (k + 1) * kPersonsPerChunk),
                    truth->open(), text.get());
      std::lock_guard lock(mutex);
      finished[k] = std::move(text);
      changed.notify_all();
    }
  };
  std::vector<std::thread> workers;
  for (int i = 0; i < threads; ++i) workers.emplace_back(work);

  for (int64_t k = 0; k < chunks; ++k) {
    std::unique_ptr<ChunkText> text;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return finished[k] != nullptr; });
      text = std::move(finished[k]);
    }
    for (const TableSpec& table : Tables()) {
      const int t = static_cast<int>(table.id);
      const std::string_view rows = text->files[t].view();
      if (table.id == TableId::kActivity || table.id == TableId::kReferrals) {
        files->AppendNumbered(table.id, rows);
      } else {
        files->Append(table.id, rows);
      }
      files->CountRows(table.id, text->rows[t]);
    }
    if (truth->open()) truth->Write(text->truth.view());
    std::lock_guard lock(mutex);
    spare.push_back(std::move(text));
    written = k + 1;
    changed.notify_all();
  }
  for (std::thread& worker : workers) worker.join();
}

}  // namespace

Result<GeneratorReport> GenerateIco(const GeneratorOptions& options, const std::string& out_dir) {
  CONTINUUM_RETURN_IF_ERROR(CheckOptions(options));
  std::optional<Area> area;
  if (!options.area_dir.empty()) {
    auto loaded = LoadArea(options.area_dir);
    if (!loaded.ok()) return loaded.status();
    area = std::move(loaded).value();
  }
  auto spec = Resolve(options, area ? &*area : nullptr);
  if (!spec.ok()) return spec.status();
  for (std::string_view measure : kNeededTargets) {
    if (Targets().Find(measure) == nullptr) {
      return Status::Internal("data/calibration/targets.csv has no row for " +
                              std::string(measure));
    }
  }
  auto england = EnglandAgeStructure();
  if (!england.ok()) return england.status();

  const Window window(options.years);
  World world = BuildWorld(*spec);
  PlanMemberships(window, &world);
  const Places places = BuildPlaces(world, area ? &*area : nullptr, *england, options.seed);
  auto plan = MakePlan(world, window, options.seed);
  if (!plan.ok()) return plan.status();
  const ConditionModel conditions(*england, Targets());
  const RateModel rates(conditions, *england, Targets());
  const UnitCosts costs(Targets());
  Simulation sim;
  sim.world = &world;
  sim.places = &places;
  sim.plan = &*plan;
  sim.conditions = &conditions;
  sim.rates = &rates;
  sim.costs = &costs;
  sim.window = window;
  sim.seed = options.seed;
  sim.plant_effects = options.plant_effects;
  auto selections = PrepareSelection(sim, options.plant_selection);
  if (!selections.ok()) return selections.status();
  sim.selections = &*selections;
  auto upcodings = PrepareUpcoding(sim, options.plant_upcoding);
  if (!upcodings.ok()) return upcodings.status();
  sim.upcodings = &*upcodings;
  auto exceptions = PrepareUpcoding(sim, options.plant_exceptions, "--plant-exceptions");
  if (!exceptions.ok()) return exceptions.status();
  sim.exceptions = &*exceptions;

  auto files = OutputFiles::Create(out_dir);
  if (!files.ok()) return files.status();
  StagedFile truth;
  if (!options.truth_path.empty()) {
    CONTINUUM_RETURN_IF_ERROR(truth.Open(options.truth_path));
    truth.Write("patient_id,frailty,propensity,case_managed,expected_emergency\n");
  }
  WriteOrganisations(world, &*files);
  WriteStaff(world, &*files);
  const std::string memberships = MembershipRows(world);
  files->Append(TableId::kMemberships, memberships);
  files->CountRows(TableId::kMemberships, std::count(memberships.begin(), memberships.end(), '\n'));
  const int threads = options.threads > 0
                          ? options.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  SimulateAndWrite(sim, threads, &*files, &truth);

  GeneratorReport report;
  for (const TableSpec& table : Tables()) {
    if (!files->Writes(table.id)) continue;
    report.rows.emplace_back(std::string(table.file), files->rows(table.id));
  }
  report.planted = PlantedPractices(world);
  report.patients = files->rows(TableId::kPatients);
  report.events = files->rows(TableId::kActivity);
  CONTINUUM_RETURN_IF_ERROR(files->Commit());
  if (truth.open()) CONTINUUM_RETURN_IF_ERROR(truth.Close());
  if (!options.effects_path.empty()) {
    StagedFile effects;
    CONTINUUM_RETURN_IF_ERROR(effects.Open(options.effects_path));
    effects.Write("ico,patients,from,outcome,ratio\n");
    for (const PlantedEffect& e : PlantedEffects(sim)) {
      char ratio[32];
      std::snprintf(ratio, sizeof ratio, "%.4f", e.ratio);
      effects.Write(e.ico + "," + e.patients + "," + FormatDate(e.from) + "," + e.outcome + "," +
                    ratio + "\n");
    }
    for (const PlantedSelection& s : *selections) {
      char share[32];
      std::snprintf(share, sizeof share, "%.4f", s.share);
      effects.Write(world.organisations[world.icos[s.ico]].id + ",top_need_decile," +
                    FormatDate(window.YearStart(s.year)) + ",removed_share," + share + "\n");
    }
    for (const PlantedUpcoding& u : *upcodings) {
      char ratio[32];
      std::snprintf(ratio, sizeof ratio, "%.4f", 1 + u.percent / 100);
      effects.Write(world.organisations[world.icos[u.ico]].id + ",stayers," +
                    FormatDate(window.YearStart(u.year)) + ",recorded_conditions," + ratio + "\n");
    }
    for (const PlantedUpcoding& u : *exceptions) {
      char ratio[32];
      std::snprintf(ratio, sizeof ratio, "%.4f", 1 + u.percent / 100);
      effects.Write(world.organisations[world.icos[u.ico]].id + ",registers," +
                    FormatDate(window.YearStart(u.year)) + ",care_adjustments," + ratio + "\n");
    }
    CONTINUUM_RETURN_IF_ERROR(effects.Close());
  }
  // The voice form's survey responses, for `continuum voice import` (not a data-model table).
  int64_t responses = 0;
  const std::string voice =
      VoiceResponsesCsv(world, window, BuildStaff(world), options.seed, &responses);
  StagedFile voice_file;
  CONTINUUM_RETURN_IF_ERROR(voice_file.Open(out_dir + "/" + kVoiceResponsesFile));
  voice_file.Write(voice);
  CONTINUUM_RETURN_IF_ERROR(voice_file.Close());
  report.voice_responses = responses;
  return report;
}

}  // namespace continuum
