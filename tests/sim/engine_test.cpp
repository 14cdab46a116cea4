// Tests of sim/engine: the dynamic IIM q(k+1) = clamp01(q(k) + K (A q(k) + c(k) - q(k)))
// stepped by hand and through simulate(), against hand-computed trajectories.

#include "sim/engine.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <utility>
#include <vector>

#include "common/errors.hpp"
#include "tests/support/builders.hpp"

namespace orgsim::sim {
namespace {

using test::Fail;
using test::make_graph;
using test::make_scenario;
using test::role_id;

// Every role's q at every step of a trace, for whole-trajectory comparisons.
std::vector<double> trajectory(const Trace& t, std::string_view role, const model::OrgGraph& g) {
  std::vector<double> out;
  for (int k = 0; k <= t.steps(); ++k) out.push_back(t.q(role_id(g, role), k));
  return out;
}

void expect_near_all(const std::vector<double>& actual, const std::vector<double>& expected,
                     double tolerance) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t k = 0; k < actual.size(); ++k) {
    EXPECT_NEAR(actual[k], expected[k], tolerance) << "step " << k;
  }
}

std::vector<double> to_vector(std::span<const double> s) { return {s.begin(), s.end()}; }

class EngineTest : public ::testing::Test {};

TEST_F(EngineTest, OneRoleStepsMatchHandComputation) {
  model::Scenario s = make_scenario(make_graph("A*1"), Fail{"A", 0.4, 0, 2});
  s.steps = 3;
  const Trace t = simulate(s);
  // recovery 0.5, c = 0.4 for steps [0, 2):
  // q1 = 0 + 0.5 (0.4 - 0) = 0.2
  // q2 = 0.2 + 0.5 (0.4 - 0.2) = 0.3
  // q3 = 0.3 + 0.5 (0 - 0.3) = 0.15
  expect_near_all(trajectory(t, "A", s.model), {0.0, 0.2, 0.3, 0.15}, 1e-15);
  // CX = 100 (1 - 1 x q)
  expect_near_all(to_vector(t.cx()), {100.0, 80.0, 70.0, 85.0}, 1e-12);
  EXPECT_NEAR(t.peak(model::RoleId(0)), 0.3, 1e-15);
  EXPECT_EQ(t.peak_step(model::RoleId(0)), 2);
  EXPECT_NEAR(t.final_q(model::RoleId(0)), 0.15, 1e-15);
}

TEST_F(EngineTest, StepsTwoRoleChainByHand) {
  const model::OrgGraph g = make_graph("A->B 0.5");
  Engine e(g, {{role_id(g, "B"), 0.4, 0, 2, {}}}, {});
  EXPECT_EQ(e.current_step(), 0);
  EXPECT_EQ(to_vector(e.state()), (std::vector<double>{0.0, 0.0}));
  EXPECT_EQ(to_vector(e.perturbation()), (std::vector<double>{0.0, 0.4}));

  e.step();
  // q_A(1) = 0 + 0.5 (0.5 x 0 + 0 - 0) = 0;  q_B(1) = 0 + 0.5 (0.4 - 0) = 0.2
  EXPECT_EQ(e.current_step(), 1);
  expect_near_all(to_vector(e.state()), {0.0, 0.2}, 1e-15);

  e.step();
  // q_A(2) = 0 + 0.5 (0.5 x 0.2 - 0) = 0.05;  q_B(2) = 0.2 + 0.5 (0.4 - 0.2) = 0.3
  expect_near_all(to_vector(e.state()), {0.05, 0.3}, 1e-15);
  // The failure ends before step 2: c(2) = 0.
  EXPECT_EQ(to_vector(e.perturbation()), (std::vector<double>{0.0, 0.0}));

  e.step();
  // q_A(3) = 0.05 + 0.5 (0.5 x 0.3 - 0.05) = 0.1;  q_B(3) = 0.3 + 0.5 (0 - 0.3) = 0.15
  expect_near_all(to_vector(e.state()), {0.1, 0.15}, 1e-15);

  e.step();
  // q_A(4) = 0.1 + 0.5 (0.5 x 0.15 - 0.1) = 0.0875;  q_B(4) = 0.15 + 0.5 (0 - 0.15) = 0.075
  expect_near_all(to_vector(e.state()), {0.0875, 0.075}, 1e-15);
  EXPECT_EQ(e.current_step(), 4);
}

