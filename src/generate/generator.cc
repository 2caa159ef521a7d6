#include "generate/generator.h"

#include <charconv>
#include <filesystem>
#include <functional>
#include <optional>
#include <thread>

#include "core/csv.h"
#include "core/date.h"
#include "core/money.h"
#include "core/nhs_number.h"
#include "generate/area.h"
#include "generate/care.h"
#include "generate/organisations.h"
#include "generate/people.h"
#include "model/schema.h"

namespace continuum {
namespace {

constexpr size_t kCareChunk = 2048;

void Int(int64_t v, std::string* out) {
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
  out->append(buffer, end);
}
void Date(Day d, std::string* out) {
  char buffer[10];
  FormatDateTo(d, buffer);
  out->append(buffer, 10);
}
void Text(const char* s, std::string* out) {
  if (s != nullptr) out->append(s);
}

Status Validate(const GeneratorOptions& o) {
  if (o.patients < 1000) return Status::InvalidInput("--patients must be at least 1,000");
  if (o.practices < 1 || o.practices > o.patients / 100) {
    return Status::InvalidInput("--practices must be between 1 and one per 100 patients");
  }
  if (o.icos < 1 || o.icos > 100) return Status::InvalidInput("--icos must be between 1 and 100");
  if (o.control_practices < 0 || o.control_practices > 10000) {
    return Status::InvalidInput("--control-practices must be between 0 and 10,000");
  }
  if (o.years < 1 || o.years > 10) return Status::InvalidInput("--years must be between 1 and 10");
  return Status::Ok();
}

// NHS numbers from the 99 range, which is not issued to patients (999 is the NHS test range):
// the first nine digits walk 990000000-999999999 in a scrambled order, skipping those that
// have no valid check digit.
std::vector<std::string> NhsNumbers(size_t count) {
  std::vector<std::string> numbers;
  numbers.reserve(count);
  for (uint64_t k = 0; numbers.size() < count; ++k) {
    const auto first_nine = static_cast<uint32_t>(990000000 + (k * 7654321) % 10000000);
    const int check = NhsCheckDigit(first_nine);
    if (check < 0) continue;
    numbers.push_back(std::to_string(first_nine) + static_cast<char>('0' + check));
  }
  return numbers;
}

class Output {
 public:
  Output(std::string folder, GeneratorReport* report)
      : folder_(std::move(folder)), report_(report) {}

  // Writes one table: the header, then the rows `format` appends for each part 0..parts-1,
  // formatted in parallel and written in order.
  Status Write(TableId id, size_t parts, int threads,
               const std::function<int64_t(size_t, std::string*)>& format) {
    const TableSpec& table = Table(id);
    auto writer = CsvWriter::Create((std::filesystem::path(folder_) / table.file).string());
    if (!writer.ok()) return writer.status();
    for (const ColumnSpec& c : table.columns) (*writer)->Field(c.name);
    (*writer)->EndRow();
    std::vector<std::string> texts(parts);
    std::vector<int64_t> rows(parts, 0);
    ParallelChunks(parts, 1, threads,
                   [&](size_t begin, size_t) { rows[begin] = format(begin, &texts[begin]); });
    int64_t total = 0;
    for (size_t i = 0; i < parts; ++i) {
      (*writer)->Raw(texts[i]);
      std::string().swap(texts[i]);
      total += rows[i];
    }
    CONTINUUM_RETURN_IF_ERROR((*writer)->Close());
    report_->rows.emplace_back(std::string(table.file), total);
    return Status::Ok();
  }

 private:
  std::string folder_;
  GeneratorReport* report_;
};

}  // namespace

Result<GeneratorReport> GenerateIco(const GeneratorOptions& given, const std::string& out_dir) {
  GeneratorOptions o = given;
  std::optional<Area> area;
  if (!o.area_dir.empty()) {
    auto read = ReadArea(o.area_dir);
    if (!read.ok()) return read.status();
    area = std::move(*read);
    if (!o.practices_given) o.practices = static_cast<int>(area->practices.size());
    if (!o.patients_given) {
      o.patients = 0;
      for (int p = 0; p < o.practices && p < static_cast<int>(area->practices.size()); ++p) {
        o.patients += area->practices[p].registered;
      }
    }
  }
  CONTINUUM_RETURN_IF_ERROR(Validate(o));
  const int threads = o.threads > 0 ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) return Status::IoError(out_dir + ": " + error.message());

