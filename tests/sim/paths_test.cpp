// Tests of sim/paths: the impact paths of a failure, checked against hand-computed
// examples, against brute-force enumeration of every simple path on small random
// graphs, and against the linear IIM total (which they add up to on acyclic graphs).

#include "sim/paths.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <optional>
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

model::Failure failure(const model::OrgGraph& g, std::string_view role, double degrade) {
  model::Failure f;
  f.role = role_id(g, role);
  f.degrade = degrade;
  return f;
}

std::vector<model::RoleId> roles(const model::OrgGraph& g,
                                 std::initializer_list<std::string_view> names) {
  std::vector<model::RoleId> out;
  for (std::string_view n : names) out.push_back(role_id(g, n));
  return out;
}

// Every simple path from a failed role to a touchpoint, by depth-first search over
// "is depended on by", with contribution degrade x gain x w x baseline; sorted by
// contribution (descending), then roles. The largest degrade per role counts.
std::vector<ImpactPath> brute_force(const model::OrgGraph& g,
                                    const std::vector<model::Failure>& failures) {
  const std::size_t n = g.role_count();
  std::vector<std::vector<std::pair<std::uint32_t, double>>> dependents(n);
  for (const auto& d : g.dependencies()) {
    dependents[d.depends_on.value].emplace_back(d.role.value, d.weight);
  }
  std::vector<double> c(n, 0.0);
  for (const auto& f : failures) c[f.role.value] = std::max(c[f.role.value], f.degrade);
  std::vector<ImpactPath> out;
  std::vector<model::RoleId> path;
  std::vector<char> on_path(n, 0);
  auto visit = [&](auto&& self, std::uint32_t v, double gain, double degrade) -> void {
    path.push_back(model::RoleId(v));
    on_path[v] = 1;
    const double w = g.roles()[v].touchpoint;
    if (w > 0.0) out.push_back({path, gain, degrade, w, degrade * gain * w * g.cx_baseline, 0.0});
    for (const auto& [next, a] : dependents[v]) {
      if (!on_path[next]) self(self, next, gain * a, degrade);
    }
    on_path[v] = 0;
    path.pop_back();
  };
  for (std::uint32_t s = 0; s < n; ++s) {
    if (c[s] > 0.0) visit(visit, s, 1.0, c[s]);
  }
  std::sort(out.begin(), out.end(), [](const ImpactPath& a, const ImpactPath& b) {
    if (a.cx_points != b.cx_points) return a.cx_points > b.cx_points;
    return a.roles < b.roles;
  });
  return out;
}

// A small random graph (10 roles) with four touchpoints (weights 0.3, 0.25, 0.2, 0.15).
model::OrgGraph random_org(std::uint32_t seed, bool acyclic) {
  RandomGraphSpec spec;
  spec.roles = 10;
  spec.edge_probability = acyclic ? 0.5 : 0.3;
  spec.acyclic = acyclic;
  spec.seed = seed;
  model::OrgGraph g = make_random_graph(spec);
  const double weights[] = {0.3, 0.25, 0.2, 0.15};
  for (std::uint32_t i = 0; i < 4; ++i)
    g.role(model::RoleId((seed + 3 * i) % 10)).touchpoint = weights[i];
  g.cx_baseline = 80.0;
  return g;
}

// The role with the most simple paths to the customer (the first of the best),
// other than `besides`: failures there make the comparisons worth something.
model::RoleId busiest_role(const model::OrgGraph& g,
                           std::optional<model::RoleId> besides = std::nullopt) {
  model::RoleId best(0);
  std::size_t most = 0;
  for (std::uint32_t r = 0; r < g.role_count(); ++r) {
    if (besides && besides->value == r) continue;
    const std::size_t paths = brute_force(g, {{model::RoleId(r), 1.0, 0, {}, {}}}).size();
    if (paths > most) best = model::RoleId(r), most = paths;
  }
  return best;
}

double listed(const ImpactPaths& p) {
  double sum = 0.0;
  for (const auto& path : p.paths) sum += path.cx_points;
  return sum;
}

double shares(const ImpactPaths& p) {
  double sum = p.remaining_share;
  for (const auto& path : p.paths) sum += path.share;
  return sum;
}

class PathsTest : public ::testing::Test {};

