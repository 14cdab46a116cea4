#pragma once
// The first step of every subcommand: read a model or scenario, check it, print its
// warnings, and throw (exit 2) if it has errors.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>

#include "common/diagnostics.hpp"
#include "model/scenario.hpp"

namespace orgsim::app {

/// How input files are read, for every front end.
struct InputOptions {
  std::uintmax_t max_input_mb = 64;
  bool strict = false;  ///< warnings count as errors
};

struct LoadedInput {
  model::Scenario scenario;  ///< a bare model comes as a scenario with no failures
  Diagnostics warnings;      ///< already printed to `err`
};

/// Loads `path` (model or scenario), validates it (the model after the scenario's
/// changes), prints the warnings to `err`, and throws ValidationError on errors (or on
/// warnings with options.strict).
LoadedInput load_input(const std::filesystem::path& path, const InputOptions& options,
                       std::ostream& err);

/// The server's start: `model`, and when `scenario` is given, that scenario of it as
/// the starting what-if (refused with InvalidArgument when it names another model);
/// then checked as load_input does.
LoadedInput load_model_and_scenario(const std::filesystem::path& model,
                                    const std::optional<std::filesystem::path>& scenario,
                                    const InputOptions& options, std::ostream& err);

}  // namespace orgsim::app
