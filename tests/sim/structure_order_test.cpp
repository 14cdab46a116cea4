// Tests of model/structure as the static solver relies on it: strong_components orders the
// feedback loops so that what a role depends on comes first, and spectral_radius_bounds
// brackets each loop's gain (checked against Eigen's dense eigenvalues).

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <vector>

#include "model/structure.hpp"
#include "tests/support/builders.hpp"

namespace orgsim::model {
namespace {

using test::make_graph;
using test::make_random_graph;

// reach[i][j]: j can be reached from i along "depends on" edges (i itself included).
std::vector<std::vector<char>> reachability(const OrgGraph& g) {
  const std::size_t n = g.role_count();
  std::vector<std::vector<char>> reach(n, std::vector<char>(n, 0));
  for (std::size_t i = 0; i < n; ++i) reach[i][i] = 1;
  for (const auto& d : g.dependencies()) reach[d.role.value][d.depends_on.value] = 1;
  for (std::size_t k = 0; k < n; ++k) {
    for (std::size_t i = 0; i < n; ++i) {
      if (!reach[i][k]) continue;
      for (std::size_t j = 0; j < n; ++j) reach[i][j] = reach[i][j] || reach[k][j];
    }
  }
  return reach;
}

// The dependency matrix restricted to the roles of one component, in that order.
Eigen::MatrixXd component_matrix(const OrgGraph& g, const ComponentOrder& order,
                                 std::size_t component) {
  auto roles = order.roles(component);
  const auto m = static_cast<Eigen::Index>(roles.size());
  std::vector<Eigen::Index> position(g.role_count(), -1);
  for (Eigen::Index l = 0; l < m; ++l) position[roles[l]] = l;
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(m, m);
  for (const auto& d : g.dependencies()) {
    if (order.component_of(d.role) == component && order.component_of(d.depends_on) == component) {
      a(position[d.role.value], position[d.depends_on.value]) += d.weight;
    }
  }
  return a;
}

double spectral_radius(const Eigen::MatrixXd& a) {
  Eigen::EigenSolver<Eigen::MatrixXd> solver(a, /*computeEigenvectors=*/false);
  return solver.eigenvalues().cwiseAbs().maxCoeff();
}

void scale_weights(OrgGraph& g, double factor) {
  for (auto& d : g.mutable_dependencies()) d.weight *= factor;
}

class StructureOrderTest : public ::testing::Test {
 protected:
  // Checks `order` against the definition of strongly connected components in
  // dependency order, by brute-force reachability.
  static void expect_valid_order(const OrgGraph& g, const ComponentOrder& order) {
    const std::size_t n = g.role_count();
    // Every role in exactly one component, listed in increasing id order.
    std::vector<int> seen(n, 0);
    for (std::size_t c = 0; c < order.size(); ++c) {
      auto roles = order.roles(c);
      ASSERT_FALSE(roles.empty());
      EXPECT_EQ(order.is_cyclic(c), roles.size() > 1);
      for (std::size_t l = 0; l < roles.size(); ++l) {
        ++seen[roles[l]];
        EXPECT_EQ(order.component_of(RoleId(roles[l])), c);
        if (l > 0) {
          EXPECT_LT(roles[l - 1], roles[l]);
        }
      }
    }
    for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(seen[i], 1) << "role " << i;
    // Dependencies first: for every i -> j, component_of(j) <= component_of(i).
    for (const auto& d : g.dependencies()) {
      EXPECT_LE(order.component_of(d.depends_on), order.component_of(d.role))
          << d.role.value << " -> " << d.depends_on.value;
    }
    // Same component exactly when each role reaches the other.
    const auto reach = reachability(g);
    for (std::uint32_t i = 0; i < n; ++i) {
      for (std::uint32_t j = 0; j < n; ++j) {
        const bool same = order.component_of(RoleId(i)) == order.component_of(RoleId(j));
        EXPECT_EQ(same, reach[i][j] && reach[j][i]) << i << ", " << j;
      }
    }
  }
};

TEST_F(StructureOrderTest, ChainIsOrderedSupplierFirst) {
  // A depends on B depends on C: C must be solved first, then B, then A.
  const OrgGraph g = make_graph("A->B 0.5; B->C 0.2");
  const ComponentOrder order = strong_components(g);
  ASSERT_EQ(order.size(), 3u);
  EXPECT_EQ(order.component_of(RoleId(2)), 0u);
  EXPECT_EQ(order.component_of(RoleId(1)), 1u);
  EXPECT_EQ(order.component_of(RoleId(0)), 2u);
}

TEST_F(StructureOrderTest, LoopIsOneComponentAfterItsSupplier) {
  // Loop {A, B} depends on C; D depends on the loop.
  const OrgGraph g = make_graph("A->B 0.5; B->A 0.5; B->C 0.3; D->A 0.2");
  const ComponentOrder order = strong_components(g);
  expect_valid_order(g, order);
  ASSERT_EQ(order.size(), 3u);
  EXPECT_EQ(std::vector<std::uint32_t>(order.roles(0).begin(), order.roles(0).end()),
            (std::vector<std::uint32_t>{2}));
  EXPECT_EQ(std::vector<std::uint32_t>(order.roles(1).begin(), order.roles(1).end()),
            (std::vector<std::uint32_t>{0, 1}));
  EXPECT_TRUE(order.is_cyclic(1));
  EXPECT_EQ(std::vector<std::uint32_t>(order.roles(2).begin(), order.roles(2).end()),
            (std::vector<std::uint32_t>{3}));
}

TEST_F(StructureOrderTest, EmptyGraphHasNoComponents) {
  OrgGraph g;
  EXPECT_EQ(strong_components(g).size(), 0u);
}

TEST_F(StructureOrderTest, OrdersRandomGraphsDependenciesFirst) {
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    SCOPED_TRACE(seed);
    // Sparse graphs give many small loops and singletons; denser ones a few big loops.
    const double p = seed % 3 == 0 ? 0.25 : 0.1;
    const OrgGraph g = make_random_graph(
        {.roles = 15, .edge_probability = p, .acyclic = seed % 5 == 0, .seed = seed});
    const ComponentOrder order = strong_components(g);
    expect_valid_order(g, order);
    if (seed % 5 == 0) {
      EXPECT_EQ(order.size(), g.role_count());
    }
  }
}

// The graph's dependencies as compressed rows, in the order they were added.
struct Rows {
  std::vector<int> offsets, columns;
};

Rows compressed_rows(const OrgGraph& g) {
  Rows r;
  r.offsets.assign(g.role_count() + 1, 0);
  for (const auto& d : g.dependencies()) ++r.offsets[d.role.value + 1];
  for (std::size_t i = 0; i < g.role_count(); ++i) r.offsets[i + 1] += r.offsets[i];
  std::vector<int> next(r.offsets.begin(), r.offsets.end() - 1);
  r.columns.resize(g.dependencies().size());
  for (const auto& d : g.dependencies()) {
    r.columns[static_cast<std::size_t>(next[d.role.value]++)] =
        static_cast<int>(d.depends_on.value);
  }
  return r;
}

TEST_F(StructureOrderTest, CompressedRowsGiveTheSameOrderAsTheGraph) {
  for (std::uint32_t seed = 1; seed <= 10; ++seed) {
    SCOPED_TRACE(seed);
    const OrgGraph g = make_random_graph({.roles = 15, .edge_probability = 0.12, .seed = seed});
    const Rows rows = compressed_rows(g);
    const ComponentOrder from_rows = strong_components(g.role_count(), rows.offsets, rows.columns);
    expect_valid_order(g, from_rows);
    const ComponentOrder from_graph = strong_components(g);
    ASSERT_EQ(from_rows.size(), from_graph.size());
    for (std::uint32_t i = 0; i < g.role_count(); ++i) {
      EXPECT_EQ(from_rows.component_of(RoleId(i)), from_graph.component_of(RoleId(i)));
    }
  }
}

TEST_F(StructureOrderTest, HandlesALongChainWithoutDeepRecursion) {
  // Role i depends on role i + 1: a chain a recursive Tarjan would need 200,000 frames
  // for (more than an 8 MB stack holds). The last role is the only supplier of all, so it must come
  // first.
  constexpr std::size_t n = 200'000;
  std::vector<int> offsets(n + 1), columns(n - 1);
  for (std::size_t i = 0; i < n; ++i) offsets[i + 1] = static_cast<int>(std::min(i + 1, n - 1));
  for (std::size_t i = 0; i + 1 < n; ++i) columns[i] = static_cast<int>(i + 1);
  const ComponentOrder order = strong_components(n, offsets, columns);
  ASSERT_EQ(order.size(), n);
  for (std::size_t i = 0; i < n; i += 19'999) {
    EXPECT_EQ(order.component_of(RoleId(static_cast<std::uint32_t>(i))), n - 1 - i);
  }
}

TEST_F(StructureOrderTest, AcyclicComponentsGetZeroBounds) {
  const OrgGraph g = make_graph("A->B 0.5; B->A 0.5; B->C 0.3; D->A 0.2");
  const ComponentOrder order = strong_components(g);
  const std::vector<RadiusBounds> bounds = spectral_radius_bounds(g, order);
  ASSERT_EQ(bounds.size(), order.size());
  for (std::size_t c = 0; c < order.size(); ++c) {
    if (order.is_cyclic(c)) continue;
    EXPECT_EQ(bounds[c].lower, 0.0);
    EXPECT_EQ(bounds[c].upper, 0.0);
  }
}

TEST_F(StructureOrderTest, TwoRoleLoopHasRadiusSqrtOfTheProduct) {
  // A = [[0, a], [b, 0]]: eigenvalues +-sqrt(ab).
  const OrgGraph g = make_graph("A->B 0.5; B->A 0.5");
  const std::vector<RadiusBounds> b = spectral_radius_bounds(g, strong_components(g));
  ASSERT_EQ(b.size(), 1u);
  EXPECT_LE(b[0].lower, 0.5);
  EXPECT_GE(b[0].upper, 0.5);
  EXPECT_LT(b[0].upper, 1.0);  // decided: the loop's gain is below 1

  // Gain exactly 1: x = (1, 1) is the Perron vector of A + I, so both bounds are 1 at once.
  const OrgGraph unit = make_graph("A->B 1; B->A 1");
  const std::vector<RadiusBounds> u = spectral_radius_bounds(unit, strong_components(unit));
  EXPECT_EQ(u[0].lower, 1.0);
  EXPECT_EQ(u[0].upper, 1.0);
  EXPECT_EQ(u[0].iterations, 1);
}

TEST_F(StructureOrderTest, ThreeRoleCycleHasRadiusCubeRootOfTheProduct) {
  // A cycle's characteristic polynomial is x^3 - abc: rho = (0.5 x 0.8 x 0.2)^(1/3).
  const OrgGraph g = make_graph("A->B 0.5; B->C 0.8; C->A 0.2");
  const std::vector<RadiusBounds> b = spectral_radius_bounds(g, strong_components(g), 2000, 1e-12);
  const double rho = std::cbrt(0.08);
  EXPECT_LE(b[0].lower, rho + 1e-12);
  EXPECT_GE(b[0].upper, rho - 1e-12);
  EXPECT_LT(b[0].upper, 1.0);
}

TEST_F(StructureOrderTest, RadiusBoundsBracketDenseEigenvaluesOnRandomLoops) {
  for (std::uint32_t seed = 1; seed <= 8; ++seed) {
    for (double factor : {1.0, 1.6, 3.0}) {
      SCOPED_TRACE(::testing::Message() << "seed " << seed << ", factor " << factor);
      // Without the ring, loops of several sizes; with it, one irreducible matrix.
      OrgGraph g = make_random_graph({.roles = 9,
                                      .edge_probability = 0.3,
                                      .max_row_sum = 0.9,
                                      .ring = seed % 2 == 0,
                                      .seed = seed});
      scale_weights(g, factor);
      const ComponentOrder order = strong_components(g);
      const std::vector<RadiusBounds> bounds = spectral_radius_bounds(g, order);
      ASSERT_EQ(bounds.size(), order.size());
      for (std::size_t c = 0; c < order.size(); ++c) {
        if (!order.is_cyclic(c)) continue;
        const double rho = spectral_radius(component_matrix(g, order, c));
        const RadiusBounds& b = bounds[c];
        EXPECT_LE(b.lower, rho + 1e-12) << "component " << c;
        EXPECT_GE(b.upper, rho - 1e-12) << "component " << c;
        EXPECT_GE(b.iterations, 1);
        EXPECT_LE(b.iterations, 2000);
        // The decision validate_model takes from the bounds is right.
        if (rho < 1.0 - 1e-6) {
          EXPECT_LT(b.upper, 1.0) << "component " << c << ", rho " << rho;
        }
        if (rho > 1.0 + 1e-6) {
          EXPECT_GE(b.lower, 1.0) << "component " << c << ", rho " << rho;
        }
      }
    }
  }
}

TEST_F(StructureOrderTest, RadiusBoundsConvergeOnLoopsWithGainExactlyOne) {
  for (std::uint32_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE(seed);
    OrgGraph g = make_random_graph(
        {.roles = 8, .edge_probability = 0.3, .max_row_sum = 0.9, .ring = true, .seed = seed});
    const ComponentOrder order = strong_components(g);
    ASSERT_EQ(order.size(), 1u);  // the ring makes the matrix irreducible
    // Rescale so that rho(A) = 1: neither "< 1" nor ">= 1" can be decided early, so the
    // bounds must close to within the tolerance around 1.
    scale_weights(g, 1.0 / spectral_radius(component_matrix(g, order, 0)));
    const std::vector<RadiusBounds> b = spectral_radius_bounds(g, order, 5000, 1e-10);
    EXPECT_NEAR(b[0].lower, 1.0, 1e-8);
    EXPECT_NEAR(b[0].upper, 1.0, 1e-8);
  }
}

TEST_F(StructureOrderTest, UndecidedBoundsConvergeToTheDenseSpectralRadius) {
  for (std::uint32_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE(seed);
    const OrgGraph g = make_random_graph(
        {.roles = 9, .edge_probability = 0.3, .max_row_sum = 0.9, .ring = true, .seed = seed});
    const ComponentOrder order = strong_components(g);
    ASSERT_EQ(order.size(), 1u);
    const double rho = spectral_radius(component_matrix(g, order, 0));
    // stop_once_decided = false: iterate until the bounds are within 1e-11.
    const std::vector<RadiusBounds> b = spectral_radius_bounds(g, order, 100000, 1e-11, false);
    EXPECT_LT(b[0].iterations, 100000);
    EXPECT_NEAR(b[0].lower, rho, 1e-10);
    EXPECT_NEAR(b[0].upper, rho, 1e-10);
    EXPECT_LE(b[0].lower, b[0].upper);
  }
}

}  // namespace
}  // namespace orgsim::model
