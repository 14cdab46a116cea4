// Tests of sim/compare: two runs side by side. Traces are written by hand (binary
// fractions), so every figure and change is exact.

#include "sim/compare.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "tests/support/builders.hpp"

namespace orgsim::sim {
namespace {

using test::Fail;
using test::make_graph;
using test::make_scenario;

// A trace with one recorded state per entry of `states` (q per role) and CX values `cx`.
Trace hand_trace(const std::vector<std::vector<double>>& states, const std::vector<double>& cx) {
  Trace t(states.front().size(), static_cast<int>(states.size()) - 1, 100.0, false);
  for (std::size_t k = 0; k < states.size(); ++k) t.record(states[k], cx[k]);
  return t;
}

TEST(CompareTest, CxFiguresAndRecovery) {
  const model::OrgGraph g = make_graph("A->B 0.5; A*1");
  const Trace base = hand_trace({{0, 0.5}, {0.25, 0.5}, {0.25, 0}}, {100, 75, 90});
  const Trace what_if = hand_trace({{0, 0.5}, {0.125, 0.5}, {0.0625, 0}}, {100, 87.5, 99.75});
  const Summary sb = summarize(base);
  const Summary sw = summarize(what_if);
  const Comparison c = compare_runs({g, base, sb}, {g, what_if, sw});
  EXPECT_EQ(c.cx_baseline.base, 100.0);
  EXPECT_EQ(c.cx_baseline.change, 0.0);
  EXPECT_EQ(c.cx_min.base, 75.0);
  EXPECT_EQ(c.cx_min.what_if, 87.5);
  EXPECT_EQ(c.cx_min.change, 12.5);
  EXPECT_EQ(c.cx_final.change, 9.75);  // 99.75 - 90
  // Base ends 10 points down: not recovered. The what-if is within 0.5 from step 2.
  EXPECT_EQ(c.recovery.base, std::nullopt);
  EXPECT_EQ(c.recovery.what_if, std::optional<int>(2));
  EXPECT_EQ(c.recovery.change, std::nullopt);
  // A's peak halves; B's (0.5 in both) did not change and is left out.
  ASSERT_EQ(c.roles.size(), 1u);
  EXPECT_EQ(c.roles[0].id, "A");
  EXPECT_EQ(c.roles[0].peak.base, 0.25);
  EXPECT_EQ(c.roles[0].peak.what_if, 0.125);
  EXPECT_EQ(c.roles[0].peak.change, -0.125);
  // No paths given: none compared.
  EXPECT_EQ(c.total_cx_points, std::nullopt);
  EXPECT_TRUE(c.paths.empty());
}

TEST(CompareTest, RecoveryChangeWhenBothRecover) {
  const model::OrgGraph g = make_graph("A*1");
  const Trace base = hand_trace({{0}, {0.25}, {0.125}, {0}}, {100, 75, 87.5, 100});
  const Trace what_if = hand_trace({{0}, {0.25}, {0}, {0}}, {100, 75, 100, 100});
  const Summary sb = summarize(base);
  const Summary sw = summarize(what_if);
  const Comparison c = compare_runs({g, base, sb}, {g, what_if, sw});
  EXPECT_EQ(c.recovery.base, std::optional<int>(3));
  EXPECT_EQ(c.recovery.what_if, std::optional<int>(2));
  EXPECT_EQ(c.recovery.change, std::optional<int>(-1));
  EXPECT_TRUE(c.roles.empty());  // peak 0.25 in both
}

TEST(CompareTest, MatchesRolesByIdAcrossModels) {
  // Base roles A, B, C; the what-if model lists B, A and a new role D.
  const model::OrgGraph base_graph = make_graph("A->B 0.5; C");
  const model::OrgGraph what_if_graph = make_graph("B; A->B 0.5; D");
  const Trace base = hand_trace({{0.5, 0.25, 0.125}}, {80});
  const Trace what_if = hand_trace({{0.25, 0.75, 0.0625}}, {70});  // B, A, D
  const Summary sb = summarize(base);
  const Summary sw = summarize(what_if);
  const Comparison c = compare_runs({base_graph, base, sb}, {what_if_graph, what_if, sw}, 3);
  // A: 0.5 -> 0.75 (+0.25); B: 0.25 in both (left out); C only in base: 0.125 -> 0
  // (-0.125); D only in the what-if: 0 -> 0.0625. By |change|.
  ASSERT_EQ(c.roles.size(), 3u);
  EXPECT_EQ(c.roles[0].id, "A");
  EXPECT_EQ(c.roles[0].peak.change, 0.25);
  EXPECT_TRUE(c.roles[0].in_base && c.roles[0].in_what_if);
  EXPECT_EQ(c.roles[1].id, "C");
  EXPECT_EQ(c.roles[1].peak.base, 0.125);
  EXPECT_EQ(c.roles[1].peak.what_if, 0.0);
  EXPECT_EQ(c.roles[1].peak.change, -0.125);
  EXPECT_TRUE(c.roles[1].in_base);
  EXPECT_FALSE(c.roles[1].in_what_if);
  EXPECT_EQ(c.roles[2].id, "D");
  EXPECT_EQ(c.roles[2].peak.change, 0.0625);
  EXPECT_FALSE(c.roles[2].in_base);
  EXPECT_TRUE(c.roles[2].in_what_if);
  EXPECT_EQ(c.cx_min.change, -10.0);

  const Comparison top1 = compare_runs({base_graph, base, sb}, {what_if_graph, what_if, sw}, 1);
  ASSERT_EQ(top1.roles.size(), 1u);
  EXPECT_EQ(top1.roles[0].id, "A");
}

TEST(CompareTest, EqualChangesAreOrderedById) {
  const model::OrgGraph g = make_graph("B; A");
  const Trace base = hand_trace({{0.5, 0.5}}, {50});
  const Trace what_if = hand_trace({{0.25, 0.75}}, {50});
  const Summary s = summarize(base);
  const Comparison c = compare_runs({g, base, s}, {g, what_if, s});
  ASSERT_EQ(c.roles.size(), 2u);
  EXPECT_EQ(c.roles[0].id, "A");  // +0.25
  EXPECT_EQ(c.roles[1].id, "B");  // -0.25
}

class ComparePathsTest : public ::testing::Test {
 protected:
  // S fails completely; it reaches the touchpoint T directly and through M.
  // Base: gains S->T 0.25 and S->M->T 0.5 x 0.5 = 0.25: 25 CX points each, total 50.
  // What-if (T leans harder on S): S->T 0.75: 75 points, total 100.
  const model::OrgGraph base_graph = make_graph("T->S 0.25; T->M 0.5; M->S 0.5; T*1");
  const model::OrgGraph what_if_graph = make_graph("T->S 0.75; T->M 0.5; M->S 0.5; T*1");
  const Trace trace = hand_trace({{0, 0, 0}}, {100});
  const Summary summary = summarize(trace);
  const std::vector<model::Failure> failures =
      make_scenario(make_graph("T; S; M"), Fail{"S", 1.0}).failures;
};

TEST_F(ComparePathsTest, PathsGainAndLoseShare) {
  const ImpactPaths base = impact_paths(base_graph, failures, 5);
  const ImpactPaths what_if = impact_paths(what_if_graph, failures, 5);
  const Comparison c =
      compare_runs({base_graph, trace, summary, &base}, {what_if_graph, trace, summary, &what_if});
  ASSERT_TRUE(c.total_cx_points.has_value());
  EXPECT_DOUBLE_EQ(c.total_cx_points->base, 50.0);
  EXPECT_DOUBLE_EQ(c.total_cx_points->what_if, 100.0);
  // Shares 0.5/0.5 become 0.75/0.25: the same |change|, so by ids (M < T).
  ASSERT_EQ(c.paths.size(), 2u);
  EXPECT_EQ(c.paths[0].ids, (std::vector<std::string>{"S", "M", "T"}));
  EXPECT_DOUBLE_EQ(*c.paths[0].base_share, 0.5);
  EXPECT_DOUBLE_EQ(*c.paths[0].what_if_share, 0.25);
  EXPECT_DOUBLE_EQ(c.paths[0].share_change, -0.25);
  EXPECT_DOUBLE_EQ(*c.paths[0].base_cx_points, 25.0);
  EXPECT_DOUBLE_EQ(*c.paths[0].what_if_cx_points, 25.0);
  EXPECT_EQ(c.paths[1].ids, (std::vector<std::string>{"S", "T"}));
  EXPECT_EQ(c.paths[1].names, (std::vector<std::string>{"S", "T"}));
  EXPECT_DOUBLE_EQ(c.paths[1].share_change, 0.25);
  EXPECT_DOUBLE_EQ(*c.paths[1].what_if_cx_points, 75.0);
}

TEST_F(ComparePathsTest, PathListedOnOneSideCountsAsZeroShareOnTheOther) {
  const ImpactPaths base = impact_paths(base_graph, failures, 5);
  const ImpactPaths what_if = impact_paths(what_if_graph, failures, 1);  // S->T only
  const Comparison c =
      compare_runs({base_graph, trace, summary, &base}, {what_if_graph, trace, summary, &what_if});
  ASSERT_EQ(c.paths.size(), 2u);
  EXPECT_EQ(c.paths[0].ids, (std::vector<std::string>{"S", "M", "T"}));
  EXPECT_EQ(c.paths[0].what_if_share, std::nullopt);
  EXPECT_DOUBLE_EQ(c.paths[0].share_change, -0.5);
  EXPECT_EQ(c.paths[1].ids, (std::vector<std::string>{"S", "T"}));
  EXPECT_DOUBLE_EQ(c.paths[1].share_change, 0.25);

  const Comparison top1 = compare_runs({base_graph, trace, summary, &base},
                                       {what_if_graph, trace, summary, &what_if}, 10, 1);
  ASSERT_EQ(top1.paths.size(), 1u);
  EXPECT_EQ(top1.paths[0].ids.size(), 3u);
}

TEST_F(ComparePathsTest, SameRunHasNoChanges) {
  const ImpactPaths base = impact_paths(base_graph, failures, 5);
  const Comparison c =
      compare_runs({base_graph, trace, summary, &base}, {base_graph, trace, summary, &base});
  EXPECT_TRUE(c.roles.empty());
  EXPECT_TRUE(c.paths.empty());
  EXPECT_EQ(c.cx_min.change, 0.0);
  EXPECT_EQ(c.total_cx_points->change, 0.0);
}

}  // namespace
}  // namespace orgsim::sim
