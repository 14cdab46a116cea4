// Tests of sim/static_solver: the fixed point q = min(1, A q + c), checked against an
// independent dense Eigen solve of (I - A) q = c, against hand-computed examples, and
// against a published input-output example.

#include "sim/static_solver.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "tests/support/builders.hpp"

namespace orgsim::sim {
namespace {

using test::make_graph;
using test::make_random_graph;

// A as a dense matrix: A(i, j) = weight of "role i depends on role j".
Eigen::MatrixXd dense_matrix(const model::OrgGraph& g) {
  const auto n = static_cast<Eigen::Index>(g.role_count());
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n, n);
  for (const auto& d : g.dependencies()) a(d.role.value, d.depends_on.value) += d.weight;
  return a;
}

// The reference answer of the linear IIM: (I - A)^-1 c by dense LU with partial pivoting.
Eigen::VectorXd dense_solve(const Eigen::MatrixXd& a, const std::vector<double>& c) {
  const Eigen::Index n = a.rows();
  Eigen::Map<const Eigen::VectorXd> cv(c.data(), n);
  return (Eigen::MatrixXd::Identity(n, n) - a).partialPivLu().solve(cv);
}

// max_i |q_i - min(1, (A q + c)_i)|, computed densely, independently of the solver.
double dense_residual(const Eigen::MatrixXd& a, const std::vector<double>& q,
                      const std::vector<double>& c) {
  const Eigen::Index n = a.rows();
  Eigen::Map<const Eigen::VectorXd> qv(q.data(), n), cv(c.data(), n);
  Eigen::VectorXd input = a * qv + cv;
  double r = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) r = std::max(r, std::abs(qv[i] - std::min(1.0, input[i])));
  return r;
}

// The clamped fixed point by plain projected Jacobi iteration q <- min(1, A q + c): slow
// but obviously right. With row sums <= 0.8 the map contracts the max-norm error by 0.8
// per iteration, and 0.8^300 < 1e-29.
Eigen::VectorXd projected_jacobi(const Eigen::MatrixXd& a, const std::vector<double>& c) {
  const Eigen::Index n = a.rows();
  Eigen::Map<const Eigen::VectorXd> cv(c.data(), n);
  Eigen::VectorXd q = Eigen::VectorXd::Zero(n);
  for (int it = 0; it < 300; ++it) q = (a * q + cv).cwiseMin(1.0);
  return q;
}

std::vector<double> random_perturbation(std::size_t n, double lo, double hi, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> dist(lo, hi);
  std::vector<double> c(n);
  for (double& v : c) v = dist(rng);
  return c;
}

class StaticSolverTest : public ::testing::Test {
 protected:
  // Solves with `params`, then checks the answer against the dense LU reference to
  // 1e-12 and the invariants: q in [0, 1], no clamp, residual within tolerance.
  StaticSolution expect_matches_dense(const model::OrgGraph& g, const std::vector<double>& c,
                                      const SimParams& params) {
    const Eigen::MatrixXd a = dense_matrix(g);
    const Eigen::VectorXd expected = dense_solve(a, c);
    // Precondition of the linear comparison: the exact answer is inside [0, 1).
    EXPECT_LT(expected.maxCoeff(), 1.0);
    StaticSolution s = solve_static(g, c, params);
    EXPECT_EQ(s.q.size(), g.role_count());
    for (std::size_t i = 0; i < s.q.size(); ++i) {
      EXPECT_NEAR(s.q[i], expected[static_cast<Eigen::Index>(i)], 1e-12) << "role " << i;
      EXPECT_GE(s.q[i], 0.0);
      EXPECT_LE(s.q[i], 1.0);
    }
    EXPECT_EQ(s.clamped_roles, 0u);
    EXPECT_LE(s.residual, params.tolerance);
    EXPECT_LE(dense_residual(a, s.q, c), params.tolerance);
    return s;
  }
};

TEST_F(StaticSolverTest, ZeroPerturbationGivesZero) {
  const model::OrgGraph g = make_random_graph({.roles = 12, .ring = true, .seed = 7});
  const std::vector<double> c(g.role_count(), 0.0);
  for (std::size_t limit : {std::size_t{2000}, std::size_t{3}}) {
    SimParams params;
    params.direct_solve_limit = limit;
    StaticSolution s = solve_static(g, c, params);
    // (I - A)^-1 0 = 0, exactly.
    for (double q : s.q) EXPECT_EQ(q, 0.0);
    EXPECT_EQ(s.residual, 0.0);
    EXPECT_EQ(s.clamped_roles, 0u);
  }
}

