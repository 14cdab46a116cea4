#include "viz/graphviz_draw.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <cstdio>
#include <map>
#include <memory>
#include <optional>

#include "viz/dot_writer.hpp"
#include "viz/grid_layout.hpp"

namespace orgsim::viz {

namespace {

// Why Graphviz gets the graph as write_dot's text (agmemread) rather than built
// with agopen/agnode/agsafeset: the text is what `.dot` output and the golden
// tests show, so what is drawn is exactly what is reviewed; write_dot already
// quotes and escapes every value; and HTML-like labels would otherwise need
// agstrdup_html and cgraph's char* API with const_casts. Parsing costs well
// under a millisecond next to the layout.

struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};
struct BufferFreer {
  void operator()(char* data) const { gvFreeRenderData(data); }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphCloser>;
using BufferPtr = std::unique_ptr<char, BufferFreer>;

// Frees a layout when the render is done, whether it succeeded or not.
class LayoutGuard {
 public:
  LayoutGuard(GVC_t* gvc, Agraph_t* g) : gvc_(gvc), g_(g) {}
  ~LayoutGuard() { gvFreeLayout(gvc_, g_); }
  LayoutGuard(const LayoutGuard&) = delete;
  LayoutGuard& operator=(const LayoutGuard&) = delete;

 private:
  GVC_t* gvc_;
  Agraph_t* g_;
};

Attributes without(const Attributes& attributes, const std::string& name) {
  Attributes out;
  for (const auto& a : attributes) {
    if (a.name != name) out.push_back(a);
  }
  return out;
}

// A node that shows `label` at its natural size (no minimum width or margin).
DotNode label_node(std::string id, const Attribute& label, const Attributes& font_from) {
  DotNode n{std::move(id),
            "",
            {label,
             {"shape", "plaintext"},
             {"margin", "0"},
             {"width", "0"},
             {"height", "0"},
             {"style", "solid"}}};
  for (const char* key : {"fontname", "fontsize"}) {
    if (const Attribute* a = find_attribute(font_from, key)) n.attributes.push_back(*a);
  }
  return n;
}

struct Sizes {
  std::vector<Point> nodes;     // width, height in points, per node
  std::vector<Point> clusters;  // label width, height, per cluster
  Point header;                 // the graph label
};

// Graphviz decides how big each label is (fonts, HTML tables): lay out a graph
// of the nodes alone (no edges, no clusters: the simplest case dot has) and read
// the sizes back. Node ids are replaced so the label nodes cannot clash.
std::optional<Sizes> measure(GVC_t* gvc, const DotGraph& graph) {
  DotGraph m;
  m.name = "measure";
  m.graph_attributes = without(graph.graph_attributes, "label");
  m.node_defaults = graph.node_defaults;
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    DotNode n{"n" + std::to_string(i), "", graph.nodes[i].attributes};
    if (find_attribute(n.attributes, "label") == nullptr) {
      n.attributes.push_back({"label", graph.nodes[i].id});  // the default label is the id
    }
    m.nodes.push_back(std::move(n));
  }
  for (std::size_t i = 0; i < graph.clusters.size(); ++i) {
    const Attribute* label = find_attribute(graph.clusters[i].attributes, "label");
    Attributes font = graph.graph_attributes;
    font.insert(font.end(), graph.clusters[i].attributes.begin(),
                graph.clusters[i].attributes.end());
    m.nodes.push_back(
        label_node("c" + std::to_string(i), label ? *label : Attribute{"label", ""}, font));
  }
  const Attribute* title = find_attribute(graph.graph_attributes, "label");
  if (title) m.nodes.push_back(label_node("h", *title, graph.graph_attributes));

  const std::string text = to_dot(m);
  GraphPtr g(agmemread(text.c_str()));
  if (!g || gvLayout(gvc, g.get(), "dot") != 0) return std::nullopt;
  LayoutGuard layout(gvc, g.get());
  auto size_of = [&](const std::string& id) {
    Agnode_t* n = agnode(g.get(), const_cast<char*>(id.c_str()), 0);
    return n ? Point{ND_width(n) * 72.0, ND_height(n) * 72.0} : Point{};
  };
  Sizes s;
  for (std::size_t i = 0; i < graph.nodes.size(); ++i)
    s.nodes.push_back(size_of("n" + std::to_string(i)));
  for (std::size_t i = 0; i < graph.clusters.size(); ++i) {
    Point p = size_of("c" + std::to_string(i));
    s.clusters.push_back({p.x + 16, p.y + 8});  // Graphviz pads cluster labels
  }
  if (title) s.header = size_of("h");
  return s;
}

std::string coords(double x, double y) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f,%.1f", x, y);
  return buf;
}