TEST_F(PathsTest, HandComputedPaymentsExample) {
  model::OrgGraph g = make_graph(
      "checkout->payments 0.6; refunds->payments 0.5; support->refunds 0.4;"
      "checkout*0.35; support*0.25");
  g.cx_baseline = 85.0;
  const std::vector<model::Failure> f{failure(g, "payments", 0.5)};
  const ImpactPaths p = impact_paths(g, f);
  ASSERT_EQ(p.paths.size(), 2u);
  // payments -> checkout -> CX: 0.5 x 0.6 x 0.35 x 85 = 8.925 points
  EXPECT_EQ(p.paths[0].roles, roles(g, {"payments", "checkout"}));
  EXPECT_NEAR(p.paths[0].gain, 0.6, 1e-15);
  EXPECT_EQ(p.paths[0].degrade, 0.5);
  EXPECT_EQ(p.paths[0].touchpoint, 0.35);
  EXPECT_NEAR(p.paths[0].cx_points, 8.925, 1e-12);
  // payments -> refunds -> support -> CX: 0.5 x (0.5 x 0.4) x 0.25 x 85 = 2.125 points
  EXPECT_EQ(p.paths[1].roles, roles(g, {"payments", "refunds", "support"}));
  EXPECT_NEAR(p.paths[1].gain, 0.2, 1e-15);
  EXPECT_NEAR(p.paths[1].cx_points, 2.125, 1e-12);
  // No loops, so the linear total is the sum: 8.925 + 2.125 = 11.05, shares 0.8077 and 0.1923.
  EXPECT_NEAR(p.total_cx_points, 11.05, 1e-12);
  EXPECT_NEAR(p.paths[0].share, 8.925 / 11.05, 1e-12);
  EXPECT_NEAR(p.paths[1].share, 2.125 / 11.05, 1e-12);
  EXPECT_NEAR(p.remaining_cx_points, 0.0, 1e-12);
  EXPECT_NEAR(p.remaining_share, 0.0, 1e-12);
}

TEST_F(PathsTest, FailedTouchpointHasItsOwnZeroLengthPath) {
  const model::OrgGraph g = make_graph("A*0.4; B->A 0.5; B*0.2");
  const std::vector<model::Failure> f{failure(g, "A", 0.5)};
  const ImpactPaths p = impact_paths(g, f);
  ASSERT_EQ(p.paths.size(), 2u);
  // [A]: 0.5 x 1 x 0.4 x 100 = 20; [A, B]: 0.5 x 0.5 x 0.2 x 100 = 5; total 25.
  EXPECT_EQ(p.paths[0].roles, roles(g, {"A"}));
  EXPECT_EQ(p.paths[0].gain, 1.0);
  EXPECT_NEAR(p.paths[0].cx_points, 20.0, 1e-12);
  EXPECT_EQ(p.paths[1].roles, roles(g, {"A", "B"}));
  EXPECT_NEAR(p.paths[1].cx_points, 5.0, 1e-12);
  EXPECT_NEAR(p.total_cx_points, 25.0, 1e-12);
  EXPECT_NEAR(p.paths[0].share, 0.8, 1e-12);
}

TEST_F(PathsTest, RoleWithNoPathToATouchpointGivesNothing) {
  const model::OrgGraph g = make_graph("A->B 0.5; A*0.3; C->D 0.5");
  const std::vector<model::Failure> f{failure(g, "D", 0.7)};
  const ImpactPaths p = impact_paths(g, f);
  EXPECT_TRUE(p.paths.empty());
  EXPECT_EQ(p.total_cx_points, 0.0);
  EXPECT_EQ(p.remaining_cx_points, 0.0);
  EXPECT_EQ(p.remaining_share, 0.0);
}

TEST_F(PathsTest, NoFailuresGiveNothing) {
  const model::OrgGraph g = make_graph("A->B 0.5; A*0.3");
  const ImpactPaths p = impact_paths(g, {});
  EXPECT_TRUE(p.paths.empty());
  EXPECT_EQ(p.total_cx_points, 0.0);
}

TEST_F(PathsTest, MergesTheFailuresOfSeveralRoles) {
  const model::OrgGraph g = make_graph("T->A 0.5; T->B 0.4; T*0.5");
  // A fails twice, at different times (steps [0, 5) and [5, end)): the larger
  // degrade (0.4) counts, not the sum.
  std::vector<model::Failure> f{failure(g, "A", 0.2), failure(g, "B", 0.6), failure(g, "A", 0.4)};
  f[0].to = 5;
  f[2].from = 5;
  const ImpactPaths p = impact_paths(g, f);
  ASSERT_EQ(p.paths.size(), 2u);
  // B -> T: 0.6 x 0.4 x 0.5 x 100 = 12;  A -> T: 0.4 x 0.5 x 0.5 x 100 = 10
  EXPECT_EQ(p.paths[0].roles, roles(g, {"B", "T"}));
  EXPECT_NEAR(p.paths[0].cx_points, 12.0, 1e-12);
  EXPECT_EQ(p.paths[1].roles, roles(g, {"A", "T"}));
  EXPECT_EQ(p.paths[1].degrade, 0.4);
  EXPECT_NEAR(p.paths[1].cx_points, 10.0, 1e-12);
  // q_T = 0.5 x 0.4 + 0.4 x 0.6 = 0.44; drop = 100 x 0.5 x 0.44 = 22 = 12 + 10
  EXPECT_NEAR(p.total_cx_points, 22.0, 1e-12);
  EXPECT_NEAR(p.remaining_cx_points, 0.0, 1e-12);
}

