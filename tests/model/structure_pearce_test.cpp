// strong_components keeps one array per role (Pearce's variant of Tarjan's algorithm):
// a role's entry is first its low-link and then its component's number, and the two must
// never be confused. These graphs are where that could go wrong: loops nested inside
// loops, edges into components completed long before (whose numbers must not lower a
// low-link), self-loops (which the compressed-row form allows), and chains long enough
// that indices are given back and reused many times. Each is checked against
// Boost.Graph's strong_components, component for component and in the same order.

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "model/structure.hpp"

namespace orgsim::model {
namespace {

using Edges = std::vector<std::pair<int, int>>;  // {role, depends on}

struct Rows {
  std::vector<int> offsets, columns;
};

// Compressed rows keeping each role's edges in the order given.
Rows rows_of(std::size_t n, const Edges& edges) {
  Rows r;
  r.offsets.assign(n + 1, 0);
  for (auto [from, to] : edges) ++r.offsets[static_cast<std::size_t>(from) + 1];
  for (std::size_t i = 0; i < n; ++i) r.offsets[i + 1] += r.offsets[i];
  std::vector<int> next(r.offsets.begin(), r.offsets.end() - 1);
  r.columns.resize(edges.size());
  for (auto [from, to] : edges) {
    r.columns[static_cast<std::size_t>(next[static_cast<std::size_t>(from)]++)] = to;
  }
  return r;
}

// Boost's components (also Tarjan's, from role 0 up, edges in the same order), and ours:
// the same partition (numbered the same by Tarjan's order), with dependencies first,
// roles in id order and the right levels.
void expect_same_as_boost(std::size_t n, const Edges& edges,
                          ComponentSearch search = ComponentSearch::kTarjan) {
  const Rows rows = rows_of(n, edges);
  const ComponentOrder order = strong_components(n, rows.offsets, rows.columns, search);

  using Boost = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Boost b(n);
  for (std::size_t v = 0; v < n; ++v) {
    for (int e = rows.offsets[v]; e < rows.offsets[v + 1]; ++e) {
      boost::add_edge(v, static_cast<std::size_t>(rows.columns[static_cast<std::size_t>(e)]), b);
    }
  }
  std::vector<int> theirs(n);
  const int count = boost::strong_components(b, theirs.data());
  ASSERT_EQ(order.size(), static_cast<std::size_t>(count));
  std::vector<int> first_seen(n, -1);  // our number -> Boost's, which must be one to one
  for (std::uint32_t v = 0; v < n; ++v) {
    const std::uint32_t ours = order.component_of(RoleId(v));
    ASSERT_LT(ours, order.size()) << "role " << v;
    int& seen = first_seen[ours];
    if (seen < 0) seen = theirs[v];
    ASSERT_EQ(seen, theirs[v]) << "role " << v << " is with other roles than in Boost";
    if (search == ComponentSearch::kTarjan) {
      ASSERT_EQ(ours, static_cast<std::uint32_t>(theirs[v])) << "role " << v;
    }
  }
  for (auto [from, to] : edges) {
    ASSERT_LE(order.component_of(RoleId(static_cast<std::uint32_t>(to))),
              order.component_of(RoleId(static_cast<std::uint32_t>(from))));
  }
  // Each component's level: 0 without dependencies, else 1 + the highest level among them.
  std::vector<std::uint32_t> level(order.size(), 0);
  for (std::size_t c = 0; c < order.size(); ++c) {  // dependencies first, so ready in turn
    for (std::uint32_t role : order.roles(c)) {
      for (int e = rows.offsets[role]; e < rows.offsets[role + 1]; ++e) {
        const std::uint32_t dep = order.component_of(
            RoleId(static_cast<std::uint32_t>(rows.columns[static_cast<std::size_t>(e)])));
        if (dep != c) level[c] = std::max(level[c], level[dep] + 1);
      }
    }
    ASSERT_EQ(order.level(c), level[c]) << "component " << c;
  }
  std::size_t listed = 0;
  for (std::size_t c = 0; c < order.size(); ++c) {
    const auto roles = order.roles(c);
    ASSERT_FALSE(roles.empty());
    for (std::size_t i = 0; i < roles.size(); ++i) {
      ASSERT_EQ(order.component_of(RoleId(roles[i])), c);
      if (i > 0) {
        ASSERT_LT(roles[i - 1], roles[i]);
      }
    }
    listed += roles.size();
  }
  EXPECT_EQ(listed, n);
}

TEST(StructurePearceTest, NestedLoopsAndEdgesIntoFinishedComponents) {
  // 0 -> 1 -> 2 -> 0 encloses 2 -> 3 -> 4 -> 2, which encloses 4 -> 5 -> 4; 6 depends on
  // the whole nest and on 7 <-> 8, searched first from 6; 9 -> 10 -> 9 then depends on
  // 8 and on 3 (components finished long before, numbered high), and 11 on itself.
  const Edges edges = {{0, 1}, {1, 2},  {2, 0},   {2, 3},  {3, 4}, {4, 2},  {4, 5},
                       {5, 4}, {6, 7},  {7, 8},   {8, 7},  {6, 0}, {9, 10}, {10, 9},
                       {9, 8}, {10, 3}, {11, 11}, {11, 9}, {5, 1}};
  expect_same_as_boost(12, edges);
  const Rows rows = rows_of(12, edges);
  const ComponentOrder order = strong_components(12, rows.offsets, rows.columns);
  EXPECT_EQ(order.roles(order.component_of(RoleId(0))).size(), 6u);   // the nest is one loop
  EXPECT_EQ(order.roles(order.component_of(RoleId(11))).size(), 1u);  // a self-loop alone
}

TEST(StructurePearceTest, SelfLoopsEverywhere) {
  // Every role depends on itself, and on the next one: a chain of singletons. Then the
  // same with the chain closed into one loop.
  constexpr int n = 50;
  Edges edges;
  for (int i = 0; i < n; ++i) {
    edges.emplace_back(i, i);
    if (i + 1 < n) edges.emplace_back(i, i + 1);
  }
  expect_same_as_boost(n, edges);
  edges.emplace_back(n - 1, 0);
  expect_same_as_boost(n, edges);
}

TEST(StructurePearceTest, LongChainsReuseIndices) {
  // 100,000 roles: role i depends on i + 1 (and on itself every 7th role), a call stack
  // of 100,000 frames; then every tenth role also depends on the one 10 back, closing
  // 10,000 loops of 10 that complete one after another as the search unwinds, and last
  // the whole chain closed into one loop.
  constexpr int n = 100'000;
  Edges chain;
  for (int i = 0; i + 1 < n; ++i) {
    if (i % 7 == 0) chain.emplace_back(i, i);
    chain.emplace_back(i, i + 1);
  }
  expect_same_as_boost(n, chain);
  Edges loops = chain;
  for (int i = 19; i < n; i += 10) loops.emplace_back(i, i - 9);
  expect_same_as_boost(n, loops);
  {
    const Rows rows = rows_of(n, loops);
    const ComponentOrder order = strong_components(n, rows.offsets, rows.columns);
    EXPECT_EQ(order.roles(order.component_of(RoleId(15))).size(), 10u);
  }
  Edges closed = chain;
  closed.emplace_back(n - 1, 0);
  expect_same_as_boost(n, closed);
}

TEST(StructurePearceTest, IndicesAreGivenBackAsComponentsComplete) {
  // Role 0 depends on chain A (1 -> 2 -> ... -> k), searched first: k components complete,
  // numbered n, n - 1, ... Then chain B (k + 1 -> ... -> n - 1), every role of which also
  // depends on role 1, finished long before. Had the k indices of chain A not been given
  // back, B's roles would get indices above role 1's component number, and that edge would
  // pass for a low-link and glue chain B into one false loop.
  constexpr int k = 1'000, n = 1 + k + 3 * k;
  Edges edges = {{0, 1}, {0, k + 1}};
  for (int i = 1; i < k; ++i) edges.emplace_back(i, i + 1);
  for (int i = k + 1; i < n; ++i) {
    edges.emplace_back(i, 1);
    if (i + 1 < n) edges.emplace_back(i, i + 1);
  }
  expect_same_as_boost(n, edges);
  const Rows rows = rows_of(n, edges);
  EXPECT_EQ(strong_components(n, rows.offsets, rows.columns).size(), static_cast<std::size_t>(n));
}

TEST(StructurePearceTest, RandomGraphsWithSelfLoopsAndMultipleEdges) {
  // Small dense-ish graphs: many loops inside loops, repeated edges, self-loops.
  for (std::uint32_t seed = 1; seed <= 200; ++seed) {
    SCOPED_TRACE(seed);
    std::mt19937 rng(seed);
    const int n = 2 + static_cast<int>(seed % 40);
    std::uniform_int_distribution<int> role(0, n - 1);
    const int edge_count = static_cast<int>(rng() % static_cast<unsigned>(3 * n));
    Edges edges;
    for (int e = 0; e < edge_count; ++e) {
      const int from = role(rng);
      // Mostly forward, sometimes back: nests of loops rather than one blob.
      const int to = rng() % 4 == 0 ? role(rng) : std::min(n - 1, from + 1 + role(rng) % 3);
      edges.emplace_back(from, to);
    }
    expect_same_as_boost(static_cast<std::size_t>(n), edges);
  }
}

// Every graph above, searched with the giant loop first: the same components and levels
// in a valid dependency order. Most have no loop of half the roles (the search gives up
// and falls back); these have one.
TEST(StructurePearceTest, GiantLoopFirstFindsTheSameComponents) {
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    SCOPED_TRACE(seed);
    std::mt19937 rng(seed);
    const int n = 50 + static_cast<int>(seed * 37 % 500);
    std::uniform_int_distribution<int> role(0, n - 1);
    Edges edges;
    // A random core of three quarters of the roles (3 suppliers each: one giant loop),
    // some roles only supplying it, some only depending on it, a few self-loops, and a
    // few small loops outside it that it depends on or that depend on it.
    const int core = 3 * n / 4;
    std::uniform_int_distribution<int> core_role(0, core - 1);
    for (int r = 0; r < core; ++r) {
      for (int k = 0; k < 3; ++k) edges.emplace_back(r, core_role(rng));
    }
    for (int r = core; r < n; ++r) {
      if (r % 3 == 0) edges.emplace_back(core_role(rng), r);  // the core depends on r
      if (r % 3 == 1) edges.emplace_back(r, core_role(rng));  // r depends on the core
      if (r % 5 == 0) edges.emplace_back(r, r);
      if (r + 1 < n && r % 4 == 0) {  // a loop of two outside the core
        edges.emplace_back(r, r + 1);
        edges.emplace_back(r + 1, r);
      }
      if (r % 7 == 0) edges.emplace_back(r, role(rng));
    }
    expect_same_as_boost(static_cast<std::size_t>(n), edges, ComponentSearch::kGiantLoopFirst);
    expect_same_as_boost(static_cast<std::size_t>(n), edges, ComponentSearch::kTarjan);
  }
}

TEST(StructurePearceTest, GiantLoopFirstFallsBackWhereItCannotTell) {
  // One loop of all roles that climbs in id order (role i depends on i + 1, the last on
  // the first): the sweeps would gain one role each, so the search gives up on them.
  constexpr int n = 10'000;
  Edges ring;
  for (int i = 0; i < n; ++i) ring.emplace_back(i, (i + 1) % n);
  expect_same_as_boost(n, ring, ComponentSearch::kGiantLoopFirst);
  // The same loop descending: found by the sweeps.
  Edges down;
  for (int i = 0; i < n; ++i) down.emplace_back(i, (i + n - 1) % n);
  expect_same_as_boost(n, down, ComponentSearch::kGiantLoopFirst);
  // No loop at all, and loops of a quarter of the roles each.
  Edges chain, quarters;
  for (int i = 0; i + 1 < n; ++i) chain.emplace_back(i, i + 1);
  for (int i = 0; i < n; ++i) quarters.emplace_back(i, i % (n / 4) == 0 ? i + n / 4 - 1 : i - 1);
  expect_same_as_boost(n, chain, ComponentSearch::kGiantLoopFirst);
  expect_same_as_boost(n, quarters, ComponentSearch::kGiantLoopFirst);
  const auto count = [](const Edges& edges) {
    const Rows rows = rows_of(n, edges);
    return strong_components(n, rows.offsets, rows.columns, ComponentSearch::kGiantLoopFirst)
        .size();
  };
  EXPECT_EQ(count(ring), 1u);
  EXPECT_EQ(count(down), 1u);
  EXPECT_EQ(count(chain), static_cast<std::size_t>(n));
  EXPECT_EQ(count(quarters), 4u);
}

// A layered org numbered front line first (most dependencies point to higher ids), with
// back edges that close small loops and a loop among the last roles: with the giant loop
// first, the searches start from the last role down (against the grain), and must still
// find Boost's components, their levels and a dependency order; also the mirror image,
// numbered the other way, which is searched from role 0 up.
TEST(StructurePearceTest, GiantLoopFirstSearchesAgainstTheGrain) {
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    SCOPED_TRACE(seed);
    std::mt19937 rng(seed);
    const int n = 200 + static_cast<int>(seed * 53 % 800);
    std::uniform_int_distribution<int> ahead(1, 30), behind(1, 8), last(0, 19), percent(0, 99);
    Edges up;
    for (int r = 0; r < n; ++r) {
      for (int k = 0; k < 4; ++k) {
        const int p = percent(rng);
        int to = p < 5 ? r - behind(rng) : p < 30 ? n - 1 - last(rng) : r + ahead(rng);
        to = std::clamp(to, 0, n - 1);
        if (to != r) up.emplace_back(r, to);
      }
    }
    expect_same_as_boost(static_cast<std::size_t>(n), up, ComponentSearch::kGiantLoopFirst);
    Edges down;
    for (auto [from, to] : up) down.emplace_back(n - 1 - from, n - 1 - to);
    expect_same_as_boost(static_cast<std::size_t>(n), down, ComponentSearch::kGiantLoopFirst);
  }
}

}  // namespace
}  // namespace orgsim::model
