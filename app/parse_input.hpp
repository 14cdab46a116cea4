#pragma once
// Scenario text checked against a model already in memory: the front ends that build
// scenarios without files (the Python module's Scenario from a dict) get the same
// checks and messages as load_input() gives a file.

#include <string_view>

#include "app/load_input.hpp"
#include "model/org_graph.hpp"

namespace orgsim::app {

/// Parses `text` (YAML, or JSON, which is YAML) as a scenario of `model`, whose
/// `model:` key must be present but is not followed, and validates it as load_input()
/// does. `file_name` names the text in messages ("file:line:col: error: ...").
/// Throws LoadError or ValidationError; warnings are returned, not printed.
LoadedInput parse_input(std::string_view text, std::string_view file_name, model::OrgGraph model,
                        const InputOptions& options = {});

}  // namespace orgsim::app
