#include "app/load_input.hpp"

#include "model/loader.hpp"
#include "model/validate.hpp"

namespace orgsim::app {

LoadedInput load_input(const std::filesystem::path& path, const InputOptions& options,
                       std::ostream& err) {
  model::LoadOptions load;
  load.max_input_bytes = options.max_input_mb << 20;
  LoadedInput in{model::load_model_or_scenario(path, load), {}};
  in.warnings = model::validate_scenario(in.scenario);
  model::throw_if_errors(in.warnings, in.scenario.sources.get(), options.strict);
  err << format_diagnostics(in.warnings, in.scenario.sources.get());
  return in;
}

}  // namespace orgsim::app
