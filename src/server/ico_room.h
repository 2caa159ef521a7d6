// Everything the pages show for one ICO, each part worked out when first asked for and then kept:
// the quality indicators with the overview (the quality answers' megabytes of JSON rendered, and
// the commissioner's comparison worked out, only when they are first asked for), the risk model
// with each member practice's case finding, the care pathways with each practice's worklist, and,
// when the ICO has a contract, its monitor, settlement, savings scenarios and simulation. The API
// keeps one room per ICO that someone in scope has opened, so nothing is computed for an ICO no
// one has asked about.
//
//   IcoRoom room(population, ico, indicators, responses, {.case_finding_limit = 50});
//   Result<std::shared_ptr<const std::string>> body = room.Answer(IcoRoom::kRisk, true);
//
// Every method may be called from any thread; a part being worked out makes its callers wait.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "clinical/indicator.h"
#include "clinical/pathway_definition.h"
#include "clinical/pathway_report.h"
#include "clinical/quality_run.h"
#include "clinical/risk_run.h"
#include "clinical/survey.h"
#include "core/named_text.h"
#include "core/status.h"
#include "engine/population.h"
#include "finance/contract_setup.h"
#include "report/voice_render.h"
#include "server/http_message.h"

namespace continuum {

// The survey responses recorded so far, as one unchanging list (a new response makes a new list).
using Responses = std::shared_ptr<const std::vector<VoiceResponse>>;

struct IcoRoomOptions {
  int case_finding_limit = 50;       // patients a practice's case-finding list shows
  NamedText contract;                // the ICO's risk-share contract; empty text: none
  std::vector<NamedText> scenarios;  // savings scenarios applied to it
  std::vector<NamedText> tariffs;    // layered to cost events; empty: the default tariff
  int simulation_years = 10000;      // simulated years of the contract's financial risk
  std::function<int64_t()> clock;    // unix seconds, for the daily release
};

class IcoRoom {
 public:
  // The answers a room gives, each rendered for two audiences.
  enum AnswerId {
    kOverview,
    kQuality,
    kComparison,  // the commissioner's: every ICO and control practice it contracts
    kRisk,
    kPathways,
    kMonitor,
    kSettlement,
    kScenarios,
    kAnswerCount
  };
  // An identifiable answer for one member practice, with the patients it shows (for the audit).
  struct PracticeAnswer {
    std::shared_ptr<const std::string> body;
    std::vector<int64_t> patients;
  };

  // The room keeps `population` alive; `indicators` must outlive it; `responses` gives the survey
  // responses recorded so far whenever the indicators are counted.
  IcoRoom(std::shared_ptr<const Population> population, uint32_t ico,
          const std::vector<Indicator>& indicators, std::function<Responses()> responses,
          IcoRoomOptions options);
  ~IcoRoom();

  uint32_t ico() const { return ico_; }
  const std::string& id() const { return id_; }
  // The member practices (id, name), in id order.
  const std::vector<std::pair<std::string, std::string>>& practices() const {
    return member_practices_;
  }
  bool has_contract() const { return !options_.contract.text.empty(); }
  // The contract its finance pages report on (empty text: none).
  const NamedText& contract() const { return options_.contract; }

  // An aggregate answer: exactly (the ICO's own people) or under disclosure control (the
  // commissioner's analysts and evaluators). NotFound when the room has no contract (the finance
  // answers) or its ICO no commissioner (the comparison); other errors when a part cannot be
  // worked out.
  Result<std::shared_ptr<const std::string>> Answer(AnswerId answer, bool exact);
  // The aggregate answers worked out so far, [answer][exact], each nullptr when not (yet).
  using Rendered = std::array<std::array<std::shared_ptr<const std::string>, 2>, kAnswerCount>;
  Rendered Worked();
  // The contract's simulated risk, which takes seconds: started by the first finance answer (or
  // this) on a thread of its own, and waited for here.
  HttpResponse Simulation();
  // A member practice's case finding or pathway worklist; NotFound for a practice that is not a
  // member.
  Result<PracticeAnswer> CaseFinding(std::string_view practice);
  Result<PracticeAnswer> Worklist(std::string_view practice);
  // The first and last day the quality indicators measure (survey responses outside them can
  // never count).
  Result<VoiceWindow> QualityWindow();

  // Counts the quality indicators again with the responses recorded now, if they have been
  // counted before (otherwise they are counted when first asked for). Those under
  // disclosure control see a release made at the first count and at the first refresh of each
  // new day (UTC), so answers before and after one recorded response never tell it apart.
  Status RefreshQuality();

 private:
  struct Aggregate {
    std::shared_ptr<const std::string> exact, controlled;
  };
  // Works a part out once: later callers get the answer kept, and a part that failed is tried
  // again by the next caller.
  class Once {
   public:
    template <typename Build>
    Status Run(Build build) {
      std::lock_guard lock(mutex_);
      if (!done_) {
        status_ = build();
        done_ = status_.ok();
      }
      return status_;
    }

   private:
    std::mutex mutex_;
    bool done_ = false;
    Status status_;
  };

  // With quality_mutex_ held.
  Status CountQuality();
  // The commissioner's comparison for the latest release, if not worked out yet.
  Status CompareReleased();
  // The quality answer for the latest count (exact) or release, rendered when first asked for.
  Result<std::shared_ptr<const std::string>> QualityAnswer(bool exact);
  Status BuildRisk();
  Status BuildPathways();
  Status BuildFinance();
  Result<PracticeAnswer> PracticeData(Once& part, Status (IcoRoom::*build)(),
                                      const std::map<std::string, PracticeAnswer>& answers,
                                      std::string_view practice);

  const std::shared_ptr<const Population> owned_population_;
  const Population& population_;
  const uint32_t ico_;
  const std::string id_;
  const std::vector<Indicator>& indicators_;
  const std::function<Responses()> responses_;
  const IcoRoomOptions options_;
  bool has_commissioner_ = false;  // the ICO's parent is a commissioner
  std::vector<std::pair<std::string, std::string>> member_practices_;

  Once quality_part_, risk_part_, pathways_part_, finance_part_;
  std::mutex answers_mutex_;  // guards answers_ and voice_window_, which a refresh swaps
  Aggregate answers_[kAnswerCount];
  VoiceWindow voice_window_;
  int64_t released_day_ = -1;  // the day (UTC) of the last release under disclosure control
  uint64_t release_ = 0;       // releases made; guarded by answers_mutex_ like the next three
  // The quality indicators as released (0) and as last counted exactly (1).
  std::shared_ptr<const QualityRun> quality_runs_[2];
  Responses released_responses_;
  int released_year_ = 0;
  std::mutex comparison_mutex_;    // one comparison at a time
  uint64_t compared_release_ = 0;  // the release the comparison answer belongs to (0: none)
  std::mutex quality_mutex_;       // one count of the quality indicators at a time
  bool quality_counted_ = false;

  RiskReport risk_;
  std::map<std::string, PracticeAnswer> case_finding_, worklist_;  // by member practice id
  std::vector<PathwayDefinition> pathway_definitions_;             // the report points into them
  PathwaysReport pathways_;
  std::unique_ptr<const ContractSetup> contract_;
  // The contract's risk by population size, simulated beside the server.
  std::shared_future<HttpResponse> simulation_;
};

}  // namespace continuum
