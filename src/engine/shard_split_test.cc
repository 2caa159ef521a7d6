// A programme's population cut into shards, one per commissioner: every patient of a shard's
// practices is in it with all of their rows, no one else is, the shards together hold every
// patient, and an import whose events wait in files writes the same shards as a population held
// in memory.
#include "engine/shard_split.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "engine/engine.h"
#include "engine/import_with_snapshot.h"
#include "engine/shard_plan.h"
#include "engine/snapshot.h"
#include "generate/generated_ico.h"
#include "generate/test_folder.h"
#include "model/codes.h"

namespace continuum {
namespace {

// The commissioner above an organisation, by walking its parents (the plan's rule, written again).
std::string CommissionerOf(const Population& p, uint32_t org) {
  while (org != Dictionary::kMissing &&
         p.organisations.kind[org] != static_cast<uint8_t>(OrgKind::kCommissioner))
    org = p.organisations.parent[org];
  return org == Dictionary::kMissing ? "" : p.organisations.ids.Value(org);
}

class ShardSplit : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto generated = GenerateAndLoad(TestFolder("shard-split"), {.patients = 2500,
                                                                 .practices = 2,
                                                                 .icos = 3,
                                                                 .commissioners = 2,
                                                                 .control_practices = 1,
                                                                 .years = 2,
                                                                 .seed = 41});
    ASSERT_TRUE(generated.ok()) << generated.status().message();
    programme_ = generated->release();
  }
  static void TearDownTestSuite() { delete programme_; }
  static GeneratedIco* programme_;
};
GeneratedIco* ShardSplit::programme_ = nullptr;

TEST_F(ShardSplit, EachCommissionersShardHoldsExactlyThePatientsOfItsPractices) {
  const Population& whole = programme_->population();
  Workspace& w = *programme_->workspace;
  const ShardPlan plan = PlanShards(whole);
  ASSERT_EQ(plan.names, (std::vector<std::string>{"ZQ1", "ZQ2"}));
  // Each patient's commissioners, from their registrations.
  std::map<int64_t, std::set<std::string>> expected;
  for (uint32_t i = 0; i < whole.patients.size(); ++i) {
    for (uint32_t r = whole.patients.first_registration[i];
         r < whole.patients.first_registration[i + 1]; ++r)
      expected[whole.patients.id[i]].insert(CommissionerOf(whole, whole.registrations.practice[r]));
  }
  // Each patient's events, by id.
  std::map<int64_t, std::multiset<int64_t>> events;
  for (size_t e = 0; e < whole.events.size(); ++e)
    events[whole.patients.id[whole.events.patient[e]]].insert(whole.events.id[e]);

  std::set<int64_t> seen;
  for (const std::string& name : plan.names) {
    auto shard = Engine::LoadShard(w, name);
    ASSERT_TRUE(shard.ok()) << shard.status().message();
    const Population& s = *shard;
    EXPECT_EQ(s.organisations.ids.values(), whole.organisations.ids.values());
    EXPECT_EQ(s.memberships.ico, whole.memberships.ico);
    EXPECT_EQ(s.events.last_day, whole.events.last_day);
    std::map<int64_t, std::multiset<int64_t>> shard_events;
    for (size_t e = 0; e < s.events.size(); ++e)
      shard_events[s.patients.id[s.events.patient[e]]].insert(s.events.id[e]);
    size_t patients = 0;
    for (const auto& [id, commissioners] : expected) patients += commissioners.count(name);
    EXPECT_EQ(s.patients.size(), patients) << name;
    for (uint32_t i = 0; i < s.patients.size(); ++i) {
      const int64_t id = s.patients.id[i];
      seen.insert(id);
      EXPECT_TRUE(expected[id].count(name)) << name << " holds patient " << id;
      EXPECT_EQ(shard_events[id], events[id]) << name << " patient " << id;
      // The same registrations, renumbered.
      const uint32_t from = s.patients.first_registration[i];
      EXPECT_EQ(s.registrations.patient[from], i);
    }
  }
  EXPECT_EQ(seen.size(), whole.patients.size());
  auto directory = Engine::LoadDirectory(w);
  ASSERT_TRUE(directory.ok() && *directory);
  EXPECT_EQ((*directory)->patients.size(), 0u);
  EXPECT_EQ((*directory)->LastDayOfData(), whole.LastDayOfData());
}

