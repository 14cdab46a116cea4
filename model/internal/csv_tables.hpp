#pragma once
// The `tables:` field of a model file: which CSV files hold its departments, roles and
// dependencies, and reading them (model/csv_model.hpp parses their text). Internal to
// model/: it includes yaml_reader.hpp, so include it from model/*.cpp only.

#include <cstdint>

#include "common/diagnostics.hpp"
#include "common/source_files.hpp"
#include "model/internal/yaml_reader.hpp"
#include "model/org_graph.hpp"

namespace orgsim::model {

/// Where the loader keeps file texts, and its size limit for YAML files.
struct TableInput {
  SourceFiles* sources = nullptr;  ///< each table's text is added here (quotes, digests)
  std::uintmax_t max_input_bytes;  ///< tables may be kTableSizeFactor times larger
};

/// Reads the lists of a model whose `top` mapping has `tables:`, from the files it
/// names (relative to the model file's folder) in the order departments, roles,
/// dependencies. Problems in the YAML go to `r`; problems inside the tables go to
/// `csv`, in file order. Throws LoadError when a table cannot be read at all.
void read_model_tables(YamlReader& r, Fields& top, double default_recovery, const TableInput& input,
                       OrgGraph& g, Diagnostics& csv);

}  // namespace orgsim::model
