// Static solve and 100 dynamic steps on generated orgs of 10k, 100k and 1M roles,
// both layered (mostly acyclic, small loops) and uniformly random (one giant loop).
// Run: build/bench/orgsim_bench --benchmark_min_time=0.5  (see docs/performance.md)
// Each figure also comes as "passes": its CPU time over one sparse pass y = A x of the same
// matrix measured in the same run (issue 15), so the column reads the same on any machine.
#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
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

// This thread's CPU time: other processes on a busy machine do not count.
double thread_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// One sparse pass y = A x over the same matrix (CSR, rows in order), the unit every
// figure is also given in: the fastest of 7, in this thread's CPU time. A slower or
// faster machine changes the milliseconds, not the passes. Cached per org.
double sparse_pass_seconds(const OrgGraph& g) {
  static std::map<const OrgGraph*, double> cache;
  if (auto it = cache.find(&g); it != cache.end()) return it->second;
  const std::size_t n = g.role_count();
  std::vector<std::size_t> start(n + 1, 0);
  for (const auto& d : g.dependencies()) ++start[d.role.value + 1];
  for (std::size_t i = 0; i < n; ++i) start[i + 1] += start[i];
  std::vector<std::uint32_t> col(g.dependencies().size());
  std::vector<double> val(col.size());
  std::vector<std::size_t> next(start.begin(), start.end() - 1);
  for (const auto& d : g.dependencies()) {
    const std::size_t slot = next[d.role.value]++;
    col[slot] = d.depends_on.value;
    val[slot] = d.weight;
  }
  std::vector<double> x(n, 0.5), y(n);
  double best = 1e300;
  for (int r = 0; r < 7; ++r) {
    const double t0 = thread_seconds();
    for (std::size_t i = 0; i < n; ++i) {
      double sum = 0.0;
      for (std::size_t e = start[i]; e < start[i + 1]; ++e) sum += val[e] * x[col[e]];
      y[i] = sum;
    }
    benchmark::DoNotOptimize(y.data());
    best = std::min(best, thread_seconds() - t0);
  }
  return cache[&g] = best;
}

// Sets "passes": the benchmark's CPU time per iteration in sparse passes of `g`.
void report_passes(benchmark::State& state, const OrgGraph& g, double cpu_seconds) {
  const double per_iteration = cpu_seconds / static_cast<double>(state.iterations());
  state.counters["pass_ms"] = sparse_pass_seconds(g) * 1e3;
  state.counters["passes"] = per_iteration / sparse_pass_seconds(g);
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
  double cpu = 0.0;
  for (auto _ : state) {
    const double t0 = thread_seconds();
    s = orgsim::sim::solve_static(g, c);
    benchmark::DoNotOptimize(s.q.data());
    cpu += thread_seconds() - t0;
  }
  report_passes(state, g, cpu);
  state.counters["roles"] = double(g.role_count());
  state.counters["edges"] = double(g.dependencies().size());
  state.counters["largest_loop"] = double(s.largest_loop);
  state.counters["residual"] = s.residual;
}

// The static solve on a prepared model (sim::StaticSystem: A in component order, the
// components found once), as rank --exact and Monte Carlo samples of one model use it.
void BM_StaticSolvePrepared(benchmark::State& state) {
  const auto shape = static_cast<SyntheticShape>(state.range(1));
  const OrgGraph& g = org(static_cast<std::size_t>(state.range(0)), shape);
  auto c = orgsim::sim::perturbation_at(g, one_failure(g), 0);
  const orgsim::sim::StaticSystem system(g);
  orgsim::sim::StaticSolution s;
  double cpu = 0.0;
  for (auto _ : state) {
    const double t0 = thread_seconds();
    s = system.solve(c);
    benchmark::DoNotOptimize(s.q.data());
    cpu += thread_seconds() - t0;
  }
  report_passes(state, g, cpu);
  state.counters["loops"] = double(s.loop_components);
  state.counters["largest_loop"] = double(s.largest_loop);
  state.counters["lu"] = double(s.direct_solves);
  state.counters["sweeps"] = double(s.sweeps);
  state.counters["residual"] = s.residual;
}

// Preparing a model for static solves: building A, its strongly connected components
// and the renumbered copy of A (sim::StaticSystem's constructor).
void BM_StaticPrepare(benchmark::State& state) {
  const auto shape = static_cast<SyntheticShape>(state.range(1));
  const OrgGraph& g = org(static_cast<std::size_t>(state.range(0)), shape);
  double cpu = 0.0;
  for (auto _ : state) {
    const double t0 = thread_seconds();
    orgsim::sim::StaticSystem system(g);
    benchmark::DoNotOptimize(&system);
    cpu += thread_seconds() - t0;
  }
  report_passes(state, g, cpu);
}

void BM_Dynamic100Steps(benchmark::State& state) {
  const auto shape = static_cast<SyntheticShape>(state.range(1));
  const OrgGraph& g = org(static_cast<std::size_t>(state.range(0)), shape);
  auto failures = one_failure(g);
  double cpu = 0.0;
  for (auto _ : state) {
    const double t0 = thread_seconds();
    orgsim::sim::Engine engine(g, failures, {});
    for (int k = 0; k < 100; ++k) engine.step();
    benchmark::DoNotOptimize(engine.state().data());
    cpu += thread_seconds() - t0;
  }
  report_passes(state, g, cpu);
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
BENCHMARK(BM_StaticSolvePrepared)->Apply(sizes);
BENCHMARK(BM_StaticPrepare)->Apply(sizes);
BENCHMARK(BM_Dynamic100Steps)->Apply(sizes);
BENCHMARK_MAIN();
