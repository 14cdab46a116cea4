#include "viz/diagram_parts.hpp"

#include <algorithm>
#include <cmath>
#include <deque>

#include "common/errors.hpp"
#include "viz/dot_writer.hpp"
#include "viz/labels.hpp"

namespace orgsim::viz::parts {

std::string role_node_id(model::RoleId role) { return "r" + std::to_string(role.value); }

std::string department_cluster_id(model::DepartmentId department) {
  return "d" + std::to_string(department.value);
}

DotGraph base_graph(std::string name) {
  DotGraph g;
  g.name = std::move(name);
  g.layout = Layout::kGrid;
  const std::string font(kFont);
  g.graph_attributes = {
      {"rankdir", "LR"},   {"outputorder", "edgesfirst"},  // nodes drawn over edges
      {"fontname", font},  {"labelloc", "t"},
      {"labeljust", "l"},  {"pad", "0.4"},
      {"bgcolor", "white"}};
  g.node_defaults = {{"shape", "box"},
                     {"style", "rounded,filled"},
                     {"fillcolor", "white"},
                     {"color", "#4d4d4d"},
                     {"penwidth", "1.2"},
                     {"fontname", font},
                     {"fontsize", std::to_string(kRoleFontSize)},
                     {"margin", "0.15,0.08"}};
  g.edge_defaults = {{"fontname", font},
                     {"fontsize", std::to_string(kEdgeFontSize)},
                     {"color", std::string(kQuietEdge)},
                     {"arrowsize", "0.7"}};
  return g;
}

std::string name_html(std::string_view name, std::size_t width, std::size_t lines) {
  std::string out;
  for (const auto& line : wrap_text(name, width, lines)) {
    if (!out.empty()) out += "<BR/>";
    out += html_escape(line);
  }
  return out.empty() ? "&#160;" : out;  // an empty label would collapse the node
}

std::string font_html(const std::string& text, std::string_view colour, int size, bool bold) {
  std::string inner = bold ? "<B>" + text + "</B>" : text;
  return "<FONT COLOR=\"" + std::string(colour) + "\" POINT-SIZE=\"" + std::to_string(size) +
         "\">" + inner + "</FONT>";
}

std::string title_block_html(std::string_view title, std::string_view subtitle,
                             const std::vector<std::string>& blocks) {
  std::string html = "<TABLE BORDER=\"0\" CELLSPACING=\"6\" CELLPADDING=\"0\">";
  html += "<TR><TD ALIGN=\"LEFT\">" +
          font_html(name_html(title, 70, 2), "#000000", kTitleFontSize, true) + "</TD></TR>";
  if (!subtitle.empty()) {
    html += "<TR><TD ALIGN=\"LEFT\">" +
            font_html(html_escape(subtitle), "#333333", kSubtitleFontSize, false) + "</TD></TR>";
  }
  for (const auto& b : blocks) html += "<TR><TD ALIGN=\"LEFT\">" + b + "</TD></TR>";
  return html + "</TABLE>";
}

DotCluster department_cluster(const model::OrgGraph& graph, model::DepartmentId department,
                              std::string_view fill) {
  const auto& d = graph.department(department);
  std::string label = font_html(name_html(d.name.empty() ? d.id : d.name, 30, 2), "#333333",
                                kClusterFontSize, true);
  return {department_cluster_id(department),
          {html_attribute("label", label),
           {"style", "rounded,filled"},
           {"fillcolor", std::string(fill)},
           {"color", "#9a9a9a"},
           {"penwidth", "1.5"},
           {"margin", "14"},
           {"labeljust", "l"}}};
}

std::string path_text_html(const model::OrgGraph& graph, const std::vector<model::RoleId>& roles,
                           bool to_cx) {
  std::string out;
  for (auto r : roles) {
    if (!out.empty()) out += " \xE2\x86\x92 ";  // →
    out += name_html(graph.role(r).name, 28, 1);
  }
  if (to_cx) out += " \xE2\x86\x92 CX";
  return out;
}

EdgeWeights::EdgeWeights(const model::OrgGraph& graph) {
  for (const auto& d : graph.dependencies()) {
    if (d.weight > 0) w_[{d.depends_on.value, d.role.value}] += d.weight;
  }
}

double EdgeWeights::weight(model::RoleId from, model::RoleId to) const {
  auto it = w_.find({from.value, to.value});
  return it == w_.end() ? 0.0 : it->second;
}

std::vector<int> hops_to_customer(const model::OrgGraph& graph, const EdgeWeights& weights) {
  // Breadth-first from the touchpoints against the propagation direction.
  std::vector<std::vector<std::uint32_t>> suppliers(graph.role_count());
  for (const auto& [edge, w] : weights.all()) suppliers[edge.second].push_back(edge.first);
  std::vector<int> hops(graph.role_count(), kUnreachable);
  std::deque<std::uint32_t> queue;
  for (std::uint32_t r = 0; r < graph.role_count(); ++r) {
    if (graph.roles()[r].touchpoint > 0) {
      hops[r] = 1;
      queue.push_back(r);
    }
  }
  while (!queue.empty()) {
    std::uint32_t r = queue.front();
    queue.pop_front();
    for (auto s : suppliers[r]) {
      if (hops[s] == kUnreachable) {
        hops[s] = hops[r] + 1;
        queue.push_back(s);
      }
    }
  }
  return hops;
}

std::vector<int> layers_by_hops(const std::vector<int>& hops) {
  int deepest = 1;
  for (int h : hops) {
    if (h != kUnreachable) deepest = std::max(deepest, h);
  }
  std::vector<int> layers = hops;
  for (int& l : layers) {
    if (l == kUnreachable) l = deepest + 1;
  }
  return layers;
}

std::map<std::pair<std::uint32_t, std::uint32_t>, double> edge_contributions(
    const std::vector<ImpactPath>& paths) {
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> flow;
  for (const auto& p : paths) {
    for (std::size_t i = 0; i + 1 < p.roles.size(); ++i) {
      flow[{p.roles[i].value, p.roles[i + 1].value}] += p.cx_points;
    }
    if (!p.roles.empty()) flow[{p.roles.back().value, p.roles.back().value}] += p.cx_points;
  }
  return flow;
}

double flow_penwidth(double share) { return 2.0 + 9.0 * std::clamp(share, 0.0, 1.0); }

std::string quoted(std::string_view name) { return "'" + std::string(name) + "'"; }

void check_role(const model::OrgGraph& graph, model::RoleId role, const std::string& where) {
  if (role.value >= graph.role_count()) {
    throw InvalidArgument(where + ": role index " + std::to_string(role.value) +
                          " is out of range [0, " + std::to_string(graph.role_count()) + ")");
  }
}

void check_unit_interval(double value, const std::string& where, bool allow_zero) {
  bool ok = std::isfinite(value) && value <= 1.0 && (allow_zero ? value >= 0.0 : value > 0.0);
  if (!ok) {
    throw InvalidArgument(where + " must be in " + (allow_zero ? "[0, 1]" : "(0, 1]") + ", got " +
                          fixed(value, 6));
  }
}

void check_path(const model::OrgGraph& graph, const EdgeWeights& weights, const ImpactPath& path,
                const std::string& where) {
  if (path.roles.empty()) throw InvalidArgument(where + ": a path needs at least one role");
  for (auto r : path.roles) check_role(graph, r, where);
  if (!std::isfinite(path.cx_points) || path.cx_points < 0) {
    throw InvalidArgument(where + ": cx_points must be a finite number >= 0, got " +
                          fixed(path.cx_points, 6));
  }
  for (std::size_t i = 0; i + 1 < path.roles.size(); ++i) {
    if (!weights.has(path.roles[i], path.roles[i + 1])) {
      throw InvalidArgument(where + ": " + quoted(graph.role(path.roles[i + 1]).id) +
                            " does not depend on " + quoted(graph.role(path.roles[i]).id));
    }
  }
  const auto& last = graph.role(path.roles.back());
  if (!(last.touchpoint > 0)) {
    throw InvalidArgument(where + ": the path must end at a touchpoint, but " + quoted(last.id) +
                          " is not one");
  }
}

void check_loop(const model::OrgGraph& graph, const EdgeWeights& weights, const FeedbackLoop& loop,
                const std::string& where) {
  if (loop.roles.size() < 2) throw InvalidArgument(where + ": a loop needs at least two roles");
  for (auto r : loop.roles) check_role(graph, r, where);
  if (!std::isfinite(loop.gain) || loop.gain < 0) {
    throw InvalidArgument(where + ": gain must be a finite number >= 0, got " +
                          fixed(loop.gain, 6));
  }
  for (std::size_t i = 0; i < loop.roles.size(); ++i) {
    auto from = loop.roles[i];
    auto to = loop.roles[(i + 1) % loop.roles.size()];
    if (!weights.has(from, to)) {
      throw InvalidArgument(where + ": " + quoted(graph.role(to).id) + " does not depend on " +
                            quoted(graph.role(from).id));
    }
  }
}

DotNode cx_node(const std::string& label_html) {
  return {std::string(kCxNodeId),
          "",
          {html_attribute("label", label_html),
           {"shape", "doubleoctagon"},
           {"style", "filled"},
           {"fillcolor", "#fff8e1"},
           {"color", "#333333"},
           {"penwidth", "2"}},
          0};
}

}  // namespace orgsim::viz::parts
