#include "viz/impact_diagram.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "common/errors.hpp"
#include "viz/colour_scale.hpp"
#include "viz/diagram_parts.hpp"
#include "viz/dot_writer.hpp"
#include "viz/labels.hpp"
#include "viz/legend.hpp"

namespace orgsim::viz {

namespace {

using parts::EdgeWeights;
using parts::font_html;
using EdgeKey = std::pair<std::uint32_t, std::uint32_t>;

constexpr const char* kWhere = "impact diagram";
constexpr const char* kArrow = " \xE2\x86\x92 ";  // →

void check_input(const model::OrgGraph& graph, const ImpactInput& input,
                 const EdgeWeights& weights) {
  const std::string where = kWhere;
  if (input.values.size() != graph.role_count()) {
    throw InvalidArgument(where + ": values has " + std::to_string(input.values.size()) +
                          " entries, expected one per role (" + std::to_string(graph.role_count()) +
                          ")");
  }
  for (std::size_t i = 0; i < input.values.size(); ++i) {
    parts::check_unit_interval(input.values[i],
                               where + ": values[" + std::to_string(i) + "] (role " +
                                   parts::quoted(graph.roles()[i].id) + ")",
                               true);
  }
  for (std::size_t i = 0; i < input.failed.size(); ++i) {
    std::string at = where + ": failed[" + std::to_string(i) + "]";
    parts::check_role(graph, input.failed[i].role, at);
    parts::check_unit_interval(input.failed[i].degrade, at + ": degrade", false);
  }
  for (std::size_t i = 0; i < input.paths.size(); ++i) {
    parts::check_path(graph, weights, input.paths[i], where + ": paths[" + std::to_string(i) + "]");
  }
  for (std::size_t i = 0; i < input.loops.size(); ++i) {
    parts::check_loop(graph, weights, input.loops[i], where + ": loops[" + std::to_string(i) + "]");
  }
  if (!std::isfinite(input.cx_baseline) || !std::isfinite(input.cx_low)) {
    throw InvalidArgument(where + ": cx_baseline and cx_low must be finite numbers, got " +
                          fixed(input.cx_baseline, 6) + " and " + fixed(input.cx_low, 6));
  }
  if (input.paths_share)
    parts::check_unit_interval(*input.paths_share, where + ": paths_share", true);
}

std::string role_label(const model::Role& role, double value, std::optional<double> degrade,
                       double via_points) {
  Rgb fill = value_colour(value);
  std::string ink = hex(text_colour_on(fill));
  std::string html = "<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">";
  html += "<TR><TD>" + font_html(parts::name_html(role.name), ink, parts::kRoleFontSize, true) +
          "</TD></TR>";
  html += "<TR><TD>" + font_html("q " + fixed(value, 2), ink, parts::kDetailFontSize, false) +
          "</TD></TR>";
  if (role.touchpoint > 0) {
    html +=
        "<TR><TD>" +
        font_html("touchpoint w " + fixed(role.touchpoint, 2), ink, parts::kDetailFontSize, false) +
        "</TD></TR>";
  }
  if (via_points > 0) {
    html += "<TR><TD>" +
            font_html("\xE2\x88\x92" + two_significant(via_points) + " CX on the top paths", ink,
                      parts::kDetailFontSize, true) +
            "</TD></TR>";
  }
  if (degrade) {
    html += "<TR><TD BGCOLOR=\"" + std::string(parts::kFailedRed) + "\">" +
            font_html("&#160;FAILED " + percent(*degrade) + "&#160;", "#ffffff",
                      parts::kDetailFontSize, true) +
            "</TD></TR>";
  }
  return html + "</TABLE>";
}

std::string loop_text(const model::OrgGraph& graph, const FeedbackLoop& loop) {
  std::string text;
  for (auto r : loop.roles) text += wrap_text(graph.role(r).name, 28, 1).front() + kArrow;
  return text + wrap_text(graph.role(loop.roles.front()).name, 28, 1).front();
}

std::string legend_blocks(const model::OrgGraph& graph, const ImpactInput& input, bool collapsed) {
  std::vector<parts::KeyEntry> key;
  if (!input.failed.empty()) {
    key.push_back(parts::box_entry("FAILED", "white", parts::kFailedRed, 3,
                                   "failed role: where the trouble was injected, and how hard"));
  }
  key.push_back({font_html("\xE2\x96\xB6", "#4d4d4d", parts::kLegendFontSize + 6, false),
                 "touchpoint (arrow-shaped): the customer meets this role; w = its weight in CX"});
  if (!input.paths.empty()) {
    key.push_back({parts::line_sample_html(parts::kPathInk, false),
                   "top path to the customer: thicker = more CX points; numbers = dependency "
                   "weights"});
  }
  for (const auto& loop : input.loops) {
    key.push_back(
        {parts::line_sample_html(parts::kLoopOrange, true),
         "feedback loop, gain " + two_significant(loop.gain) + ": " + loop_text(graph, loop)});
  }
  key.push_back({parts::line_sample_html(parts::kQuietEdge, false),
                 "other dependency: trouble flows along the arrow"});
  if (collapsed) {
    key.push_back(parts::box_entry(
        "N more", "white", "#8c8c8c", 1,
        "roles off the top paths, counted per department (the full option draws them)"));
  }
  std::string row =
      "<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR><TD VALIGN=\"TOP\">" +
      parts::key_html(key) + "</TD>";
  if (!input.paths.empty()) {
    row += "<TD WIDTH=\"30\"></TD><TD VALIGN=\"TOP\">" +
           parts::path_list_html(graph, input.paths, 8, "Top paths to the customer") + "</TD>";
  }
  return row + "</TR></TABLE>";
}

}  // namespace

std::string impact_subtitle(const ImpactInput& input) {
  std::string s = "CX " + fixed(input.cx_baseline, 1) + kArrow + fixed(input.cx_low, 1);
  if (input.cx_low_step) s += " at step " + std::to_string(*input.cx_low_step);
  double drop = input.cx_baseline - input.cx_low;
  if (input.paths.empty() || !(drop > 0)) return s;
  double share = 0;
  if (input.paths_share) {
    share = *input.paths_share;
  } else {
    for (const auto& p : input.paths) share += p.cx_points;
    share = std::min(1.0, share / drop);
  }
  std::size_t n = input.paths.size();
  s += n == 1 ? "; the top path carries " : "; top " + std::to_string(n) + " paths carry ";
  return s + percent(share) + " of the drop";
}

DotGraph build_impact_diagram(const model::OrgGraph& graph, const ImpactInput& input,
                              const ImpactOptions& options) {
  const EdgeWeights weights(graph);
  check_input(graph, input, weights);
  const std::size_t n = graph.role_count();

  // Which roles to draw.
  const bool collapsed = !options.full && n > options.collapse_above;
  std::vector<bool> visible(n, !collapsed);
  std::map<std::uint32_t, double> degrade;  // by role; several failures add up (capped at 1)
  for (const auto& f : input.failed) {
    degrade[f.role.value] = std::min(1.0, degrade[f.role.value] + f.degrade);
    visible[f.role.value] = true;
  }
  for (const auto& p : input.paths) {
    for (auto r : p.roles) visible[r.value] = true;
  }
  for (const auto& l : input.loops) {
    for (auto r : l.roles) visible[r.value] = true;
  }

  DotGraph g = parts::base_graph(input.title.empty() ? "impact" : input.title);
  g.graph_attributes.push_back(html_attribute(
      "label",
      parts::title_block_html(input.title.empty() ? "Impact" : input.title, impact_subtitle(input),
                              {parts::colour_bar_html("peak inoperability q  (0 = "
                                                      "working normally, 1 = stopped)"),
                               legend_blocks(graph, input, collapsed)})));

  // Departments: a cluster for each one with a visible role; hidden roles counted.
  std::vector<std::size_t> visible_in(graph.departments().size(), 0);
  std::vector<std::size_t> hidden_in(graph.departments().size(), 0);
  for (std::uint32_t r = 0; r < n; ++r) {
    (visible[r] ? visible_in : hidden_in)[graph.roles()[r].department.value]++;
  }
  for (std::uint32_t d = 0; d < graph.departments().size(); ++d) {
    if (visible_in[d] > 0) {
      g.clusters.push_back(parts::department_cluster(graph, model::DepartmentId(d), "#f4f4f4"));
    }
  }

  const auto flow = parts::edge_contributions(input.paths);
  auto via = [&](std::uint32_t r) {
    auto it = flow.find({r, r});
    return it == flow.end() ? 0.0 : it->second;
  };
  const auto layers = parts::layers_by_hops(parts::hops_to_customer(graph, weights));
  const int failed_layer = *std::max_element(layers.begin(), layers.end()) + 1;
  for (std::uint32_t r = 0; r < n; ++r) {
    if (!visible[r]) continue;
    const auto& role = graph.roles()[r];
    std::optional<double> failed;
    if (auto it = degrade.find(r); it != degrade.end()) failed = it->second;
    Rgb fill = value_colour(input.values[r]);
    DotNode node{parts::role_node_id(model::RoleId(r)),
                 parts::department_cluster_id(role.department),
                 {html_attribute("label", role_label(role, input.values[r], failed, via(r))),
                  {"fillcolor", hex(fill)},
                  {"tooltip", role.name}},
                 failed ? failed_layer : layers[r]};  // the failure stands on the left
    if (role.touchpoint > 0) node.attributes.push_back({"shape", "cds"});
    if (failed) {
      node.attributes.push_back({"color", std::string(parts::kFailedRed)});
      node.attributes.push_back({"penwidth", "5"});
    }
    g.nodes.push_back(std::move(node));
  }
  // Departments with nothing drawn share one box; the others show their count
  // last in their own box (layer 0 inside a box: the rightmost sub-column).
  const std::string others = "others";
  bool any_others = false;
  for (std::uint32_t d = 0; d < graph.departments().size(); ++d) {
    if (hidden_in[d] == 0 || !collapsed) continue;
    const auto& dep = graph.departments()[d];
    if (visible_in[d] == 0 && !any_others) {
      any_others = true;
      g.clusters.push_back(
          {others,
           {html_attribute("label", font_html("Departments off the top paths", "#333333",
                                              parts::kClusterFontSize, true)),
            {"style", "rounded,dashed"},
            {"color", "#9a9a9a"},
            {"penwidth", "1.5"}}});
    }
    std::string text = wrap_text(dep.name.empty() ? dep.id : dep.name, 30, 1).front() + ": " +
                       std::to_string(hidden_in[d]) +
                       (hidden_in[d] == 1 ? " more role" : " more roles");
    g.nodes.push_back(
        {"more_" + parts::department_cluster_id(model::DepartmentId(d)),
         visible_in[d] > 0 ? parts::department_cluster_id(model::DepartmentId(d)) : others,
         {{"label", text},
          {"style", "rounded,dashed"},
          {"color", "#8c8c8c"},
          {"fontcolor", std::string(parts::kMutedText)},
          {"fontsize", std::to_string(parts::kDetailFontSize)}},
         visible_in[d] > 0 ? 0 : 1});  // one layer: a compact grid
  }

  // The CX node.
  std::string cx_label = font_html("CX", "#000000", 26, true) + "<BR/>" +
                         font_html(fixed(input.cx_baseline, 1) + kArrow + fixed(input.cx_low, 1),
                                   "#000000", 20, true) +
                         "<BR/>" +
                         font_html("customer experience", "#333333", parts::kDetailFontSize, false);
  g.nodes.push_back(parts::cx_node(cx_label));

  // Edges: highlighted paths, loops, the quiet rest, then touchpoints into CX.
  double max_flow = 0;
  for (const auto& [e, f] : flow) max_flow = std::max(max_flow, f);
  std::set<EdgeKey> loop_edges;
  for (const auto& l : input.loops) {
    for (std::size_t i = 0; i < l.roles.size(); ++i) {
      loop_edges.insert({l.roles[i].value, l.roles[(i + 1) % l.roles.size()].value});
    }
  }
  for (const auto& [key, w] : weights.all()) {
    auto [from, to] = key;
    if (!visible[from] || !visible[to]) continue;
    std::string a = parts::role_node_id(model::RoleId(from));
    std::string b = parts::role_node_id(model::RoleId(to));
    auto f = flow.find(key);
    bool on_path = f != flow.end();
    bool in_loop = loop_edges.count(key) > 0;
    if (on_path) {
      double share = max_flow > 0 ? f->second / max_flow : 1.0;
      g.edges.push_back({a,
                         b,
                         {{"color", std::string(parts::kPathInk)},
                          {"penwidth", fixed(parts::flow_penwidth(share), 1)},
                          {"arrowsize", "0.9"},
                          {"label", fixed(w, 2)},
                          {"fontcolor", "#000000"}},
                         10.0});
    }
    if (in_loop) {
      g.edges.push_back({a,
                         b,
                         {{"color", std::string(parts::kLoopOrange)},
                          {"style", "dashed"},
                          {"penwidth", "3"},
                          {"label", on_path ? std::string() : fixed(w, 2)},
                          {"fontcolor", std::string(parts::kLoopOrange)}},
                         3.0});
    }
    if (!on_path && !in_loop) {
      g.edges.push_back({a, b, {{"penwidth", fixed(0.6 + 2.0 * w, 1)}, {"arrowsize", "0.5"}}, 0.3});
    }
  }
  for (std::uint32_t r = 0; r < n; ++r) {
    if (!visible[r] || !(graph.roles()[r].touchpoint > 0)) continue;
    auto f = flow.find({r, r});
    DotEdge e{parts::role_node_id(model::RoleId(r)), std::string(parts::kCxNodeId), {}};
    if (f != flow.end()) {
      double share = max_flow > 0 ? f->second / max_flow : 1.0;
      e.attributes = {{"color", std::string(parts::kPathInk)},
                      {"penwidth", fixed(parts::flow_penwidth(share), 1)},
                      {"arrowsize", "0.9"}};
      e.pull = 10.0;
    } else {
      e.attributes = {{"penwidth", "1"}, {"arrowsize", "0.5"}};
    }
    g.edges.push_back(std::move(e));
  }
  return g;
}

}  // namespace orgsim::viz
