#include "app/parse_input.hpp"

#include "model/loader.hpp"
#include "model/validate.hpp"

namespace orgsim::app {

LoadedInput parse_input(std::string_view text, std::string_view file_name, model::OrgGraph model,
                        const InputOptions& options) {
  LoadedInput in{model::parse_scenario(text, file_name, std::move(model)), {}};
  in.warnings = model::validate_scenario(in.scenario);
  model::throw_if_errors(in.warnings, in.scenario.sources.get(), options.strict);
  return in;
}

}  // namespace orgsim::app