TEST_F(EngineTest, RecoveryRateIsPerRole) {
  model::Scenario s = make_scenario(make_graph("A->B 0.5; A~1; A*0.6"), Fail{"B", 0.4});
  s.steps = 4;
  const Trace t = simulate(s);
  // B (k = 0.5, c = 0.4 throughout): q_B(k) = 0.4 (1 - 0.5^k) = 0, 0.2, 0.3, 0.35, 0.375
  expect_near_all(trajectory(t, "B", s.model), {0.0, 0.2, 0.3, 0.35, 0.375}, 1e-15);
  // A (k = 1): q_A(k+1) = q_A + 1 (0.5 q_B(k) - q_A) = 0.5 q_B(k) = 0, 0, 0.1, 0.15, 0.175
  expect_near_all(trajectory(t, "A", s.model), {0.0, 0.0, 0.1, 0.15, 0.175}, 1e-15);
  // CX(4) = 100 (1 - 0.6 x 0.175) = 89.5
  EXPECT_NEAR(t.cx()[4], 89.5, 1e-12);
}

TEST_F(EngineTest, ClampsAtOneAndContinuesFromOne) {
  model::Scenario s =
      make_scenario(make_graph("A->B 0.9; A~0.5; B~1"), Fail{"A", 0.5}, Fail{"B", 1.0, 0, 3});
  s.steps = 5;
  const Trace t = simulate(s);
  // B (k = 1): q_B(k+1) = c_B(k) = 1, 1, 1, then 0: q_B = 0, 1, 1, 1, 0, 0
  expect_near_all(trajectory(t, "B", s.model), {0.0, 1.0, 1.0, 1.0, 0.0, 0.0}, 0.0);
  // A (k = 0.5, c_A = 0.5 throughout):
  // q_A(1) = 0 + 0.5 (0.9 x 0 + 0.5 - 0) = 0.25
  // q_A(2) = 0.25 + 0.5 (0.9 x 1 + 0.5 - 0.25) = 0.825
  // q_A(3) = 0.825 + 0.5 (1.4 - 0.825) = 1.1125 -> clamped to 1
  // q_A(4) = 1 + 0.5 (0.9 x 1 + 0.5 - 1) = 1.2 -> clamped to 1
  // q_A(5) = 1 + 0.5 (0.9 x 0 + 0.5 - 1) = 0.75  (from 1, not from 1.2: 0.85)
  expect_near_all(trajectory(t, "A", s.model), {0.0, 0.25, 0.825, 1.0, 1.0, 0.75}, 1e-15);
  EXPECT_EQ(t.q(model::RoleId(0), 3), 1.0);
  EXPECT_EQ(t.peak(model::RoleId(0)), 1.0);
  EXPECT_EQ(t.peak_step(model::RoleId(0)), 3);  // the first step at the peak
}

TEST_F(EngineTest, InitialStateDecaysGeometrically) {
  model::Scenario s = make_scenario(make_graph("A~0.25; B->A 0.5; B~1; B*1"));
  s.initial.push_back({role_id(s.model, "A"), 0.8, {}});
  s.steps = 4;
  const Trace t = simulate(s);
  // No failure: q_A(k+1) = q_A(k) + 0.25 (0 - q_A(k)) = 0.75 q_A(k), so q_A(k) = 0.8 x 0.75^k
  expect_near_all(trajectory(t, "A", s.model), {0.8, 0.6, 0.45, 0.3375, 0.253125}, 1e-15);
  // B (k = 1): q_B(k+1) = 0.5 q_A(k) = 0, 0.4, 0.3, 0.225, 0.16875
  expect_near_all(trajectory(t, "B", s.model), {0.0, 0.4, 0.3, 0.225, 0.16875}, 1e-15);
  // CX = 100 (1 - q_B)
  EXPECT_NEAR(t.cx()[0], 100.0, 1e-12);
  EXPECT_NEAR(t.cx()[1], 60.0, 1e-12);
}

