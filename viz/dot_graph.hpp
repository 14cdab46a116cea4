#pragma once
// A Graphviz graph as plain data: what viz/ builds and what write_dot and render
// consume. No Graphviz headers here, so it can be built and tested without libgvc.

#include <string>
#include <utility>
#include <vector>

namespace orgsim::viz {

/// Attribute name and value. Values are plain text; write_dot quotes and escapes them.
/// A value that starts with '<' and ends with '>' is an HTML-like label and is
/// written as is (its text parts must already be escaped with html_escape()).
using Attributes = std::vector<std::pair<std::string, std::string>>;

struct DotNode {
  std::string id;
  std::string cluster;  ///< id of the DotCluster it belongs to, "" for the top level
  Attributes attributes;
};

struct DotEdge {
  std::string from;
  std::string to;
  Attributes attributes;
};

struct DotCluster {
  std::string id;  ///< written as "cluster_<id>", which is what makes Graphviz draw a box
  Attributes attributes;
};

struct DotGraph {
  std::string name;
  Attributes graph_attributes;
  Attributes node_defaults;
  Attributes edge_defaults;
  std::vector<DotCluster> clusters;
  std::vector<DotNode> nodes;
  std::vector<DotEdge> edges;
};

}  // namespace orgsim::viz