TEST_F(StaticSolverTest, RoleWithoutDependenciesEqualsItsPerturbation) {
  const model::OrgGraph g = make_graph("A; B; C");
  StaticSolution s = solve_static(g, std::vector<double>{0.25, 0.0, 1.0});
  // A = 0, so q = c.
  EXPECT_EQ(s.q, (std::vector<double>{0.25, 0.0, 1.0}));
  EXPECT_EQ(s.loop_components, 0u);
  // q_C = 1 is reached exactly: it counts as held at 1.
  EXPECT_EQ(s.clamped_roles, 1u);
}

TEST_F(StaticSolverTest, ChainMatchesClosedForm) {
  const model::OrgGraph g = make_graph("A->B 0.5; B->C 0.2");
  StaticSolution s = solve_static(g, std::vector<double>{0.1, 0.3, 0.4});
  // q_C = c_C = 0.4
  // q_B = c_B + 0.2 q_C = 0.3 + 0.08 = 0.38
  // q_A = c_A + 0.5 q_B = 0.1 + 0.19 = 0.29
  EXPECT_NEAR(s.q[2], 0.4, 1e-15);
  EXPECT_NEAR(s.q[1], 0.38, 1e-15);
  EXPECT_NEAR(s.q[0], 0.29, 1e-15);
  EXPECT_EQ(s.loop_components, 0u);
  EXPECT_EQ(s.direct_solves + s.iterative_solves, 0u);
  EXPECT_LE(s.residual, 1e-15);
}

TEST_F(StaticSolverTest, TwoRoleLoopMatchesClosedForm) {
  const model::OrgGraph g = make_graph("A->B 0.5; B->A 0.4");
  StaticSolution s = solve_static(g, std::vector<double>{0.2, 0.1});
  // q_A = 0.2 + 0.5 q_B, q_B = 0.1 + 0.4 q_A
  // => q_A = (0.2 + 0.05) / (1 - 0.2) = 0.3125, q_B = 0.1 + 0.125 = 0.225
  EXPECT_NEAR(s.q[0], 0.3125, 1e-15);
  EXPECT_NEAR(s.q[1], 0.225, 1e-15);
  EXPECT_EQ(s.loop_components, 1u);
  EXPECT_EQ(s.largest_loop, 2u);
  EXPECT_EQ(s.direct_solves, 1u);
  EXPECT_EQ(s.iterative_solves, 0u);
}

TEST_F(StaticSolverTest, MatchesDenseLuOnRandomAcyclicGraphs) {
  for (std::uint32_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE(seed);
    const model::OrgGraph g = make_random_graph(
        {.roles = 6 + 2 * seed, .edge_probability = 0.4, .acyclic = true, .seed = seed});
    const std::vector<double> c = random_perturbation(g.role_count(), 0.0, 0.15, seed + 100);
    StaticSolution s = expect_matches_dense(g, c, SimParams{});
    EXPECT_EQ(s.loop_components, 0u);
  }
}

TEST_F(StaticSolverTest, MatchesDenseLuOnRandomCyclicGraphsByDirectSolve) {
  for (std::uint32_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE(seed);
    const model::OrgGraph g = make_random_graph(
        {.roles = 10, .edge_probability = 0.25, .ring = seed % 2 == 0, .seed = seed});
    const std::vector<double> c = random_perturbation(g.role_count(), 0.0, 0.15, seed + 200);
    StaticSolution s = expect_matches_dense(g, c, SimParams{});
    EXPECT_GE(s.loop_components, 1u);
    EXPECT_EQ(s.direct_solves, s.loop_components);
    EXPECT_EQ(s.iterative_solves, 0u);
  }
}

