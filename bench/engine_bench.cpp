// Static solve and 100 dynamic steps on generated orgs of 10k, 100k and 1M roles,
// both layered (mostly acyclic, small loops) and uniformly random (one giant loop).
// Run: build/bench/orgsim_bench --benchmark_min_time=0.5  (see docs/performance.md)
// Each figure also comes as "passes": its CPU time over sparse passes y = A x of the same
// matrix timed right around it (issue 15; bench/passes.hpp), so the column reads the same
// on any machine.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <memory>
#include <utility>

#include "bench/bench_orgs.hpp"
#include "bench/passes.hpp"
#include "model/structure.hpp"
#include "model/synthetic.hpp"
#include "sim/engine.hpp"
#include "sim/rank.hpp"
#include "sim/static_solver.hpp"

namespace {

using orgsim::model::OrgGraph;
using orgsim::model::SyntheticShape;

// The org a benchmark runs on: range(0) roles, shape range(1).
const OrgGraph& org_of(const benchmark::State& state) {
  return orgsim::bench::bench_org(static_cast<std::size_t>(state.range(0)),
                                  static_cast<SyntheticShape>(state.range(1)));
}

// One failure in a shared service (the last role), as in a workshop question.
std::vector<orgsim::model::Failure> one_failure(const OrgGraph& g) {
  orgsim::model::Failure f;
  f.role = orgsim::model::RoleId(static_cast<std::uint32_t>(g.role_count() - 1));
  f.degrade = 0.5;
  f.from = 0;
  return {f};
}

void BM_StaticSolve(benchmark::State& state) {
  const OrgGraph& g = org_of(state);
  auto c = orgsim::sim::perturbation_at(g, one_failure(g), 0);
  orgsim::sim::StaticSolution s;
  orgsim::bench::time_in_passes(state, g, [&] {
    s = orgsim::sim::solve_static(g, c);
    benchmark::DoNotOptimize(s.q.data());
  });
  state.counters["roles"] = double(g.role_count());
  state.counters["edges"] = double(g.dependencies().size());
  state.counters["largest_loop"] = double(s.largest_loop);
  state.counters["residual"] = s.residual;
}

// The static solve on a prepared model (sim::StaticSystem: A in component order, the
// components found once), as rank --exact and Monte Carlo samples of one model use it.
void BM_StaticSolvePrepared(benchmark::State& state) {
  const OrgGraph& g = org_of(state);
  auto c = orgsim::sim::perturbation_at(g, one_failure(g), 0);
  const orgsim::sim::StaticSystem system(g);
  orgsim::sim::StaticSolution s;
  orgsim::bench::time_in_passes(state, g, [&] {
    s = system.solve(c);
    benchmark::DoNotOptimize(s.q.data());
  });
  state.counters["loops"] = double(s.loop_components);
  state.counters["largest_loop"] = double(s.largest_loop);
  state.counters["lu"] = double(s.direct_solves);
  state.counters["sweeps"] = double(s.sweeps);
  state.counters["residual"] = s.residual;
}

// Preparing a model for static solves: building A, its strongly connected components
// and the renumbered copy of A (sim::StaticSystem's constructor).
void BM_StaticPrepare(benchmark::State& state) {
  const OrgGraph& g = org_of(state);
  orgsim::bench::time_in_passes(state, g, [&] {
    orgsim::sim::StaticSystem system(g);
    benchmark::DoNotOptimize(&system);
  });
}

// The strongly connected components alone (model::strong_components on compressed rows
// of the dependencies, as StaticSystem runs it: the giant loop first; with range(2) = 0
// in Tarjan's order, as validation runs it): issue 15's "components within 4 passes".
void BM_Components(benchmark::State& state) {
  const auto search = state.range(2) == 1 ? orgsim::model::ComponentSearch::kGiantLoopFirst
                                          : orgsim::model::ComponentSearch::kTarjan;
  const OrgGraph& g = org_of(state);
  const std::size_t n = g.role_count();
  std::vector<int> offsets(n + 1, 0), columns(g.dependencies().size());
  for (const auto& d : g.dependencies()) ++offsets[d.role.value + 1];
  for (std::size_t i = 0; i < n; ++i) offsets[i + 1] += offsets[i];
  std::vector<int> next(offsets.begin(), offsets.end() - 1);
  for (const auto& d : g.dependencies()) {
    columns[static_cast<std::size_t>(next[d.role.value]++)] = static_cast<int>(d.depends_on.value);
  }
  std::size_t components = 0;
  orgsim::bench::time_in_passes(state, g, [&] {
    const auto order = orgsim::model::strong_components(n, offsets, columns, search);
    components = order.size();
    benchmark::DoNotOptimize(&order);
  });
  state.counters["components"] = double(components);
}

void BM_Dynamic100Steps(benchmark::State& state) {
  const OrgGraph& g = org_of(state);
  auto failures = one_failure(g);
  orgsim::bench::time_in_passes(state, g, [&] {
    orgsim::sim::Engine engine(g, failures, {});
    for (int k = 0; k < 100; ++k) engine.step();
    benchmark::DoNotOptimize(engine.state().data());
  });
  state.counters["roles"] = double(g.role_count());
  state.counters["edges"] = double(g.dependencies().size());
}

// The 100 steps alone, on an engine built once (the engine keeps stepping from where the
// last iteration left it), and building the engine alone: the two parts of
// BM_Dynamic100Steps, so that issue 15's "100 steps within 1.2x of 100 passes" is read
// without the one-off cost of building A.
void BM_DynamicStepsOnly(benchmark::State& state) {
  const OrgGraph& g = org_of(state);
  orgsim::sim::Engine engine(g, one_failure(g), {});
  orgsim::bench::time_in_passes(state, g, [&] {
    for (int k = 0; k < 100; ++k) engine.step();
    benchmark::DoNotOptimize(engine.state().data());
  });
}

void BM_EngineBuild(benchmark::State& state) {
  const OrgGraph& g = org_of(state);
  auto failures = one_failure(g);
  orgsim::bench::time_in_passes(state, g, [&] {
    orgsim::sim::Engine engine(g, failures, {});
    benchmark::DoNotOptimize(engine.state().data());
  });
}

// Ranking every role (sim::rank_roles: one adjoint solve on the reversed graph, its
// preparation included), as `orgsim rank` does after loading.
void BM_RankRoles(benchmark::State& state) {
  const OrgGraph& g = org_of(state);
  orgsim::bench::time_in_passes(state, g, [&] {
    auto ranking = orgsim::sim::rank_roles(g, 1.0);
    benchmark::DoNotOptimize(ranking.data());
  });
}

void small_sizes(benchmark::internal::Benchmark* b) {
  for (int shape : {0, 1}) {
    for (long n : {10'000L, 100'000L}) b->Args({n, shape});
  }
  b->ArgNames({"roles", "random"})->Unit(benchmark::kMillisecond);
}

// At 1M an iteration takes up to 2 s; at least 4 s of them, so that the median of the
// paired ratios (bench/passes.hpp) has a few iterations to choose from.
void million(benchmark::internal::Benchmark* b) {
  for (int shape : {0, 1}) b->Args({1'000'000L, shape});
  b->ArgNames({"roles", "random"})->Unit(benchmark::kMillisecond)->MinTime(4.0);
}

}  // namespace

