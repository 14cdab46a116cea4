#include "viz/dot_writer.hpp"

#include <map>
#include <sstream>
#include <vector>

#include "viz/html_escape.hpp"
#include "viz/utf8.hpp"

namespace orgsim::viz {

namespace {

// A DOT double-quoted string: backslash and quote are escaped, newlines become the
// centred line break "\n". Other DOT escapes (\l, \N, ...) cannot be smuggled in
// because every backslash from the input is doubled.
std::string quote(std::string_view raw) {
  std::string s = valid_utf8(raw);
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

std::string value_text(const Attribute& a) { return a.html ? "<" + a.value + ">" : quote(a.value); }

void write_attributes(const Attributes& attributes, std::ostream& out) {
  if (attributes.empty()) return;
  out << " [";
  bool first = true;
  for (const auto& a : attributes) {
    if (!first) out << ", ";
    first = false;
    out << a.name << "=" << value_text(a);
  }
  out << "]";
}

void write_node(const DotNode& n, const std::string& indent, std::ostream& out) {
  out << indent << quote(n.id);
  write_attributes(n.attributes, out);
  out << ";\n";
}

}  // namespace

std::string html_escape(std::string_view raw) {
  return escape_html(raw, HtmlTarget::kGraphvizLabel);
}

void write_dot(const DotGraph& graph, std::ostream& out) {
  out << "digraph " << quote(graph.name) << " {\n";
  auto defaults = [&](const char* kind, const Attributes& a) {
    if (a.empty()) return;
    out << "  " << kind;
    write_attributes(a, out);
    out << ";\n";
  };
  defaults("graph", graph.graph_attributes);
  defaults("node", graph.node_defaults);
  defaults("edge", graph.edge_defaults);
  // Nodes grouped by cluster, clusters in the order they were declared; a node
  // naming no declared cluster goes to the top level rather than vanish.
  std::map<std::string, std::vector<const DotNode*>> by_cluster;
  for (const auto& c : graph.clusters) by_cluster[c.id];
  for (const auto& n : graph.nodes) {
    auto it = by_cluster.find(n.cluster);
    (it == by_cluster.end() ? by_cluster[""] : it->second).push_back(&n);
  }
  for (const auto& c : graph.clusters) {
    out << "  subgraph " << quote("cluster_" + c.id) << " {\n";
    for (const auto& a : c.attributes) out << "    " << a.name << "=" << value_text(a) << ";\n";
    for (const DotNode* n : by_cluster[c.id]) write_node(*n, "    ", out);
    out << "  }\n";
  }
  for (const DotNode* n : by_cluster[""]) write_node(*n, "  ", out);
  for (const auto& e : graph.edges) {
    out << "  " << quote(e.from) << " -> " << quote(e.to);
    write_attributes(e.attributes, out);
    out << ";\n";
  }
  out << "}\n";
}

std::string to_dot(const DotGraph& graph) {
  std::ostringstream out;
  write_dot(graph, out);
  return out.str();
}

}  // namespace orgsim::viz
