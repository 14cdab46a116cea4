// One Monte Carlo sample against one dynamic run of the same scenario, on generated orgs
// of 10k and 100k roles (layered and random), as a ratio measured in the same process so
// that a busy or idle machine reads the same column (issue 15: at most 3); both also in
// sparse passes of the same org (bench/passes.hpp).
// Run: build/bench/orgsim_monte_carlo_bench --benchmark_min_time=0.5
#include <benchmark/benchmark.h>

#include "bench/bench_orgs.hpp"
#include "bench/passes.hpp"
#include "model/uncertainty.hpp"
#include "sim/engine.hpp"
#include "sim/monte_carlo.hpp"

namespace {

using orgsim::model::OrgGraph;
using orgsim::model::SyntheticShape;

constexpr int kSteps = 30;

// jobs = 1 below keeps the sampling on this thread, whose CPU time is what counts.
using orgsim::bench::thread_seconds;

// The last role (a shared service) fails for 10 steps, its degrade uniform in [0.3, 0.7],
// and every tenth dependency weight is uncertain (+-20%): values change in every sample,
// the structure never does.
orgsim::model::Scenario uncertain_scenario(std::size_t roles, SyntheticShape shape) {
  orgsim::model::Scenario s;
  s.model = orgsim::bench::bench_org(roles, shape);
  s.steps = kSteps;
  orgsim::model::Failure f;
  f.role = orgsim::model::RoleId(static_cast<std::uint32_t>(s.model.role_count() - 1));
  f.degrade = 0.5;
  f.to = 10;
  s.failures.push_back(f);
  orgsim::model::UncertainParameter degrade;
  degrade.field = orgsim::model::UncertainField::kFailureDegrade;
  degrade.dist.p[0] = 0.3;
  degrade.dist.p[1] = 0.7;
  s.uncertain.push_back(degrade);
  const auto& deps = s.model.dependencies();
  for (std::uint32_t i = 0; i < deps.size(); i += 10) {
    orgsim::model::UncertainParameter w;
    w.field = orgsim::model::UncertainField::kDependencyWeight;
    w.index = i;
    w.dist.p[0] = deps[i].weight * 0.8;
    w.dist.p[1] = deps[i].weight * 1.0;
    s.model.uncertain.push_back(w);
  }
  return s;
}

double seconds_of_one_run(const orgsim::model::Scenario& s) {
  double best = 1e300;
  for (int r = 0; r < 5; ++r) {
    const double start = thread_seconds();
    orgsim::sim::Engine engine(s.model, s.failures, {});
    for (int k = 0; k < kSteps; ++k) engine.step();
    benchmark::DoNotOptimize(engine.state().data());
    best = std::min(best, thread_seconds() - start);
  }
  return best;
}

void BM_MonteCarloSample(benchmark::State& state) {
  const auto shape = static_cast<SyntheticShape>(state.range(1));
  const orgsim::model::Scenario s =
      uncertain_scenario(static_cast<std::size_t>(state.range(0)), shape);
  orgsim::sim::MonteCarloParams params;
  params.samples = 20;
  params.jobs = 1;
  params.seed = 1;
  double total = 0.0;
  for (auto _ : state) {
    const double start = thread_seconds();
    auto r = orgsim::sim::monte_carlo(s, params);
    benchmark::DoNotOptimize(r.cx_min.data());
    total += thread_seconds() - start;
  }
  const double per_sample = total / static_cast<double>(state.iterations() * params.samples);
  const double run = seconds_of_one_run(s);
  state.counters["sample_cpu_ms"] = per_sample * 1e3;
  state.counters["run_cpu_ms"] = run * 1e3;
  state.counters["sample_over_run"] = per_sample / run;
  // The same two figures in sparse passes of the org (one run is 30 steps, each a pass).
  const auto& org = orgsim::bench::bench_org(static_cast<std::size_t>(state.range(0)), shape);
  orgsim::bench::report_passes_of(state, org, per_sample);
  state.counters["run_passes"] = run / orgsim::bench::sparse_pass_seconds(org);
}

}  // namespace

BENCHMARK(BM_MonteCarloSample)
    ->Args({10'000, 0})
    ->Args({100'000, 0})
    ->Args({100'000, 1})
    ->ArgNames({"roles", "random"})
    ->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
