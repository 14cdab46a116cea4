#include "app/run.hpp"

#include "sim/engine.hpp"

namespace orgsim::app {

void validate(const RunRequest& request) {
  if (!request.sampling) return;
  sim::MonteCarloParams sampling = *request.sampling;
  sampling.static_mode = request.static_mode;
  sampling.steps = request.steps;
  sim::validate(sampling);
}

namespace {

sim::Trace simulate(const RunRequest& request, const model::OrgGraph& effective,
                    const model::Scenario& scenario, std::optional<sim::StaticSolution>& solver) {
  sim::SimParams params;
  params.steps = request.steps;
  const int steps = request.static_mode ? 0 : request.steps.value_or(scenario.steps);
  params.record_roles =
      request.record_roles &&
      (static_cast<std::size_t>(steps) + 1) * effective.role_count() <= kMaxRecordedValues;
  if (request.static_mode)
    return sim::simulate_static_on(effective, scenario, params, &solver.emplace());
  return sim::simulate_on(effective, scenario, params);
}

}  // namespace

RunResult run_scenario(model::Scenario scenario, const RunRequest& request, Diagnostics warnings) {
  return run_scenario(std::make_shared<const model::Scenario>(std::move(scenario)), request,
                      std::move(warnings));
}

RunResult run_scenario(std::shared_ptr<const model::Scenario> input, const RunRequest& request,
                       Diagnostics warnings) {
  validate(request);
  const model::Scenario& scenario = *input;
  std::optional<model::OrgGraph> changed;
  if (!scenario.changes.empty()) changed = model::apply_changes(scenario.model, scenario.changes);
  const model::OrgGraph& effective = changed ? *changed : scenario.model;
  std::optional<sim::StaticSolution> solver;
  sim::Trace trace = simulate(request, effective, scenario, solver);
  sim::Summary summary = sim::summarize(trace, request.top);
  RunResult r{std::move(input),
              std::move(warnings),
              std::move(changed),
              request.static_mode,
              std::move(trace),
              std::move(summary),
              std::move(solver),
              {},
              {},
              {},
              {}};
  if (request.record) r.record = make_run_record(r.scenario());
  if (request.sampling) {
    sim::MonteCarloParams sampling = *request.sampling;
    sampling.static_mode = request.static_mode;
    sampling.steps = request.steps;
    r.monte_carlo = sim::monte_carlo(r.scenario(), sampling, request.on_sample);
    r.record.seed = sampling.seed;
    r.record.samples = sampling.samples;
  }
  if (request.paths > 0 && !r.scenario().failures.empty()) {
    r.paths = sim::impact_paths(r.effective(), r.scenario().failures, request.paths);
    if (request.loops) {
      std::vector<model::RoleId> failed;
      for (const auto& f : r.scenario().failures) failed.push_back(f.role);
      r.loops = sim::loops_through(r.effective(), failed);
    }
  }
  return r;
}

}  // namespace orgsim::app
