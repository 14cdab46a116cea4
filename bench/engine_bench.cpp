// Static solve and 100 dynamic steps on generated orgs of 10k, 100k and 1M roles,
// both layered (mostly acyclic, small loops) and uniformly random (one giant loop).
// Run: build/bench/orgsim_bench --benchmark_min_time=0.5  (see docs/performance.md)
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <utility>

#include "bench/bench_orgs.hpp"
#include "model/synthetic.hpp"
#include "sim/engine.hpp"
#include "sim/static_solver.hpp"

namespace {

using orgsim::model::OrgGraph;
using orgsim::model::SyntheticShape;

const OrgGraph& org(std::size_t roles, SyntheticShape shape) {
  return orgsim::bench::bench_org(roles, shape);
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
  const auto shape = static_cast<SyntheticShape>(state.range(1));
  const OrgGraph& g = org(static_cast<std::size_t>(state.range(0)), shape);
  auto c = orgsim::sim::perturbation_at(g, one_failure(g), 0);
  orgsim::sim::StaticSolution s;
  for (auto _ : state) {
    s = orgsim::sim::solve_static(g, c);
    benchmark::DoNotOptimize(s.q.data());
  }
  state.counters["roles"] = double(g.role_count());
  state.counters["edges"] = double(g.dependencies().size());
  state.counters["largest_loop"] = double(s.largest_loop);
  state.counters["residual"] = s.residual;
}

void BM_Dynamic100Steps(benchmark::State& state) {
  const auto shape = static_cast<SyntheticShape>(state.range(1));
  const OrgGraph& g = org(static_cast<std::size_t>(state.range(0)), shape);
  auto failures = one_failure(g);
  for (auto _ : state) {
    orgsim::sim::Engine engine(g, failures, {});
    for (int k = 0; k < 100; ++k) engine.step();
    benchmark::DoNotOptimize(engine.state().data());
  }
  state.counters["roles"] = double(g.role_count());
  state.counters["edges"] = double(g.dependencies().size());
}

void sizes(benchmark::internal::Benchmark* b) {
  for (int shape : {0, 1}) {
    for (long n : {10'000L, 100'000L, 1'000'000L}) b->Args({n, shape});
  }
  b->ArgNames({"roles", "random"})->Unit(benchmark::kMillisecond);
}

}  // namespace

BENCHMARK(BM_StaticSolve)->Apply(sizes);
BENCHMARK(BM_Dynamic100Steps)->Apply(sizes);
BENCHMARK_MAIN();
