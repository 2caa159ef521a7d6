#include "generate/social_care.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace continuum {
namespace {

constexpr int kPeriodDays = 28;

// Care home places per person by age band: <65, 65-74, 75-84, 85-89, 90+.
constexpr double kCareHomePrevalence[] = {0.001, 0.0058, 0.026, 0.092, 0.2};
constexpr double kHomeCarePrevalence[] = {0.004, 0.014, 0.048, 0.12, 0.16};
// Mean years in care (people leave by death mostly), giving incidence from prevalence: about two
// years in a care home (Forder and Fernandez, "Length of stay in care homes", PSSRU 2011: mean
// about 2 years, median about 15 months) and a little over one with home care.
constexpr double kCareHomeYears = 2.0, kHomeCareYears = 1.2;

// Care home residents paying for themselves (ONS, "Care homes and estimating the self-funding
// population, England: 2022 to 2023": 37%), and the years until their savings fall to the upper
// capital limit and the local authority takes over (exponential; approx.).
constexpr double kSelfFunded = 0.37, kSelfFundedYears = 3.0;
// What the local authority pays for a placement a week, relative to the gross fee (GBP 650 on
// average): the fee less the resident's assessed contribution from their income, on average
// three quarters of it (NHS Digital Adult Social Care Activity and Finance Report: client
// contributions are a quarter to a third of gross spending on residential and nursing care,
// approx.),
// spread widely (log-normal) across placements by care needs (nursing or residential, dementia,
// a younger adult's specialist placement) and by the resident's income.
constexpr double kCareHomeNet = 0.75, kCareHomeSpread = 1.0;
// Home care hours are reviewed each year and go up or down with the person's needs: a log-normal
// factor for each year of the package.
constexpr double kHoursReviewSpread = 0.6;
// New packages' hours a week: log-normal with a mean of about 11 and this sd of the log, from an
// hour's check to live-in care (capped at 12 hours a day).
constexpr double kHoursSpread = 0.9, kMostHours = 84;

int Band(int age) { return age < 65 ? 0 : age < 75 ? 1 : age < 85 ? 2 : age < 90 ? 3 : 4; }

double Risk(double frailty, bool dementia, double dementia_factor) {
  return std::exp(0.6 * frailty - 0.18) * (dementia ? dementia_factor : 1.0);
}

}  // namespace

double CareHomePrevalence(int age, double frailty, bool dementia) {
  if (age < 18) return 0;
  return std::min(0.8, kCareHomePrevalence[Band(age)] * Risk(frailty, dementia, 3.5));
}
double CareHomeIncidence(int age, double frailty, bool dementia) {
  return CareHomePrevalence(age, frailty, dementia) / kCareHomeYears;
}
double HomeCarePrevalence(int age, double frailty, bool dementia) {
  if (age < 18) return 0;
  return std::min(0.8, kHomeCarePrevalence[Band(age)] * Risk(frailty, dementia, 2.0));
}
double HomeCareIncidence(int age, double frailty, bool dementia) {
  return HomeCarePrevalence(age, frailty, dementia) / kHomeCareYears;
}

double DrawHomeCareHours(Rng* rng) {
  return std::clamp(
      rng->LogNormal(std::log(11.4) - 0.5 * kHoursSpread * kHoursSpread, kHoursSpread), 1.0,
      kMostHours);
}

// Calls bill(day, days) for each invoice of a package billed every kPeriodDays, in advance, from
// `from` to `to`. A package already `running` at `from` (on the data's first day, or a
// newcomer's) is partway through a cycle at a random point, so invoices do not all fall on the
// first day of the data. The last period is billed whole unless the package ends (`ends`) before
// the data do.
template <typename Bill>
void ForEachInvoice(bool running, Day from, Day to, bool ends, Rng* rng, Bill bill) {
  // Billed in advance: the invoice for a cycle already under way was dated before `from`.
  Day d = running ? from + static_cast<Day>(rng->Below(kPeriodDays)) : from;
  for (; d <= to; d += kPeriodDays) bill(d, ends ? std::min(kPeriodDays, to - d + 1) : kPeriodDays);
}

void AddSocialCare(const Simulation& sim, const Person& person, Rng* rng, PersonRecords* records) {
  const int provider = sim.world->providers.social_care;
  const UnitCosts& costs = *sim.costs;
  auto refer = [&](Day start) {
    if (start <= person.entry) return;  // began before this registration: no referral seen
    const Day day = std::max(person.entry, start - rng->Between(7, 28));
    records->referrals.push_back({day,
                                  sim.PracticeOrgOn(person, day),
                                  provider,
                                  {},
                                  person.Has(Condition::kDementia, day) ? "F03" : "",
                                  ReferralOutcome::kSeen});
  };
  if (person.residential_from <= person.exit) {
    // A self-funder's placement becomes the local authority's when their savings run down.
    Day funded = person.residential_from;
    if (rng->Chance(kSelfFunded))
      funded += static_cast<Day>(rng->Exponential(kSelfFundedYears * 365.25));
    const Day start = std::max(funded, person.entry);
    const Pence weekly = static_cast<Pence>(
        costs.residential_week * kCareHomeNet *
        rng->LogNormal(-0.5 * kCareHomeSpread * kCareHomeSpread, kCareHomeSpread));
    const bool leaves = person.exit < sim.window.end();
    const bool running = funded < start || start == sim.window.start();
    ForEachInvoice(running, start, person.exit, leaves, rng, [&](Day d, int days) {
      const int weeks = (days + 6) / 7;
      records->events.push_back({.date = d,
                                 .setting = Setting::kSocialCare,
                                 .provider = provider,
                                 .quantity = weeks,
                                 .cost = weeks * weekly});
    });
    if (start <= person.exit) refer(funded);
  }
  if (person.home_care_from <= person.exit) {
    const Day start = std::max(person.home_care_from, person.entry);
    const Day stop = std::min({person.exit, person.residential_from - 1, person.home_care_until});
    const bool ends = stop < sim.window.end();
    const bool running = person.home_care_from < start || start == sim.window.start();
    std::array<double, Window::kMaxYears> review{};
    for (int y = 0; y < sim.window.years(); ++y) {
      review[y] =
          rng->LogNormal(-0.5 * kHoursReviewSpread * kHoursReviewSpread, kHoursReviewSpread);
    }
    ForEachInvoice(running, start, stop, ends, rng, [&](Day d, int days) {
      const int hours =
          std::max(1, static_cast<int>(std::lround(person.home_care_hours *
                                                   review[sim.window.YearOf(d)] * days / 7)));
      records->events.push_back({.date = d,
                                 .setting = Setting::kSocialCare,
                                 .provider = provider,
                                 .quantity = hours,
                                 .cost = hours * costs.home_care_hour});
    });
    if (start <= stop) refer(person.home_care_from);
  }
}

}  // namespace continuum
