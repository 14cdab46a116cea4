#include "model/structure.hpp"

#include <gtest/gtest.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <map>
#include <set>

#include "tests/support/builders.hpp"

namespace orgsim::model {
namespace {

using test::make_graph;
using test::make_random_graph;
using test::RandomGraphSpec;

// Two roles are in one component by our Tarjan exactly when Boost.Graph's
// strong_components puts them together: the hand-written version is checked
// against the library on many random graphs.
TEST(StructureTest, ComponentsMatchBoostGraph) {
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    RandomGraphSpec spec;
    spec.roles = 5 + seed % 30;
    spec.edge_probability = 0.02 + 0.01 * (seed % 10);
    spec.seed = seed;
    OrgGraph g = make_random_graph(spec);
    ComponentOrder order = strong_components(g);

    using Boost = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    Boost b(g.role_count());
    for (const auto& d : g.dependencies()) boost::add_edge(d.role.value, d.depends_on.value, b);
    std::vector<int> boost_component(g.role_count());
    int count = boost::strong_components(b, boost_component.data());
    ASSERT_EQ(order.size(), static_cast<std::size_t>(count)) << "seed " << seed;
    for (std::uint32_t i = 0; i < g.role_count(); ++i) {
      for (std::uint32_t j = 0; j < g.role_count(); ++j) {
        EXPECT_EQ(order.component_of(RoleId(i)) == order.component_of(RoleId(j)),
                  boost_component[i] == boost_component[j])
            << "seed " << seed << " roles " << i << ", " << j;
      }
    }
  }
}

TEST(StructureTest, DependenciesComeFirst) {
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    RandomGraphSpec spec;
    spec.roles = 30;
    spec.edge_probability = 0.05;
    spec.seed = seed;
    OrgGraph g = make_random_graph(spec);
    ComponentOrder order = strong_components(g);
    for (const auto& d : g.dependencies()) {
      EXPECT_LE(order.component_of(d.depends_on), order.component_of(d.role));
    }
    // Every role appears exactly once, in the component it says it is in.
    std::set<std::uint32_t> seen;
    for (std::size_t c = 0; c < order.size(); ++c) {
      for (auto r : order.roles(c)) {
        EXPECT_TRUE(seen.insert(r).second);
        EXPECT_EQ(order.component_of(RoleId(r)), c);
      }
    }
    EXPECT_EQ(seen.size(), g.role_count());
  }
}

TEST(StructureTest, ChainAndLoop) {
  // A -> B -> C, and the loop D <-> E that depends on C.
  OrgGraph g = make_graph("A->B 0.5; B->C 0.5; D->E 0.5; E->D 0.5; D->C 0.1");
  ComponentOrder order = strong_components(g);
  ASSERT_EQ(order.size(), 4u);
  auto c = [&](const char* id) { return order.component_of(*g.find_role(id)); };
  EXPECT_LT(c("C"), c("B"));
  EXPECT_LT(c("B"), c("A"));
  EXPECT_LT(c("C"), c("D"));
  EXPECT_EQ(c("D"), c("E"));
  EXPECT_TRUE(order.is_cyclic(c("D")));
  EXPECT_FALSE(order.is_cyclic(c("A")));
}

TEST(StructureTest, LongChainDoesNotOverflowTheStack) {
  // 100,000 roles in one chain: a recursive DFS would need 100,000 frames.
  OrgGraph g;
  g.add_department({"d", "d", {}});
  const std::uint32_t n = 100000;
  for (std::uint32_t i = 0; i < n; ++i)
    g.add_role({"r" + std::to_string(i), "", {}, 0.5, 0, {}, ""});
  for (std::uint32_t i = 0; i + 1 < n; ++i) g.add_dependency({RoleId(i), RoleId(i + 1), 0.5, {}});
  g.add_dependency({RoleId(n - 1), RoleId(0), 0.5, {}});  // closes one giant loop
  ComponentOrder order = strong_components(g);
  EXPECT_EQ(order.size(), 1u);
}

TEST(StructureTest, SpectralRadiusOfTwoRoleLoop) {
  // A = [[0, a], [b, 0]] has eigenvalues +-sqrt(ab): rho = sqrt(0.5 * 0.8) = sqrt(0.4).
  OrgGraph g = make_graph("A->B 0.5; B->A 0.8");
  ComponentOrder order = strong_components(g);
  auto bounds = spectral_radius_bounds(g, order, 5000, 1e-12, false);
  ASSERT_EQ(bounds.size(), 1u);
  EXPECT_NEAR(bounds[0].lower, std::sqrt(0.4), 1e-9);
  EXPECT_NEAR(bounds[0].upper, std::sqrt(0.4), 1e-9);
}

TEST(StructureTest, BoundsStopOnceTheyDecide) {
  // rho = sqrt(0.4) ~ 0.632; the first Collatz-Wielandt bounds already show < 1.
  OrgGraph g = make_graph("A->B 0.5; B->A 0.8");
  auto b = spectral_radius_bounds(g, strong_components(g))[0];
  EXPECT_LT(b.upper, 1.0);
  EXPECT_LE(b.lower, std::sqrt(0.4));
  EXPECT_GE(b.upper, std::sqrt(0.4));
  EXPECT_EQ(b.iterations, 1);
}

TEST(StructureTest, SpectralRadiusDecidesDivergentLoop) {
  // Ring of three with weights 1, 1, 1: rho = 1 exactly, which must count as >= 1.
  OrgGraph g = make_graph("A->B 1; B->C 1; C->A 1");
  auto bounds = spectral_radius_bounds(g, strong_components(g));
  EXPECT_GE(bounds[0].upper, 1.0);
  EXPECT_NEAR(bounds[0].lower, 1.0, 1e-9);
  // Halve one weight: rho = 0.5^(1/3) ~ 0.794.
  OrgGraph h = make_graph("A->B 1; B->C 1; C->A 0.5");
  auto hb = spectral_radius_bounds(h, strong_components(h), 5000, 1e-12, false);
  EXPECT_NEAR(hb[0].lower, std::cbrt(0.5), 1e-9);
}

}  // namespace
}  // namespace orgsim::model