TEST_F(EngineTest, EngineStartsFromInitialState) {
  const model::OrgGraph g = make_graph("A*0.5; B");
  const model::InitialState initial[] = {{model::RoleId(0), 0.4, {}}};
  Engine e(g, {}, initial);
  EXPECT_EQ(to_vector(e.state()), (std::vector<double>{0.4, 0.0}));
  // CX(0) = 100 (1 - 0.5 x 0.4) = 80
  EXPECT_NEAR(e.cx(), 80.0, 1e-12);
}

TEST_F(EngineTest, FailureWithoutEndLastsToTheEndOfTheRun) {
  model::Scenario s = make_scenario(make_graph("A"), Fail{"A", 0.4, 2});
  s.steps = 10;
  const Trace t = simulate(s);
  // c = 0 for k < 2, then 0.4 until the end: q(k) = 0.4 (1 - 0.5^(k-2)) for k >= 2
  std::vector<double> expected{0.0, 0.0};
  for (int k = 2; k <= 10; ++k) expected.push_back(0.4 * (1.0 - std::ldexp(1.0, 2 - k)));
  expect_near_all(trajectory(t, "A", s.model), expected, 1e-15);
  EXPECT_NEAR(t.final_q(model::RoleId(0)), 0.3984375, 1e-15);  // 0.4 (1 - 1/256)
}

TEST_F(EngineTest, FailureWindowIsHalfOpen) {
  const model::OrgGraph g = make_graph("A");
  Engine e(g, {{model::RoleId(0), 0.4, 1, 3, {}}}, {});
  // Active at steps 1 and 2 only: from <= k < to.
  std::vector<double> c, q;
  for (int k = 0; k <= 4; ++k) {
    c.push_back(e.perturbation()[0]);
    q.push_back(e.state()[0]);
    e.step();
  }
  EXPECT_EQ(c, (std::vector<double>{0.0, 0.4, 0.4, 0.0, 0.0}));
  // q1 = 0 (c(0) = 0); q2 = 0.5 x 0.4 = 0.2; q3 = 0.2 + 0.5 (0.4 - 0.2) = 0.3; q4 = 0.15
  expect_near_all(q, {0.0, 0.0, 0.2, 0.3, 0.15}, 1e-15);
}

TEST_F(EngineTest, OverlappingFailuresOfOneRoleSumAndCapAtOne) {
  const model::OrgGraph g = make_graph("A~1; B");
  const std::vector<model::Failure> failures{{model::RoleId(0), 0.3, 0, 4, {}},
                                             {model::RoleId(0), 0.5, 2, 6, {}},
                                             {model::RoleId(0), 0.6, 3, 5, {}},
                                             {model::RoleId(1), 0.2, 0, {}, {}}};
  // c_A(k): 0.3, 0.3, 0.3 + 0.5 = 0.8, min(1, 1.4) = 1, min(1, 0.5 + 0.6) = 1, 0.5, 0
  const std::vector<double> expected_a{0.3, 0.3, 0.8, 1.0, 1.0, 0.5, 0.0};
  Engine e(g, failures, {});
  for (int k = 0; k <= 6; ++k) {
    SCOPED_TRACE(k);
    const std::vector<double> c = perturbation_at(g, failures, k);
    EXPECT_NEAR(c[0], expected_a[k], 1e-15);
    EXPECT_EQ(c[1], 0.2);  // B's failure is independent of A's
    EXPECT_EQ(to_vector(e.perturbation()), c);
    e.step();
    // A (k = 1, no dependencies): q_A(k+1) = c_A(k)
    EXPECT_NEAR(e.state()[0], expected_a[k], 1e-15);
  }
}

// The changes tests share one model: A depends on B (0.5); both recover fully each step
// (k = 1), so q_B(k+1) = c_B(k) and q_A(k+1) = w_AB q_B(k); B fails by 0.4 throughout.
// Unchanged: q_B = 0, 0.4, 0.4, 0.4 and q_A = 0, 0, 0.2, 0.2; CX = 100 (1 - q_A).
class EngineChangesTest : public ::testing::Test {
 protected:
  model::Scenario scenario(std::string_view graph = "A->B 0.5; A~1; B~1; A*1") {
    model::Scenario s = make_scenario(make_graph(graph), Fail{"B", 0.4});
    s.steps = 3;
    return s;
  }
};

