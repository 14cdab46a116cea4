#pragma once
// An output file must never be one of the files the run read: `orgsim run s.yaml --json
// model.yaml` would replace the model with JSON.

#include <filesystem>
#include <span>
#include <string_view>

#include "model/scenario.hpp"

namespace orgsim::app {

/// Throws InvalidArgument (exit 2) when `output` is the same file as the scenario file,
/// its model file or one of the model's CSV tables (std::filesystem::equivalent: also
/// through links and other spellings), naming the option, both paths and which input it
/// is: "--json: 'model.yaml' is an input of this run (the model); choose another file".
/// "-" (standard output) and files that do not exist yet pass.
void refuse_overwriting_inputs(const std::filesystem::path& output, const model::Scenario& inputs,
                               std::string_view option);

/// The same check against plain input files, each with what it is ("a scenario").
struct InputFile {
  std::filesystem::path path;
  std::string_view role;
};
void refuse_overwriting_inputs(const std::filesystem::path& output,
                               std::span<const InputFile> inputs, std::string_view option);

}  // namespace orgsim::app
