#include "cli/commands.hpp"
#include "model/loader.hpp"
#include "model/validate.hpp"

namespace orgsim::cli {

int run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err) {
  model::LoadOptions load;
  load.max_input_bytes = options.input.max_input_mb << 20;
  model::Scenario scenario = model::load_model_or_scenario(options.file, load);
  const bool is_scenario = !scenario.file.empty();
  Diagnostics ds =
      is_scenario ? model::validate_scenario(scenario) : model::validate_model(scenario.model);
  model::throw_if_errors(ds, scenario.sources.get(), options.input.strict);
  err << format_diagnostics(ds, scenario.sources.get());
  const auto& g = scenario.model;
  out << options.file.string() << ": ok: " << (is_scenario ? "scenario" : "model") << " with "
      << g.role_count() << " roles, " << g.departments().size() << " departments, "
      << g.dependencies().size() << " dependencies";
  if (is_scenario) {
    out << ", " << scenario.failures.size() << " failures, " << scenario.changes.size()
        << " changes";
  }
  out << "; " << ds.warning_count() << " warning" << (ds.warning_count() == 1 ? "" : "s") << "\n";
  return kExitOk;
}

}  // namespace orgsim::cli
