#pragma once
// `orgsim batch`: many scenarios, one row each, on N threads, into one CSV or JSON-lines
// file that survives an interruption (--resume) and splits into shards for clusters.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/batch_output.hpp"

namespace orgsim::app {

/// Monte Carlo in batch: each scenario's samples, with the same seed for every scenario.
struct BatchSampling {
  std::optional<std::size_t> samples;  ///< none: no sampling
  std::uint64_t seed = 0;
  std::optional<double> threshold;
};

struct BatchOptions {
  std::vector<std::filesystem::path> paths;  ///< scenario files or folders (searched recursively)
  std::filesystem::path output;  ///< the results file; rows go to <output>.partial first
  BatchFormat format = BatchFormat::kCsv;
  unsigned jobs = 0;       ///< worker threads; 0: one per hardware thread
  bool resume = false;     ///< keep the rows already in output and .partial, run the rest
  /// Replace an output that is not a results file, or holds rows of other scenarios
  /// (without it such an output is refused: the run would lose those rows).
  bool force = false;
  std::string shard;       ///< "i/n": the i-th of n shares of the sorted scenarios; "": all
  bool quiet = false;      ///< no progress on stderr
  BatchSampling sampling;  ///< --samples, --seed, --threshold
  /// Progress as on a terminal (redrawn) or as plain lines; nullopt: isatty(2).
  std::optional<bool> terminal;
  double progress_interval_s = 5.0;  ///< plain lines: at most one per interval
  /// Seconds on a monotonic clock, for runtime_ms and progress; empty: steady_clock.
  /// A test seam: a constant clock makes the output reproducible.
  std::function<double()> clock;
};

/// Runs every scenario found under options.paths (or its shard) and writes one row per
/// scenario to options.output, sorted by file. Throws InvalidArgument for bad options
/// before any work. Returns kExitInput if any scenario failed, kExitOk otherwise.
int run_batch(const BatchOptions& options, std::ostream& out, std::ostream& err);

/// --shard i/n.
struct Shard {
  std::size_t index = 1;  ///< i, 1-based
  std::size_t count = 1;  ///< n
};

/// Parses "i/n" with 1 <= i <= n; throws InvalidArgument naming --shard.
Shard parse_shard(std::string_view text);

/// Files given and *.yaml scenarios (a top-level `model:` line) under folders given,
/// sorted by path text, without duplicates. Throws InvalidArgument for a missing PATH
/// or when nothing is found.
std::vector<std::filesystem::path> find_scenarios(std::span<const std::filesystem::path> paths);

/// The shard's share of `sorted`: items shard.index - 1, + shard.count, ...
std::vector<std::filesystem::path> shard_of(std::span<const std::filesystem::path> sorted,
                                            Shard shard);

/// Loads, checks and simulates each file on `jobs` threads (each model loaded and
/// validated once), calling `on_row(i, row)` for files[i] as it completes, one call
/// at a time. Scenario errors become error rows; an exception from on_row stops the
/// run and is rethrown. With sampling.samples, each scenario also gets a Monte Carlo
/// run (one thread per scenario; the figures do not depend on `jobs`).
void run_scenarios(std::span<const std::filesystem::path> files, unsigned jobs,
                   const std::function<double()>& clock,
                   const std::function<void(std::size_t, const BatchRow&)>& on_row,
                   const BatchSampling& sampling = {});

}  // namespace orgsim::app
