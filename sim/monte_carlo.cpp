#include "sim/monte_carlo.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <exception>
#include <memory>
#include <mutex>
#include <string>

#include "common/errors.hpp"
#include "model/uncertainty.hpp"
#include "sim/cx_score.hpp"
#include "sim/engine.hpp"
#include "sim/static_solver.hpp"
#include "sim/workers.hpp"

namespace orgsim::sim {

namespace {

constexpr std::size_t kMaxSamples = 10'000'000;
constexpr unsigned kMaxJobs = 1024;

std::string shown(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::uint64_t first_output(std::uint64_t state) { return model::SplitMix64(state).next(); }

// numpy's _lerp: a + (b - a) t, computed from the nearer end (b - (b - a)(1 - t) when
// t >= 0.5), so that results match numpy.percentile bit for bit.
double lerp(double a, double b, double t) {
  const double diff = b - a;
  return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

double percentile_of_sorted(const std::vector<double>& v, double p) {
  const double q = p / 100.0;
  const double h = static_cast<double>(v.size() - 1) * q;
  const double below = std::floor(h);
  const auto lo = static_cast<std::size_t>(below);
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return lerp(v[lo], v[hi], h - below);
}

struct SampleFigures {
  double cx_min = 0.0;
  double cx_final = 0.0;
};

// One sample: `work` is this thread's copy of `base`; every uncertain number in it is
// overwritten, so nothing from the previous sample survives. `engine` is this thread's
// engine, kept between samples when the scenario has no changes (the matrix's structure
// is then the same in every sample: only its values are overwritten).
SampleFigures run_sample(const model::Scenario& base, model::Scenario& work,
                         const MonteCarloParams& params, int steps, std::size_t s,
                         std::unique_ptr<Engine>& engine) {
  model::SplitMix64 rng = sample_stream(params.seed, s);
  for (const model::UncertainParameter& p : base.model.uncertain) {
    model::set_uncertain_value(work.model, p, p.dist.sample(open_uniform(rng)));
  }
  for (const model::UncertainParameter& p : base.uncertain) {
    model::set_uncertain_value(work, p, p.dist.sample(open_uniform(rng)));
  }
  std::optional<model::OrgGraph> changed;
  if (!work.changes.empty()) changed = model::apply_changes(work.model, work.changes);
  const model::OrgGraph& graph = changed ? *changed : work.model;
  SampleFigures out;
  if (params.static_mode) {
    const std::vector<double> c = perturbation_at(graph, work.failures, 0);
    const StaticSolution solution = solve_static(graph, c);
    out.cx_min = out.cx_final = CxScore(graph)(solution.q);
    return out;
  }
  // A changed copy is built per sample and may differ in structure from the last one
  // (a change's weight can remove a dependency): its engine lives for this sample only.
  std::unique_ptr<Engine> own;
  Engine* e = nullptr;
  if (changed) {
    own = std::make_unique<Engine>(graph, work.failures, work.initial);
    e = own.get();
  } else if (engine) {
    engine->restart(graph, work.failures, work.initial);
    e = engine.get();
  } else {
    engine = std::make_unique<Engine>(graph, work.failures, work.initial);
    e = engine.get();
  }
  out.cx_min = e->cx();
  for (int k = 1; k <= steps; ++k) {
    e->step();
    out.cx_min = std::min(out.cx_min, e->cx());
  }
  out.cx_final = e->cx();
  return out;
}

}  // namespace

void validate(const MonteCarloParams& params) {
  if (params.samples < 1 || params.samples > kMaxSamples) {
    throw InvalidArgument("samples must be in [1, " + std::to_string(kMaxSamples) + "], got " +
                          std::to_string(params.samples));
  }
  if (params.jobs > kMaxJobs) {
    throw InvalidArgument("jobs must be in [0, " + std::to_string(kMaxJobs) + "], got " +
                          std::to_string(params.jobs));
  }
  if (params.threshold && !(*params.threshold >= 0.0 && *params.threshold <= 100.0)) {
    throw InvalidArgument("threshold must be in [0, 100], got " + shown(*params.threshold));
  }
  if (params.steps && (*params.steps < 1 || *params.steps > 1'000'000)) {
    throw InvalidArgument("steps must be in [1, 1000000], got " + std::to_string(*params.steps));
  }
}

model::SplitMix64 sample_stream(std::uint64_t seed, std::uint64_t sample) {
  return model::SplitMix64(first_output(first_output(seed) ^ sample));
}

double open_uniform(model::SplitMix64& rng) {
  return (static_cast<double>(rng.next() >> 11) + 0.5) * 0x1.0p-53;
}

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return percentile_of_sorted(values, p);
}

SampleStats sample_stats(const std::vector<double>& values) {
  SampleStats s;
  double sum = 0.0;
  for (double v : values) sum += v;
  s.mean = sum / static_cast<double>(values.size());
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  s.p5 = percentile_of_sorted(sorted, 5.0);
  s.p50 = percentile_of_sorted(sorted, 50.0);
  s.p95 = percentile_of_sorted(sorted, 95.0);
  return s;
}

MonteCarloResult monte_carlo(const model::Scenario& scenario, const MonteCarloParams& params,
                             const std::function<void(std::size_t)>& on_sample) {
  validate(params);
  const int steps = params.steps.value_or(scenario.steps);
  MonteCarloResult r;
  r.samples = params.samples;
  r.seed = params.seed;
  r.uncertain_parameters = model::uncertain_count(scenario);
  r.threshold = params.threshold;
  r.cx_min.assign(params.samples, 0.0);
  r.cx_final.assign(params.samples, 0.0);

  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;  // serializes on_sample and the first failure
  std::size_t done = 0;
  std::exception_ptr failure;
  auto work = [&] {
    try {
      model::Scenario copy = scenario;
      std::unique_ptr<Engine> engine;  // this thread's, restarted for each sample
      for (std::size_t s = next++; s < params.samples && !stop; s = next++) {
        const SampleFigures f = run_sample(scenario, copy, params, steps, s, engine);
        r.cx_min[s] = f.cx_min;
        r.cx_final[s] = f.cx_final;
        if (on_sample) {
          std::lock_guard lock(mutex);
          on_sample(++done);
        }
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();
      stop = true;
    }
  };
  run_workers(worker_count(params.jobs, params.samples), work);
  if (failure) std::rethrow_exception(failure);

  r.cx_min_stats = sample_stats(r.cx_min);
  r.cx_final_stats = sample_stats(r.cx_final);
  if (r.threshold) {
    r.below_threshold = static_cast<std::size_t>(std::count_if(
        r.cx_min.begin(), r.cx_min.end(), [&](double v) { return v < *r.threshold; }));
    r.share_below = static_cast<double>(r.below_threshold) / static_cast<double>(r.samples);
  }
  return r;
}

}  // namespace orgsim::sim
