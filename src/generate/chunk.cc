#include "generate/chunk.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/nhs_number.h"
#include "generate/advance_care_planning.h"
#include "generate/annual_reviews.h"
#include "generate/care_adjustments.h"
#include "generate/discharge_follow_up.h"
#include "generate/end_of_life.h"
#include "generate/heart_failure_pathway.h"
#include "generate/hospital_activity.h"
#include "generate/life_course.h"
#include "generate/observations.h"
#include "generate/primary_care.h"
#include "generate/selection.h"
#include "generate/social_care.h"
#include "generate/survey_answers.h"

namespace continuum {
namespace {

// Longest rows, with room to spare: ids, dates, org ids and codes are all short.
constexpr size_t kMaxRow = 512;

template <typename T>
char* PutCode(char* out, CodeList list, T value) {
  return PutText(out, list[static_cast<int>(value)]);
}

// Fixed three decimals, e.g. -1.204.
char* PutFixed3(char* out, double value) {
  const uint64_t thousandths = static_cast<uint64_t>(std::llround(std::fabs(value) * 1000));
  if (value < 0 && thousandths > 0) *out++ = '-';
  out = PutUnsigned(out, thousandths / 1000);
  *out++ = '.';
  const unsigned frac = static_cast<unsigned>(thousandths % 1000);
  *out++ = static_cast<char>('0' + frac / 100);
  *out++ = static_cast<char>('0' + frac / 10 % 10);
  *out++ = static_cast<char>('0' + frac % 10);
  return out;
}

class ChunkWriter {
 public:
  ChunkWriter(const Simulation& sim, ChunkText* out) : sim_(sim), out_(*out) {}

  void Person(const continuum::Person& p, const PersonRecords& records, bool truth) {
    id_end_ = PutUnsigned(id_, static_cast<uint64_t>(kFirstPatientId + p.index));
    PatientRow(p);
    Registrations(p);
    Conditions(p);
    Observations(records);
    Activity(records);
    if (p.death != kNever) Death(p);
    Referrals(records);
    if (truth) Truth(p);
  }

 private:
  TextBuffer& File(TableId t) { return out_.files[static_cast<int>(t)]; }
  char* Begin(TableId t) {
    ++out_.rows[static_cast<int>(t)];
    return File(t).Reserve(kMaxRow);
  }
  char* Id(char* out) { return PutText(out, std::string_view(id_, id_end_ - id_)); }
  std::string_view Org(int org) const { return sim_.world->organisations[org].id; }

  void PatientRow(const continuum::Person& p) {
    char* o = Id(Begin(TableId::kPatients));
    *o++ = ',';
    const uint32_t first_nine = sim_.plan->nhs_first_nine[p.index];
    o = PutUnsigned(o, uint64_t{first_nine} * 10 + NhsCheckDigit(first_nine));
    *o++ = ',';
    o = PutDate(o, p.birth);
    *o++ = ',';
    o = PutCode(o, kSexCodes, p.sex);
    *o++ = ',';
    o = PutText(o, sim_.places->lsoa(p.lsoa).code);
    *o++ = ',';
    o = PutUnsigned(o, p.decile);
    *o++ = '\n';
    File(TableId::kPatients).Commit(o);
  }

  void Registrations(const continuum::Person& p) {
    for (int i = 0; i < p.registration_count; ++i) {
      const Registration& r = p.registrations[i];
      char* o = Id(Begin(TableId::kRegistrations));
      *o++ = ',';
      o = PutText(o, Org(sim_.practice(r.practice).org));
      *o++ = ',';
      o = PutDate(o, r.start);
      *o++ = ',';
      o = PutCode(o, kRegistrationStartCodes, r.start_reason);
      *o++ = ',';
      if (r.end != kNever) {
        o = PutDate(o, r.end);
        *o++ = ',';
        o = PutCode(o, kRegistrationEndCodes, r.end_reason);
      } else {
        *o++ = ',';
      }
      *o++ = '\n';
      File(TableId::kRegistrations).Commit(o);
    }
  }

