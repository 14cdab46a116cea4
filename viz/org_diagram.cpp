#include "viz/org_diagram.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "common/errors.hpp"
#include "viz/diagram_parts.hpp"
#include "viz/dot_writer.hpp"
#include "viz/labels.hpp"
#include "viz/legend.hpp"

namespace orgsim::viz {

namespace {

using parts::font_html;

// Every department on the same neutral grey: colour means something in orgsim's
// pictures (red = failed, amber = the focus), so it is not spent on departments.
constexpr std::string_view kDepartmentFill = "#f2f2f2";

std::string role_label(const model::Role& role) {
  std::string html = "<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">";
  html += "<TR><TD>" +
          font_html(parts::name_html(role.name), "#000000", parts::kRoleFontSize, true) +
          "</TD></TR>";
  if (role.touchpoint > 0) {
    html += "<TR><TD>" +
            font_html("customers meet it: " + percent(role.touchpoint) + " of CX", "#1a1a1a",
                      parts::kDetailFontSize, false) +
            "</TD></TR>";
  }
  return html + "</TABLE>";
}

// An edge colour whose opacity grows with the weight: weak links fade back.
std::string edge_colour(double weight) {
  int alpha = 0x50 + static_cast<int>(std::min(1.0, weight / 0.5) * (0xe0 - 0x50));
  char buf[16];
  std::snprintf(buf, sizeof buf, "#303030%02x", alpha);
  return buf;
}

}  // namespace

DotGraph build_org_diagram(const model::OrgGraph& graph, const OrgDiagramOptions& options) {
  const std::size_t n = graph.role_count();
  if (n > options.max_roles) {
    throw InvalidArgument("org diagram: the model has " + std::to_string(n) +
                          " roles, more than max_roles (" + std::to_string(options.max_roles) +
                          ") can show readably: focus on a role or a department instead");
  }
  const parts::EdgeWeights weights(graph);
  const auto layers = parts::layers_by_hops(parts::hops_to_customer(graph, weights));

  std::size_t touchpoints = 0;
  double cx_share = 0;
  for (const auto& r : graph.roles()) {
    if (r.touchpoint > 0) {
      ++touchpoints;
      cx_share += r.touchpoint;
    }
  }
  const std::string title = !options.title.empty() ? options.title
                            : !graph.name.empty()  ? graph.name
                                                   : "Organization";
  std::size_t deps = graph.departments().size();
  std::string subtitle = std::to_string(n) + (n == 1 ? " role" : " roles") + " in " +
                         std::to_string(deps) + (deps == 1 ? " department" : " departments") +
                         "; " + std::to_string(touchpoints) +
                         (touchpoints == 1 ? " touchpoint carries " : " touchpoints carry ") +
                         percent(cx_share) + " of the CX score";

  DotGraph g = parts::base_graph("organization");
  g.graph_attributes.push_back({"forcelabels", "true"});  // weights beside the arrows
  std::vector<parts::KeyEntry> key = {
      {parts::line_sample_html("#303030", false),
       "dependency: trouble flows along the arrow, from the role depended on to the role that "
       "depends on it; thicker = stronger (number = weight)"},
      {font_html("\xE2\x96\xB6", "#4d4d4d", parts::kLegendFontSize + 6, false),
       "touchpoint (arrow-shaped): a role the customer meets; % = its share of the CX score"},
      parts::box_entry("CX", "#fff8e1", "#333333", 2,
                       "the customer-experience score (" + two_significant(graph.cx_baseline) +
                           " when everything works)")};
  g.graph_attributes.push_back(
      html_attribute("label", parts::title_block_html(title, subtitle, {parts::key_html(key)})));

  std::vector<bool> used(graph.departments().size(), false);
  for (const auto& r : graph.roles()) used[r.department.value] = true;
  for (std::uint32_t d = 0; d < graph.departments().size(); ++d) {
    if (used[d]) {
      g.clusters.push_back(
          parts::department_cluster(graph, model::DepartmentId(d), kDepartmentFill));
    }
  }
  for (std::uint32_t r = 0; r < n; ++r) {
    const auto& role = graph.roles()[r];
    DotNode node{parts::role_node_id(model::RoleId(r)),
                 parts::department_cluster_id(role.department),
                 {html_attribute("label", role_label(role)), {"tooltip", role.name}},
                 layers[r]};
    if (role.touchpoint > 0) node.attributes.push_back({"shape", "cds"});
    g.nodes.push_back(std::move(node));
  }
  std::string cx_label = font_html("CX", "#000000", 26, true) + "<BR/>" +
                         font_html("baseline " + fixed(graph.cx_baseline, 1), "#000000", 18, false);
  g.nodes.push_back(parts::cx_node(cx_label));

  for (const auto& [key_edge, w] : weights.all()) {
    auto [from, to] = key_edge;
    DotEdge e{
        parts::role_node_id(model::RoleId(from)),
        parts::role_node_id(model::RoleId(to)),
        {{"color", edge_colour(w)}, {"penwidth", fixed(0.5 + 8.0 * w, 1)}, {"arrowsize", "0.6"}},
        10.0 * w};
    if (w >= options.label_weights_from) {
      e.attributes.push_back({"xlabel", two_significant(w)});
      e.attributes.push_back({"fontcolor", "#303030"});
    }
    g.edges.push_back(std::move(e));
  }
  for (std::uint32_t r = 0; r < n; ++r) {
    double w = graph.roles()[r].touchpoint;
    if (!(w > 0)) continue;
    g.edges.push_back({parts::role_node_id(model::RoleId(r)),
                       std::string(parts::kCxNodeId),
                       {{"color", "#1f1f1f"}, {"penwidth", fixed(1.0 + 10.0 * w, 1)}},
                       20.0 * w});
  }
  return g;
}

}  // namespace orgsim::viz