TEST_F(EngineChangesTest, UnchangedModel) {
  model::Scenario s = scenario();
  const Trace t = simulate(s);
  expect_near_all(trajectory(t, "A", s.model), {0.0, 0.0, 0.2, 0.2}, 1e-15);
  expect_near_all(to_vector(t.cx()), {100.0, 100.0, 80.0, 80.0}, 1e-12);
}

TEST_F(EngineChangesTest, WeightChangeScalesTheDownstreamResponse) {
  model::Scenario s = scenario();
  s.changes.push_back(test::set_dependency(s.model, "A", "B", 0.25));
  const Trace t = simulate(s);
  // q_A(2) = 0.25 x 0.4 = 0.1
  expect_near_all(trajectory(t, "A", s.model), {0.0, 0.0, 0.1, 0.1}, 1e-15);
  expect_near_all(to_vector(t.cx()), {100.0, 100.0, 90.0, 90.0}, 1e-12);
  // The scenario's own model is left as it was.
  EXPECT_EQ(s.model.dependencies()[0].weight, 0.5);
}

TEST_F(EngineChangesTest, NewDependencyCarriesTheFailure) {
  model::Scenario s = scenario("A; B; A~1; B~1; A*1");
  EXPECT_EQ(simulate(s).final_q(model::RoleId(0)), 0.0);
  s.changes.push_back(test::set_dependency(s.model, "A", "B", 0.5));
  const Trace t = simulate(s);
  // As the unchanged model: q_A(2) = 0.5 x 0.4 = 0.2
  expect_near_all(trajectory(t, "A", s.model), {0.0, 0.0, 0.2, 0.2}, 1e-15);
}

TEST_F(EngineChangesTest, ZeroWeightRemovesTheDependency) {
  model::Scenario s = scenario();
  s.changes.push_back(test::set_dependency(s.model, "A", "B", 0.0));
  const Trace t = simulate(s);
  expect_near_all(trajectory(t, "A", s.model), {0.0, 0.0, 0.0, 0.0}, 0.0);
  expect_near_all(to_vector(t.cx()), {100.0, 100.0, 100.0, 100.0}, 0.0);
}

TEST_F(EngineChangesTest, LaterChangeOfTheSameEdgeWins) {
  model::Scenario s = scenario();
  s.changes.push_back(test::set_dependency(s.model, "A", "B", 0.0));
  s.changes.push_back(test::set_dependency(s.model, "A", "B", 0.25));
  const Trace t = simulate(s);
  // Removed, then set to 0.25: q_A(2) = 0.25 x 0.4 = 0.1
  expect_near_all(trajectory(t, "A", s.model), {0.0, 0.0, 0.1, 0.1}, 1e-15);
}

TEST_F(EngineChangesTest, RecoveryChangeSlowsTheRole) {
  model::Scenario s = scenario();
  s.changes.push_back(test::set_recovery(s.model, "B", 0.5));
  const Trace t = simulate(s);
  // B (k = 0.5): q_B = 0, 0.2, 0.3, 0.35; A: q_A(k+1) = 0.5 q_B(k) = 0, 0, 0.1, 0.15
  expect_near_all(trajectory(t, "B", s.model), {0.0, 0.2, 0.3, 0.35}, 1e-15);
  expect_near_all(trajectory(t, "A", s.model), {0.0, 0.0, 0.1, 0.15}, 1e-15);
}

TEST_F(EngineChangesTest, TouchpointChangeMovesTheCxScore) {
  model::Scenario s = scenario();
  s.changes.push_back(test::set_touchpoint(s.model, "A", 0.0));
  s.changes.push_back(test::set_touchpoint(s.model, "B", 1.0));
  const Trace t = simulate(s);
  // CX = 100 (1 - q_B) = 100, 60, 60, 60
  expect_near_all(to_vector(t.cx()), {100.0, 60.0, 60.0, 60.0}, 1e-12);
}

