#pragma once
// The Graphviz side of rendering: DOT text in, picture bytes out. Internal to
// viz/ (Renderer is the public face); no Graphviz header here, only a forward
// declaration of its context type.

#include <string>

#include "viz/dot_graph.hpp"

struct GVC_s;  // Graphviz's GVC_t

namespace orgsim::viz {

/// Above this many nodes, edges are drawn straight instead of routed around
/// nodes (the router's cost grows quickly with the number of obstacles).
inline constexpr std::size_t kRoutedEdgeNodeLimit = 400;

/// Lays out `graph` (for Layout::kGrid: measures every node, places it with
/// place_in_grid and lets Graphviz's nop2 route the edges) and renders it as
/// `format` ("svg", "png", "pdf"; "dot" gives the positioned DOT text, which
/// renders the same with any Graphviz command since it names its layout).
/// Graphviz's messages go to stderr; returns false if Graphviz failed.
/// Graphs, layouts and buffers are freed before returning.
bool draw_with_graphviz(GVC_s* gvc, const DotGraph& graph, const std::string& format,
                        std::string& out);

/// What Graphviz is given for `graph`: the DOT text (for Layout::kGrid with every
/// node placed) and the layout engine to run on it ("nop2" or "dot"). Returns
/// false if measuring the nodes failed. Used by draw_with_graphviz and by the
/// booklet, which lays out each page itself.
bool graphviz_input(GVC_s* gvc, const DotGraph& graph, std::string& text, std::string& engine);

}  // namespace orgsim::viz
