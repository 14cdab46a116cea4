#include "app/load_input.hpp"
#include "app/text.hpp"
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
      << count_of(g.role_count(), "role", "roles") << ", "
      << count_of(g.departments().size(), "department", "departments") << ", "
      << count_of(g.dependencies().size(), "dependency", "dependencies");
  if (is_scenario) {
    out << ", " << count_of(scenario.failures.size(), "failure", "failures") << ", "
        << count_of(scenario.changes.size(), "change", "changes");
  }
  out << "; " << count_of(warnings, "warning", "warnings") << "\n";
  return kExitOk;
}

}  // namespace orgsim::cli
