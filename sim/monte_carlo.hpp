#pragma once
// Monte Carlo over a scenario's uncertain parameters: each sample draws every
// distribution once, runs the scenario, and keeps its CX minimum and final value.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "model/rng.hpp"
#include "model/scenario.hpp"

namespace orgsim::sim {

struct MonteCarloParams {
  std::size_t samples = 1000;  ///< in [1, 10000000]
  std::uint64_t seed = 0;
  unsigned jobs = 1;  ///< threads, in [0, 1024]; 0: one per hardware thread
  /// CX level whose undershoot is counted, in [0, 100]; nullopt: not counted.
  std::optional<double> threshold;
  bool static_mode = false;  ///< each sample is the static fixed point (min == final)
  std::optional<int> steps;  ///< overrides the scenario's steps
};

/// Throws InvalidArgument naming the parameter (samples, jobs, threshold, steps),
/// its range and the value.
void validate(const MonteCarloParams& params);

/// Mean and percentiles of one figure over the samples.
struct SampleStats {
  double mean = 0.0;  ///< plain sum in sample order, divided by the count
  double p5 = 0.0;    ///< percentiles: linear interpolation between order statistics,
  double p50 = 0.0;   ///< numpy.percentile's default ("type 7")
  double p95 = 0.0;
};

struct MonteCarloResult {
  std::size_t samples = 0;
  std::uint64_t seed = 0;
  std::size_t uncertain_parameters = 0;
  std::vector<double> cx_min;    ///< per sample, in sample order
  std::vector<double> cx_final;  ///< per sample, in sample order
  SampleStats cx_min_stats;
  SampleStats cx_final_stats;
  std::optional<double> threshold;
  std::size_t below_threshold = 0;  ///< samples whose CX minimum is below the threshold
  double share_below = 0.0;         ///< below_threshold / samples
};

/// Runs params.samples samples of `scenario` (validated; its distributions in
/// scenario.model.uncertain and scenario.uncertain). Sample s draws one uniform per
/// uncertain parameter, in list order, from sample_stream(seed, s); the results are
/// stored by index and the statistics computed afterwards in index order, so they are
/// the same bits for any number of jobs. `on_sample`, if set, is called after each
/// sample with the number done so far, one call at a time.
/// Time complexity: O(samples x (steps x (V + E) + size of the model copy)) / jobs.
MonteCarloResult monte_carlo(const model::Scenario& scenario, const MonteCarloParams& params,
                             const std::function<void(std::size_t)>& on_sample = {});

/// The generator of sample s: SplitMix64 started at f(f(seed) xor s), where f(x) is
/// the first output of SplitMix64 started at x.
model::SplitMix64 sample_stream(std::uint64_t seed, std::uint64_t sample);

/// A uniform in (0, 1) from one 64-bit output z: (floor(z / 2^11) + 0.5) / 2^53.
double open_uniform(model::SplitMix64& rng);

/// The p-th percentile (p in [0, 100]) of `values`, as numpy.percentile(values, p)
/// computes it by default: sorted v, h = (n - 1) p / 100, linear interpolation between
/// v[floor(h)] and v[floor(h) + 1]. `values` must not be empty. O(n log n).
double percentile(std::vector<double> values, double p);

/// Mean, p5, p50 and p95 of `values` (not empty). O(n log n).
SampleStats sample_stats(const std::vector<double>& values);

}  // namespace orgsim::sim