TEST_F(StaticSolverTest, MatchesDenseLuOnRandomCyclicGraphsByIterativeSolve) {
  for (std::uint32_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE(seed);
    // The ring makes one loop of all 12 roles, larger than direct_solve_limit = 3.
    const model::OrgGraph g = make_random_graph(
        {.roles = 12, .edge_probability = 0.2, .max_row_sum = 0.7, .ring = true, .seed = seed});
    const std::vector<double> c = random_perturbation(g.role_count(), 0.0, 0.15, seed + 300);
    SimParams params;
    params.direct_solve_limit = 3;
    StaticSolution s = expect_matches_dense(g, c, params);
    EXPECT_EQ(s.loop_components, 1u);
    EXPECT_EQ(s.largest_loop, 12u);
    EXPECT_EQ(s.direct_solves, 0u);
    EXPECT_EQ(s.iterative_solves, 1u);
  }
}

TEST_F(StaticSolverTest, SolvesSmallLoopsDirectlyAndLargeLoopsIteratively) {
  // Loop {A, B, C} (3 roles), loop {P, Q, R, S, T, U} (6 roles) that depends on it,
  // and X, Y outside any loop, downstream of both.
  const model::OrgGraph g = make_graph(
      "A->B 0.3; B->C 0.4; C->A 0.5;"
      "P->Q 0.3; Q->R 0.2; R->S 0.4; S->T 0.3; T->U 0.2; U->P 0.5; Q->S 0.2; P->A 0.2;"
      "X->P 0.6; X->C 0.1; Y->X 0.5");
  const std::vector<double> c{0.1, 0.0, 0.05, 0.0, 0.2, 0.0, 0.0, 0.1, 0.0, 0.0, 0.3};
  SimParams params;
  params.direct_solve_limit = 3;
  StaticSolution s = expect_matches_dense(g, c, params);
  EXPECT_EQ(s.loop_components, 2u);
  EXPECT_EQ(s.largest_loop, 6u);
  EXPECT_EQ(s.direct_solves, 1u);
  EXPECT_EQ(s.iterative_solves, 1u);
}

TEST_F(StaticSolverTest, ClampsTwoRoleLoopAtOne) {
  // q_A = min(1, 0.9 q_B + 0.5), q_B = min(1, 0.9 q_A).
  // Linear answer: q_A = 0.5 / (1 - 0.81) = 2.6316, q_B = 2.3684: both above 1.
  // Clamped answer: q_A = 1 (0.9 * 0.9 + 0.5 = 1.31 >= 1), q_B = 0.9 * 1 = 0.9.
  const model::OrgGraph g = make_graph("A->B 0.9; B->A 0.9");
  const std::vector<double> c{0.5, 0.0};
  const Eigen::VectorXd linear = dense_solve(dense_matrix(g), c);
  EXPECT_NEAR(linear[0], 0.5 / 0.19, 1e-12);
  for (std::size_t limit : {std::size_t{2000}, std::size_t{0}}) {
    SCOPED_TRACE(limit);
    SimParams params;
    params.direct_solve_limit = limit;
    StaticSolution s = solve_static(g, c, params);
    EXPECT_EQ(s.q[0], 1.0);
    EXPECT_NEAR(s.q[1], 0.9, 1e-15);
    EXPECT_EQ(s.clamped_roles, 1u);
    EXPECT_LE(s.residual, 1e-15);
    EXPECT_EQ(s.direct_solves, limit > 0 ? 1u : 0u);
  }
}

TEST_F(StaticSolverTest, ReleasesRoleWhoseLinearValueExceedsOneOnlyThroughTheClamp) {
  // q_A = min(1, 0.9 q_B + 0.05), q_B = min(1, 0.9 q_A + 0.9).
  // Linear: q_B = (0.045 + 0.9) / 0.19 = 4.97, q_A = 4.53: both above 1, but clamping
  // both is wrong: with q_B = 1, q_A = 0.9 + 0.05 = 0.95 < 1, and then
  // q_B = min(1, 0.855 + 0.9) = 1. Answer (0.95, 1).
  const model::OrgGraph g = make_graph("A->B 0.9; B->A 0.9");
  for (std::size_t limit : {std::size_t{2000}, std::size_t{0}}) {
    SCOPED_TRACE(limit);
    SimParams params;
    params.direct_solve_limit = limit;
    StaticSolution s = solve_static(g, std::vector<double>{0.05, 0.9}, params);
    EXPECT_NEAR(s.q[0], 0.95, 1e-15);
    EXPECT_EQ(s.q[1], 1.0);
    EXPECT_EQ(s.clamped_roles, 1u);
  }
}

