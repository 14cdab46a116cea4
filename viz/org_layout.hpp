#pragma once
// The whole organization laid out once, as plain data: where each role, department
// and the CX node stand and how each dependency is drawn. The workshop page draws it
// itself and only restyles it per what-if, so positions never move between what-ifs
// of a model. Graphviz (cgraph + gvc, in process) measures the labels and routes the
// edges; orgsim's grid (grid_layout.hpp) places the nodes, as for every picture.

#include <cstdint>
#include <string>
#include <vector>

#include "model/org_graph.hpp"
#include "viz/render.hpp"

namespace orgsim::viz {

/// A point of the layout: layout units (points, 1/72 in), origin top left, y down.
struct LayoutPoint {
  double x = 0, y = 0;
};

/// A box of the layout: its top-left corner and size.
struct LayoutBox {
  double x = 0, y = 0, width = 0, height = 0;
};

/// Type sizes (layout units) the labels were measured with; a browser drawing the
/// layout uses the same, so every label fits its box.
struct LayoutFonts {
  std::string family = "DejaVu Sans, Helvetica, Arial, sans-serif";
  double name = 24;     ///< role names (bold)
  double detail = 19;   ///< the line under a role's name (q, FAILED)
  double cluster = 24;  ///< department names (bold)
  double cx = 34;       ///< "CX" in the CX node (bold); its figures at `name`
};

struct LayoutRole {
  model::RoleId role{0};
  std::vector<std::string> lines;  ///< the name as wrapped for the box (plain text)
  LayoutPoint centre;
  double width = 0, height = 0;
};

struct LayoutDepartment {
  model::DepartmentId department{0};
  std::vector<std::string> lines;  ///< the name as wrapped (plain text), drawn at top left
  LayoutBox box;
};

/// A drawn edge: a cubic Bézier spline (1 + 3k points) and, when Graphviz gave one,
/// the tip of its arrowhead (the spline ends at the arrowhead's base).
struct LayoutEdge {
  std::uint32_t from = 0;  ///< role index: the role that is depended on
  std::uint32_t to = 0;    ///< role index: the role that depends (unused for CX edges)
  double weight = 0;       ///< summed dependency weight, or the touchpoint weight
  std::vector<LayoutPoint> points;
  bool has_arrow = false;
  LayoutPoint arrow;
};

struct OrgLayout {
  double width = 0, height = 0;  ///< the bounding box, from (0, 0)
  LayoutFonts fonts;
  std::vector<LayoutRole> roles;              ///< one per role, by RoleId
  std::vector<LayoutDepartment> departments;  ///< departments with at least one role
  LayoutBox cx;                               ///< the CX node
  std::vector<LayoutEdge> edges;              ///< propagation edges (from -> to), by (from, to)
  std::vector<LayoutEdge> cx_edges;           ///< touchpoint -> CX, by role
};

/// Above this many roles, the layout's edges are straight lines: routing them around
/// the nodes of a whole model costs minutes (136 s at 300 roles and 926 edges).
inline constexpr std::size_t kRoutedEdgeRoleLimit = 60;

struct OrgLayoutOptions {
  LayoutFonts fonts;
  std::size_t name_width = 18;  ///< characters per line of a role name
  std::size_t name_lines = 3;   ///< lines of a role name at most
};

/// Lays out every role of `graph` (departments as boxes, the CX node last, every
/// dependency and touchpoint edge) with `renderer`'s Graphviz context. Deterministic:
/// the same model gives the same layout. Throws InvalidArgument for a model without
/// roles, orgsim::Error if Graphviz fails.
/// Time complexity: O(roles + edges) to build and read back, plus Graphviz's label
/// measuring and edge routing (straight edges above kRoutedEdgeRoleLimit roles).
OrgLayout lay_out_org(const model::OrgGraph& graph, Renderer& renderer,
                      const OrgLayoutOptions& options = {});

}  // namespace orgsim::viz
