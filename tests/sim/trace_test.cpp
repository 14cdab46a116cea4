// Tests of sim/trace: what a run records, state by state.

#include "sim/trace.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace orgsim::sim {
namespace {

class TraceTest : public ::testing::Test {
 protected:
  // Two roles, three states: q(0) = (0, 0.5), q(1) = (0.3, 0.2), q(2) = (0.3, 0.1).
  static Trace three_states(bool record_roles) {
    Trace t(2, 2, 100.0, record_roles);
    t.record(std::vector<double>{0.0, 0.5}, 100.0);
    t.record(std::vector<double>{0.3, 0.2}, 85.0);
    t.record(std::vector<double>{0.3, 0.1}, 86.0);
    return t;
  }
};

TEST_F(TraceTest, KeepsCxOfEveryState) {
  const Trace t = three_states(false);
  EXPECT_EQ(t.steps(), 2);
  EXPECT_EQ(t.role_count(), 2u);
  EXPECT_EQ(t.cx_baseline(), 100.0);
  EXPECT_EQ(std::vector<double>(t.cx().begin(), t.cx().end()),
            (std::vector<double>{100.0, 85.0, 86.0}));
}

TEST_F(TraceTest, PeakIsTheMaximumAndItsFirstStep) {
  const Trace t = three_states(false);
  const model::RoleId a(0), b(1);
  // A: 0, 0.3, 0.3 -> peak 0.3, first reached at step 1.
  EXPECT_EQ(t.peak(a), 0.3);
  EXPECT_EQ(t.peak_step(a), 1);
  // B: 0.5, 0.2, 0.1 -> peak 0.5 at step 0.
  EXPECT_EQ(t.peak(b), 0.5);
  EXPECT_EQ(t.peak_step(b), 0);
}

TEST_F(TraceTest, FinalIsTheLastState) {
  const Trace t = three_states(false);
  EXPECT_EQ(t.final_q(model::RoleId(0)), 0.3);
  EXPECT_EQ(t.final_q(model::RoleId(1)), 0.1);
  EXPECT_EQ(std::vector<double>(t.final_state().begin(), t.final_state().end()),
            (std::vector<double>{0.3, 0.1}));
}

TEST_F(TraceTest, KeepsTrajectoriesOnlyWhenAsked) {
  EXPECT_FALSE(three_states(false).has_role_trajectories());
  const Trace t = three_states(true);
  ASSERT_TRUE(t.has_role_trajectories());
  EXPECT_EQ(t.q(model::RoleId(0), 0), 0.0);
  EXPECT_EQ(t.q(model::RoleId(1), 0), 0.5);
  EXPECT_EQ(t.q(model::RoleId(0), 1), 0.3);
  EXPECT_EQ(t.q(model::RoleId(1), 1), 0.2);
  EXPECT_EQ(t.q(model::RoleId(1), 2), 0.1);
}

TEST_F(TraceTest, RoleNeverDegradedHasPeakZeroAtStepZero) {
  Trace t(1, 2, 100.0, false);
  for (int k = 0; k <= 2; ++k) t.record(std::vector<double>{0.0}, 100.0);
  EXPECT_EQ(t.peak(model::RoleId(0)), 0.0);
  EXPECT_EQ(t.peak_step(model::RoleId(0)), 0);
}

}  // namespace
}  // namespace orgsim::sim