TEST_F(EngineTest, ConvergesToTheStaticFixedPointUnderAConstantFailure) {
  for (std::uint32_t seed = 1; seed <= 3; ++seed) {
    SCOPED_TRACE(seed);
    model::OrgGraph g = test::make_random_graph(
        {.roles = 10, .edge_probability = 0.3, .max_row_sum = 0.6, .ring = true, .seed = seed});
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> recovery(0.3, 1.0);
    for (std::uint32_t i = 0; i < g.role_count(); ++i)
      g.role(model::RoleId(i)).recovery = recovery(rng);
    // seed 3 drives two roles hard enough to clamp them at 1.
    const double big = seed == 3 ? 0.9 : 0.2;
    model::Scenario s =
        make_scenario(std::move(g), Fail{"r0", big}, Fail{"r3", 0.1}, Fail{"r7", big});
    // Contraction: |e(k+1)| <= (1 - k_min (1 - max row sum)) |e(k)| = 0.88 |e(k)|,
    // and 0.88^400 < 1e-22.
    SimParams params;
    params.steps = 400;
    params.record_roles = false;
    const Trace dynamic = simulate(s, params);
    const StaticSolution fixed = solve_static(s.model, perturbation_at(s.model, s.failures, 0));
    if (seed == 3) {
      EXPECT_GE(fixed.clamped_roles, 1u);
    }
    const Trace one_state = simulate_static(s);
    for (std::uint32_t i = 0; i < s.model.role_count(); ++i) {
      EXPECT_NEAR(dynamic.final_q(model::RoleId(i)), fixed.q[i], 1e-12) << "role " << i;
      EXPECT_NEAR(one_state.final_q(model::RoleId(i)), fixed.q[i], 1e-15) << "role " << i;
    }
  }
}

TEST_F(EngineTest, NoFailureGivesNoResponse) {
  model::Scenario s = make_scenario(test::make_random_graph({.roles = 10, .ring = true}));
  s.model.role(model::RoleId(0)).touchpoint = 1.0;
  const Trace t = simulate(s);
  for (int k = 0; k <= t.steps(); ++k) {
    EXPECT_EQ(t.cx()[k], 100.0);
    for (std::uint32_t i = 0; i < 10; ++i) EXPECT_EQ(t.q(model::RoleId(i), k), 0.0);
  }
}

TEST_F(EngineTest, StatesStayInUnitIntervalUnderHeavyFailures) {
  model::OrgGraph g = test::make_random_graph(
      {.roles = 12, .edge_probability = 0.4, .max_row_sum = 0.95, .ring = true, .seed = 11});
  for (std::uint32_t i = 0; i < 12; ++i) g.role(model::RoleId(i)).recovery = i % 2 ? 1.0 : 0.7;
  model::Scenario s = make_scenario(std::move(g), Fail{"r0", 1.0, 0, 10}, Fail{"r0", 0.8, 5},
                                    Fail{"r5", 0.9, 3, 20}, Fail{"r9", 0.7});
  s.steps = 40;
  const Trace t = simulate(s);
  bool hit_one = false;
  for (int k = 0; k <= t.steps(); ++k) {
    for (std::uint32_t i = 0; i < 12; ++i) {
      const double q = t.q(model::RoleId(i), k);
      EXPECT_GE(q, 0.0);
      EXPECT_LE(q, 1.0);
      hit_one = hit_one || q == 1.0;
    }
  }
  EXPECT_TRUE(hit_one);  // the clamp really was exercised
}

TEST_F(EngineTest, ParamsStepsOverridesTheScenario) {
  model::Scenario s = make_scenario(make_graph("A*1"), Fail{"A", 0.4});
  EXPECT_EQ(simulate(s).steps(), model::kDefaultSteps);
  EXPECT_EQ(simulate(s).cx().size(), static_cast<std::size_t>(model::kDefaultSteps) + 1);
  s.steps = 7;
  EXPECT_EQ(simulate(s).steps(), 7);
  SimParams params;
  params.steps = 5;
  const Trace t = simulate(s, params);
  EXPECT_EQ(t.steps(), 5);
  EXPECT_EQ(t.cx().size(), 6u);
  // q(5) = 0.4 (1 - 0.5^5) = 0.3875
  EXPECT_NEAR(t.final_q(model::RoleId(0)), 0.3875, 1e-15);
}