TEST_F(PathsTest, OverlappingFailuresOfOneRoleAddUpAsInTheEngine) {
  const model::OrgGraph g = make_graph("T->A 0.5; T*0.5");
  // A: 0.3 during [0, 10), 0.4 during [5, 20), 0.5 during [20, end): c_A peaks at
  // 0.3 + 0.4 = 0.7 during [5, 10). Path A -> T: 0.7 x 0.5 x 0.5 x 100 = 17.5.
  std::vector<model::Failure> f{failure(g, "A", 0.3), failure(g, "A", 0.4), failure(g, "A", 0.5)};
  f[0].to = 10;
  f[1].from = 5;
  f[1].to = 20;
  f[2].from = 20;
  const ImpactPaths p = impact_paths(g, f);
  ASSERT_EQ(p.paths.size(), 1u);
  EXPECT_NEAR(p.paths[0].degrade, 0.7, 1e-15);
  EXPECT_NEAR(p.paths[0].cx_points, 17.5, 1e-12);
  // Overlaps beyond 1 are capped, as c is: 0.8 + 0.9 -> 1.
  std::vector<model::Failure> big{failure(g, "A", 0.8), failure(g, "A", 0.9)};
  EXPECT_EQ(impact_paths(g, big).paths[0].degrade, 1.0);
}

TEST_F(PathsTest, KeepsOnlyTheTopKAcrossFailures) {
  const model::OrgGraph g = make_graph("T->A 0.5; T->B 0.4; T*0.5");
  const std::vector<model::Failure> f{failure(g, "A", 0.4), failure(g, "B", 0.6)};
  const ImpactPaths p = impact_paths(g, f, 1);
  ASSERT_EQ(p.paths.size(), 1u);
  EXPECT_EQ(p.paths[0].roles, roles(g, {"B", "T"}));
  // The 10 points of A -> T are what remains of the 22.
  EXPECT_NEAR(p.remaining_cx_points, 10.0, 1e-12);
  EXPECT_NEAR(p.remaining_share, 10.0 / 22.0, 1e-12);
}

TEST_F(PathsTest, BreaksTiesByRoleIndices) {
  // Roles: A = 0, C = 1, B = 2, T = 3. A -> C -> T and A -> B -> T both carry
  // 0.5 x 0.5 x 0.4 x 100 = 10 points; the one through C (index 1) comes first.
  const model::OrgGraph g = make_graph("A; C->A 0.5; B->A 0.5; T->C 1; T->B 1; T*0.4");
  const std::vector<model::Failure> f{failure(g, "A", 0.5)};
  const ImpactPaths one = impact_paths(g, f, 1);
  ASSERT_EQ(one.paths.size(), 1u);
  EXPECT_EQ(one.paths[0].roles, roles(g, {"A", "C", "T"}));
  const ImpactPaths two = impact_paths(g, f, 2);
  ASSERT_EQ(two.paths.size(), 2u);
  EXPECT_EQ(two.paths[1].roles, roles(g, {"A", "B", "T"}));
  EXPECT_EQ(two.paths[0].cx_points, two.paths[1].cx_points);
}

TEST_F(PathsTest, FeedbackLoopIsWhatRemains) {
  // A depends on B (0.5), B on A (0.4); A is the touchpoint. B fails fully:
  // q_B = 1 + 0.4 q_A, q_A = 0.5 q_B  =>  q_B = 1 / (1 - 0.2) = 1.25, q_A = 0.625;
  // drop = 100 x 0.5 x 0.625 = 31.25. The only simple path B -> A carries
  // 1 x 0.5 x 0.5 x 100 = 25; the loop adds 25 x (1.25 - 1) = 6.25 (a share of 0.2).
  const model::OrgGraph g = make_graph("A->B 0.5; B->A 0.4; A*0.5");
  const std::vector<model::Failure> f{failure(g, "B", 1.0)};
  const ImpactPaths p = impact_paths(g, f);
  ASSERT_EQ(p.paths.size(), 1u);
  EXPECT_NEAR(p.paths[0].cx_points, 25.0, 1e-12);
  EXPECT_NEAR(p.total_cx_points, 31.25, 1e-12);
  EXPECT_NEAR(p.remaining_cx_points, 6.25, 1e-12);
  EXPECT_NEAR(p.remaining_share, 0.2, 1e-12);
  EXPECT_NEAR(p.paths[0].share, 0.8, 1e-12);
}

