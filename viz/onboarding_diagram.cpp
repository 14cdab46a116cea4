#include "viz/onboarding_diagram.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "common/errors.hpp"
#include "viz/diagram_parts.hpp"
#include "viz/dot_writer.hpp"
#include "viz/labels.hpp"
#include "viz/legend.hpp"

namespace orgsim::viz {

namespace {

using parts::EdgeWeights;
using parts::font_html;

constexpr const char* kWhere = "onboarding diagram";
constexpr std::string_view kFocusFill = "#ffd166";
constexpr std::string_view kUpstreamFill = "#ffffff";
constexpr std::string_view kDownstreamFill = "#dce9f7";
constexpr std::string_view kUpstreamEdge = "#7a7a7a";

std::vector<model::RoleId> focus_roles(const model::OrgGraph& graph, const Focus& focus) {
  if (const auto* role = std::get_if<model::RoleId>(&focus)) {
    parts::check_role(graph, *role, std::string(kWhere) + ": focus");
    return {*role};
  }
  auto dep = std::get<model::DepartmentId>(focus);
  if (dep.value >= graph.departments().size()) {
    throw InvalidArgument(std::string(kWhere) + ": focus: department index " +
                          std::to_string(dep.value) + " is out of range [0, " +
                          std::to_string(graph.departments().size()) + ")");
  }
  std::vector<model::RoleId> roles;
  for (std::uint32_t r = 0; r < graph.role_count(); ++r) {
    if (graph.roles()[r].department == dep) roles.emplace_back(r);
  }
  return roles;
}

std::string role_label(const model::Role& role, const std::vector<std::string>& details) {
  std::string html = "<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">";
  html += "<TR><TD>" +
          font_html(parts::name_html(role.name), "#000000", parts::kRoleFontSize, true) +
          "</TD></TR>";
  for (const auto& d : details) {
    html += "<TR><TD>" + font_html(html_escape(d), "#1a1a1a", parts::kDetailFontSize, false) +
            "</TD></TR>";
  }
  return html + "</TABLE>";
}

}  // namespace

std::string focus_name(const model::OrgGraph& graph, const Focus& focus) {
  if (const auto* role = std::get_if<model::RoleId>(&focus)) {
    parts::check_role(graph, *role, std::string(kWhere) + ": focus");
    return graph.role(*role).name;
  }
  auto dep = std::get<model::DepartmentId>(focus);
  focus_roles(graph, focus);  // checks the index
  const auto& d = graph.department(dep);
  return d.name.empty() ? d.id : d.name;
}

DotGraph build_onboarding_diagram(const model::OrgGraph& graph, const OnboardingInput& input,
                                  const OnboardingOptions& options) {
  const EdgeWeights weights(graph);
  const std::string where = kWhere;
  const auto focus = focus_roles(graph, input.focus);
  parts::check_unit_interval(input.degrade, where + ": degrade", false);
  const std::size_t n = graph.role_count();
  std::vector<bool> is_focus(n, false);
  for (auto r : focus) is_focus[r.value] = true;
  for (std::size_t i = 0; i < input.paths.size(); ++i) {
    std::string at = where + ": paths[" + std::to_string(i) + "]";
    parts::check_path(graph, weights, input.paths[i], at);
    if (!is_focus[input.paths[i].roles.front().value]) {
      throw InvalidArgument(at + ": the path starts at " +
                            parts::quoted(graph.role(input.paths[i].roles.front()).id) +
                            ", which is not the focus");
    }
  }
  const std::string name = focus_name(graph, input.focus);
  const bool department = std::holds_alternative<model::DepartmentId>(input.focus);

  // Downstream: roles on the paths, with the points passing through each.
  std::vector<double> through(n, 0.0);
  std::vector<bool> downstream(n, false);
  double total = 0;
  for (const auto& p : input.paths) {
    total += p.cx_points;
    for (auto r : p.roles) {
      through[r.value] += p.cx_points;
      if (!is_focus[r.value]) downstream[r.value] = true;
    }
  }
  // Upstream: suppliers of the focus, hop by hop.
  std::vector<std::vector<std::uint32_t>> suppliers(n);
  for (const auto& [e, w] : weights.all()) suppliers[e.second].push_back(e.first);
  std::vector<std::size_t> hop(n, 0);  // 0: not upstream
  std::vector<std::uint32_t> frontier;
  for (auto r : focus) frontier.push_back(r.value);
  std::set<std::pair<std::uint32_t, std::uint32_t>> upstream_edges;
  for (std::size_t h = 1; h <= options.upstream_hops && !frontier.empty(); ++h) {
    std::vector<std::uint32_t> next;
    for (auto v : frontier) {
      for (auto s : suppliers[v]) {
        if (is_focus[s]) continue;
        upstream_edges.insert({s, v});
        if (hop[s] == 0) {
          hop[s] = h;
          next.push_back(s);
        }
      }
    }
    frontier = std::move(next);
  }

  DotGraph g = parts::base_graph("onboarding");
  std::string subtitle;
  if (input.paths.empty()) {
    subtitle = "No path from " + name + " reaches the customer.";
  } else {
    std::size_t k = input.paths.size();
    subtitle = "If " + name + " were " + percent(input.degrade) +
               " degraded, CX would lose about " + two_significant(total) + " points (of " +
               fixed(graph.cx_baseline, 1) + ") along " + std::to_string(k) +
               (k == 1 ? " path" : " paths") + ". On the left: what " + name + " depends on.";
  }
  std::vector<parts::KeyEntry> key = {
      parts::box_entry(department ? "department" : "your role", kFocusFill, "#000000", 3,
                       department ? "the roles of " + name : name),
      parts::box_entry(
          "upstream", kUpstreamFill, "#4d4d4d", 1,
          "what it depends on, up to " + std::to_string(options.upstream_hops) + " steps back"),
      parts::box_entry("on a path", kDownstreamFill, "#4d4d4d", 1,
                       "roles its trouble passes through on the way to the customer"),
      {font_html("\xE2\x96\xB6", "#4d4d4d", parts::kLegendFontSize + 6, false),
       "touchpoint (arrow-shaped): the customer meets this role; w = its weight in CX"},
      {parts::line_sample_html(parts::kPathInk, false),
       "path to the customer: thicker = more CX points; numbers = dependency weights"},
      {parts::line_sample_html(kUpstreamEdge, false), "dependency of the focus (weight)"}};
  std::string blocks =
      "<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR><TD VALIGN=\"TOP\">" +
      parts::key_html(key) + "</TD>";
  if (!input.paths.empty()) {
    blocks += "<TD WIDTH=\"30\"></TD><TD VALIGN=\"TOP\">" +
              parts::path_list_html(graph, input.paths, options.listed_paths,
                                    "CX points each path would cost") +
              "</TD>";
  }
  blocks += "</TR></TABLE>";
  g.graph_attributes.push_back(html_attribute(
      "label",
      parts::title_block_html("How " + name + " reaches the customer", subtitle, {blocks})));

  // Nodes, by department. Layers: the customer side by hops, the focus left of
  // every path, what it depends on further left.
  const auto layers = parts::layers_by_hops(parts::hops_to_customer(graph, weights));
  int focus_layer = 1;
  for (std::uint32_t r = 0; r < n; ++r) {
    if (downstream[r] || is_focus[r]) focus_layer = std::max(focus_layer, layers[r] + 1);
  }
  std::vector<bool> visible(n, false);
  for (std::uint32_t r = 0; r < n; ++r) visible[r] = is_focus[r] || downstream[r] || hop[r] > 0;
  std::vector<bool> cluster_used(graph.departments().size(), false);
  for (std::uint32_t r = 0; r < n; ++r) {
    if (visible[r]) cluster_used[graph.roles()[r].department.value] = true;
  }
  for (std::uint32_t d = 0; d < cluster_used.size(); ++d) {
    if (cluster_used[d]) {
      bool focus_dept = department && std::get<model::DepartmentId>(input.focus).value == d;
      g.clusters.push_back(parts::department_cluster(graph, model::DepartmentId(d),
                                                     focus_dept ? "#fff3d6" : "#f4f4f4"));
    }
  }
  for (std::uint32_t r = 0; r < n; ++r) {
    if (!visible[r]) continue;
    const auto& role = graph.roles()[r];
    std::vector<std::string> details;
    std::string_view fill = kUpstreamFill;
    if (is_focus[r]) {
      fill = kFocusFill;
      details.push_back(department ? "in " + name : "this role");
    } else if (downstream[r]) {
      fill = kDownstreamFill;
    }
    if (role.touchpoint > 0) details.push_back("touchpoint w " + fixed(role.touchpoint, 2));
    if (through[r] > 0) details.push_back(two_significant(through[r]) + " CX points pass here");
    DotNode node{parts::role_node_id(model::RoleId(r)),
                 parts::department_cluster_id(role.department),
                 {html_attribute("label", role_label(role, details)),
                  {"fillcolor", std::string(fill)},
                  {"tooltip", role.name}},
                 is_focus[r]     ? focus_layer
                 : downstream[r] ? layers[r]
                                 : focus_layer + static_cast<int>(hop[r])};
    if (role.touchpoint > 0) node.attributes.push_back({"shape", "cds"});
    if (is_focus[r]) {
      node.attributes.push_back({"penwidth", "4"});
      node.attributes.push_back({"color", "#000000"});
    }
    g.nodes.push_back(std::move(node));
  }
  std::string cx_label = font_html("CX", "#000000", 26, true) + "<BR/>" +
                         font_html("baseline " + fixed(graph.cx_baseline, 1), "#000000", 18, false);
  if (total > 0) {
    cx_label += "<BR/>" +
                font_html("\xE2\x88\x92" + two_significant(total) + " points", "#000000", 20, true);
  }
  g.nodes.push_back(parts::cx_node(cx_label));

  // Edges: the paths (thick by flow), then the upstream dependencies.
  const auto flow = parts::edge_contributions(input.paths);
  double max_flow = 0;
  for (const auto& [e, f] : flow) max_flow = std::max(max_flow, f);
  auto path_edge = [&](std::string from, std::string to, double f, std::string label) {
    double share = max_flow > 0 ? f / max_flow : 1.0;
    g.edges.push_back({std::move(from),
                       std::move(to),
                       {{"color", std::string(parts::kPathInk)},
                        {"penwidth", fixed(parts::flow_penwidth(share), 1)},
                        {"arrowsize", "0.9"},
                        {"fontcolor", "#000000"}},
                       10.0});
    if (!label.empty()) g.edges.back().attributes.push_back({"label", std::move(label)});
  };
  for (const auto& [key, f] : flow) {
    auto [from, to] = key;
    if (from == to) continue;  // touchpoint -> CX, below
    path_edge(parts::role_node_id(model::RoleId(from)), parts::role_node_id(model::RoleId(to)), f,
              fixed(weights.weight(model::RoleId(from), model::RoleId(to)), 2));
  }
  for (std::uint32_t r = 0; r < n; ++r) {
    auto f = flow.find({r, r});
    if (f == flow.end()) continue;
    path_edge(parts::role_node_id(model::RoleId(r)), std::string(parts::kCxNodeId), f->second, "");
  }
  for (const auto& [s, v] : upstream_edges) {
    if (flow.count({s, v}) > 0) continue;  // already drawn as a path edge
    double w = weights.weight(model::RoleId(s), model::RoleId(v));
    g.edges.push_back({parts::role_node_id(model::RoleId(s)),
                       parts::role_node_id(model::RoleId(v)),
                       {{"color", std::string(kUpstreamEdge)},
                        {"penwidth", fixed(1.0 + 4.0 * w, 1)},
                        {"label", fixed(w, 2)},
                        {"fontcolor", "#4d4d4d"}},
                       2.0});
  }
  return g;
}

}  // namespace orgsim::viz
