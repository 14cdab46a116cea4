#pragma once
// Several pictures as the pages of one PDF: Graphviz lays out each graph and its
// cairo renderer draws it into a page of a cairo PDF surface that orgsim owns
// (gvRenderContext), scaled to fit. Graphviz's own PDF output holds one graph.
// Internal to viz/ (Renderer::render_pdf_pages is the public face).

#include <string>
#include <vector>

#include "viz/dot_graph.hpp"

struct GVC_s;  // Graphviz's GVC_t

namespace orgsim::viz {

/// A page in points (1/72 inch), landscape.
struct PageSize {
  double width = 842;   ///< A4 landscape: 297 mm
  double height = 595;  ///< 210 mm
  double margin = 28;   ///< blank border on every side (about 1 cm)
};

/// Whether this build can draw PDF pages (it was built with cairo).
bool pdf_pages_supported();

/// Draws each graph on its own page, centred and scaled to fit inside the margin
/// (never enlarged beyond 1.5x, so a small graph is not blown up), into PDF bytes
/// in `out`. Graphviz's messages go to stderr; returns false if Graphviz or cairo
/// failed. Time: one layout per page.
bool draw_pages_with_graphviz(GVC_s* gvc, const std::vector<DotGraph>& pages, const PageSize& size,
                              std::string& out);

}  // namespace orgsim::viz