TEST_F(StaticSolverTest, ClampOutsideLoopsPropagatesOneDownstream) {
  const model::OrgGraph g = make_graph("A->B 0.9; C->A 0.5");
  StaticSolution s = solve_static(g, std::vector<double>{0.5, 0.8, 0.1});
  // q_B = 0.8; q_A = min(1, 0.9 * 0.8 + 0.5 = 1.22) = 1; q_C = 0.1 + 0.5 * 1 = 0.6
  EXPECT_NEAR(s.q[1], 0.8, 1e-15);
  EXPECT_EQ(s.q[0], 1.0);
  EXPECT_NEAR(s.q[2], 0.6, 1e-15);
  EXPECT_EQ(s.clamped_roles, 1u);
}

TEST_F(StaticSolverTest, ClampedRandomLoopsAreTheFixedPointOfTheClampedSystem) {
  for (std::uint32_t seed = 1; seed <= 4; ++seed) {
    SCOPED_TRACE(seed);
    const model::OrgGraph g = make_random_graph(
        {.roles = 10, .edge_probability = 0.3, .max_row_sum = 0.8, .ring = true, .seed = seed});
    const Eigen::MatrixXd a = dense_matrix(g);
    // Mostly mild failures, and two heavy ones that push their roles (at least role 0,
    // whose input is at least c_0 = 1) against the clamp.
    std::vector<double> c = random_perturbation(g.role_count(), 0.0, 0.2, seed + 400);
    c[0] = 1.0;
    c[5] = 0.95;
    const Eigen::VectorXd reference = projected_jacobi(a, c);
    for (std::size_t limit : {std::size_t{2000}, std::size_t{3}}) {
      SCOPED_TRACE(limit);
      SimParams params;
      params.direct_solve_limit = limit;
      StaticSolution s = solve_static(g, c, params);
      Eigen::Map<const Eigen::VectorXd> qv(s.q.data(), a.rows());
      Eigen::Map<const Eigen::VectorXd> cv(c.data(), a.rows());
      const Eigen::VectorXd input = a * qv + cv;
      std::size_t at_one = 0;
      for (Eigen::Index i = 0; i < a.rows(); ++i) {
        EXPECT_NEAR(s.q[i], reference[i], 1e-12) << "role " << i;
        if (s.q[i] == 1.0) {
          // Held at exactly 1: its input A q + c is at least 1.
          ++at_one;
          EXPECT_GE(input[i], 1.0 - 1e-12) << "role " << i;
        } else {
          // Free: q_i = (A q + c)_i < 1.
          EXPECT_NEAR(s.q[i], input[i], 1e-12) << "role " << i;
          EXPECT_LT(s.q[i], 1.0);
          EXPECT_GE(s.q[i], 0.0);
        }
      }
      EXPECT_GE(at_one, 1u);  // the case really exercises the clamp
      EXPECT_LT(at_one, g.role_count());
      EXPECT_EQ(s.clamped_roles, at_one);
      EXPECT_LE(s.residual, params.tolerance);
      EXPECT_LE(dense_residual(a, s.q, c), params.tolerance);
    }
  }
}

TEST_F(StaticSolverTest, LinearModeSolvesTheUnclampedIim) {
  // clamp = false: q = (I - A)^-1 c as published, even where q exceeds 1.
  // q_A = 0.9 q_B + 0.5, q_B = 0.9 q_A  =>  q_A = 0.5 / 0.19, q_B = 0.45 / 0.19.
  const model::OrgGraph g = make_graph("A->B 0.9; B->A 0.9; C->A 0.5");
  for (std::size_t limit : {std::size_t{2000}, std::size_t{0}}) {
    SCOPED_TRACE(limit);
    SimParams params;
    params.clamp = false;
    params.direct_solve_limit = limit;
    StaticSolution s = solve_static(g, std::vector<double>{0.5, 0.0, 0.1}, params);
    EXPECT_NEAR(s.q[0], 0.5 / 0.19, 1e-12);
    EXPECT_NEAR(s.q[1], 0.45 / 0.19, 1e-12);
    // Outside the loop: q_C = 0.1 + 0.5 q_A, not capped either.
    EXPECT_NEAR(s.q[2], 0.1 + 0.5 * 0.5 / 0.19, 1e-12);
    EXPECT_EQ(s.clamped_roles, 0u);
    EXPECT_LE(s.residual, 1e-12);
  }
}

