#include "app/graph_convert.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

#include "app/exit_codes.hpp"
#include "app/output_guard.hpp"
#include "app/text.hpp"
#include "common/atomic_file.hpp"
#include "common/errors.hpp"
#include "common/printable.hpp"
#include "common/source_files.hpp"
#include "model/graph_files.hpp"
#include "model/validate.hpp"
#include "model/yaml_writer.hpp"

namespace orgsim::app {

namespace fs = std::filesystem;

namespace {

std::string sizes(const model::OrgGraph& g) {
  return count_of(g.role_count(), "role", "roles") + ", " +
         count_of(g.departments().size(), "department", "departments") + ", " +
         count_of(g.dependencies().size(), "dependency", "dependencies");
}

// The whole file, refused beyond the input limit as the model loaders refuse it.
std::string read_graph_file(const fs::path& path, std::uintmax_t max_mb) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    throw InvalidArgument("GRAPH: '" + printable_path(path) + "' is not a file");
  }
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > max_mb * 1024 * 1024) {
    throw InvalidArgument("GRAPH: '" + printable_path(path) +
                          "' is too large: " + std::to_string(size) + " bytes, the limit is " +
                          std::to_string(max_mb) + " MB (--max-input-mb)");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw InvalidArgument("GRAPH: cannot read '" + printable_path(path) + "'");
  return text.str();
}

}  // namespace

int run_export(const ExportOptions& options, std::ostream& out, std::ostream& err) {
  const model::GraphFormat format = model::graph_format_of(options.output.string(), "-o/--output");
  LoadedInput in = load_input(options.model, options.input, err);
  refuse_overwriting_inputs(options.output, in.scenario, "-o/--output");
  const model::OrgGraph& g = in.scenario.model;
  write_file_atomically(options.output, model::to_graph_file(g, format));
  out << "Wrote " << printable_path(options.output) << " (" << sizes(g) << ")\n";
  return kExitOk;
}

int run_import(const ImportOptions& options, std::ostream& out, std::ostream& err) {
  const model::GraphFormat format = model::graph_format_of(options.graph.string(), "GRAPH");
  if (options.output.empty()) throw InvalidArgument("-o/--output: give the model file to write");
  const InputFile graph_file{options.graph, "the graph"};
  refuse_overwriting_inputs(options.output, std::span(&graph_file, 1), "-o/--output");
  const std::string text = read_graph_file(options.graph, options.input.max_input_mb);
  const model::OrgGraph g = model::from_graph_file(text, options.graph.string(), format);
  SourceFiles sources;
  sources.add(options.graph.string(), text);
  const Diagnostics checks = model::validate_model(g);
  err << format_diagnostics(checks, &sources);
  model::throw_if_errors(checks, &sources, options.input.strict);
  write_file_atomically(options.output, "# Imported from " + printable_path(options.graph) +
                                            " by orgsim import.\n\n" + model::to_yaml(g));
  out << "Wrote " << printable_path(options.output) << " (" << sizes(g) << ")\n";
  return kExitOk;
}

}  // namespace orgsim::app
