#include "viz/department_map.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "common/errors.hpp"
#include "viz/diagram_parts.hpp"
#include "viz/dot_writer.hpp"
#include "viz/labels.hpp"
#include "viz/legend.hpp"

namespace orgsim::viz {

namespace {

using parts::font_html;

constexpr std::string_view kDepartmentFill = "#f2f2f2";  // neutral: colour is kept for meaning
constexpr std::string_view kCustomerFacingFill = "#e8eef5";

std::string node_id(std::uint32_t d) { return "d" + std::to_string(d); }

struct DepartmentFacts {
  std::size_t roles = 0;
  std::size_t touchpoints = 0;
  double cx_share = 0;
};

std::string department_label(const std::string& name, const DepartmentFacts& f) {
  std::string html = "<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">";
  html += "<TR><TD>" +
          font_html(parts::name_html(name, 24, 2), "#000000", parts::kRoleFontSize + 2, true) +
          "</TD></TR>";
  html += "<TR><TD>" +
          font_html(std::to_string(f.roles) + (f.roles == 1 ? " role" : " roles"), "#1a1a1a",
                    parts::kDetailFontSize, false) +
          "</TD></TR>";
  if (f.touchpoints > 0) {
    html += "<TR><TD>" +
            font_html("customers meet " + std::to_string(f.touchpoints) + ": " +
                          percent(f.cx_share) + " of CX",
                      "#1a1a1a", parts::kDetailFontSize, false) +
            "</TD></TR>";
  }
  return html + "</TABLE>";
}

}  // namespace

DotGraph build_department_map(const model::OrgGraph& graph, const DepartmentMapOptions& options) {
  if (!std::isfinite(options.min_total_weight) || options.min_total_weight < 0) {
    throw InvalidArgument("department map: min_total_weight must be a finite number >= 0, got " +
                          fixed(options.min_total_weight, 6));
  }
  const std::size_t d_count = graph.departments().size();
  std::vector<DepartmentFacts> facts(d_count);
  for (const auto& r : graph.roles()) {
    auto& f = facts[r.department.value];
    ++f.roles;
    if (r.touchpoint > 0) {
      ++f.touchpoints;
      f.cx_share += r.touchpoint;
    }
  }
  // Dependencies summed by (department depended on, department that depends).
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> between;
  const parts::EdgeWeights weights(graph);
  for (const auto& [e, w] : weights.all()) {
    auto from = graph.roles()[e.first].department.value;
    auto to = graph.roles()[e.second].department.value;
    if (from != to) between[{from, to}] += w;
  }
  // Columns: steps to the customer, department by department.
  std::vector<int> hops(d_count, parts::kUnreachable);
  for (std::uint32_t d = 0; d < d_count; ++d) {
    if (facts[d].touchpoints > 0) hops[d] = 1;
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& [e, w] : between) {
      if (hops[e.second] != parts::kUnreachable && hops[e.second] + 1 < hops[e.first]) {
        hops[e.first] = hops[e.second] + 1;
        changed = true;
      }
    }
  }
  const auto layers = parts::layers_by_hops(hops);

  const std::string title = !options.title.empty() ? options.title
                            : !graph.name.empty()  ? graph.name
                                                   : "Organization";
  std::size_t touchpoints = 0;
  double cx_share = 0;
  for (const auto& f : facts) {
    touchpoints += f.touchpoints;
    cx_share += f.cx_share;
  }
  std::size_t drawn = 0;
  for (const auto& [e, w] : between) drawn += w >= options.min_total_weight ? 1 : 0;
  const std::size_t n = graph.role_count();
  std::string subtitle =
      std::to_string(d_count) + (d_count == 1 ? " department, " : " departments, ") +
      std::to_string(n) + (n == 1 ? " role" : " roles") + ". Customers meet " +
      std::to_string(touchpoints) + (touchpoints == 1 ? " role" : " roles") + ", which carry " +
      percent(cx_share) + " of the CX score. " + std::to_string(drawn) + " of " +
      std::to_string(between.size()) + " links between departments drawn (summed weight " +
      two_significant(options.min_total_weight) + " or more).";

  DotGraph g = parts::base_graph("departments");
  // Ten-odd boxes without clusters: Graphviz's dot ranks them well, and its edge
  // labels (unlike xlabels) are placed beside the line, never on it.
  g.layout = Layout::kDot;
  g.graph_attributes.push_back({"ranksep", "0.9"});
  g.graph_attributes.push_back({"nodesep", "0.45"});
  std::vector<parts::KeyEntry> key = {
      {parts::line_sample_html("#303030", false),
       "arrow: the department it points to depends on the one it comes from; trouble flows "
       "along it; thicker = stronger"},
      {font_html("1.2", "#000000", parts::kLegendFontSize, false),
       "number beside an arrow: the weights of the dependencies it stands for, added up (a "
       "weight is the share of a role's work that stops when what it depends on stops)"},
      parts::box_entry("customers", kCustomerFacingFill, "#4d4d4d", 1,
                       "customers meet some of its roles (touchpoints); % = their share of CX"),
      parts::box_entry("CX", "#fff8e1", "#333333", 2,
                       "the customer-experience score, " + two_significant(graph.cx_baseline) +
                           " when everything works")};
  g.graph_attributes.push_back(
      html_attribute("label", parts::title_block_html(title, subtitle, {parts::key_html(key)})));

  for (std::uint32_t d = 0; d < d_count; ++d) {
    const auto& dep = graph.departments()[d];
    const std::string name = dep.name.empty() ? dep.id : dep.name;
    DotNode node{node_id(d),
                 "",
                 {html_attribute("label", department_label(name, facts[d])),
                  {"fillcolor",
                   std::string(facts[d].touchpoints > 0 ? kCustomerFacingFill : kDepartmentFill)},
                  {"tooltip", name},
                  {"margin", "0.2,0.12"}},
                 layers[d]};
    g.nodes.push_back(std::move(node));
  }
  std::string cx_label = font_html("CX", "#000000", 26, true) + "<BR/>" +
                         font_html(two_significant(graph.cx_baseline), "#000000", 18, false);
  g.nodes.push_back(parts::cx_node(cx_label));

  for (const auto& [e, w] : between) {
    if (w < options.min_total_weight) continue;
    g.edges.push_back({node_id(e.first),
                       node_id(e.second),
                       {{"color", "#404040"},
                        {"penwidth", fixed(1.0 + 3.0 * std::min(w, 2.0), 1)},
                        {"arrowsize", "0.8"},
                        {"label", two_significant(w)},
                        {"fontcolor", "#1a1a1a"}},
                       w});
  }
  for (std::uint32_t d = 0; d < d_count; ++d) {
    if (facts[d].touchpoints == 0) continue;
    g.edges.push_back({node_id(d),
                       std::string(parts::kCxNodeId),
                       {{"color", "#1f1f1f"},
                        {"penwidth", fixed(1.0 + 12.0 * facts[d].cx_share, 1)},
                        {"label", percent(facts[d].cx_share)},
                        {"fontcolor", "#000000"}},
                       2.0 * facts[d].cx_share});
  }
  return g;
}

}  // namespace orgsim::viz