TEST_F(PathsTest, ParallelDependenciesCountOnceWithTheirSum) {
  model::OrgGraph g = make_graph("T->A 0.2; T*0.5");
  g.add_dependency({role_id(g, "T"), role_id(g, "A"), 0.3, {}});
  const std::vector<model::Failure> f{failure(g, "A", 1.0)};
  const ImpactPaths p = impact_paths(g, f);
  ASSERT_EQ(p.paths.size(), 1u);
  // 1 x (0.2 + 0.3) x 0.5 x 100 = 25, all of the total.
  EXPECT_NEAR(p.paths[0].gain, 0.5, 1e-15);
  EXPECT_NEAR(p.paths[0].cx_points, 25.0, 1e-12);
  EXPECT_NEAR(p.total_cx_points, 25.0, 1e-12);
}

TEST_F(PathsTest, TopKMatchesBruteForceOnRandomGraphs) {
  for (bool acyclic : {true, false}) {
    for (std::uint32_t seed = 1; seed <= 12; ++seed) {
      const model::OrgGraph g = random_org(seed, acyclic);
      const model::RoleId first = busiest_role(g);
      std::vector<model::Failure> f{{first, 0.7, 0, {}, {}}};
      if (seed % 3 == 0) f.push_back({busiest_role(g, first), 0.4, 0, {}, {}});
      const std::vector<ImpactPath> all = brute_force(g, f);
      for (std::size_t k : {1u, 3u, 5u, 12u, 40u}) {
        SCOPED_TRACE("seed " + std::to_string(seed) + (acyclic ? " acyclic" : " cyclic") + " k " +
                     std::to_string(k));
        const ImpactPaths p = impact_paths(g, f, k);
        ASSERT_EQ(p.paths.size(), std::min(k, all.size()));
        for (std::size_t i = 0; i < p.paths.size(); ++i) {
          EXPECT_EQ(p.paths[i].roles, all[i].roles) << "path " << i;
          EXPECT_NEAR(p.paths[i].cx_points, all[i].cx_points, 1e-12) << "path " << i;
          EXPECT_NEAR(p.paths[i].gain, all[i].gain, 1e-12) << "path " << i;
          EXPECT_EQ(p.paths[i].degrade, all[i].degrade) << "path " << i;
          EXPECT_EQ(p.paths[i].touchpoint, all[i].touchpoint) << "path " << i;
        }
        EXPECT_NEAR(p.remaining_cx_points, p.total_cx_points - listed(p), 1e-12);
        EXPECT_NEAR(shares(p), p.total_cx_points > 0.0 ? 1.0 : 0.0, 1e-12);
      }
    }
  }
}

TEST_F(PathsTest, AllPathsAddUpToTheLinearTotalOnAcyclicGraphs) {
  for (std::uint32_t seed = 1; seed <= 12; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const model::OrgGraph g = random_org(seed, true);
    const model::RoleId first = busiest_role(g);
    const std::vector<model::Failure> f{{first, 0.7, 0, {}, {}},
                                        {busiest_role(g, first), 0.3, 0, {}, {}}};
    const std::size_t count = brute_force(g, f).size();
    const ImpactPaths p = impact_paths(g, f, count + 10);
    ASSERT_EQ(p.paths.size(), count);
    EXPECT_NEAR(listed(p), p.total_cx_points, 1e-12);
    EXPECT_NEAR(p.remaining_cx_points, 0.0, 1e-12);
    EXPECT_NEAR(p.remaining_share, 0.0, 1e-12);
    EXPECT_NEAR(shares(p), p.total_cx_points > 0.0 ? 1.0 : 0.0, 1e-12);
  }
}

TEST_F(PathsTest, LoopsRemainOnCyclicGraphs) {
  for (std::uint32_t seed = 1; seed <= 12; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    RandomGraphSpec spec;
    spec.roles = 7;
    spec.edge_probability = 0.25;
    spec.ring = true;  // one loop through every role, so every role reaches T
    spec.seed = seed;
    model::OrgGraph g = make_random_graph(spec);
    g.role(model::RoleId(seed % 7)).touchpoint = 0.6;
    const std::vector<model::Failure> f{{model::RoleId((seed + 2) % 7), 0.5, 0, {}, {}}};
    const std::size_t count = brute_force(g, f).size();
    const ImpactPaths p = impact_paths(g, f, count + 10);
    ASSERT_EQ(p.paths.size(), count);
    // Even every simple path leaves out the walks around the loops.
    EXPECT_GT(p.remaining_cx_points, 1e-6);
    EXPECT_NEAR(p.remaining_cx_points, p.total_cx_points - listed(p), 1e-12);
    EXPECT_NEAR(shares(p), 1.0, 1e-12);
  }
}

