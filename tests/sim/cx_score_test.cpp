// Tests of sim/cx_score: CX(q) = baseline x (1 - sum_i w_i q_i).

#include "sim/cx_score.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "sim/engine.hpp"
#include "tests/support/builders.hpp"

namespace orgsim::sim {
namespace {

using test::make_graph;

class CxScoreTest : public ::testing::Test {};

TEST_F(CxScoreTest, IsBaselineTimesOneMinusWeightedInoperability) {
  model::OrgGraph g = make_graph("A*0.5; B*0.25; C");
  g.cx_baseline = 80.0;
  const CxScore cx(g);
  EXPECT_EQ(cx.baseline(), 80.0);
  // 80 (1 - 0.5 x 0.4 - 0.25 x 0.2) = 80 (1 - 0.2 - 0.05) = 60; C is no touchpoint.
  EXPECT_NEAR(cx(std::vector<double>{0.4, 0.2, 1.0}), 60.0, 1e-12);
}

TEST_F(CxScoreTest, NothingDegradedGivesTheBaseline) {
  const CxScore cx(make_graph("A*0.5; B*0.5; C"));
  EXPECT_EQ(cx(std::vector<double>{0.0, 0.0, 0.0}), 100.0);
  // Only non-touchpoint roles degraded: still the baseline.
  EXPECT_EQ(cx(std::vector<double>{0.0, 0.0, 1.0}), 100.0);
}

TEST_F(CxScoreTest, EveryTouchpointDownGivesBaselineTimesOneMinusTotalWeight) {
  const CxScore cx(make_graph("A*0.5; B*0.3; C"));
  // 100 (1 - 0.5 - 0.3) = 20
  EXPECT_NEAR(cx(std::vector<double>{1.0, 1.0, 1.0}), 20.0, 1e-12);
  // Weights summing to 1: CX falls to 0.
  const CxScore full(make_graph("A*0.5; B*0.5"));
  EXPECT_NEAR(full(std::vector<double>{1.0, 1.0}), 0.0, 1e-12);
}

TEST_F(CxScoreTest, IsLinearInEachTouchpoint) {
  const CxScore cx(make_graph("A; B*0.4"));
  // dCX/dq_B = -100 x 0.4 = -40 per unit of q_B
  for (double q : {0.0, 0.125, 0.5, 0.75, 1.0}) {
    EXPECT_NEAR(cx(std::vector<double>{0.9, q}), 100.0 - 40.0 * q, 1e-12) << "q_B " << q;
  }
}

TEST_F(CxScoreTest, GraphWithoutTouchpointsAlwaysScoresTheBaseline) {
  model::OrgGraph g = make_graph("A->B 0.5");
  g.cx_baseline = 72.5;
  EXPECT_EQ(CxScore(g)(std::vector<double>{1.0, 1.0}), 72.5);
}

TEST_F(CxScoreTest, EngineReportsTheScoreOfItsState) {
  const model::OrgGraph g = make_graph("A->B 0.5; A*0.8");
  Engine e(g, {{model::RoleId(1), 0.4, 0, {}, {}}}, {});
  e.step();
  e.step();
  // q(2) = (0.05, 0.3) (see EngineTest.StepsTwoRoleChainByHand): CX = 100 (1 - 0.8 x 0.05) = 96
  EXPECT_NEAR(e.cx(), 96.0, 1e-12);
  EXPECT_EQ(e.cx(), CxScore(g)(e.state()));
}

}  // namespace
}  // namespace orgsim::sim
