#pragma once
// A Graphviz graph as plain data: what viz/ builds and what write_dot and render
// consume. No Graphviz headers here, so it can be built and tested without libgvc.

#include <string>
#include <vector>

namespace orgsim::viz {

/// One attribute. A plain value is quoted and escaped by write_dot, whatever it
/// holds. An HTML-like label (`html` true) is written between < > as is: build
/// it only from html_escape()d text (see html_attribute()).
struct Attribute {
  std::string name;
  std::string value;
  bool html = false;
};

using Attributes = std::vector<Attribute>;

/// An HTML-like attribute value, e.g. html_attribute("label", "<B>x</B>").
inline Attribute html_attribute(std::string name, std::string markup) {
  return {std::move(name), std::move(markup), true};
}

struct DotNode {
  std::string id;
  std::string cluster;  ///< id of the DotCluster it belongs to, "" for the top level
  Attributes attributes;
  /// For Layout::kGrid: hops to the customer (0 = the CX node, 1 = a touchpoint,
  /// ...); larger layers stand further left. Not written to DOT.
  int layer = 1;
};

struct DotEdge {
  std::string from;
  std::string to;
  Attributes attributes;
  /// For Layout::kGrid: how strongly the edge pulls its ends' departments level
  /// with each other. Not written to DOT.
  double pull = 1.0;
};

struct DotCluster {
  std::string id;  ///< written as "cluster_<id>", which is what makes Graphviz draw a box
  Attributes attributes;
};

/// How the renderer places nodes.
enum class Layout {
  kDot,   ///< Graphviz's dot ranks everything (fine for small graphs without clusters)
  kGrid,  ///< orgsim's grid (see grid_layout.hpp); Graphviz only routes the edges
};

struct DotGraph {
  std::string name;
  Layout layout = Layout::kDot;
  Attributes graph_attributes;
  Attributes node_defaults;
  Attributes edge_defaults;
  std::vector<DotCluster> clusters;
  std::vector<DotNode> nodes;
  std::vector<DotEdge> edges;
};

/// The value of attribute `name` in `attributes`, or nullptr (last one wins, as in DOT).
inline const Attribute* find_attribute(const Attributes& attributes, const std::string& name) {
  const Attribute* found = nullptr;
  for (const auto& a : attributes) {
    if (a.name == name) found = &a;
  }
  return found;
}

}  // namespace orgsim::viz
