#pragma once
// Models as GraphML (yEd, Gephi, Cytoscape) and Graphviz DOT files, through
// Boost.Graph's readers and writers, so a model round-trips with the tools people
// already draw organizations in (issue 16).
//
// One node per role, its attributes: `role` (the id), `label` (the name, which yEd
// and Gephi show), `department`, `department_name`, `recovery`, `touchpoint`,
// `description`; one edge per dependency, from the role that depends to the one it
// depends on, with `weight`. The model's `name`, `description` and `cx_baseline` are
// graph attributes. Numbers are written with 17 significant digits, so they read back
// exactly.

#include <string>
#include <string_view>

#include "model/org_graph.hpp"

namespace orgsim::model {

enum class GraphFormat { kGraphml, kDot };

/// The format a file name asks for: .graphml -> GraphML; .dot or .gv -> DOT. Throws
/// InvalidArgument naming `option` and the extensions otherwise.
GraphFormat graph_format_of(std::string_view path, std::string_view option);

/// `graph` as a GraphML or DOT document. Time complexity: O(roles + dependencies).
std::string to_graph_file(const OrgGraph& graph, GraphFormat format);

/// The model in a GraphML or DOT document, read by Boost.Graph and checked with the
/// rules of the YAML and CSV readers (ids, names, ranges, unknown roles, duplicate
/// dependencies, self-dependencies). Throws LoadError when the document cannot be
/// parsed (Boost's message, which gives no column), ValidationError listing every
/// problem, each named by its node or edge ("node 'n3'", "edge 7 (web -> db)").
OrgGraph from_graph_file(std::string_view text, const std::string& file, GraphFormat format);

}  // namespace orgsim::model
