#include "model/graph_files.hpp"

// g++ 12 reports -Wmaybe-uninitialized inside Boost's adjacency_list edge iterator (a
// boost::optional it fills before use), instantiated by edges() here and in Boost's
// writers: a false positive that would fail the -Werror build.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <charconv>
#include <exception>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <utility>

#include "common/errors.hpp"
#include "common/number_format.hpp"
#include "common/source_files.hpp"
#include "model/internal/yaml_reader.hpp"
#include "model/rules.hpp"
#include "model/time_unit.hpp"

namespace orgsim::model {

namespace {

// Everything as text: numbers are parsed and checked by orgsim's own rules, so a file
// from another tool gets the same messages as a YAML file.
struct NodeText {
  std::string node_id;  // DOT's node name; GraphML's node ids are the writer's own
  std::string role, label, department, department_name, recovery, touchpoint, description;
  // Positions in the model, so that a round trip keeps its order (which decides ties
  // in rankings and paths); a file drawn elsewhere may leave them out.
  std::string order, department_order;
};
struct EdgeText {
  std::string weight;
  std::string order;
};
struct GraphText {
  std::string name, description, cx_baseline, time_unit;
};
using TextGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, NodeText,
                                        EdgeText, GraphText>;

boost::dynamic_properties properties(TextGraph& g, bool ignore_others) {
  boost::dynamic_properties dp = ignore_others
                                     ? boost::dynamic_properties(boost::ignore_other_properties)
                                     : boost::dynamic_properties();
  dp.property("role", boost::get(&NodeText::role, g));
  dp.property("label", boost::get(&NodeText::label, g));
  dp.property("department", boost::get(&NodeText::department, g));
  dp.property("department_name", boost::get(&NodeText::department_name, g));
  dp.property("recovery", boost::get(&NodeText::recovery, g));
  dp.property("touchpoint", boost::get(&NodeText::touchpoint, g));
  dp.property("description", boost::get(&NodeText::description, g));
  dp.property("order", boost::get(&NodeText::order, g));
  dp.property("department_order", boost::get(&NodeText::department_order, g));
  dp.property("weight", boost::get(&EdgeText::weight, g));
  dp.property("order", boost::get(&EdgeText::order, g));
  return dp;
}

// Graph attributes: Boost maps them through a property map keyed by the graph.
void add_graph_properties(boost::dynamic_properties& dp, TextGraph& g) {
  dp.property("model_name",
              boost::ref_property_map<TextGraph*, std::string>(g[boost::graph_bundle].name));
  dp.property("model_description",
              boost::ref_property_map<TextGraph*, std::string>(g[boost::graph_bundle].description));
  dp.property("cx_baseline",
              boost::ref_property_map<TextGraph*, std::string>(g[boost::graph_bundle].cx_baseline));
  dp.property("time_unit",
              boost::ref_property_map<TextGraph*, std::string>(g[boost::graph_bundle].time_unit));
}

}  // namespace

GraphFormat graph_format_of(std::string_view path, std::string_view option) {
  auto ends = [&](std::string_view ext) { return path.ends_with(ext); };
  if (ends(".graphml")) return GraphFormat::kGraphml;
  if (ends(".dot") || ends(".gv")) return GraphFormat::kDot;
  throw InvalidArgument(std::string(option) + ": '" + std::string(path) +
                        "' must end in .graphml (GraphML: yEd, Gephi) or .dot/.gv (Graphviz)");
}

std::string to_graph_file(const OrgGraph& model, GraphFormat format) {
  TextGraph g(model.role_count());
  for (std::uint32_t i = 0; i < model.role_count(); ++i) {
    const Role& r = model.roles()[i];
    const Department& d = model.department(r.department);
    g[i] = {r.id,
            r.id,
            r.name,
            d.id,
            d.name,
            format_exact(r.recovery),
            format_exact(r.touchpoint),
            r.description,
            std::to_string(i),
            std::to_string(r.department.value)};
  }
  std::size_t index = 0;
  for (const Dependency& d : model.dependencies()) {
    boost::add_edge(d.role.value, d.depends_on.value,
                    EdgeText{format_exact(d.weight), std::to_string(index++)}, g);
  }
  g[boost::graph_bundle] = {model.name, model.description, format_exact(model.cx_baseline),
                            model.time_unit};
  boost::dynamic_properties dp = properties(g, false);
  add_graph_properties(dp, g);
  std::ostringstream out;
  if (format == GraphFormat::kGraphml) {
    boost::write_graphml(out, g, dp, true);
  } else {
    // DOT names each node: the role's id (quoted by Boost when needed).
    dp.property("node_id", boost::get(&NodeText::node_id, g));
    boost::write_graphviz_dp(out, g, dp, "node_id");
  }
  return out.str();
}

OrgGraph from_graph_file(std::string_view text, const std::string& file, GraphFormat format) {
  SourceFiles sources;
  sources.add(file, std::string(text));
  TextGraph g;
  boost::dynamic_properties dp = properties(g, true);
  add_graph_properties(dp, g);
  if (format == GraphFormat::kDot) dp.property("node_id", boost::get(&NodeText::node_id, g));
  try {
    std::istringstream in{std::string(text)};
    if (format == GraphFormat::kGraphml) {
      boost::read_graphml(in, g, dp);
    } else if (!boost::read_graphviz(in, g, dp, "node_id")) {
      throw std::runtime_error("not a graph");
    }
  } catch (const std::exception& e) {
    throw_load_error({file},
                     std::string(format == GraphFormat::kGraphml ? "GraphML" : "DOT") +
                         ": cannot read the graph: " + in_quotes(e.what()),
                     &sources);
  }

  Diagnostics problems;
  auto error = [&](const std::string& message) { problems.error({file}, message); };
  auto number = [&](const std::string& where, std::string_view key, const std::string& written,
                    const Interval& range, double fallback) {
    if (written.empty()) return fallback;
    bool not_finite = false;
    const std::optional<double> v = parse_finite_number(written, &not_finite);
    if (!v) {
      error(where + ": " + std::string(key) + " must be a " +
            (not_finite ? "finite number" : "number") + ", got " + in_quotes(written));
      return fallback;
    }
    if (auto message = check_range(key, range, *v, written)) {
      error(where + ": " + *message);
      return fallback;
    }
    return *v;
  };

  // Vertices and edges in the model's order when the file gives it (an `order` that is
  // a number), then in the reader's order.
  auto order_of = [](const std::string& text) {
    std::size_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty()
               ? v
               : std::numeric_limits<std::size_t>::max();
  };
  std::vector<std::size_t> vertices(boost::num_vertices(g));
  for (std::size_t v = 0; v < vertices.size(); ++v) vertices[v] = v;
  std::stable_sort(vertices.begin(), vertices.end(), [&](std::size_t a, std::size_t b) {
    return order_of(g[a].order) < order_of(g[b].order);
  });
  // Departments first, in their order, so that their ids number as in the model.
  std::vector<std::size_t> by_department = vertices;
  std::stable_sort(by_department.begin(), by_department.end(), [&](std::size_t a, std::size_t b) {
    return order_of(g[a].department_order) < order_of(g[b].department_order);
  });

  OrgGraph model;
  model.file = file;
  const GraphText& top = g[boost::graph_bundle];
  model.name = top.name.empty() ? file : top.name;
  model.description = top.description;
  model.cx_baseline = number("the graph", "cx_baseline", top.cx_baseline, kBaselineRange, 100.0);
  if (!top.time_unit.empty()) {
    if (std::string problem = time_unit_problem(top.time_unit); !problem.empty()) {
      error("the graph: time_unit " + in_quotes(top.time_unit) + ": " + problem);
    } else {
      model.time_unit = top.time_unit;
    }
  }
  for (std::size_t v : by_department) {
    const std::string& dept_id = g[v].department;
    if (dept_id.empty() || check_id("department", dept_id) || model.find_department(dept_id)) {
      continue;  // reported with its node below, or already there
    }
    model.add_department(
        {dept_id, g[v].department_name.empty() ? dept_id : g[v].department_name, {}});
  }
  std::vector<std::optional<RoleId>> role_of(boost::num_vertices(g));
  for (std::size_t v : vertices) {
    const NodeText& n = g[v];
    const std::string where =
        "node " + in_quotes(n.node_id.empty() ? "n" + std::to_string(v) : n.node_id);
    // DOT files drawn by hand name their nodes and may leave out `role`.
    const std::string id = !n.role.empty() ? n.role : n.node_id;
    if (id.empty()) {
      error(where + ": has no 'role' attribute (the role's id)");
      continue;
    }
    if (auto message = check_id("role id", id)) {
      error(where + ": " + *message);
      continue;
    }
    if (model.find_role(id)) {
      error(where + ": duplicate role id " + in_quotes(id));
      continue;
    }
    const std::string dept_id = n.department.empty() ? "organization" : n.department;
    if (auto message = check_id("department", dept_id)) {
      error(where + ": " + *message);
      continue;
    }
    if (auto message = check_name("label", n.label)) error(where + ": " + *message);
    Role r;
    r.id = id;
    r.name = n.label.empty() ? id : n.label;
    r.recovery = number(where, "recovery", n.recovery, kRecoveryRange, kDefaultRecovery);
    r.touchpoint = number(where, "touchpoint", n.touchpoint, kTouchpointRange, 0.0);
    r.description = n.description;
    if (auto d = model.find_department(dept_id)) {
      r.department = *d;
    } else {
      r.department = model.add_department(
          {dept_id, n.department_name.empty() ? dept_id : n.department_name, {}});
    }
    role_of[v] = model.add_role(std::move(r));
  }
  std::vector<TextGraph::edge_descriptor> edges;
  for (auto [e, end] = boost::edges(g); e != end; ++e) edges.push_back(*e);
  std::stable_sort(edges.begin(), edges.end(), [&](const auto& a, const auto& b) {
    return order_of(g[a].order) < order_of(g[b].order);
  });
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
  std::size_t index = 0;
  for (auto it = edges.begin(); it != edges.end(); ++it, ++index) {
    const auto* e = &*it;
    const auto from = role_of[boost::source(*e, g)], to = role_of[boost::target(*e, g)];
    if (!from || !to) continue;  // its node was reported
    const std::string where = "edge " + std::to_string(index + 1) + " (" + model.role(*from).id +
                              " -> " + model.role(*to).id + ")";
    if (*from == *to) {
      error(where + ": " + self_dependency_message(model.role(*from).id));
      continue;
    }
    if (g[*e].weight.empty()) {
      error(where + ": has no 'weight' attribute");
      continue;
    }
    const double w = number(where, "weight", g[*e].weight, kDependencyWeightRange, -1.0);
    if (w < 0.0) continue;
    if (!seen.insert({from->value, to->value}).second) {
      error(where + ": duplicate dependency");
      continue;
    }
    model.add_dependency({*from, *to, w, {}});
  }
  if (model.role_count() == 0 && !problems.has_errors()) error("the graph has no nodes (roles)");
  if (problems.has_errors()) {
    throw ValidationError(problems, format_diagnostics(problems, &sources));
  }
  return model;
}

}  // namespace orgsim::model
