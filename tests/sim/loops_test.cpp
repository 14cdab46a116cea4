// Tests of sim/loops: the feedback loops through given roles, checked against
// hand-computed gains and against brute-force enumeration of simple cycles.

#include "sim/loops.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "tests/support/builders.hpp"

namespace orgsim::sim {
namespace {

using test::make_graph;
using test::make_random_graph;
using test::RandomGraphSpec;
using test::role_id;

std::vector<model::RoleId> roles(const model::OrgGraph& g,
                                 std::initializer_list<std::string_view> names) {
  std::vector<model::RoleId> out;
  for (std::string_view n : names) out.push_back(role_id(g, n));
  return out;
}

// Every simple cycle through s, as the roles from s along "is depended on by",
// with its gain; by gain (descending), then roles.
std::vector<std::pair<double, std::vector<model::RoleId>>> brute_force_cycles(
    const model::OrgGraph& g, model::RoleId s) {
  const std::size_t n = g.role_count();
  std::vector<std::vector<std::pair<std::uint32_t, double>>> dependents(n);
  for (const auto& d : g.dependencies()) {
    dependents[d.depends_on.value].emplace_back(d.role.value, d.weight);
  }
  std::vector<std::pair<double, std::vector<model::RoleId>>> out;
  std::vector<model::RoleId> path;
  std::vector<char> on_path(n, 0);
  auto visit = [&](auto&& self, std::uint32_t v, double gain) -> void {
    path.push_back(model::RoleId(v));
    on_path[v] = 1;
    for (const auto& [next, a] : dependents[v]) {
      if (next == s.value) {
        out.emplace_back(gain * a, path);
      } else if (!on_path[next]) {
        self(self, next, gain * a);
      }
    }
    on_path[v] = 0;
    path.pop_back();
  };
  visit(visit, s.value, 1.0);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return a.second < b.second;
  });
  return out;
}

class LoopsTest : public ::testing::Test {};

TEST_F(LoopsTest, TwoRoleLoop) {
  // B depends on A (0.4) and A on B (0.5): A -> B -> A, gain 0.4 x 0.5 = 0.2,
  // amplification 1 / (1 - 0.2) = 1.25.
  const model::OrgGraph g = make_graph("A->B 0.5; B->A 0.4");
  const auto a = roles(g, {"A"});
  const std::vector<FeedbackLoop> loops = loops_through(g, a);
  ASSERT_EQ(loops.size(), 1u);
  EXPECT_EQ(loops[0].roles, roles(g, {"A", "B"}));
  EXPECT_NEAR(loops[0].gain, 0.2, 1e-15);
  EXPECT_TRUE(loops[0].amplifies);
  EXPECT_NEAR(loops[0].amplification, 1.25, 1e-12);
}

TEST_F(LoopsTest, ThreeRoleLoop) {
  // B depends on A (0.4), C on B (0.5), A on C (0.5): A -> B -> C -> A,
  // gain 0.4 x 0.5 x 0.5 = 0.1, amplification 1 / 0.9 = 1.1111.
  const model::OrgGraph g = make_graph("A->C 0.5; B->A 0.4; C->B 0.5");
  const auto b = roles(g, {"B"});
  const std::vector<FeedbackLoop> loops = loops_through(g, b);
  ASSERT_EQ(loops.size(), 1u);
  EXPECT_EQ(loops[0].roles, roles(g, {"B", "C", "A"}));  // starts at the queried role
  EXPECT_NEAR(loops[0].gain, 0.1, 1e-15);
  EXPECT_NEAR(loops[0].amplification, 1.0 / 0.9, 1e-12);
}

TEST_F(LoopsTest, ALoopThroughTwoQueriedRolesIsListedOnce) {
  const model::OrgGraph g = make_graph("A->B 0.5; B->A 0.4");
  const auto ab = roles(g, {"A", "B"});
  const std::vector<FeedbackLoop> loops = loops_through(g, ab);
  ASSERT_EQ(loops.size(), 1u);
  EXPECT_EQ(loops[0].roles, roles(g, {"A", "B"}));
  // Reported from the first queried role it passes through.
  const auto ba = roles(g, {"B", "A", "B"});
  const std::vector<FeedbackLoop> again = loops_through(g, ba);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].roles, roles(g, {"B", "A"}));
  EXPECT_EQ(again[0].gain, loops[0].gain);
}

TEST_F(LoopsTest, KeepsTheStrongestLoopsPerRoleByGain) {
  // Through A: A -> B -> A (0.4 x 0.5 = 0.2) and A -> D -> C -> A (0.6 x 0.5 x 0.5 = 0.15).
  const model::OrgGraph g = make_graph("A->B 0.5; B->A 0.4; A->C 0.5; C->D 0.5; D->A 0.6");
  const auto a = roles(g, {"A"});
  const std::vector<FeedbackLoop> both = loops_through(g, a, 3);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].roles, roles(g, {"A", "B"}));
  EXPECT_NEAR(both[0].gain, 0.2, 1e-15);
  EXPECT_EQ(both[1].roles, roles(g, {"A", "D", "C"}));
  EXPECT_NEAR(both[1].gain, 0.15, 1e-15);
  EXPECT_NEAR(both[1].amplification, 1.0 / 0.85, 1e-12);
  const std::vector<FeedbackLoop> one = loops_through(g, a, 1);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].roles, roles(g, {"A", "B"}));
}

TEST_F(LoopsTest, NoLoopsOnAnAcyclicGraph) {
  const model::OrgGraph g = make_graph("A->B 0.5; B->C 0.5; A->C 0.2");
  const auto all = roles(g, {"A", "B", "C"});
  EXPECT_TRUE(loops_through(g, all).empty());
  EXPECT_TRUE(loops_through(g, {}).empty());
}

TEST_F(LoopsTest, MatchesBruteForceOnRandomGraphs) {
  for (std::uint32_t seed = 1; seed <= 10; ++seed) {
    RandomGraphSpec spec;
    spec.roles = 7;
    spec.edge_probability = 0.35;
    spec.seed = seed;
    const model::OrgGraph g = make_random_graph(spec);
    for (std::uint32_t r = 0; r < 7; r += 3) {
      SCOPED_TRACE("seed " + std::to_string(seed) + " role " + std::to_string(r));
      const model::RoleId s(r);
      const auto all = brute_force_cycles(g, s);
      for (std::size_t k : {1u, 4u, 10u}) {
        const std::vector<FeedbackLoop> loops = loops_through(g, std::span(&s, 1), k);
        ASSERT_EQ(loops.size(), std::min(k, all.size()));
        for (std::size_t i = 0; i < loops.size(); ++i) {
          EXPECT_EQ(loops[i].roles, all[i].second) << "loop " << i;
          EXPECT_NEAR(loops[i].gain, all[i].first, 1e-12) << "loop " << i;
          EXPECT_NEAR(loops[i].amplification, 1.0 / (1.0 - all[i].first), 1e-12);
        }
      }
    }
  }
}

TEST_F(LoopsTest, RejectsBadArguments) {
  const model::OrgGraph g = make_graph("A->B 0.5; B->A 0.4");
  const auto a = roles(g, {"A"});
  const std::vector<model::RoleId> unknown{model::RoleId(5)};
  auto message = [](auto&& call) {
    try {
      call();
    } catch (const InvalidArgument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message([&] { loops_through(g, a, 0); }), "k_per_role must be at least 1, got 0");
  EXPECT_EQ(message([&] { loops_through(g, unknown); }),
            "role must be a role index in [0, 2), got 5");
}

}  // namespace
}  // namespace orgsim::sim
