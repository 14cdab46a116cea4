#include "app/load_input.hpp"

#include "common/errors.hpp"
#include "model/loader.hpp"
#include "model/validate.hpp"

namespace orgsim::app {

namespace fs = std::filesystem;

namespace {

model::LoadOptions load_options(const InputOptions& options) {
  model::LoadOptions load;
  load.max_input_bytes = options.max_input_mb << 20;
  return load;
}

LoadedInput checked(model::Scenario scenario, const InputOptions& options, std::ostream& err) {
  LoadedInput in{std::move(scenario), {}};
  in.warnings = model::validate_scenario(in.scenario);
  model::throw_if_errors(in.warnings, in.scenario.sources.get(), options.strict);
  err << format_diagnostics(in.warnings, in.scenario.sources.get());
  return in;
}

}  // namespace

LoadedInput load_input(const fs::path& path, const InputOptions& options, std::ostream& err) {
  return checked(model::load_model_or_scenario(path, load_options(options)), options, err);
}

LoadedInput load_model_and_scenario(const fs::path& model, const std::optional<fs::path>& scenario,
                                    const InputOptions& options, std::ostream& err) {
  if (!scenario) return load_input(model, options, err);
  const model::LoadOptions load = load_options(options);
  const model::OrgGraph graph = model::load_model(model, load);
  auto same_model = [&](const fs::path& named) -> const model::OrgGraph& {
    // `named`: the scenario's `model:`, already joined to the scenario's folder.
    std::error_code ec;
    if (!fs::equivalent(named, model, ec)) {
      throw InvalidArgument("--scenario: '" + scenario->string() + "' is for model '" +
                            named.string() + "', not '" + model.string() + "'");
    }
    return graph;
  };
  return checked(model::load_scenario_with(*scenario, same_model, load), options, err);
}

}  // namespace orgsim::app