  void Conditions(const continuum::Person& p) {
    for (int c = 0; c < kConditionCount; ++c) {
      const Day onset = p.onset[c] != kNever ? p.onset[c] : p.recorded_only[c];
      if (onset == kNever) continue;
      char* o = Id(Begin(TableId::kConditions));
      *o++ = ',';
      o = PutText(o, kConditionCodes[c]);
      *o++ = ',';
      o = PutDate(o, onset);
      *o++ = ',';
      if (p.onset[c] != kNever && p.resolved[c] != kNever) o = PutDate(o, p.resolved[c]);
      *o++ = '\n';
      File(TableId::kConditions).Commit(o);
    }
  }

  void Observations(const PersonRecords& records) {
    order_.clear();
    for (size_t i = 0; i < records.observations.size(); ++i) {
      const ObservationRecord& r = records.observations[i];
      order_.push_back((uint64_t(uint32_t(r.date)) << 32) | (uint64_t(r.kind) << 24) | i);
    }
    std::sort(order_.begin(), order_.end());
    for (uint64_t key : order_) {
      const ObservationRecord& r = records.observations[key & 0xFFFFFF];
      char* o = Id(Begin(TableId::kObservations));
      *o++ = ',';
      o = PutDate(o, r.date);
      *o++ = ',';
      o = PutCode(o, kObservationKindCodes, r.kind);
      *o++ = ',';
      if (const CodeList codes = ObservationValueCodes(r.kind); !codes.empty()) {
        o = PutText(o, codes[r.value]);
      } else if (r.kind == ObservationKind::kBmi) {
        o = PutUnsigned(o, r.value / 10);
        *o++ = '.';
        *o++ = static_cast<char>('0' + r.value % 10);
      } else {
        o = PutUnsigned(o, r.value);
      }
      *o++ = '\n';
      File(TableId::kObservations).Commit(o);
    }
  }

  void Activity(const PersonRecords& records) {
    order_.clear();
    for (size_t i = 0; i < records.events.size(); ++i) {
      const EventRecord& e = records.events[i];
      order_.push_back((uint64_t(uint32_t(e.date)) << 32) | (uint64_t(e.setting) << 24) | i);
    }
    std::sort(order_.begin(), order_.end());
    for (uint64_t key : order_) {
      const EventRecord& e = records.events[key & 0xFFFFFF];
      char* o = Begin(TableId::kActivity);
      *o++ = ',';
      o = Id(o);
      *o++ = ',';
      o = PutDate(o, e.date);
      *o++ = ',';
      o = PutCode(o, kSettingCodes, e.setting);
      *o++ = ',';
      o = PutText(o, Org(e.provider));
      *o++ = ',';
      o = PutText(o, e.specialty);
      *o++ = ',';
      o = PutText(o, e.diagnosis);
      *o++ = ',';
      o = PutText(o, e.procedure);
      *o++ = ',';
      if (e.length_of_stay >= 0) o = PutUnsigned(o, e.length_of_stay);
      *o++ = ',';
      o = PutUnsigned(o, e.quantity);
      *o++ = ',';
      o = PutPence(o, e.cost);
      *o++ = ',';
      o = PutText(o, e.medicine);
      *o++ = '\n';
      File(TableId::kActivity).Commit(o);
    }
  }

  void Death(const continuum::Person& p) {
    char* o = Id(Begin(TableId::kDeaths));
    *o++ = ',';
    o = PutDate(o, p.death);
    *o++ = ',';
    o = PutCode(o, kPlaceOfDeathCodes, p.place_of_death);
    *o++ = ',';
    if (p.preferred_place >= 0) o = PutText(o, kPlaceOfDeathCodes[p.preferred_place]);
    *o++ = '\n';
    File(TableId::kDeaths).Commit(o);
  }