TEST_F(StaticSolverTest, LinearModeMatchesDenseLuOnHeavilyPerturbedRandomLoops) {
  for (std::uint32_t seed = 1; seed <= 4; ++seed) {
    SCOPED_TRACE(seed);
    const model::OrgGraph g = make_random_graph(
        {.roles = 10, .edge_probability = 0.3, .max_row_sum = 0.7, .ring = true, .seed = seed});
    // Large enough that the clamped model would clamp: the linear answer exceeds 1.
    const std::vector<double> c = random_perturbation(g.role_count(), 0.3, 0.9, seed + 500);
    const Eigen::VectorXd expected = dense_solve(dense_matrix(g), c);
    EXPECT_GT(expected.maxCoeff(), 1.0);
    for (std::size_t limit : {std::size_t{2000}, std::size_t{3}}) {
      SCOPED_TRACE(limit);
      SimParams params;
      params.clamp = false;
      params.direct_solve_limit = limit;
      StaticSolution s = solve_static(g, c, params);
      for (Eigen::Index i = 0; i < expected.size(); ++i) {
        EXPECT_NEAR(s.q[i], expected[i], 1e-12 * expected.maxCoeff()) << "role " << i;
      }
      EXPECT_EQ(s.clamped_roles, 0u);
    }
  }
}

// Published example: the two-sector hypothetical economy of Miller, R.E. and Blair, P.D.,
// "Input-Output Analysis: Foundations and Extensions", chapter 2 (1st ed. 1985; in the
// 2nd ed., Cambridge UP 2009, by its table of contents, section 2.3 "An Illustration of
// Input-Output Calculations", from p. 21). The figures below are taken as reproduced, with
// that attribution, in N. Lane, "Input-Output Tables & the Leontief Inverse in R -
// Part I" (2016; github.com/nathanlane/hugoblog, content/posts/2016-07-11-leontiefpart1.md,
// Table 1 and its printed R output), not from the book itself:
//   Z = [[150, 500], [200, 100]], f = (350, 1700), x = (1000, 2000),
//   A = Z diag(x)^-1 = [[0.15, 0.25], [0.20, 0.05]],
//   L = (I - A)^-1 = [[1.2541254, 0.330033], [0.2640264, 1.122112]].
// The IIM is this model normalized into [0, 1] (Santos & Haimes 2004). Two mappings:
// (1) Scaling: q = x / 4000 and c = f / 4000 solve (I - A) q = c, so q = (0.25, 0.5).
// (2) Normalization by the base outputs x: A* = diag(x)^-1 A diag(x), c* = diag(x)^-1 df
//     and q = diag(x)^-1 dx, so a demand drop df = 100 e_j gives q_i = 100 L_ij / x_i.
// orgsim forbids self-dependencies, but A has a diagonal. It is folded in exactly:
// q_i = a_ii q_i + sum_{j != i} a_ij q_j + c_i  <=>
// q_i = sum_{j != i} a_ij / (1 - a_ii) q_j + c_i / (1 - a_ii).
model::OrgGraph miller_blair_graph(const Eigen::Matrix2d& a) {
  model::OrgGraph g = make_graph("S1; S2");
  g.add_dependency({model::RoleId(0), model::RoleId(1), a(0, 1) / (1.0 - a(0, 0)), {}});
  g.add_dependency({model::RoleId(1), model::RoleId(0), a(1, 0) / (1.0 - a(1, 1)), {}});
  return g;
}

TEST_F(StaticSolverTest, ReproducesMillerBlairBaseYearOutputs) {
  Eigen::Matrix2d a;
  a << 0.15, 0.25, 0.20, 0.05;
  const model::OrgGraph g = miller_blair_graph(a);
  // c = f / 4000 = (0.0875, 0.425), folded: c_i / (1 - a_ii).
  const std::vector<double> c{350.0 / 4000.0 / (1.0 - 0.15), 1700.0 / 4000.0 / (1.0 - 0.05)};
  StaticSolution s = solve_static(g, c);
  // q = x / 4000 = (1000, 2000) / 4000.
  EXPECT_NEAR(s.q[0], 0.25, 1e-15);
  EXPECT_NEAR(s.q[1], 0.5, 1e-15);
}

