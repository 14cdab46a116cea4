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
#include "viz/onboarding_caption.hpp"

namespace orgsim::viz {

namespace {

using parts::EdgeWeights;
using parts::font_html;
using Edge = std::pair<std::uint32_t, std::uint32_t>;

constexpr const char* kWhere = "onboarding diagram";
// One colour rule in every picture: red means failed (impact pictures only);
// the focus is amber, everything else neutral.
constexpr std::string_view kFocusFill = "#ffd166";
constexpr std::string_view kUpstreamFill = "#ffffff";
constexpr std::string_view kDownstreamFill = "#e8eef5";
constexpr std::string_view kUpstreamEdge = "#6e6e6e";

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

std::string department_name(const model::OrgGraph& graph, model::DepartmentId d) {
  const auto& dep = graph.department(d);
  return dep.name.empty() ? dep.id : dep.name;
}

// Name in bold, its department in grey (no department boxes: they would pull
// the columns apart), then the details.
std::string role_label(const model::OrgGraph& graph, const model::Role& role,
                       const std::vector<std::string>& details) {
  std::string html = "<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">";
  html += "<TR><TD>" +
          font_html(parts::name_html(role.name), "#000000", parts::kRoleFontSize, true) +
          "</TD></TR>";
  html += "<TR><TD>" +
          font_html(parts::name_html(department_name(graph, role.department), 30, 1),
                    std::string(parts::kMutedText), parts::kDetailFontSize - 2, false) +
          "</TD></TR>";
  for (const auto& d : details) {
    html += "<TR><TD>" + font_html(html_escape(d), "#1a1a1a", parts::kDetailFontSize, false) +
            "</TD></TR>";
  }
  return html + "</TABLE>";
}

// The numbered paths, two significant digits like every number in the picture.
// One text cell per row: Graphviz stretches the columns of a nested table to the
// width of the title, but keeps left-aligned text where it is.
std::string path_list(const model::OrgGraph& graph, const std::vector<ImpactPath>& paths,
                      std::size_t weaker, double weaker_points) {
  auto cell = [](const std::string& escaped, bool bold = false) {
    return "<TR><TD ALIGN=\"LEFT\">" + font_html(escaped, "#222222", parts::kLegendFontSize, bold) +
           "</TD></TR>";
  };
  std::string html = "<TABLE BORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"2\">";
  html += cell(paths.size() == 1 ? "The path to the customer, and the CX points it carries"
                                 : "The top " + std::to_string(paths.size()) +
                                       " paths to the customer, and the CX points each carries",
               true);
  for (std::size_t i = 0; i < paths.size(); ++i) {
    html +=
        cell(std::to_string(i + 1) + ".  " + parts::path_text_html(graph, paths[i].roles, true) +
             ":  <B>" + two_significant(paths[i].cx_points) + "</B>");
  }
  if (weaker > 0) {
    html +=
        cell("and " + std::to_string(weaker) + (weaker == 1 ? " weaker path" : " weaker paths") +
             ", not drawn:  " + two_significant(weaker_points));
  }
  return html + "</TABLE>";
}

// The legend: the three words a new hire meets, one line each, then the marks.
std::string legend(const std::string& name, bool department, double degrade,
                   std::size_t upstream_hops) {
  std::vector<parts::KeyEntry> key = {
      {font_html("q", "#000000", parts::kLegendFontSize + 2, true),
       "q: how much of a role's work is not getting done, 0 = normal, 1 = stopped (" +
           (name.empty() ? std::string("every page shows its role") : "here " + name) +
           " at q = " + two_significant(degrade) + ")"},
      {font_html("\xE2\x96\xB6", "#4d4d4d", parts::kLegendFontSize + 6, false),
       "touchpoint (arrow-shaped box): a role the customer meets; % = its share of the CX score"},
      {font_html("0.30", "#000000", parts::kLegendFontSize, false),
       "weight beside an arrow: the share of a role's work that stops when the role the arrow "
       "comes from stops"},
      parts::box_entry(department ? "department" : "this role", kFocusFill, "#000000", 3,
                       department     ? "the roles of " + name
                       : name.empty() ? "the role the page is about"
                                      : name),
      parts::box_entry("depends on", kUpstreamFill, "#4d4d4d", 1,
                       "left: what it depends on, up to " + std::to_string(upstream_hops) +
                           " steps back; thin grey arrows"),
      parts::box_entry("on a path", kDownstreamFill, "#4d4d4d", 1,
                       "right: how its trouble reaches the customer; thicker = more CX points")};
  return parts::key_html(key);
}

}  // namespace

DotGraph onboarding_key_page(double degrade, std::size_t upstream_hops) {
  DotGraph g = parts::base_graph("how to read");
  g.layout = Layout::kDot;
  g.graph_attributes.push_back(html_attribute(
      "label", parts::title_block_html("How to read the role pages",
                                       "One page per role, read from left to right:",
                                       {legend("", false, degrade, upstream_hops)})));
  g.nodes.push_back({"blank", "", {{"style", "invis"}, {"label", ""}, {"width", "0.1"}}});
  return g;
}

std::string focus_name(const model::OrgGraph& graph, const Focus& focus) {
  if (const auto* role = std::get_if<model::RoleId>(&focus)) {
    parts::check_role(graph, *role, std::string(kWhere) + ": focus");
    return graph.role(*role).name;
  }
  focus_roles(graph, focus);  // checks the index
  return department_name(graph, std::get<model::DepartmentId>(focus));
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
  double listed = 0;
  for (const auto& p : input.paths) listed += p.cx_points;
  const double total = input.total_cx_points >= 0 ? input.total_cx_points : listed;
  // The paths drawn: the given ones, less those too weak to matter.
  std::vector<ImpactPath> paths;
  for (const auto& p : input.paths) {
    if (p.cx_points >= options.min_path_share * total || paths.empty()) paths.push_back(p);
  }

  // Downstream: roles on the paths, the points passing through each, and their
  // column: steps before the customer along the longest path they are on.
  std::vector<double> through(n, 0.0);
  std::vector<bool> downstream(n, false);
  std::vector<int> column(n, 0);
  std::map<std::uint32_t, double> by_touchpoint;
  double drawn = 0;
  for (const auto& p : paths) {
    drawn += p.cx_points;
    by_touchpoint[p.roles.back().value] += p.cx_points;
    for (std::size_t i = 0; i < p.roles.size(); ++i) {
      auto r = p.roles[i].value;
      through[r] += p.cx_points;
      if (!is_focus[r]) downstream[r] = true;
      column[r] = std::max(column[r], static_cast<int>(p.roles.size() - i));
    }
  }
  int focus_column = 1;
  for (std::uint32_t r = 0; r < n; ++r) {
    if (downstream[r]) focus_column = std::max(focus_column, column[r] + 1);
  }
  // Upstream: hop by hop, only roles not drawn already, and only the arrows
  // that lead one column closer to the focus (no sideways or backward edges).
  std::vector<std::vector<std::uint32_t>> suppliers(n);
  for (const auto& [e, w] : weights.all()) suppliers[e.second].push_back(e.first);
  std::vector<std::size_t> hop(n, 0);  // 0: not upstream
  std::vector<std::uint32_t> frontier;
  for (auto r : focus) frontier.push_back(r.value);
  std::set<Edge> upstream_edges;
  for (std::size_t h = 1; h <= options.upstream_hops && !frontier.empty(); ++h) {
    std::vector<std::uint32_t> next;
    for (auto v : frontier) {
      for (auto s : suppliers[v]) {
        if (is_focus[s] || downstream[s]) continue;
        if (hop[s] == 0) {
          hop[s] = h;
          next.push_back(s);
        }
        if (hop[s] == h) upstream_edges.insert({s, v});
      }
    }
    frontier = std::move(next);
  }
  // Beyond one step, keep only each role's strongest link towards the focus:
  // many-to-many arrows there are the hairball a new hire cannot read.
  std::map<std::uint32_t, Edge> strongest;
  for (const auto& e : upstream_edges) {
    if (hop[e.first] < 2) continue;
    auto it = strongest.find(e.first);
    if (it == strongest.end() ||
        weights.weight(model::RoleId(e.first), model::RoleId(e.second)) >
            weights.weight(model::RoleId(it->second.first), model::RoleId(it->second.second))) {
      strongest[e.first] = e;
    }
  }
  std::erase_if(upstream_edges,
                [&](const Edge& e) { return hop[e.first] >= 2 && strongest.at(e.first) != e; });

  // Title, caption, legend and the numbered paths.
  DotGraph g = parts::base_graph("onboarding");
  // Graphviz's dot ranks the columns itself here: every edge points towards the
  // customer, and with no department boxes there is nothing for it to stack. Its
  // edge labels are laid out as nodes of their own, so a weight sits beside its
  // arrow and no line crosses it (nop2's labels landed on the lines).
  g.layout = Layout::kDot;
  g.graph_attributes.push_back({"ranksep", "0.5"});
  g.graph_attributes.push_back({"nodesep", "0.35"});
  std::string route;
  double route_share = 0;
  for (const auto& [r, points] : by_touchpoint) {
    if (drawn > 0 && points / drawn > route_share) {
      route_share = points / drawn;
      route = graph.roles()[r].name;
    }
  }
  const std::string caption =
      department ? focus_caption("the " + name + " department", input.degrade, graph.cx_baseline,
                                 total, route, route_share)
                 : focus_caption(name, input.degrade, graph.cx_baseline, total, route, route_share);
  std::string blocks =
      "<TABLE ALIGN=\"LEFT\" BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR>";
  if (options.legend) {
    blocks += "<TD ALIGN=\"LEFT\" VALIGN=\"TOP\">" +
              legend(name, department, input.degrade, options.upstream_hops) +
              "</TD><TD WIDTH=\"30\"></TD>";
  }
  if (!paths.empty()) {
    blocks += "<TD ALIGN=\"LEFT\" VALIGN=\"TOP\">" +
              path_list(graph, paths, input.paths.size() - paths.size(), listed - drawn) + "</TD>";
  }
  blocks += "</TR></TABLE>";
  g.graph_attributes.push_back(html_attribute(
      "label",
      parts::title_block_html("How " + name + " reaches the customer", caption, {blocks})));

  // Nodes in columns: upstream (left), the focus, the paths, CX (right).
  for (std::uint32_t r = 0; r < n; ++r) {
    if (!(is_focus[r] || downstream[r] || hop[r] > 0)) continue;
    const auto& role = graph.roles()[r];
    std::vector<std::string> details;
    std::string_view fill = kUpstreamFill;
    if (is_focus[r]) {
      fill = kFocusFill;
    } else if (downstream[r]) {
      fill = kDownstreamFill;
    }
    if (role.touchpoint > 0)
      details.push_back("customers meet it: " + percent(role.touchpoint) + " of CX");
    if (through[r] > 0 && !is_focus[r])
      details.push_back(two_significant(through[r]) + " CX points pass here");
    int layer = is_focus[r]     ? focus_column
                : downstream[r] ? column[r]
                                : focus_column + static_cast<int>(hop[r]);
    DotNode node{parts::role_node_id(model::RoleId(r)),
                 "",
                 {html_attribute("label", role_label(graph, role, details)),
                  {"fillcolor", std::string(fill)},
                  {"tooltip", role.name}},
                 layer};
    if (role.touchpoint > 0) node.attributes.push_back({"shape", "cds"});
    if (is_focus[r]) {
      node.attributes.push_back({"penwidth", "4"});
      node.attributes.push_back({"color", "#000000"});
    }
    g.nodes.push_back(std::move(node));
  }
  // The same two numbers as the caption: CX as it is, and as it would be.
  std::string cx_label = font_html("CX", "#000000", 26, true) + "<BR/>";
  if (total > 0) {
    cx_label +=
        font_html(two_significant(graph.cx_baseline) + " \xE2\x86\x92 " +
                      two_significant(graph.cx_baseline - total),
                  "#000000", 20, true) +
        "<BR/>" +
        font_html("(\xE2\x88\x92" + two_significant(total) + " points)", "#000000", 16, false);
  } else {
    cx_label += font_html(two_significant(graph.cx_baseline), "#000000", 20, true);
  }
  g.nodes.push_back(parts::cx_node(cx_label));

  // Edges: the paths (thick by the points they carry), then the dependencies
  // into the focus side; each weight beside its arrow, never on it.
  const auto flow = parts::edge_contributions(paths);
  double max_flow = 0;
  for (const auto& [e, f] : flow) max_flow = std::max(max_flow, f);
  auto path_edge = [&](std::string from, std::string to, double f, std::string label) {
    double share = max_flow > 0 ? f / max_flow : 1.0;
    DotEdge e{std::move(from),
              std::move(to),
              {{"color", std::string(parts::kPathInk)},
               {"penwidth", fixed(parts::flow_penwidth(share), 1)},
               {"arrowsize", "0.9"},
               {"fontcolor", "#000000"}},
              10.0};
    if (!label.empty()) e.attributes.push_back({"label", std::move(label)});
    g.edges.push_back(std::move(e));
  };
  for (const auto& [key, f] : flow) {
    auto [from, to] = key;
    if (from == to) continue;  // touchpoint -> CX, below
    path_edge(parts::role_node_id(model::RoleId(from)), parts::role_node_id(model::RoleId(to)), f,
              two_significant(weights.weight(model::RoleId(from), model::RoleId(to))));
  }
  for (std::uint32_t r = 0; r < n; ++r) {
    auto f = flow.find({r, r});
    if (f == flow.end()) continue;
    path_edge(parts::role_node_id(model::RoleId(r)), std::string(parts::kCxNodeId), f->second, "");
  }
  for (const auto& [s, v] : upstream_edges) {
    double w = weights.weight(model::RoleId(s), model::RoleId(v));
    g.edges.push_back({parts::role_node_id(model::RoleId(s)),
                       parts::role_node_id(model::RoleId(v)),
                       {{"color", std::string(kUpstreamEdge)},
                        {"penwidth", fixed(1.0 + 3.0 * w, 1)},
                        {"label", two_significant(w)},
                        {"fontcolor", "#333333"}},
                       2.0});
  }
  return g;
}

}  // namespace orgsim::viz
