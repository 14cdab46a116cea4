#pragma once
// Building blocks shared by the impact, onboarding and whole-org diagrams: the
// look (fonts, colours), node ids, role labels, dependency lookups and the
// input checks. Internal to viz/; the public entry points are the *_diagram.hpp.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/org_graph.hpp"
#include "viz/dot_graph.hpp"
#include "viz/paths.hpp"

namespace orgsim::viz::parts {

// Projector-sized type and the house colours.
inline constexpr std::string_view kFont = "Helvetica,Arial,sans-serif";
inline constexpr int kRoleFontSize = 18;
inline constexpr int kDetailFontSize = 15;
inline constexpr int kEdgeFontSize = 15;
inline constexpr int kClusterFontSize = 20;
inline constexpr int kTitleFontSize = 32;
inline constexpr int kSubtitleFontSize = 20;
inline constexpr int kLegendFontSize = 16;
inline constexpr std::string_view kFailedRed = "#c8102e";
inline constexpr std::string_view kLoopOrange = "#e66100";
inline constexpr std::string_view kPathInk = "#1f1f1f";
inline constexpr std::string_view kQuietEdge = "#c4c4c4";
inline constexpr std::string_view kMutedText = "#5a5a5a";
inline constexpr std::string_view kCxNodeId = "cx";
/// Characters per line and lines of a role name inside a node.
inline constexpr std::size_t kNameWidth = 22;
inline constexpr std::size_t kNameLines = 3;

std::string role_node_id(model::RoleId role);
std::string department_cluster_id(model::DepartmentId department);

/// A graph with the common look: grid layout (left to right towards CX),
/// projector fonts, title on top, edges under nodes.
DotGraph base_graph(std::string name);

/// A role's name wrapped to kNameWidth x kNameLines, escaped, lines joined by <BR/>.
std::string name_html(std::string_view name, std::size_t width = kNameWidth,
                      std::size_t lines = kNameLines);

/// `text` (already escaped) in a FONT element with the given colour and size.
std::string font_html(const std::string& text, std::string_view colour, int size, bool bold);

/// The graph label: title, subtitle and any further blocks (legend, path list).
std::string title_block_html(std::string_view title, std::string_view subtitle,
                             const std::vector<std::string>& blocks);

/// Cluster for a department, drawn as a labelled rounded box.
DotCluster department_cluster(const model::OrgGraph& graph, model::DepartmentId department,
                              std::string_view fill);

/// "Role A -> Role B -> CX" with names shortened, escaped.
std::string path_text_html(const model::OrgGraph& graph, const std::vector<model::RoleId>& roles,
                           bool to_cx);

/// Summed dependency weights by (depends_on, role), i.e. by propagation edge.
class EdgeWeights {
 public:
  explicit EdgeWeights(const model::OrgGraph& graph);
  /// Weight of the propagation edge from -> to (to depends on from), 0 if absent.
  double weight(model::RoleId from, model::RoleId to) const;
  bool has(model::RoleId from, model::RoleId to) const { return weight(from, to) > 0; }
  /// Every edge with a positive weight, in (from, to) order.
  const std::map<std::pair<std::uint32_t, std::uint32_t>, double>& all() const { return w_; }

 private:
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> w_;
};

/// Hops from each role to the customer along propagation edges: 1 for a
/// touchpoint, 2 for a role a touchpoint depends on, ...; kUnreachable if none.
inline constexpr int kUnreachable = 1 << 30;
std::vector<int> hops_to_customer(const model::OrgGraph& graph, const EdgeWeights& weights);

/// hops_to_customer() as grid layers: kUnreachable becomes one more than the largest.
std::vector<int> layers_by_hops(const std::vector<int>& hops);

/// CX points carried by each propagation edge (from, to), summed over `paths`,
/// and by each touchpoint's edge into CX (keyed (touchpoint, touchpoint)).
std::map<std::pair<std::uint32_t, std::uint32_t>, double> edge_contributions(
    const std::vector<ImpactPath>& paths);

/// Pen width of a highlighted edge carrying `share` (in [0, 1]) of the largest flow.
double flow_penwidth(double share);

// Input checks (house rule 20). Each throws InvalidArgument with `where` in the
// message, e.g. "impact diagram: paths[2]: ...".
void check_role(const model::OrgGraph& graph, model::RoleId role, const std::string& where);
void check_unit_interval(double value, const std::string& where, bool allow_zero);
void check_path(const model::OrgGraph& graph, const EdgeWeights& weights, const ImpactPath& path,
                const std::string& where);
void check_loop(const model::OrgGraph& graph, const EdgeWeights& weights, const FeedbackLoop& loop,
                const std::string& where);

/// `name` quoted for messages: 'payments'.
std::string quoted(std::string_view name);

/// The CX node every diagram ends in (a double octagon on cream), with an
/// HTML-like label made of escaped parts.
DotNode cx_node(const std::string& label_html);

}  // namespace orgsim::viz::parts