BENCHMARK(BM_StaticSolve)->Apply(small_sizes);
BENCHMARK(BM_StaticSolve)->Apply(million);
BENCHMARK(BM_StaticSolvePrepared)->Apply(small_sizes);
BENCHMARK(BM_StaticSolvePrepared)->Apply(million);
BENCHMARK(BM_StaticPrepare)->Apply(small_sizes);
BENCHMARK(BM_StaticPrepare)->Apply(million);
BENCHMARK(BM_Components)->Apply([](benchmark::internal::Benchmark* b) {
  for (int giant_first : {1, 0}) {
    for (int shape : {0, 1}) {
      for (long n : {10'000L, 100'000L, 1'000'000L}) b->Args({n, shape, giant_first});
    }
  }
  b->ArgNames({"roles", "random", "giant_first"})->Unit(benchmark::kMillisecond);
});
BENCHMARK(BM_Dynamic100Steps)->Apply(small_sizes);
BENCHMARK(BM_Dynamic100Steps)->Apply(million);
BENCHMARK(BM_DynamicStepsOnly)->Apply(small_sizes);
BENCHMARK(BM_DynamicStepsOnly)->Apply(million);
BENCHMARK(BM_EngineBuild)->Apply(small_sizes);
BENCHMARK(BM_EngineBuild)->Apply(million);
BENCHMARK(BM_RankRoles)->Apply(small_sizes);
BENCHMARK(BM_RankRoles)->Apply(million);
BENCHMARK_MAIN();
