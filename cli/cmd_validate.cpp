#include "app/load_input.hpp"
#include "cli/commands.hpp"

namespace orgsim::cli {

using namespace orgsim::app;  // the application layer this front end drives

int run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err) {
  const LoadedInput in = load_input(options.file, options.input, err);
  const model::Scenario& scenario = in.scenario;
  const bool is_scenario = !scenario.file.empty();
  const auto& g = scenario.model;
  const std::size_t warnings = in.warnings.warning_count();
  out << options.file.string() << ": ok: " << (is_scenario ? "scenario" : "model") << " with "
      << g.role_count() << " roles, " << g.departments().size() << " departments, "
      << g.dependencies().size() << " dependencies";
  if (is_scenario) {
    out << ", " << scenario.failures.size() << " failures, " << scenario.changes.size()
        << " changes";
  }
  out << "; " << warnings << " warning" << (warnings == 1 ? "" : "s") << "\n";
  return kExitOk;
}

}  // namespace orgsim::cli
