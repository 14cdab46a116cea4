#pragma once
// `orgsim compare`: a base run and what-ifs of it, side by side (sim/compare.hpp), as a
// terminal table for people and as JSON for programs: the runs in the one run shape
// (app/run_json.hpp) and the comparison (docs/schema/compare.schema.json).

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "app/run.hpp"
#include "sim/compare.hpp"

namespace orgsim::app {

/// Paths are searched this many times deeper than shown, so that a path strong in one
/// run is usually also found (with its real share) in the other.
inline constexpr std::size_t kPathSearchFactor = 4;

/// What a comparison lists.
struct CompareRequest {
  std::size_t top = 10;   ///< roles listed
  std::size_t paths = 5;  ///< impact paths shown (searched kPathSearchFactor x deeper)
};

/// The runs compared: runs[0] is the base, against_base[i] compares runs[i + 1] with it.
struct Comparisons {
  std::vector<RunResult> runs;
  std::vector<sim::Comparison> against_base;
  CompareRequest request;
};

/// How each run of a comparison is made (deeper path search, no loops).
RunRequest compare_run_request(const CompareRequest& request);

/// Compares every run after the first with the first. Throws InvalidArgument for fewer
/// than two runs. Time complexity: that of sim::compare_runs per what-if.
Comparisons compare_runs(std::vector<RunResult> runs, const CompareRequest& request);

/// The terminal table: scenarios, CX figures, roles and impact paths that changed, one
/// block per what-if.
void print_comparison(const Comparisons& comparisons, std::ostream& out);

/// {"schema_version", "base", "what_ifs": [{"what_if", "comparison"}, ...]}, one entry per
/// what-if in order; with exactly one what-if also "what_if" and "comparison" at the top
/// (the two-scenario shape). Indented, with a final newline.
std::string comparison_json_text(const Comparisons& comparisons);

}  // namespace orgsim::app
