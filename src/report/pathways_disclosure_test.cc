// Disclosure control of the pathways report on counts made by hand.
#include "report/pathways_disclosure.h"

#include <gtest/gtest.h>

namespace continuum {
namespace {

// The control practices' 40 episodes: none on time, 3 breached. Showing adherence's 0 over a
// withheld count would say that every one of those few episodes breached.
TEST(PathwaysDisclosure, NoneOnTimeIsWithheldWithTheFewDecided) {
  PathwaysReport exact;
  PathwayFigures pathway;
  UnitFigures control;
  control.kind = UnitKind::kControlGroup;
  control.id = "control";
  control.registered = 9000;
  control.patients = 40;
  control.episodes = 40;
  control.on_time = 0;
  control.breached = 3;
  control.closed = 12;
  control.open = 25;
  pathway.units.push_back(control);
  exact.pathways.push_back(pathway);
  const PathwaysReport shown = ControlPathways(exact);
  const UnitFigures& u = shown.pathways[0].units[0];
  EXPECT_EQ(u.breached, -1);
  EXPECT_EQ(u.on_time, -1) << "a 0 on time beside 1 to 7 breached";
  EXPECT_LT(u.adherence.denominator, 0);
  EXPECT_EQ(u.episodes, 40);

  // Plenty decided: the counts show, rounded.
  exact.pathways[0].units[0].on_time = 20;
  exact.pathways[0].units[0].breached = 10;
  exact.pathways[0].units[0].closed = 5;
  exact.pathways[0].units[0].open = 5;
  const PathwaysReport plenty = ControlPathways(exact);
  const UnitFigures& v = plenty.pathways[0].units[0];
  EXPECT_EQ(v.on_time, 20);
  EXPECT_EQ(v.breached, 10);
  EXPECT_EQ(v.adherence.denominator, 30);
}

}  // namespace
}  // namespace continuum