TEST_F(StaticSolverTest, ReproducesMillerBlairLeontiefInverse) {
  Eigen::Matrix2d a;
  a << 0.15, 0.25, 0.20, 0.05;
  const Eigen::Vector2d x(1000.0, 2000.0);
  // A* = diag(x)^-1 A diag(x) = [[0.15, 0.5], [0.1, 0.05]].
  const Eigen::Matrix2d a_star = x.cwiseInverse().asDiagonal() * a * x.asDiagonal();
  const model::OrgGraph g = miller_blair_graph(a_star);
  // The published L, to its printed digits.
  Eigen::Matrix2d published;
  published << 1.2541254, 0.330033, 0.2640264, 1.122112;
  // And exactly: L = [[0.95, 0.25], [0.20, 0.85]] / det(I - A), det = 0.85 * 0.95 - 0.05.
  Eigen::Matrix2d exact;
  exact << 0.95, 0.25, 0.20, 0.85;
  exact /= 0.85 * 0.95 - 0.25 * 0.20;
  for (int j = 0; j < 2; ++j) {
    SCOPED_TRACE(j);
    // A final-demand drop of 100 in sector j: c*_i = 100 [i == j] / x_i, folded.
    std::vector<double> c(2, 0.0);
    c[j] = 100.0 / x[j] / (1.0 - a_star(j, j));
    StaticSolution s = solve_static(g, c);
    for (int i = 0; i < 2; ++i) {
      // q_i = dx_i / x_i = 100 L_ij / x_i.
      EXPECT_NEAR(s.q[i], 100.0 * exact(i, j) / x[i], 1e-15) << "sector " << i;
      // The printed L has 7 significant digits: |error| <= 5e-7 x 100 / 1000.
      EXPECT_NEAR(s.q[i], 100.0 * published(i, j) / x[i], 5e-8) << "sector " << i;
    }
  }
}

TEST_F(StaticSolverTest, RejectsPerturbationOfWrongSize) {
  const model::OrgGraph g = make_graph("A->B 0.5; B->C 0.2");
  try {
    solve_static(g, std::vector<double>{0.1, 0.2});
    FAIL() << "expected InvalidArgument";
  } catch (const InvalidArgument& e) {
    EXPECT_STREQ(e.what(), "perturbation c must have one entry per role (3), got 2");
  }
}

TEST_F(StaticSolverTest, RejectsInvalidParamsBeforeSolving) {
  const model::OrgGraph g = make_graph("A->B 0.5");
  SimParams params;
  params.max_iterations = 0;
  try {
    solve_static(g, std::vector<double>{0.1, 0.2}, params);
    FAIL() << "expected InvalidArgument";
  } catch (const InvalidArgument& e) {
    EXPECT_STREQ(e.what(), "max_iterations must be at least 1, got 0");
  }
}

TEST_F(StaticSolverTest, ThrowsWhenALoopDoesNotConvergeWithinMaxIterations) {
  // A 20-role ring with every weight 0.99 (gain 0.99): Gauss-Seidel gains a factor of
  // about 0.99 per sweep, and a Krylov method needs about 20 iterations (the perturbation
  // on one role is not an eigenvector of I - A). Two iterations are far from enough.
  std::string spec;
  for (int i = 0; i < 20; ++i) {
    spec += "r" + std::to_string(i) + "->r" + std::to_string((i + 1) % 20) + " 0.99;";
  }
  const model::OrgGraph g = make_graph(spec);
  SimParams params;
  params.direct_solve_limit = 0;
  params.max_iterations = 2;
  std::vector<double> c(g.role_count(), 0.0);
  c[0] = 0.005;
  try {
    solve_static(g, c, params);
    FAIL() << "expected Error";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(),
                ::testing::MatchesRegex(
                    "static solve did not converge: a loop of 20 roles still changes after 2 "
                    "Gauss-Seidel sweeps \\(residual [0-9.e+-]+\\); its gain is probably very close to 1"));
  }
}

}  // namespace
}  // namespace orgsim::sim