// The graph with every node pinned where place_in_grid puts it and every cluster
// given its box, for Graphviz's nop2 layout (keep positions, route edges).
std::optional<DotGraph> placed(GVC_t* gvc, const DotGraph& graph) {
  auto sizes = measure(gvc, graph);
  if (!sizes) return std::nullopt;
  std::map<std::string, int> cluster_index;
  std::vector<GridBlock> blocks;
  for (std::size_t i = 0; i < graph.clusters.size(); ++i) {
    cluster_index[graph.clusters[i].id] = static_cast<int>(i);
    blocks.push_back({sizes->clusters[i].x, sizes->clusters[i].y});
  }
  std::vector<GridNode> nodes;
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    auto it = cluster_index.find(graph.nodes[i].cluster);
    nodes.push_back({sizes->nodes[i].x, sizes->nodes[i].y, graph.nodes[i].layer,
                     it == cluster_index.end() ? -1 : it->second});
  }
  std::map<std::string, std::size_t> node_index;
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) node_index[graph.nodes[i].id] = i;
  std::vector<GridEdge> edges;
  for (const auto& e : graph.edges) {
    auto a = node_index.find(e.from), b = node_index.find(e.to);
    if (a != node_index.end() && b != node_index.end())
      edges.push_back({a->second, b->second, e.pull});
  }
  GridSpacing spacing;
  spacing.header_width = sizes->header.x;
  spacing.header_height = sizes->header.y;
  GridPlacement where = place_in_grid(nodes, blocks, edges, spacing);

  DotGraph p = graph;
  p.graph_attributes.push_back({"layout", "nop2"});
  p.graph_attributes.push_back(
      {"splines", graph.nodes.size() <= kRoutedEdgeNodeLimit ? "true" : "line"});
  for (std::size_t i = 0; i < p.nodes.size(); ++i) {
    p.nodes[i].attributes.push_back({"pos", coords(where.centres[i].x, where.centres[i].y) + "!"});
  }
  for (std::size_t i = 0; i < p.clusters.size(); ++i) {
    const Box& b = where.blocks[i];
    p.clusters[i].attributes.push_back({"bb", coords(b.x0, b.y0) + "," + coords(b.x1, b.y1)});
    // An invisible node over the department's name (drawn at the top left), so
    // that edges are routed around the name instead of across it.
    const Point label = sizes->clusters[i];
    if (label.x <= 0 || b.x1 <= b.x0) continue;
    char size[64];
    std::snprintf(size, sizeof size, "%.3f", label.x / 72.0);
    std::string width = size;
    std::snprintf(size, sizeof size, "%.3f", label.y / 72.0);
    p.nodes.push_back({"orgsim label guard " + std::to_string(i),
                       "",
                       {{"label", ""},
                        {"shape", "box"},
                        {"style", "invis"},
                        {"fixedsize", "true"},
                        {"width", width},
                        {"height", size},
                        {"pos", coords(b.x0 + spacing.padding / 2 + label.x / 2,
                                       b.y1 - spacing.padding / 2 - label.y / 2) +
                                    "!"}}});
  }
  return p;
}

}  // namespace

bool graphviz_input(GVC_s* gvc, const DotGraph& graph, std::string& text, std::string& engine) {
  if (graph.layout == Layout::kGrid) {
    auto p = placed(gvc, graph);
    if (!p) return false;
    text = to_dot(*p);
    engine = "nop2";
  } else {
    text = to_dot(graph);
    engine = "dot";
  }
  return true;
}

bool draw_with_graphviz(GVC_s* gvc, const DotGraph& graph, const std::string& format,
                        std::string& out) {
  std::string text, engine;
  if (!graphviz_input(gvc, graph, text, engine)) return false;
  if (format == "dot") {
    out = std::move(text);
    return true;
  }
  GraphPtr g(agmemread(text.c_str()));
  if (!g) return false;
  if (gvLayout(gvc, g.get(), engine.c_str()) != 0) return false;
  LayoutGuard layout(gvc, g.get());
  char* data = nullptr;
  unsigned int length = 0;
  int rc = gvRenderData(gvc, g.get(), format.c_str(), &data, &length);
  BufferPtr buffer(data);
  if (rc != 0 || data == nullptr) return false;
  out.assign(data, length);
  return true;
}

}  // namespace orgsim::viz