TEST_F(EngineTest, RecordRolesOffKeepsPeaksFinalsAndCx) {
  model::Scenario s = make_scenario(make_graph("A->B 0.5; A*1"), Fail{"B", 0.4, 0, 2});
  s.steps = 6;
  SimParams on, off;
  off.record_roles = false;
  const Trace full = simulate(s, on);
  const Trace slim = simulate(s, off);
  EXPECT_TRUE(full.has_role_trajectories());
  EXPECT_FALSE(slim.has_role_trajectories());
  EXPECT_EQ(to_vector(full.cx()), to_vector(slim.cx()));
  for (std::uint32_t i = 0; i < 2; ++i) {
    const model::RoleId r(i);
    EXPECT_EQ(full.peak(r), slim.peak(r));
    EXPECT_EQ(full.peak_step(r), slim.peak_step(r));
    EXPECT_EQ(full.final_q(r), slim.final_q(r));
  }
  // From StepsTwoRoleChainByHand: q_A peaks at 0.1 at step 3, q_B at 0.3 at step 2.
  EXPECT_NEAR(slim.peak(model::RoleId(0)), 0.1, 1e-15);
  EXPECT_EQ(slim.peak_step(model::RoleId(0)), 3);
  EXPECT_NEAR(slim.peak(model::RoleId(1)), 0.3, 1e-15);
  EXPECT_EQ(slim.peak_step(model::RoleId(1)), 2);
}

struct RecordingObserver : Observer {
  std::vector<std::pair<int, int>> calls;
  void on_step(int step, int total) override { calls.emplace_back(step, total); }
};

TEST_F(EngineTest, ObserverIsCalledOncePerStep) {
  model::Scenario s = make_scenario(make_graph("A"), Fail{"A", 0.4});
  s.steps = 4;
  RecordingObserver observer;
  simulate(s, {}, &observer);
  EXPECT_EQ(observer.calls, (std::vector<std::pair<int, int>>{{1, 4}, {2, 4}, {3, 4}, {4, 4}}));
}

TEST_F(EngineTest, SimulateRejectsInvalidParamsBeforeRunning) {
  model::Scenario s = make_scenario(make_graph("A"), Fail{"A", 0.4});
  SimParams params;
  params.steps = 0;
  RecordingObserver observer;
  try {
    simulate(s, params, &observer);
    FAIL() << "expected InvalidArgument";
  } catch (const InvalidArgument& e) {
    EXPECT_STREQ(e.what(), "steps must be in [1, 1000000], got 0");
  }
  EXPECT_TRUE(observer.calls.empty());
}

TEST_F(EngineTest, SimulateStaticSolvesTheFailuresActiveAtStepZero) {
  model::Scenario s = make_scenario(make_graph("A->B 0.5; B->A 0.4; A*1"), Fail{"A", 0.2},
                                    Fail{"B", 0.1, 0, 1}, Fail{"B", 0.7, 1});
  StaticSolution report;
  const Trace t = simulate_static(s, {}, &report);
  // c(0) = (0.2, 0.1); q_A = (0.2 + 0.05) / (1 - 0.2) = 0.3125, q_B = 0.1 + 0.4 q_A = 0.225
  EXPECT_EQ(t.steps(), 0);
  ASSERT_EQ(t.cx().size(), 1u);
  EXPECT_NEAR(t.final_q(model::RoleId(0)), 0.3125, 1e-15);
  EXPECT_NEAR(t.final_q(model::RoleId(1)), 0.225, 1e-15);
  EXPECT_EQ(t.peak(model::RoleId(0)), t.final_q(model::RoleId(0)));
  EXPECT_NEAR(t.cx()[0], 100.0 * (1.0 - 0.3125), 1e-12);
  EXPECT_EQ(report.q, to_vector(t.final_state()));
  EXPECT_EQ(report.loop_components, 1u);
}

TEST_F(EngineTest, SimulateStaticAppliesChanges) {
  model::Scenario s = make_scenario(make_graph("A->B 0.5; A*1"), Fail{"B", 0.4});
  s.changes.push_back(test::set_dependency(s.model, "A", "B", 0.25));
  const Trace t = simulate_static(s);
  // q_B = 0.4, q_A = 0.25 x 0.4 = 0.1
  EXPECT_NEAR(t.final_q(model::RoleId(0)), 0.1, 1e-15);
  EXPECT_NEAR(t.cx()[0], 90.0, 1e-12);
}

}  // namespace
}  // namespace orgsim::sim
