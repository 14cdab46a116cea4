#include "viz/org_layout.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <charconv>
#include <cstdio>
#include <memory>
#include <sstream>

#include "common/errors.hpp"
#include "viz/diagram_parts.hpp"
#include "viz/dot_writer.hpp"
#include "viz/graphviz_draw.hpp"
#include "viz/labels.hpp"

namespace orgsim::viz {

namespace {

// The family Graphviz measures with: the first of LayoutFonts::family, which the page
// also asks the browser for first (DejaVu is what Debian's Graphviz and Chromium have).
std::string first_family(const std::string& families) {
  std::string f = families.substr(0, families.find(','));
  while (!f.empty() && f.back() == ' ') f.pop_back();
  return f;
}

std::string size_text(double size) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", size);
  return buf;
}

std::string lines_html(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "<BR/>") + html_escape(l);
  return out.empty() ? "&#160;" : out;
}

std::string font(const std::string& html, double size, bool bold) {
  return "<FONT POINT-SIZE=\"" + size_text(size) + "\">" + (bold ? "<B>" + html + "</B>" : html) +
         "</FONT>";
}

// The widest text a role's second line shows (the page writes "q 0.42" or "FAILED 50%").
constexpr const char* kDetailPlaceholder = "FAILED 100%";

DotGraph layout_graph(const model::OrgGraph& graph, const OrgLayoutOptions& o,
                      const parts::EdgeWeights& weights,
                      std::vector<std::vector<std::string>>& role_lines,
                      std::vector<std::vector<std::string>>& department_lines) {
  DotGraph g = parts::base_graph("org layout");
  const std::string family = first_family(o.fonts.family);
  g.graph_attributes.push_back({"fontname", family});
  g.node_defaults.push_back({"fontname", family});
  for (std::uint32_t d = 0; d < graph.departments().size(); ++d) {
    const auto& dep = graph.departments()[d];
    department_lines.push_back(wrap_text(dep.name.empty() ? dep.id : dep.name, 30, 2));
    g.clusters.push_back(
        {parts::department_cluster_id(model::DepartmentId(d)),
         {html_attribute("label", font(lines_html(department_lines.back()), o.fonts.cluster, true)),
          {"margin", "14"},
          {"labeljust", "l"}}});
  }
  const auto layers = parts::layers_by_hops(parts::hops_to_customer(graph, weights));
  for (std::uint32_t r = 0; r < graph.role_count(); ++r) {
    const auto& role = graph.roles()[r];
    role_lines.push_back(
        wrap_text(role.name.empty() ? role.id : role.name, o.name_width, o.name_lines));
    const std::string label = font(lines_html(role_lines.back()), o.fonts.name, true) + "<BR/>" +
                              font(kDetailPlaceholder, o.fonts.detail, true);
    g.nodes.push_back({parts::role_node_id(model::RoleId(r)),
                       parts::department_cluster_id(role.department),
                       {html_attribute("label", label)},
                       layers[r]});
  }
  const std::string cx_label = font("CX", o.fonts.cx, true) + "<BR/>" +
                               font("100.0 \xE2\x86\x92 100.0", o.fonts.name, true) + "<BR/>" +
                               font("customer experience", o.fonts.detail, false);
  g.nodes.push_back({std::string(parts::kCxNodeId), "", {html_attribute("label", cx_label)}, 0});
  std::size_t k = 0;
  for (const auto& [key, w] : weights.all()) {
    g.edges.push_back({parts::role_node_id(model::RoleId(key.first)),
                       parts::role_node_id(model::RoleId(key.second)),
                       {{"id", "e" + std::to_string(k++)}},
                       w});
  }
  for (std::uint32_t r = 0; r < graph.role_count(); ++r) {
    if (!(graph.roles()[r].touchpoint > 0)) continue;
    g.edges.push_back({parts::role_node_id(model::RoleId(r)),
                       std::string(parts::kCxNodeId),
                       {{"id", "x" + std::to_string(r)}},
                       1.0});
  }
  return g;
}

struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};

void put(std::string& out, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, " %.2f", v);
  out += buf;
}

