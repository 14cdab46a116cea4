#pragma once
// `orgsim export` and `orgsim import`: a model to and from GraphML (yEd, Gephi) and
// Graphviz DOT (model/graph_files.hpp), so it round-trips with the tools people draw
// organizations in.

#include <filesystem>
#include <ostream>

#include "app/load_input.hpp"

namespace orgsim::app {

struct ExportOptions {
  std::filesystem::path model;   ///< a model file, or a scenario (its model is exported)
  std::filesystem::path output;  ///< .graphml, .dot or .gv (or .html: cli/cmd_export_page.cpp)
  std::filesystem::path engine;  ///< .html: the WebAssembly engine (--engine), or found
  InputOptions input;
};

/// Writes the model as GraphML or DOT (by the output's extension), atomically; refuses
/// an output that is one of the inputs. Returns kExitOk.
int run_export(const ExportOptions& options, std::ostream& out, std::ostream& err);

struct ImportOptions {
  std::filesystem::path graph;   ///< .graphml, .dot or .gv
  std::filesystem::path output;  ///< the model YAML to write
  InputOptions input;            ///< max_input_mb applies to the graph file
};

/// Reads a GraphML or DOT file as a model, validates it as `orgsim validate` does
/// (warnings printed to `err`), and writes it as model YAML. Returns kExitOk; throws
/// LoadError or ValidationError (exit 2) for a graph that is not a valid model.
int run_import(const ImportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace orgsim::app