// A patient who moves from one commissioner's practice to another's is in both shards, whole.
TEST_F(ShardSplit, APatientWhoMovesBetweenCommissionersIsInBothShards) {
  Population p = programme_->population();
  const uint32_t zq2_practice = [&] {
    for (uint32_t org = 0; org < p.organisations.size(); ++org)
      if (p.organisations.kind[org] == static_cast<uint8_t>(OrgKind::kPractice) &&
          CommissionerOf(p, org) == "ZQ2")
        return org;
    return Dictionary::kMissing;
  }();
  ASSERT_NE(zq2_practice, Dictionary::kMissing);
  // The first patient of a ZQ1 practice joins the ZQ2 practice after the data ends.
  uint32_t mover = 0;
  while (CommissionerOf(p, p.registrations.practice[p.patients.first_registration[mover]]) != "ZQ1")
    ++mover;
  const uint32_t at = p.patients.first_registration[mover + 1];
  RegistrationColumns& r = p.registrations;
  r.patient.insert(r.patient.begin() + at, mover);
  r.practice.insert(r.practice.begin() + at, zq2_practice);
  r.start.insert(r.start.begin() + at, p.events.last_day + 1);
  r.end.insert(r.end.begin() + at, kNoDay);
  r.start_reason.insert(r.start_reason.begin() + at, kNoCode);
  r.end_reason.insert(r.end_reason.begin() + at, kNoCode);
  for (size_t i = mover + 1; i < p.patients.first_registration.size(); ++i)
    ++p.patients.first_registration[i];
  size_t mover_events = 0;
  for (uint32_t patient : p.events.patient) mover_events += patient == mover;
  ASSERT_GT(mover_events, 0u);

  const ShardPlan plan = PlanShards(p);
  size_t shards_holding = 0, patients = 0;
  ASSERT_TRUE(SplitIntoShards(p, nullptr, plan, "", [&](size_t, BuiltPopulation& shard) {
                const Population& s = shard.population;
                patients += s.patients.size();
                for (uint32_t i = 0; i < s.patients.size(); ++i) {
                  if (s.patients.id[i] != p.patients.id[mover]) continue;
                  ++shards_holding;
                  size_t events = 0;
                  for (uint32_t patient : s.events.patient) events += patient == i;
                  EXPECT_EQ(events, mover_events);
                  EXPECT_EQ(s.patients.first_registration[i + 1] - s.patients.first_registration[i],
                            p.patients.first_registration[mover + 1] -
                                p.patients.first_registration[mover]);
                }
                return Status::Ok();
              }).ok());
  EXPECT_EQ(shards_holding, 2u);
  EXPECT_EQ(patients, p.patients.size() + 1);
}

TEST_F(ShardSplit, AnImportsShardsAreTheShardsOfThePopulationInMemory) {
  const std::string path = (programme_->folder / "again.db").string();
  auto workspace = Workspace::Open(path, Workspace::kCreate);
  ASSERT_TRUE(workspace.ok()) << workspace.status().message();
  auto report = ImportWithSnapshot((programme_->folder / "data").string(), **workspace, {});
  ASSERT_TRUE(report.ok() && report->committed);
  for (const char* name : {"ZQ1", "ZQ2"}) {
    auto from_files = Engine::LoadShard(**workspace, name);
    auto in_memory = Engine::LoadShard(*programme_->workspace, name);
    ASSERT_TRUE(from_files.ok()) << from_files.status().message();
    ASSERT_TRUE(in_memory.ok()) << in_memory.status().message();
    EXPECT_EQ(SerializePopulation(*from_files), SerializePopulation(*in_memory)) << name;
  }
  // A shard no longer current is not read.
  ASSERT_TRUE((*workspace)->BeginWrite().ok());
  ASSERT_TRUE((*workspace)->BumpDataGeneration().ok());
  ASSERT_TRUE((*workspace)->Commit().ok());
  EXPECT_EQ(Engine::LoadShard(**workspace, "ZQ1").status().code(), StatusCode::kNotFound);
}

TEST_F(ShardSplit, OpeningByAnIcoLoadsOnlyItsCommissionersShard) {
  Workspace& w = *programme_->workspace;
  auto ico3 = Engine::OpenShardOf(w, "ZICO3");
  ASSERT_TRUE(ico3.ok()) << ico3.status().message();
  auto zq2 = Engine::LoadShard(w, "ZQ2");
  ASSERT_TRUE(zq2.ok());
  EXPECT_EQ((*ico3)->population().patients.id, zq2->patients.id);
  EXPECT_LT((*ico3)->population().patients.size(), programme_->population().patients.size());
  // An organisation no shard answers for opens the whole.
  auto other = Engine::OpenShardOf(w, "nobody");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ((*other)->population().patients.size(), programme_->population().patients.size());
}

}  // namespace
}  // namespace continuum
