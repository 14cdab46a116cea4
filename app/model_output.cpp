#include "app/model_output.hpp"

#include "common/source_files.hpp"
#include "model/loader.hpp"
#include "model/validate.hpp"

namespace orgsim::app {

std::string checked_model_yaml(const model::OrgGraph& graph, const model::YamlComments& comments,
                               const std::filesystem::path& output, const InputOptions& options,
                               std::ostream& err) {
  std::string text = model::to_yaml(graph, comments);
  SourceFiles sources;
  sources.add(output.string(), text);
  // parse_model throws the loader's errors with lines in `text`: a writer bug, not input.
  const model::OrgGraph back = model::parse_model(text, output.string());
  const Diagnostics checks = model::validate_model(back);
  model::throw_if_errors(checks, &sources, options.strict);
  err << format_diagnostics(checks, &sources);
  return text;
}

}  // namespace orgsim::app