void write_clusters(Agraph_t* g, std::string& out) {
  for (Agraph_t* sg = agfstsubg(g); sg != nullptr; sg = agnxtsubg(sg)) {
    const std::string name = agnameof(sg);
    if (name.rfind("cluster_d", 0) == 0) {
      const boxf bb = GD_bb(sg);
      out += "c " + name.substr(9);
      for (double v : {bb.LL.x, bb.LL.y, bb.UR.x, bb.UR.y}) put(out, v);
      out += "\n";
    }
    write_clusters(sg, out);
  }
}

// The laid-out graph as lines of text (this may run in a forked child: only bytes
// come back): "b" the bounding box, "n" nodes, "c" clusters, "e" edges with their
// arrow tip and Bézier points. Points, y up, as Graphviz gives them.
bool read_back(GVC_t* gvc, const DotGraph& graph, bool routed_roles_over_limit, std::string& out) {
  std::string text, engine;
  if (!graphviz_input(gvc, graph, text, engine)) return false;
  std::unique_ptr<Agraph_t, GraphCloser> g(agmemread(text.c_str()));
  if (!g) return false;
  // Routing every edge around the nodes of the whole model took 136 s at 300 roles
  // (926 edges): above kRoutedEdgeRoleLimit roles, edges are straight.
  if (routed_roles_over_limit) {
    char name[] = "splines", line[] = "line", none[] = "";
    agsafeset(g.get(), name, line, none);
  }
  if (gvLayout(gvc, g.get(), engine.c_str()) != 0) return false;
  const boxf bb = GD_bb(g.get());
  out = "b";
  for (double v : {bb.LL.x, bb.LL.y, bb.UR.x, bb.UR.y}) put(out, v);
  out += "\n";
  for (Agnode_t* n = agfstnode(g.get()); n != nullptr; n = agnxtnode(g.get(), n)) {
    const std::string name = agnameof(n);
    if (name != parts::kCxNodeId && name.rfind('r', 0) != 0) continue;  // label guards
    out += "n " + name;
    for (double v : {ND_coord(n).x, ND_coord(n).y, ND_width(n) * 72, ND_height(n) * 72}) {
      put(out, v);
    }
    out += "\n";
    for (Agedge_t* e = agfstout(g.get(), n); e != nullptr; e = agnxtout(g.get(), e)) {
      const char* id = agget(e, const_cast<char*>("id"));
      const splines* spl = ED_spl(e);
      if (id == nullptr || *id == '\0' || spl == nullptr || spl->size < 1) continue;
      const bezier& bz = spl->list[0];
      out += "e " + std::string(id) + (bz.eflag ? " 1" : " 0");
      put(out, bz.ep.x);
      put(out, bz.ep.y);
      out += " " + std::to_string(bz.size);
      for (int i = 0; i < bz.size; ++i) {
        put(out, bz.list[i].x);
        put(out, bz.list[i].y);
      }
      out += "\n";
    }
  }
  write_clusters(g.get(), out);
  gvFreeLayout(gvc, g.get());
  return true;
}

std::uint32_t index_after(const std::string& name, std::size_t prefix, std::size_t limit) {
  std::uint32_t v = 0;
  auto [ptr, ec] = std::from_chars(name.data() + prefix, name.data() + name.size(), v);
  if (ec != std::errc() || ptr != name.data() + name.size() || v >= limit) {
    throw Error("org layout: Graphviz returned an unknown object '" + name + "'");
  }
  return v;
}

}  // namespace

