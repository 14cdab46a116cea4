#include <iostream>
#include <optional>

#include "model/atomic_file.hpp"
#include "cli/commands.hpp"
#include "cli/run_report.hpp"
#include "model/loader.hpp"
#include "model/validate.hpp"
#include "sim/engine.hpp"

namespace orgsim::cli {

namespace {
// Beyond this many q values the per-role trajectories are left out of the JSON
// (8 bytes each in memory, about 20 as text).
constexpr std::size_t kMaxRecordedValues = 20'000'000;
}  // namespace

int run_run(const RunOptions& options, std::ostream& out, std::ostream& err) {
  model::LoadOptions load;
  load.max_input_bytes = options.input.max_input_mb << 20;
  model::Scenario scenario = model::load_model_or_scenario(options.scenario, load);
  Diagnostics warnings = model::validate_scenario(scenario);
  model::throw_if_errors(warnings, scenario.sources.get(), options.input.strict);
  err << format_diagnostics(warnings, scenario.sources.get());

  sim::SimParams params;
  params.steps = options.steps;
  const int steps = options.steps.value_or(scenario.steps);
  params.record_roles =
      options.json.has_value() &&
      (static_cast<std::size_t>(steps) + 1) * scenario.model.role_count() <= kMaxRecordedValues;
  const model::OrgGraph effective = model::apply_changes(scenario.model, scenario.changes);
  std::optional<sim::StaticSolution> solver;
  sim::Trace trace = options.static_mode ? sim::simulate_static(scenario, params, &solver.emplace())
                                         : sim::simulate(scenario, params);
  sim::Summary summary = sim::summarize(trace, options.top);
  RunReport report{scenario, effective, trace, summary, warnings, solver ? &*solver : nullptr};

  if (options.json && options.json->string() == "-") {
    out << run_report_json(report);
    return kExitOk;
  }
  print_run_report(report, out);
  if (options.json) {
    write_file_atomically(*options.json, run_report_json(report));
    out << "\nWrote " << options.json->string() << "\n";
  }
  return kExitOk;
}

}  // namespace orgsim::cli
