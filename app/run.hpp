#pragma once
// One scenario, run: the one path every front end takes from a loaded scenario to
// its figures (trace, summary, impact paths, feedback loops, Monte Carlo, run record).
//   scenario --apply changes once--> effective model --simulate--> Trace --summarize-->
//   Summary; effective model + failures --> impact paths, loops; distributions --> samples

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "app/run_record.hpp"
#include "common/diagnostics.hpp"
#include "model/scenario.hpp"
#include "sim/loops.hpp"
#include "sim/monte_carlo.hpp"
#include "sim/paths.hpp"
#include "sim/static_solver.hpp"
#include "sim/summary.hpp"
#include "sim/trace.hpp"

namespace orgsim::app {

/// Beyond this many q values (steps + 1) x roles, per-role trajectories are not kept
/// even when asked for (8 bytes each in memory, about 20 as JSON text).
inline constexpr std::size_t kMaxRecordedValues = 20'000'000;

/// What to compute for one scenario. The defaults are what `orgsim run` does.
struct RunRequest {
  std::optional<int> steps;   ///< overrides the scenario's `steps`
  bool static_mode = false;   ///< the static fixed point instead of the dynamic run
  std::size_t top = 10;       ///< most degraded roles in the summary
  std::size_t paths = 5;      ///< strongest impact paths searched; 0: no paths, no loops
  bool loops = true;          ///< with paths: the feedback loops through failed roles
  bool record_roles = false;  ///< keep each role's trajectory (up to kMaxRecordedValues)
  bool record = true;         ///< hash the input files for the run record
  /// Monte Carlo over the scenario's distributions (docs/model.md "Uncertainty");
  /// its static_mode and steps are taken from this request.
  std::optional<sim::MonteCarloParams> sampling;
  std::function<void(std::size_t)> on_sample;  ///< progress: samples done so far
};

/// Everything one run produced. Shares ownership of its scenario, so it can be kept and
/// moved, and a scenario run many times (the Python module) is not copied per run.
struct RunResult {
  std::shared_ptr<const model::Scenario> input;  ///< never null
  Diagnostics warnings;                    ///< the validation warnings of the input
  std::optional<model::OrgGraph> changed;  ///< the changed model; none without changes
  bool static_mode = false;
  sim::Trace trace;
  sim::Summary summary;
  std::optional<sim::StaticSolution> solver;            ///< static runs
  std::optional<sim::ImpactPaths> paths;                ///< when paths were searched
  std::optional<std::vector<sim::FeedbackLoop>> loops;  ///< when loops were searched
  std::optional<sim::MonteCarloResult> monte_carlo;     ///< with sampling
  RunRecord record;

  /// The scenario that was run.
  const model::Scenario& scenario() const { return *input; }
  /// The model the run used: the scenario's model after its changes.
  const model::OrgGraph& effective() const { return changed ? *changed : input->model; }
};

/// Throws InvalidArgument for a request that cannot run (Monte Carlo options out of
/// range), naming the option. Call it before loading input to fail fast.
void validate(const RunRequest& request);

/// Runs a validated scenario: applies its changes once (no copy of a model without
/// changes), simulates, summarizes, then searches impact paths and loops and samples
/// as asked. Time complexity: that of the parts (sim/engine.hpp, sim/paths.hpp).
RunResult run_scenario(model::Scenario scenario, const RunRequest& request = {},
                       Diagnostics warnings = {});

/// As above, on a scenario shared with the caller: nothing is copied, so running one
/// scenario many times costs only the runs.
RunResult run_scenario(std::shared_ptr<const model::Scenario> scenario,
                       const RunRequest& request = {}, Diagnostics warnings = {});

}  // namespace orgsim::app
