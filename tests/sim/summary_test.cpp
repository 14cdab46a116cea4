// Tests of sim/summary: the headline figures of a trace (minimum CX and when, recovery
// step, most degraded roles). Most traces are written by hand, so every CX value is exact.

#include "sim/summary.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "sim/engine.hpp"
#include "tests/support/builders.hpp"

namespace orgsim::sim {
namespace {

class SummaryTest : public ::testing::Test {
 protected:
  // A one-role trace whose CX takes the given values at steps 0, 1, ...
  static Trace cx_trace(const std::vector<double>& cx, double baseline = 100.0) {
    Trace t(1, static_cast<int>(cx.size()) - 1, baseline, false);
    for (double v : cx) t.record(std::vector<double>{0.0}, v);
    return t;
  }
};

TEST_F(SummaryTest, FindsTheMinimumAndItsFirstStep) {
  const Summary s = summarize(cx_trace({100.0, 95.0, 90.0, 92.0, 90.0, 99.75}));
  EXPECT_EQ(s.cx_baseline, 100.0);
  EXPECT_EQ(s.cx_min, 90.0);
  EXPECT_EQ(s.cx_min_step, 2);  // 90 at steps 2 and 4: the first
  EXPECT_EQ(s.cx_final, 99.75);
  EXPECT_TRUE(s.degraded);
  // From step 5 on CX is within 0.5 of 100 (step 4 is not).
  EXPECT_EQ(s.recovery_step, std::optional<int>(5));
}

TEST_F(SummaryTest, NeverDegradedRecoversAtStepZero) {
  // 99.5 is exactly 0.5 below the baseline: still within the band.
  const Summary s = summarize(cx_trace({100.0, 99.75, 99.5, 100.0}));
  EXPECT_FALSE(s.degraded);
  EXPECT_EQ(s.recovery_step, std::optional<int>(0));
  EXPECT_EQ(s.cx_min, 99.5);
  EXPECT_EQ(s.cx_min_step, 2);
}

TEST_F(SummaryTest, JustOutsideTheBandIsDegraded) {
  // 100 - 99.4375 = 0.5625 > 0.5
  const Summary s = summarize(cx_trace({100.0, 99.4375, 100.0}));
  EXPECT_TRUE(s.degraded);
  EXPECT_EQ(s.recovery_step, std::optional<int>(2));
}

TEST_F(SummaryTest, NotRecoveredByTheEndIsNullopt) {
  const Summary s = summarize(cx_trace({100.0, 90.0, 95.0, 99.0}));
  EXPECT_TRUE(s.degraded);
  EXPECT_EQ(s.recovery_step, std::nullopt);
  EXPECT_EQ(s.cx_final, 99.0);
}

TEST_F(SummaryTest, RecoveredAtTheLastStep) {
  const Summary s = summarize(cx_trace({100.0, 90.0, 95.0, 99.75}));
  EXPECT_EQ(s.recovery_step, std::optional<int>(3));
}

TEST_F(SummaryTest, ASecondDipMovesTheRecoveryStep) {
  // Back in the band at step 2, out again at step 3 (98), back for good from step 4.
  const Summary s = summarize(cx_trace({100.0, 90.0, 100.0, 98.0, 100.0, 100.0}));
  EXPECT_EQ(s.cx_min_step, 1);
  EXPECT_EQ(s.recovery_step, std::optional<int>(4));
}

TEST_F(SummaryTest, RecoveryStepComesAfterTheMinimum) {
  // Steps 0 and 1 are in the band but precede the minimum at step 2.
  const Summary s = summarize(cx_trace({100.0, 99.75, 90.0, 99.75, 100.0}));
  EXPECT_EQ(s.cx_min_step, 2);
  EXPECT_EQ(s.recovery_step, std::optional<int>(3));
}

TEST_F(SummaryTest, DegradedFromTheFirstState) {
  // An `initial` state can start the run degraded: the minimum is at step 0.
  const Summary s = summarize(cx_trace({90.0, 95.0, 100.0}));
  EXPECT_EQ(s.cx_min_step, 0);
  EXPECT_EQ(s.recovery_step, std::optional<int>(2));
}

TEST_F(SummaryTest, OneStateTrace) {
  // A static run records one state.
  const Summary down = summarize(cx_trace({80.0}));
  EXPECT_EQ(down.cx_min, 80.0);
  EXPECT_EQ(down.cx_min_step, 0);
  EXPECT_EQ(down.cx_final, 80.0);
  EXPECT_TRUE(down.degraded);
  EXPECT_EQ(down.recovery_step, std::nullopt);
  const Summary fine = summarize(cx_trace({100.0}));
  EXPECT_FALSE(fine.degraded);
  EXPECT_EQ(fine.recovery_step, std::optional<int>(0));
}

TEST_F(SummaryTest, BandIsInPointsNotPercentOfBaseline) {
  // Baseline 50: 49.5 is within 0.5 points; 49.25 is not.
  EXPECT_FALSE(summarize(cx_trace({50.0, 49.5, 50.0}, 50.0)).degraded);
  const Summary s = summarize(cx_trace({50.0, 49.25, 49.75}, 50.0));
  EXPECT_TRUE(s.degraded);
  EXPECT_EQ(s.cx_baseline, 50.0);
  EXPECT_EQ(s.recovery_step, std::optional<int>(2));
}

// Five roles, three states. Peaks: r0 0.2 (step 1), r1 0.5 (step 1), r2 never degraded,
// r3 0.5 (step 2, ties with r1), r4 0.1 (step 1).
Trace five_role_trace() {
  Trace t(5, 2, 100.0, false);
  t.record(std::vector<double>{0.0, 0.0, 0.0, 0.0, 0.0}, 100.0);
  t.record(std::vector<double>{0.2, 0.5, 0.0, 0.1, 0.1}, 90.0);
  t.record(std::vector<double>{0.1, 0.3, 0.0, 0.5, 0.05}, 95.0);
  return t;
}

std::vector<std::uint32_t> ids(const Summary& s) {
  std::vector<std::uint32_t> out;
  for (const auto& r : s.most_degraded) out.push_back(r.role.value);
  return out;
}

TEST_F(SummaryTest, RanksRolesByPeakThenById) {
  const Summary s = summarize(five_role_trace());
  // By peak descending; r1 before r3 on the 0.5 tie; r2 (peak 0) left out.
  EXPECT_EQ(ids(s), (std::vector<std::uint32_t>{1, 3, 0, 4}));
  const RoleImpact& r3 = s.most_degraded[1];
  EXPECT_EQ(r3.peak, 0.5);
  EXPECT_EQ(r3.peak_step, 2);
  EXPECT_EQ(r3.final_q, 0.5);
  const RoleImpact& r0 = s.most_degraded[2];
  EXPECT_EQ(r0.peak, 0.2);
  EXPECT_EQ(r0.peak_step, 1);
  EXPECT_EQ(r0.final_q, 0.1);
}

TEST_F(SummaryTest, KeepsAtMostTopRoles) {
  EXPECT_EQ(ids(summarize(five_role_trace(), 2)), (std::vector<std::uint32_t>{1, 3}));
  EXPECT_EQ(ids(summarize(five_role_trace(), 3)), (std::vector<std::uint32_t>{1, 3, 0}));
  EXPECT_TRUE(summarize(five_role_trace(), 0).most_degraded.empty());
  EXPECT_EQ(summarize(five_role_trace(), 100).most_degraded.size(), 4u);
}

TEST_F(SummaryTest, TiesAreBrokenByIdWhicheverRoleComesFirst) {
  // Four roles with equal peaks: the order is by id, whatever the sort does inside.
  Trace t(4, 1, 100.0, false);
  t.record(std::vector<double>{0.0, 0.0, 0.0, 0.0}, 100.0);
  t.record(std::vector<double>{0.25, 0.25, 0.25, 0.25}, 90.0);
  EXPECT_EQ(ids(summarize(t, 3)), (std::vector<std::uint32_t>{0, 1, 2}));
}

TEST_F(SummaryTest, SummarizesASimulatedRecovery) {
  model::Scenario s = test::make_scenario(test::make_graph("A*1"), test::Fail{"A", 0.4, 0, 2});
  s.steps = 12;
  const Summary sum = summarize(simulate(s));
  // q = 0, 0.2, 0.3, then halves each step: q(k) = 0.3 x 0.5^(k-2) for k >= 2.
  // CX = 100 (1 - q): minimum 70 at step 2.
  EXPECT_NEAR(sum.cx_min, 70.0, 1e-12);
  EXPECT_EQ(sum.cx_min_step, 2);
  // In the band when q <= 0.005: q(7) = 0.3 / 32 = 0.009375 (no), q(8) = 0.3 / 64 = 0.0046875.
  EXPECT_EQ(sum.recovery_step, std::optional<int>(8));
  // CX(12) = 100 (1 - 0.3 / 1024)
  EXPECT_NEAR(sum.cx_final, 100.0 * (1.0 - 0.3 / 1024.0), 1e-12);
  ASSERT_EQ(sum.most_degraded.size(), 1u);
  EXPECT_NEAR(sum.most_degraded[0].peak, 0.3, 1e-15);
  EXPECT_EQ(sum.most_degraded[0].peak_step, 2);
}

}  // namespace
}  // namespace orgsim::sim
