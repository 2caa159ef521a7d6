// A person's rows before they are formatted: activity events, referrals and observations,
// collected by the activity models and sorted by date before writing.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "model/codes.h"

namespace continuum {

struct EventRecord {
  Day date = 0;
  Setting setting = Setting::kGp;
  int provider = 0;  // index into World::organisations
  std::string_view specialty, diagnosis, procedure;
  int length_of_stay = -1;  // -1: not an admission
  int quantity = 1;
  Pence cost = 0;
  std::string_view medicine;  // BNF code, for a prescription of one medicine
};

struct ReferralRecord {
  Day date = 0;
  int from_org = 0, to_org = 0;  // indexes into World::organisations
  std::string_view specialty, reason;
  ReferralOutcome outcome = ReferralOutcome::kSeen;
};

struct ObservationRecord {
  Day date = 0;
  ObservationKind kind = ObservationKind::kBmi;
  int value = 0;  // mmol/mol, mmHg, BMI in tenths, or an index into ObservationValueCodes(kind)
};

struct PersonRecords {
  std::vector<EventRecord> events;
  std::vector<ReferralRecord> referrals;
  std::vector<ObservationRecord> observations;

  void Clear() {
    events.clear();
    referrals.clear();
    observations.clear();
  }
};

}  // namespace continuum
