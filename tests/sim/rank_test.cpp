// Tests of sim/rank: the adjoint ranking against one forward solve per role, a
// hand-computed chain, the clamped (exact) figures, and the argument checks.

#include "sim/rank.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "sim/static_solver.hpp"
#include "tests/support/builders.hpp"

namespace orgsim::sim {
namespace {

using test::make_graph;
using test::make_random_graph;
using test::role_id;

// B x w.q for the static solution of c = degrade x e_role: the CX points lost,
// computed the slow way, one forward solve per role.
double forward_loss(const model::OrgGraph& g, model::RoleId role, double degrade, bool clamp) {
  std::vector<double> c(g.role_count(), 0.0);
  c[role.value] = degrade;
  SimParams params;
  params.clamp = clamp;
  const std::vector<double> q = solve_static(g, c, params).q;
  double s = 0.0;
  for (std::size_t i = 0; i < q.size(); ++i) s += g.roles()[i].touchpoint * q[i];
  return g.cx_baseline * s;
}

// Every third role a touchpoint, weights summing to 0.9.
model::OrgGraph random_org(std::size_t roles, bool acyclic, std::uint32_t seed) {
  test::RandomGraphSpec spec;
  spec.roles = roles;
  spec.acyclic = acyclic;
  spec.ring = !acyclic;
  spec.seed = seed;
  model::OrgGraph g = make_random_graph(spec);
  const std::size_t touchpoints = (roles + 2) / 3;
  for (std::size_t i = 0; i < roles; i += 3) {
    g.role(model::RoleId(static_cast<std::uint32_t>(i))).touchpoint = 0.9 / touchpoints;
  }
  g.cx_baseline = 85.0;
  return g;
}

class RankTest : public ::testing::Test {};

TEST_F(RankTest, AdjointEqualsOneLinearSolvePerRole) {
  for (bool acyclic : {true, false}) {
    for (std::uint32_t seed = 1; seed <= 4; ++seed) {
      SCOPED_TRACE("acyclic " + std::to_string(acyclic) + ", seed " + std::to_string(seed));
      const model::OrgGraph g = random_org(15, acyclic, seed);
      const auto ranking = rank_roles(g, 0.7);
      ASSERT_EQ(ranking.size(), g.role_count());
      for (const auto& r : ranking) {
        EXPECT_NEAR(r.cx_points, forward_loss(g, r.role, 0.7, false), 1e-12);
        EXPECT_FALSE(r.exact_cx_points.has_value());
      }
    }
  }
}

TEST_F(RankTest, SortedByLossThenRoleIndex) {
  // B and C have equal losses (both feed A with the same weight): B first, by index.
  const auto g = make_graph("A*0.5; A->B 0.3; A->C 0.3; D");
  const auto ranking = rank_roles(g, 1.0);
  ASSERT_EQ(ranking.size(), 4u);
  EXPECT_EQ(ranking[0].role, role_id(g, "A"));
  EXPECT_EQ(ranking[1].role, role_id(g, "B"));
  EXPECT_EQ(ranking[2].role, role_id(g, "C"));
  EXPECT_EQ(ranking[3].role, role_id(g, "D"));
  EXPECT_EQ(ranking[3].cx_points, 0.0);  // D reaches no touchpoint
  const auto big = rank_roles(random_org(30, false, 9), 0.5);
  for (std::size_t k = 1; k < big.size(); ++k) {
    EXPECT_TRUE(big[k - 1].cx_points > big[k].cx_points ||
                (big[k - 1].cx_points == big[k].cx_points && big[k - 1].role < big[k].role));
  }
}

TEST_F(RankTest, HandComputedChain) {
  // A depends on B (0.5), B on C (0.4); touchpoints w_A = 0.6, w_B = 0.2; B = 100.
  // y = w + A^T y, from the customer end:
  //   y_A = 0.6                       (nothing depends on A)
  //   y_B = 0.2 + 0.5 x y_A = 0.5
  //   y_C = 0   + 0.4 x y_B = 0.2
  // loss = 100 x 0.5 x y: A 30, B 25, C 10; share of worst 1, 5/6, 1/3.
  const auto g = make_graph("A->B 0.5; B->C 0.4; A*0.6; B*0.2");
  const auto ranking = rank_roles(g, 0.5);
  ASSERT_EQ(ranking.size(), 3u);
  EXPECT_EQ(ranking[0].role, role_id(g, "A"));
  EXPECT_NEAR(ranking[0].cx_points, 30.0, 1e-12);
  EXPECT_EQ(ranking[1].role, role_id(g, "B"));
  EXPECT_NEAR(ranking[1].cx_points, 25.0, 1e-12);
  EXPECT_EQ(ranking[2].role, role_id(g, "C"));
  EXPECT_NEAR(ranking[2].cx_points, 10.0, 1e-12);
}

TEST_F(RankTest, ExactEqualsLinearWhenNothingClamps) {
  // The chain above: with degrade 0.5 no q exceeds 0.5, so the clamp never binds.
  const auto g = make_graph("A->B 0.5; B->C 0.4; A*0.6; B*0.2");
  RankParams params;
  params.exact = true;
  for (const auto& r : rank_roles(g, 0.5, params)) {
    ASSERT_TRUE(r.exact_cx_points.has_value());
    EXPECT_NEAR(*r.exact_cx_points, r.cx_points, 1e-12);
    EXPECT_FALSE(r.differs());
  }
}

TEST_F(RankTest, ExactIsSmallerWhereTheClampBinds) {
  // A and B depend on each other with 0.9 (loop gain 0.81); w_A = w_B = 0.5; A also
  // depends on D with 0.05.
  // A fails fully (c = e_A). Linear: q = (1, 0.9) / (1 - 0.81), w.q = 0.5 x 1.9 / 0.19 = 5,
  //   loss 500 points (more than the baseline: the linear model ignores the cap).
  //   Clamped: q_A = min(1, 1 + 0.9 q_B) = 1, q_B = min(1, 0.9 x 1) = 0.9, loss
  //   100 x 0.5 x 1.9 = 95.
  // B fails fully: by symmetry linear 500, clamped 95.
  // D fails fully: q_D = 1, q_A = 0.05 / 0.19, q_B = 0.045 / 0.19: nothing above 1, so
  //   both give 100 x 0.5 x 0.095 / 0.19 = 25.
  const auto g = make_graph("A->B 0.9; B->A 0.9; A*0.5; B*0.5; A->D 0.05");
  RankParams params;
  params.exact = true;
  const auto ranking = rank_roles(g, 1.0, params);
  ASSERT_EQ(ranking.size(), 3u);
  for (int k : {0, 1}) {
    EXPECT_NEAR(ranking[k].cx_points, 500.0, 1e-9);
    EXPECT_NEAR(*ranking[k].exact_cx_points, 95.0, 1e-12);
    EXPECT_TRUE(ranking[k].differs());
  }
  EXPECT_EQ(ranking[2].role, role_id(g, "D"));
  EXPECT_NEAR(ranking[2].cx_points, 25.0, 1e-12);
  EXPECT_NEAR(*ranking[2].exact_cx_points, 25.0, 1e-12);
  EXPECT_FALSE(ranking[2].differs());
}

TEST_F(RankTest, ExactMatchesOneClampedSolvePerRole) {
  const model::OrgGraph g = random_org(20, false, 3);
  RankParams params;
  params.exact = true;
  params.jobs = 3;
  std::size_t differing = 0;
  for (const auto& r : rank_roles(g, 1.0, params)) {
    differing += r.differs();
    EXPECT_EQ(*r.exact_cx_points, forward_loss(g, r.role, 1.0, true));
    EXPECT_LE(*r.exact_cx_points, r.cx_points + 1e-12);  // clamping only lowers q
  }
  // Every role is on the ring: failed fully, its linear q is 1 + (A q)_i > 1.
  EXPECT_EQ(differing, g.role_count());
}

TEST_F(RankTest, SameResultsWhateverTheThreadCount) {
  const model::OrgGraph g = random_org(24, false, 5);
  auto run = [&](unsigned jobs) {
    RankParams params;
    params.exact = true;
    params.jobs = jobs;
    return rank_roles(g, 1.0, params);
  };
  const auto one = run(1);
  for (unsigned jobs : {2u, 7u}) {
    const auto many = run(jobs);
    ASSERT_EQ(many.size(), one.size());
    for (std::size_t k = 0; k < one.size(); ++k) {
      EXPECT_EQ(many[k].role, one[k].role) << "jobs " << jobs << ", rank " << k + 1;
      EXPECT_EQ(many[k].cx_points, one[k].cx_points);
      EXPECT_EQ(*many[k].exact_cx_points, *one[k].exact_cx_points);
    }
  }
}

TEST_F(RankTest, EmptyModelGivesEmptyRanking) {
  model::OrgGraph g;
  RankParams params;
  params.exact = true;
  EXPECT_TRUE(rank_roles(g, 0.5, params).empty());
}

void expect_invalid(double degrade, unsigned jobs, const std::string& message) {
  const auto g = make_graph("A*0.5");
  RankParams params;
  params.jobs = jobs;
  try {
    rank_roles(g, degrade, params);
    ADD_FAILURE() << "expected InvalidArgument: " << message;
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

TEST_F(RankTest, RejectsBadArguments) {
  expect_invalid(0.0, 0, "degrade must be in (0, 1], got 0");
  expect_invalid(-0.5, 0, "degrade must be in (0, 1], got -0.5");
  expect_invalid(1.5, 0, "degrade must be in (0, 1], got 1.5");
  expect_invalid(std::numeric_limits<double>::quiet_NaN(), 0, "degrade must be in (0, 1], got nan");
  expect_invalid(0.5, 1025, "jobs must be in [0, 1024] (0: one per hardware thread), got 1025");
  RankParams params;
  params.sim.max_iterations = 0;
  EXPECT_THROW(rank_roles(make_graph("A*0.5"), 0.5, params), InvalidArgument);
}

}  // namespace
}  // namespace orgsim::sim