OrgLayout lay_out_org(const model::OrgGraph& graph, Renderer& renderer,
                      const OrgLayoutOptions& options) {
  if (graph.role_count() == 0) throw InvalidArgument("org layout: the model has no roles");
  const parts::EdgeWeights weights(graph);
  std::vector<std::vector<std::string>> role_lines, department_lines;
  const DotGraph g = layout_graph(graph, options, weights, role_lines, department_lines);
  RenderOptions run_options;
  run_options.timeout_seconds = 300;
  const std::string text = renderer.run_with_context(
      [&](GVC_s* gvc, std::string& out) {
        return read_back(gvc, g, graph.role_count() > kRoutedEdgeRoleLimit, out);
      },
      "the org layout", run_options);

  OrgLayout layout;
  layout.fonts = options.fonts;
  layout.roles.resize(graph.role_count());
  for (std::uint32_t r = 0; r < graph.role_count(); ++r) {
    layout.roles[r].role = model::RoleId(r);
    layout.roles[r].lines = std::move(role_lines[r]);
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edge_ends;
  for (const auto& [key, w] : weights.all()) edge_ends.push_back(key);
  std::vector<LayoutEdge> edges(edge_ends.size());
  std::vector<LayoutEdge> cx_edges(graph.role_count());
  std::vector<bool> has_department(graph.departments().size(), false);
  std::vector<LayoutDepartment> departments(graph.departments().size());

  double x0 = 0, y1 = 0;
  auto to_page = [&](double x, double y) { return LayoutPoint{x - x0, y1 - y}; };
  std::istringstream in(text);
  std::string kind, name;
  while (in >> kind) {
    if (kind == "b") {
      double y0 = 0, x1 = 0;
      in >> x0 >> y0 >> x1 >> y1;
      layout.width = x1 - x0;
      layout.height = y1 - y0;
    } else if (kind == "n") {
      double x = 0, y = 0, w = 0, h = 0;
      in >> name >> x >> y >> w >> h;
      if (name == parts::kCxNodeId) {
        const LayoutPoint c = to_page(x, y);
        layout.cx = {c.x - w / 2, c.y - h / 2, w, h};
      } else {
        LayoutRole& role = layout.roles[index_after(name, 1, graph.role_count())];
        role.centre = to_page(x, y);
        role.width = w;
        role.height = h;
      }
    } else if (kind == "c") {
      double ax = 0, ay = 0, bx = 0, by = 0;
      in >> name >> ax >> ay >> bx >> by;
      const std::uint32_t d = index_after(name, 0, graph.departments().size());
      const LayoutPoint top_left = to_page(ax, by);
      departments[d] = {model::DepartmentId(d),
                        std::move(department_lines[d]),
                        {top_left.x, top_left.y, bx - ax, by - ay}};
      has_department[d] = true;
    } else if (kind == "e") {
      int arrow = 0;
      double ex = 0, ey = 0;
      std::size_t count = 0;
      in >> name >> arrow >> ex >> ey >> count;
      LayoutEdge* e = nullptr;
      if (!name.empty() && name[0] == 'e') {
        const std::uint32_t k = index_after(name, 1, edges.size());
        e = &edges[k];
        e->from = edge_ends[k].first;
        e->to = edge_ends[k].second;
        e->weight = weights.all().at(edge_ends[k]);
      } else {
        const std::uint32_t r = index_after(name, 1, graph.role_count());
        e = &cx_edges[r];
        e->from = e->to = r;
        e->weight = graph.roles()[r].touchpoint;
      }
      e->has_arrow = arrow != 0;
      e->arrow = to_page(ex, ey);
      for (std::size_t i = 0; i < count && in; ++i) {
        double x = 0, y = 0;
        in >> x >> y;
        e->points.push_back(to_page(x, y));
      }
    } else {
      throw Error("org layout: cannot read Graphviz's answer at '" + kind + "'");
    }
    if (!in) throw Error("org layout: cannot read Graphviz's answer (" + kind + " " + name + ")");
  }
  for (std::size_t d = 0; d < departments.size(); ++d) {
    if (has_department[d]) layout.departments.push_back(std::move(departments[d]));
  }
  // An edge Graphviz drew no spline for (none expected) keeps a straight line.
  auto straight = [&](LayoutEdge& e, LayoutPoint a, LayoutPoint b) {
    if (e.points.empty()) e.points = {a, a, b, b};
  };
  for (std::size_t k = 0; k < edges.size(); ++k) {
    LayoutEdge& e = edges[k];
    if (e.points.empty()) {
      e.from = edge_ends[k].first;
      e.to = edge_ends[k].second;
      e.weight = weights.all().at(edge_ends[k]);
      straight(e, layout.roles[e.from].centre, layout.roles[e.to].centre);
    }
    layout.edges.push_back(std::move(e));
  }
  const LayoutPoint cx_centre{layout.cx.x + layout.cx.width / 2,
                              layout.cx.y + layout.cx.height / 2};
  for (std::uint32_t r = 0; r < graph.role_count(); ++r) {
    if (!(graph.roles()[r].touchpoint > 0)) continue;
    LayoutEdge& e = cx_edges[r];
    e.from = e.to = r;
    e.weight = graph.roles()[r].touchpoint;
    straight(e, layout.roles[r].centre, cx_centre);
    layout.cx_edges.push_back(std::move(e));
  }
  return layout;
}

}  // namespace orgsim::viz