TEST_F(PathsTest, PathsToCustomerListsEveryPathUpToTheLimit) {
  const model::OrgGraph g =
      make_graph("B->A 0.5; C->A 0.4; D->B 0.5; D->C 0.5; B*0.2; C*0.3; D*0.4");
  // From A: A-B (0.5 x 0.2 = 0.1), A-C (0.4 x 0.3 = 0.12), A-B-D (0.25 x 0.4 = 0.1),
  // A-C-D (0.2 x 0.4 = 0.08); x degrade 0.5 x 100: 6, 5, 5, 4 points.
  const ImpactPaths all = paths_to_customer(g, role_id(g, "A"), 0.5, 10);
  ASSERT_EQ(all.paths.size(), 4u);
  EXPECT_EQ(all.paths[0].roles, roles(g, {"A", "C"}));
  EXPECT_NEAR(all.paths[0].cx_points, 6.0, 1e-12);
  EXPECT_EQ(all.paths[1].roles, roles(g, {"A", "B"}));  // ties with A-B-D: shorter prefix first
  EXPECT_EQ(all.paths[2].roles, roles(g, {"A", "B", "D"}));
  EXPECT_EQ(all.paths[3].roles, roles(g, {"A", "C", "D"}));
  EXPECT_NEAR(all.paths[3].cx_points, 4.0, 1e-12);
  EXPECT_NEAR(all.total_cx_points, 20.0, 1e-12);
  const ImpactPaths no_limit =
      paths_to_customer(g, role_id(g, "A"), 0.5, std::numeric_limits<std::size_t>::max());
  EXPECT_EQ(no_limit.paths.size(), 4u);
  const ImpactPaths two = paths_to_customer(g, role_id(g, "A"), 0.5, 2);
  ASSERT_EQ(two.paths.size(), 2u);
  EXPECT_NEAR(two.remaining_cx_points, 9.0, 1e-12);
}

TEST_F(PathsTest, StrongestPathsRanksByGainTimesEndWeight) {
  const model::OrgGraph g = make_graph("B->A 0.5; C->A 0.4; B*0.2; C*0.3");
  const std::vector<model::RoleId> sources{role_id(g, "A"), role_id(g, "B")};
  const auto found = strongest_paths(g, sources, PathEnd::kCustomer, 5);
  ASSERT_EQ(found.size(), 2u);
  ASSERT_EQ(found[0].size(), 2u);
  EXPECT_EQ(found[0][0].roles, roles(g, {"A", "C"}));  // 0.4 x 0.3 = 0.12 > 0.5 x 0.2 = 0.1
  EXPECT_NEAR(found[0][0].gain, 0.4, 1e-15);
  EXPECT_EQ(found[0][0].end_weight, 0.3);
  ASSERT_EQ(found[1].size(), 1u);
  EXPECT_EQ(found[1][0].roles, roles(g, {"B"}));
}

TEST_F(PathsTest, RejectsBadArguments) {
  model::OrgGraph g = make_graph("T->A 0.5; T*0.5");
  const std::vector<model::Failure> ok{failure(g, "A", 0.5)};
  auto message = [](auto&& call) {
    try {
      call();
    } catch (const InvalidArgument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message([&] { impact_paths(g, ok, 0); }), "k must be at least 1, got 0");
  EXPECT_EQ(message([&] {
              impact_paths(g, std::vector<model::Failure>{{model::RoleId(7), 0.5, 0, {}, {}}});
            }),
            "failure role must be a role index in [0, 2), got 7");
  EXPECT_EQ(message([&] { impact_paths(g, std::vector{failure(g, "A", 1.5)}); }),
            "degrade must be in [0, 1], got 1.5");
  EXPECT_EQ(message([&] { paths_to_customer(g, role_id(g, "A"), 0.5, 0); }),
            "limit must be at least 1, got 0");
  g.add_dependency({role_id(g, "A"), role_id(g, "T"), 1.5, {}});
  EXPECT_EQ(message([&] { impact_paths(g, ok); }),
            "weight of the dependency of 'A' on 'T' must be in [0, 1], got 1.5");
}

}  // namespace
}  // namespace orgsim::sim
