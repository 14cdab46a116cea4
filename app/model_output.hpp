#pragma once
// A model that orgsim writes for people to keep editing (`orgsim import hr`, `orgsim
// elicit --merge`): its YAML text is read back and checked as `orgsim validate` checks it
// before anything is written, so a file that lands on disk always validates.

#include <filesystem>
#include <ostream>
#include <string>

#include "app/load_input.hpp"
#include "model/org_graph.hpp"
#include "model/yaml_writer.hpp"

namespace orgsim::app {

/// to_yaml(graph, comments), parsed back as the file `output` and validated; warnings
/// (with lines in that text) go to `err`. Throws ValidationError on errors, or on
/// warnings with options.strict. Returns the text to write.
/// Time complexity: that of writing, loading and validating the model.
std::string checked_model_yaml(const model::OrgGraph& graph, const model::YamlComments& comments,
                               const std::filesystem::path& output, const InputOptions& options,
                               std::ostream& err);

}  // namespace orgsim::app
