// app::run_scenario: the one path from a scenario to its figures, checked against the
// sim functions it composes (same numbers, changes applied once, parts on request).
#include "app/run.hpp"

#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "model/loader.hpp"
#include "sim/engine.hpp"
#include "sim/paths.hpp"
#include "tests/support/builders.hpp"

namespace orgsim::app {
namespace {

using test::Fail;
using test::make_graph;
using test::make_scenario;

model::Scenario chain() {
  // B fails; A depends on B, the customer sees A.
  return make_scenario(make_graph("A->B 0.5; A*1", 0.5), Fail{"B", 0.4, 0, 3});
}

TEST(RunScenarioTest, MatchesTheDynamicSimulationBitForBit) {
  const model::Scenario s = chain();
  const sim::Trace expected = sim::simulate(s);
  const RunResult r = run_scenario(s);
  ASSERT_EQ(r.trace.steps(), expected.steps());
  for (int k = 0; k <= expected.steps(); ++k) EXPECT_EQ(r.trace.cx()[k], expected.cx()[k]) << k;
  EXPECT_FALSE(r.static_mode);
  EXPECT_FALSE(r.solver);
}

TEST(RunScenarioTest, StaticModeGivesTheFixedPointAndSolverFigures) {
  const model::Scenario s = chain();
  RunRequest request;
  request.static_mode = true;
  const RunResult r = run_scenario(s, request);
  // q_B = 0.4, q_A = 0.5 * 0.4 = 0.2; CX = 100 * (1 - 0.2) = 80.
  EXPECT_EQ(r.trace.steps(), 0);
  EXPECT_NEAR(r.trace.cx()[0], 80.0, 1e-12);
  ASSERT_TRUE(r.solver);
  EXPECT_TRUE(r.static_mode);
}

TEST(RunScenarioTest, AppliesChangesOnceAndKeepsTheChangedModel) {
  model::Scenario s = chain();
  s.changes.push_back(test::set_dependency(s.model, "A", "B", 0.25));
  const RunResult r = run_scenario(s);
  ASSERT_TRUE(r.changed);
  // The run used the changed weight: q_A peaks at 0.25 * 0.4 = 0.1 at most.
  EXPECT_LE(r.trace.peak(model::RoleId(0)), 0.1 + 1e-12);
  EXPECT_EQ(&r.effective(), &*r.changed);
  const sim::Trace expected = sim::simulate(s);
  EXPECT_EQ(r.summary.cx_min, sim::summarize(expected, 10).cx_min);
}

TEST(RunScenarioTest, NoChangesMeansNoCopyOfTheModel) {
  const RunResult r = run_scenario(chain());
  EXPECT_FALSE(r.changed);
  EXPECT_EQ(&r.effective(), &r.scenario().model);
}

TEST(RunScenarioTest, PathsAndLoopsOnlyWhenAsked) {
  RunRequest none;
  none.paths = 0;
  const RunResult quiet = run_scenario(chain(), none);
  EXPECT_FALSE(quiet.paths);
  EXPECT_FALSE(quiet.loops);

  RunRequest paths_only;
  paths_only.loops = false;
  const RunResult some = run_scenario(chain(), paths_only);
  ASSERT_TRUE(some.paths);
  EXPECT_FALSE(some.loops);
  ASSERT_EQ(some.paths->paths.size(), 1u);
  // B -> A -> customer carries the whole linear drop: 0.4 * 0.5 * 100 = 20 points.
  EXPECT_NEAR(some.paths->paths.front().cx_points, 20.0, 1e-12);

  const RunResult all = run_scenario(chain());
  EXPECT_TRUE(all.loops);
}

TEST(RunScenarioTest, NoFailuresMeansNoPaths) {
  const RunResult r = run_scenario(make_scenario(make_graph("A->B 0.5; A*1", 0.5)));
  EXPECT_FALSE(r.paths);
  EXPECT_EQ(r.summary.cx_min, r.summary.cx_baseline);
}

TEST(RunScenarioTest, RefusesBadSamplingBeforeAnyWork) {
  RunRequest request;
  request.sampling.emplace().samples = 0;
  EXPECT_THROW(validate(request), InvalidArgument);
  EXPECT_THROW(run_scenario(chain(), request), InvalidArgument);
}

TEST(RunScenarioTest, SamplingFillsTheMonteCarloFiguresAndTheRecord) {
  RunRequest request;
  auto& sampling = request.sampling.emplace();
  sampling.samples = 5;
  sampling.seed = 7;
  const RunResult r = run_scenario(chain(), request);
  ASSERT_TRUE(r.monte_carlo);
  EXPECT_EQ(r.monte_carlo->samples, 5u);
  EXPECT_EQ(r.record.seed, 7u);
  EXPECT_EQ(r.record.samples, 5u);
}

TEST(RunScenarioTest, RecordsRoleTrajectoriesOnlyWhenAsked) {
  EXPECT_FALSE(run_scenario(chain()).trace.has_role_trajectories());
  RunRequest request;
  request.record_roles = true;
  EXPECT_TRUE(run_scenario(chain(), request).trace.has_role_trajectories());
}

}  // namespace
}  // namespace orgsim::app
