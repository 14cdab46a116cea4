#include <unistd.h>

#include <chrono>
#include <functional>
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/load_input.hpp"
#include "cli/pictures.hpp"
#include "cli/run_report.hpp"
#include "model/atomic_file.hpp"
#include "sim/engine.hpp"
#include "sim/loops.hpp"
#include "sim/monte_carlo.hpp"
#include "sim/paths.hpp"

namespace orgsim::cli {

namespace {
// Beyond this many q values the per-role trajectories are left out of the JSON
// (8 bytes each in memory, about 20 as text).
constexpr std::size_t kMaxRecordedValues = 20'000'000;

// "monte carlo: 300/1000 samples", redrawn on a terminal at most every 0.2 s and
// erased at the end; nothing when stderr is not a terminal (logs stay clean).
class SampleProgress {
 public:
  SampleProgress(std::ostream& err, std::size_t total, bool terminal)
      : err_(err), total_(total), terminal_(terminal), last_(Clock::now()) {}
  void operator()(std::size_t done) {
    if (!terminal_ || done == total_) return;
    const auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    shown_ = true;
    err_ << "\rmonte carlo: " << done << "/" << total_ << " samples\x1b[K" << std::flush;
  }
  ~SampleProgress() {
    if (shown_) err_ << "\r\x1b[K" << std::flush;
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::ostream& err_;
  std::size_t total_;
  bool terminal_;
  bool shown_ = false;
  Clock::time_point last_;
};
}  // namespace

int run_run(const RunOptions& options, std::ostream& out, std::ostream& err) {
  // Refuse an unknown picture format before any work.
  for (const auto& file : options.render) viz::format_from_path(file);
  std::optional<sim::MonteCarloParams> sampling;
  if (options.samples) {
    sampling.emplace();
    sampling->samples = *options.samples;
    sampling->seed = options.seed;
    sampling->jobs = options.jobs;
    sampling->threshold = options.threshold;
    sampling->static_mode = options.static_mode;
    sampling->steps = options.steps;
    sim::validate(*sampling);
  }
  LoadedInput in = load_input(options.scenario, options.input, err);
  const model::Scenario& scenario = in.scenario;
  const Diagnostics& warnings = in.warnings;

  sim::SimParams params;
  params.steps = options.steps;
  const int steps = options.steps.value_or(scenario.steps);
  params.record_roles =
      options.json.has_value() &&
      (static_cast<std::size_t>(steps) + 1) * scenario.model.role_count() <= kMaxRecordedValues;
  // A copy only when there are changes: copying a million-role model costs 0.3 GB.
  std::optional<model::OrgGraph> changed;
  if (!scenario.changes.empty()) changed = model::apply_changes(scenario.model, scenario.changes);
  const model::OrgGraph& effective = changed ? *changed : scenario.model;
  std::optional<sim::StaticSolution> solver;
  sim::Trace trace = options.static_mode ? sim::simulate_static(scenario, params, &solver.emplace())
                                         : sim::simulate(scenario, params);
  sim::Summary summary = sim::summarize(trace, options.top);
  RunReport report{scenario, effective, trace, summary, warnings, solver ? &*solver : nullptr};
  RunRecord record = make_run_record(scenario);
  std::optional<sim::MonteCarloResult> mc;
  if (sampling) {
    const bool terminal = ::isatty(2) == 1;
    SampleProgress progress(err, sampling->samples, terminal);
    std::function<void(std::size_t)> on_sample;
    if (terminal) on_sample = std::ref(progress);
    mc = sim::monte_carlo(scenario, *sampling, on_sample);
    record.seed = sampling->seed;
    record.samples = sampling->samples;
    report.monte_carlo = &*mc;
  }
  report.record = &record;

  std::optional<sim::ImpactPaths> paths;
  std::optional<std::vector<sim::FeedbackLoop>> loops;
  if (options.paths > 0 && !scenario.failures.empty()) {
    paths = sim::impact_paths(effective, scenario.failures, options.paths);
    std::vector<model::RoleId> failed;
    for (const auto& f : scenario.failures) failed.push_back(f.role);
    loops = sim::loops_through(effective, failed);
    report.paths = &*paths;
    report.loops = &*loops;
  }

  const bool json_to_stdout = options.json && options.json->string() == "-";
  if (json_to_stdout) {
    out << run_report_json(report);
  } else {
    print_run_report(report, out);
  }
  // With JSON on stdout, keep stdout pure: file notices go to stderr.
  std::ostream& notices = json_to_stdout ? err : out;
  if (!options.render.empty() || (options.json && !json_to_stdout)) notices << "\n";
  if (options.json && !json_to_stdout) {
    write_file_atomically(*options.json, run_report_json(report));
    notices << "Wrote " << options.json->string() << "\n";
  }
  if (!options.render.empty()) render_impact(report, options.render, options.full, notices, err);
  return kExitOk;
}

}  // namespace orgsim::cli
