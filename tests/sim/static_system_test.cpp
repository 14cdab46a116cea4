// Tests of sim::StaticSystem, the model prepared once for many static solves (A renumbered
// into component order, solved in place): the same bits as solve_static for every c and
// every solver path, safe to share between threads, and the accelerated Gauss-Seidel that
// takes over from plain sweeps on a loop whose gain is close to 1.

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "sim/static_solver.hpp"
#include "tests/support/builders.hpp"

namespace orgsim::sim {
namespace {

using test::make_graph;
using test::make_random_graph;

std::vector<double> random_c(std::size_t n, double hi, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> dist(0.0, hi);
  std::vector<double> c(n);
  for (double& v : c) v = dist(rng);
  return c;
}

// Loops of several sizes, chains into and out of them, ids in random order (the
// generator shuffles), so the renumbering moves almost every role.
model::OrgGraph mixed_graph(std::uint32_t seed) {
  return make_random_graph({.roles = 60, .edge_probability = 0.04, .seed = seed});
}

TEST(StaticSystemTest, GivesTheSameBitsAsSolveStaticForEveryPerturbationAndPath) {
  for (std::uint32_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE(seed);
    const model::OrgGraph g = mixed_graph(seed);
    const StaticSystem system(g);
    EXPECT_EQ(system.role_count(), g.role_count());
    for (std::size_t limit : {std::size_t{256}, std::size_t{2}, std::size_t{0}}) {
      for (bool clamp : {true, false}) {
        SimParams params;
        params.direct_solve_limit = limit;
        params.clamp = clamp;
        // Small c (nothing clamped) and large c (many roles held at 1).
        for (double hi : {0.05, 0.9}) {
          const std::vector<double> c = random_c(g.role_count(), hi, seed * 7 + 1);
          const StaticSolution once = solve_static(g, c, params);
          const StaticSolution first = system.solve(c, params);
          const StaticSolution again = system.solve(c, params);
          EXPECT_EQ(first.q, once.q);
          EXPECT_EQ(again.q, once.q);
          EXPECT_EQ(first.residual, once.residual);
          EXPECT_EQ(first.loop_components, once.loop_components);
          EXPECT_EQ(first.direct_solves, once.direct_solves);
          EXPECT_EQ(first.iterative_solves, once.iterative_solves);
          EXPECT_EQ(first.clamped_roles, once.clamped_roles);
          EXPECT_LE(first.residual, params.tolerance);
        }
      }
    }
  }
}

TEST(StaticSystemTest, OneSystemSolvesFromSeveralThreadsAtOnce) {
  const model::OrgGraph g =
      make_random_graph({.roles = 400, .edge_probability = 0.01, .ring = true, .seed = 3});
  const StaticSystem system(g);
  SimParams params;
  params.direct_solve_limit = 0;  // the in-place Gauss-Seidel on the shared rows
  std::vector<std::vector<double>> cs, expected;
  for (std::uint32_t k = 0; k < 8; ++k) {
    cs.push_back(random_c(g.role_count(), 0.1, 50 + k));
    expected.push_back(system.solve(cs.back(), params).q);
  }
  std::vector<std::vector<double>> got(cs.size());
  {
    std::vector<std::jthread> threads;
    for (std::size_t t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        for (std::size_t k = t; k < cs.size(); k += 4) got[k] = system.solve(cs[k], params).q;
      });
    }
  }
  for (std::size_t k = 0; k < cs.size(); ++k) EXPECT_EQ(got[k], expected[k]) << "c " << k;
}

TEST(StaticSystemTest, HighGainLoopConvergesByAcceleratedSweepsBeforeTheKrylovFallback) {
  // A 300-role random loop whose every role's weights sum to 0.97: the loop gain is
  // 0.97, and plain Gauss-Seidel gains only a few percent a sweep on the dominant
  // (Perron) mode, hundreds of sweeps to 1e-12. Anderson acceleration must get there
  // within the 60 sweeps after which BiCGSTAB would take over (sweeps counts
  // Gauss-Seidel sweeps only).
  model::OrgGraph g =
      make_random_graph({.roles = 300, .edge_probability = 0.02, .ring = true, .seed = 11});
  std::vector<double> row_sum(g.role_count(), 0.0);
  for (const auto& d : g.dependencies()) row_sum[d.role.value] += d.weight;
  for (auto& d : g.mutable_dependencies()) d.weight *= 0.97 / row_sum[d.role.value];
  std::vector<double> c(g.role_count(), 0.0);
  c[3] = 0.001;
  c[150] = 0.002;
  SimParams params;
  params.direct_solve_limit = 0;
  const StaticSolution s = StaticSystem(g).solve(c, params);
  EXPECT_EQ(s.iterative_solves, 1u);
  EXPECT_LT(s.sweeps, 60u);
  EXPECT_LE(s.residual, 1e-12);
  // Against a dense LU of (I - A) q = c: error <= residual / (1 - gain).
  const auto n = static_cast<Eigen::Index>(g.role_count());
  Eigen::MatrixXd m = Eigen::MatrixXd::Identity(n, n);
  for (const auto& d : g.dependencies()) m(d.role.value, d.depends_on.value) -= d.weight;
  const Eigen::VectorXd expected =
      m.partialPivLu().solve(Eigen::Map<const Eigen::VectorXd>(c.data(), n));
  ASSERT_LT(expected.maxCoeff(), 1.0);
  for (Eigen::Index i = 0; i < n; ++i) EXPECT_NEAR(s.q[i], expected[i], 1e-10) << "role " << i;
}

}  // namespace
}  // namespace orgsim::sim