  World w;
  w.window_start = DayFromCivil(2025 - o.years, 4, 1);
  w.window_end = DayFromCivil(2025, 3, 31);
  Random rng(o.seed, 0);
  BuildOrganisations(o, area ? &*area : nullptr, rng, &w);
  BuildPeople(o, area ? &*area : nullptr, threads, &w);
  const CareScales scales = CalibrateCare(w, threads);
  const size_t chunks = (w.people.size() + kCareChunk - 1) / kCareChunk;
  std::vector<CareRecords> care(chunks);
  ParallelChunks(w.people.size(), kCareChunk, threads, [&](size_t begin, size_t end) {
    CareRecords& records = care[begin / kCareChunk];
    for (size_t i = begin; i < end; ++i) GenerateCare(w, scales, o.seed, i, &records);
  });

  GeneratorReport report;
  report.patients = static_cast<int64_t>(w.people.size());
  Output out(out_dir, &report);
  const auto org_id = [&](int index) -> const std::string& { return w.organisations[index].id; };

  CONTINUUM_RETURN_IF_ERROR(out.Write(TableId::kOrganisations, 1, 1, [&](size_t, std::string* s) {
    for (const Organisation& org : w.organisations) {
      AppendCsvField(org.id, s);
      s->push_back(',');
      AppendCsvField(org.name, s);
      s->push_back(',');
      s->append(kOrgKindCodes[static_cast<int>(org.kind)]);
      s->push_back(',');
      if (org.parent >= 0) s->append(org_id(org.parent));
      s->push_back('\n');
    }
    return static_cast<int64_t>(w.organisations.size());
  }));
  CONTINUUM_RETURN_IF_ERROR(out.Write(TableId::kStaff, 1, 1, [&](size_t, std::string* s) {
    for (size_t i = 0; i < w.staff.size(); ++i) {
      Int(static_cast<int64_t>(i + 1), s);
      s->push_back(',');
      s->append(org_id(w.staff[i].organisation));
      s->push_back(',');
      s->append(kStaffRoleCodes[static_cast<int>(w.staff[i].role)]);
      s->push_back(',');
      s->append(w.staff[i].specialty);
      s->push_back('\n');
    }
    return static_cast<int64_t>(w.staff.size());
  }));
  const std::vector<std::string> nhs = NhsNumbers(w.people.size());
  const auto people_in = [&](size_t chunk) {
    return std::pair<size_t, size_t>(chunk * kCareChunk,
                                     std::min(w.people.size(), (chunk + 1) * kCareChunk));
  };
  CONTINUUM_RETURN_IF_ERROR(
      out.Write(TableId::kPatients, chunks, threads, [&](size_t chunk, std::string* s) {
        const auto [begin, end] = people_in(chunk);
        for (size_t i = begin; i < end; ++i) {
          const Person& p = w.people[i];
          Int(static_cast<int64_t>(i + 1), s);
          s->push_back(',');
          s->append(nhs[i]);
          s->push_back(',');
          Date(p.birth, s);
          s->append(p.female ? ",F," : ",M,");
          s->append(w.lsoas[p.lsoa].code);
          s->push_back(',');
          Int(p.decile, s);
          s->push_back('\n');
        }
        return static_cast<int64_t>(end - begin);
      }));
  CONTINUUM_RETURN_IF_ERROR(
      out.Write(TableId::kRegistrations, chunks, threads, [&](size_t chunk, std::string* s) {
        const auto [begin, end] = people_in(chunk);
        int64_t rows = 0;
        for (size_t i = begin; i < end; ++i) {
          for (const Period& r : w.people[i].periods) {
            Int(static_cast<int64_t>(i + 1), s);
            s->push_back(',');
            s->append(org_id(w.practices[r.practice].organisation));
            s->push_back(',');
            Date(r.start, s);
            s->push_back(',');
            s->append(kRegistrationStartCodes[static_cast<int>(r.start_reason)]);
            s->push_back(',');
            if (r.end != kNeverEnds) {
              Date(r.end, s);
              s->push_back(',');
              s->append(kRegistrationEndCodes[static_cast<int>(r.end_reason)]);
            } else {
              s->push_back(',');
            }
            s->push_back('\n');
            ++rows;
          }
        }
        return rows;
      }));
  CONTINUUM_RETURN_IF_ERROR(
      out.Write(TableId::kConditions, chunks, threads, [&](size_t chunk, std::string* s) {
        const auto [begin, end] = people_in(chunk);
        int64_t rows = 0;
        for (size_t i = begin; i < end; ++i) {
          for (int c = 0; c < kConditionCount; ++c) {
            const Day onset = w.people[i].onset[c];
            if (onset == kNeverEnds) continue;
            Int(static_cast<int64_t>(i + 1), s);
            s->push_back(',');
            s->append(kConditionCodes[c]);
            s->push_back(',');
            Date(onset, s);
            s->append(",\n");
            ++rows;
          }
        }
        return rows;
      }));
  CONTINUUM_RETURN_IF_ERROR(
      out.Write(TableId::kObservations, chunks, threads, [&](size_t chunk, std::string* s) {
        for (const ObservationRecord& r : care[chunk].observations) {
          Int(r.person + 1, s);
          s->push_back(',');
          Date(r.day, s);
          s->push_back(',');
          s->append(kObservationKindCodes[static_cast<int>(r.kind)]);
          s->push_back(',');
          if (r.kind == ObservationKind::kSmokingStatus) {
            s->append(kSmokingStatusCodes[r.tenths]);
          } else {
            Int(r.tenths / 10, s);
            if (r.kind == ObservationKind::kBmi) {
              s->push_back('.');
              Int(r.tenths % 10, s);
            }
          }
          s->push_back('\n');
        }
        return static_cast<int64_t>(care[chunk].observations.size());
      }));
  std::vector<int64_t> first_event(chunks + 1, 1), first_referral(chunks + 1, 1);
  for (size_t c = 0; c < chunks; ++c) {
    first_event[c + 1] = first_event[c] + static_cast<int64_t>(care[c].events.size());
    first_referral[c + 1] = first_referral[c] + static_cast<int64_t>(care[c].referrals.size());
  }
  report.events = first_event[chunks] - 1;
  CONTINUUM_RETURN_IF_ERROR(
      out.Write(TableId::kActivity, chunks, threads, [&](size_t chunk, std::string* s) {
        s->reserve(care[chunk].events.size() * 64);
        int64_t id = first_event[chunk];
        char money[32];
        for (const EventRecord& e : care[chunk].events) {
          Int(id++, s);
          s->push_back(',');
          Int(e.person + 1, s);
          s->push_back(',');
          Date(e.day, s);
          s->push_back(',');
          s->append(kSettingCodes[static_cast<int>(e.setting)]);
          s->push_back(',');
          s->append(org_id(e.provider));
          s->push_back(',');
          Text(e.specialty, s);
          s->push_back(',');
          Text(e.diagnosis, s);
          s->push_back(',');
          Text(e.procedure, s);
          s->push_back(',');
          if (e.length_of_stay >= 0) Int(e.length_of_stay, s);
          s->push_back(',');
          Int(e.quantity, s);
          s->push_back(',');
          s->append(money, FormatPoundsTo(e.cost, money));
          s->push_back('\n');
        }
        std::vector<EventRecord>().swap(care[chunk].events);
        return first_event[chunk + 1] - first_event[chunk];
      }));
  CONTINUUM_RETURN_IF_ERROR(
      out.Write(TableId::kDeaths, chunks, threads, [&](size_t chunk, std::string* s) {
        const auto [begin, end] = people_in(chunk);
        int64_t rows = 0;
        for (size_t i = begin; i < end; ++i) {
          const Person& p = w.people[i];
          if (p.death == kNeverEnds) continue;
          Int(static_cast<int64_t>(i + 1), s);
          s->push_back(',');
          Date(p.death, s);
          s->push_back(',');
          s->append(kPlaceOfDeathCodes[static_cast<int>(p.place)]);
          s->push_back(',');
          if (p.preferred_place >= 0) s->append(kPlaceOfDeathCodes[p.preferred_place]);
          s->push_back('\n');
          ++rows;
        }
        return rows;
      }));
  CONTINUUM_RETURN_IF_ERROR(
      out.Write(TableId::kReferrals, chunks, threads, [&](size_t chunk, std::string* s) {
        int64_t id = first_referral[chunk];
        for (const ReferralRecord& r : care[chunk].referrals) {
          Int(id++, s);
          s->push_back(',');
          Int(r.person + 1, s);
          s->push_back(',');
          Date(r.day, s);
          s->push_back(',');
          s->append(org_id(r.from));
          s->push_back(',');
          s->append(org_id(r.to));
          s->push_back(',');
          Text(r.specialty, s);
          s->push_back(',');
          Text(r.reason, s);
          s->push_back(',');
          s->append(kReferralOutcomeCodes[static_cast<int>(r.outcome)]);
          s->push_back('\n');
        }
        return first_referral[chunk + 1] - first_referral[chunk];
      }));
  return report;
}

}  // namespace continuum