  void Referrals(const PersonRecords& records) {
    order_.clear();
    for (size_t i = 0; i < records.referrals.size(); ++i) {
      order_.push_back((uint64_t(uint32_t(records.referrals[i].date)) << 32) | i);
    }
    std::sort(order_.begin(), order_.end());
    for (uint64_t key : order_) {
      const ReferralRecord& r = records.referrals[key & 0xFFFFFF];
      char* o = Begin(TableId::kReferrals);
      *o++ = ',';
      o = Id(o);
      *o++ = ',';
      o = PutDate(o, r.date);
      *o++ = ',';
      o = PutText(o, Org(r.from_org));
      *o++ = ',';
      o = PutText(o, Org(r.to_org));
      *o++ = ',';
      o = PutText(o, r.specialty);
      *o++ = ',';
      o = PutText(o, r.reason);
      *o++ = ',';
      o = PutCode(o, kReferralOutcomeCodes, r.outcome);
      *o++ = '\n';
      File(TableId::kReferrals).Commit(o);
    }
  }

  void Truth(const continuum::Person& p) {
    char* o = Id(out_.truth.Reserve(kMaxRow));
    *o++ = ',';
    o = PutFixed3(o, p.frailty);
    *o++ = ',';
    o = PutFixed3(o, p.propensity);
    *o++ = ',';
    *o++ = p.case_managed ? '1' : '0';
    *o++ = ',';
    o = PutFixed3(o, ExpectedEmergency(p));
    *o++ = '\n';
    out_.truth.Commit(o);
  }

  // The model's emergency admission rate for the person in the last year they were registered,
  // with that year's health state but before the yearly shock: the truth a case-finding model
  // tries to recover.
  double ExpectedEmergency(const continuum::Person& p) const {
    const Day day = std::max(p.entry, std::min(p.exit, sim_.window.end() - 182));
    const Practice& practice = sim_.practice(p.PracticeOn(day));
    return sim_.rates->Expected(Driver::kEmergency, DescribeYear(p, day, practice.quality)) *
           practice.admission_propensity * sim_.HealthState(p.index, sim_.window.YearOf(day));
  }

  const Simulation& sim_;
  ChunkText& out_;
  char id_[24];
  char* id_end_ = id_;
  std::vector<uint64_t> order_;  // sort keys: date, kind or setting, position
};

}  // namespace

void SimulateChunk(const Simulation& sim, int64_t first, int64_t last, bool truth, ChunkText* out) {
  for (TextBuffer& file : out->files) file.Clear();
  out->truth.Clear();
  out->rows.fill(0);
  ChunkWriter writer(sim, out);
  PersonRecords records;
  Person person;
  for (int64_t index = first; index < last; ++index) {
    Rng rng = sim.PersonRng(index, PersonStream::kMain);
    records.Clear();
    DrawPerson(sim, index, &rng, &person);
    LiveThroughWindow(sim, index, &rng, &person);
    PlantSelection(sim, index, &person);
    PlantUpcoding(sim, index, &person);
    Rng pathway = sim.PersonRng(index, PersonStream::kHeartFailurePathway);
    AddHeartFailurePathway(sim, &pathway, &person, &records);
    DecideEndOfLife(&rng, &person);
    person.case_managed = AddHospitalCare(sim, person, &rng, &records);
    AddPrimaryAndCommunityCare(sim, person, &rng, &records);
    Rng follow_up = sim.PersonRng(index, PersonStream::kDischargeFollowUp);
    AddDischargeFollowUp(sim, person, &follow_up, &records);
    AddSocialCare(sim, person, &rng, &records);
    AddEndOfLifeCare(sim, person, &rng, &records);
    AddObservations(sim, person, &rng, &records);
    Rng reviews = sim.PersonRng(index, PersonStream::kAnnualReviews);
    AddAnnualReviews(sim, person, &reviews, &records);
    Rng adjustments = sim.PersonRng(index, PersonStream::kCareAdjustments);
    AddCareAdjustments(sim, person, &adjustments, &records);
    Rng planning = sim.PersonRng(index, PersonStream::kAdvanceCarePlanning);
    AddAdvanceCarePlanning(sim, &planning, &person, &records);
    Rng survey = sim.PersonRng(index, PersonStream::kSurveyAnswers);
    AddSurveyAnswers(sim, person, &survey, &records);
    writer.Person(person, records, truth);
  }
}

}  // namespace continuum
