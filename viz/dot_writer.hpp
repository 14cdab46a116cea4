#pragma once
// DOT text output, with no Graphviz library involved (used for .dot files and by the
// golden tests, and as the input the renderer parses).

#include <ostream>
#include <string>
#include <string_view>

#include "viz/dot_graph.hpp"

namespace orgsim::viz {

/// Writes `graph` as a DOT digraph. Every id and value is quoted and escaped, so
/// names from input files cannot break the syntax. Time complexity: O(size).
void write_dot(const DotGraph& graph, std::ostream& out);

/// write_dot into a string.
std::string to_dot(const DotGraph& graph);

/// Escapes text for an HTML-like label: & < > " and ' become entities; control
/// characters are dropped.
std::string html_escape(std::string_view text);

}  // namespace orgsim::viz
