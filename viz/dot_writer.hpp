#pragma once
// DOT text output, with no Graphviz library involved (used for .dot files and by the
// golden tests, and as the input the renderer parses).

#include <ostream>
#include <string>
#include <string_view>

#include "viz/dot_graph.hpp"

namespace orgsim::viz {

/// Writes `graph` as a DOT digraph. Every id and plain value is quoted and escaped
/// (malformed UTF-8 becomes U+FFFD), so names from input files cannot break the
/// syntax; HTML-like values are written as built. Time complexity: O(size).
void write_dot(const DotGraph& graph, std::ostream& out);

/// write_dot into a string.
std::string to_dot(const DotGraph& graph);

/// Escapes text for an HTML-like label: & < > " and ' become entities, a
/// backslash is doubled (Graphviz expands \N, \G, ... in label text and turns
/// "\\" into one), control characters are dropped, malformed UTF-8 becomes U+FFFD.
std::string html_escape(std::string_view text);

}  // namespace orgsim::viz
