// nlohmann-json is costly to compile: it stays in .cpp files.
#include "app/layout_json.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>

#include "app/run_json.hpp"
#include "viz/colour_scale.hpp"

namespace orgsim::app {

using nlohmann::json;

namespace {

double tenth(double v) { return std::round(v * 10) / 10; }

json point(const viz::LayoutPoint& p) { return json::array({tenth(p.x), tenth(p.y)}); }

json box(const viz::LayoutBox& b) {
  return {
      {"x", tenth(b.x)}, {"y", tenth(b.y)}, {"width", tenth(b.width)}, {"height", tenth(b.height)}};
}

json edge(const viz::LayoutEdge& e) {
  json points = json::array();
  for (const auto& p : e.points) points.push_back(point(p));
  return {{"weight", e.weight},
          {"points", std::move(points)},
          {"arrow", e.has_arrow ? point(e.arrow) : json(nullptr)}};
}

}  // namespace

json layout_json(const model::OrgGraph& graph, const viz::OrgLayout& layout) {
  json fills = json::array(), inks = json::array();
  for (int i = 0; i <= 100; ++i) {
    const viz::Rgb fill = viz::value_colour(i / 100.0);
    fills.push_back(viz::hex(fill));
    inks.push_back(viz::hex(viz::text_colour_on(fill)));
  }
  json departments = json::array();
  for (const auto& d : layout.departments) {
    const auto& dep = graph.department(d.department);
    json j = box(d.box);
    j["id"] = dep.id;
    j["name"] = dep.name;
    j["lines"] = d.lines;
    departments.push_back(std::move(j));
  }
  json roles = json::array();
  for (const auto& r : layout.roles) {
    const auto& role = graph.role(r.role);
    roles.push_back({{"id", role.id},
                     {"name", role.name},
                     {"department", graph.department(role.department).id},
                     {"touchpoint", role.touchpoint},
                     {"lines", r.lines},
                     {"x", tenth(r.centre.x)},
                     {"y", tenth(r.centre.y)},
                     {"width", tenth(r.width)},
                     {"height", tenth(r.height)}});
  }
  json edges = json::array();
  for (const auto& e : layout.edges) {
    json j = edge(e);
    j["from"] = graph.role(model::RoleId(e.from)).id;
    j["to"] = graph.role(model::RoleId(e.to)).id;
    edges.push_back(std::move(j));
  }
  json cx_edges = json::array();
  for (const auto& e : layout.cx_edges) {
    json j = edge(e);
    j["from"] = graph.role(model::RoleId(e.from)).id;
    cx_edges.push_back(std::move(j));
  }
  return {{"schema_version", kJsonSchemaVersion},
          {"units", "points (1/72 in); origin top left, y down"},
          {"width", tenth(layout.width)},
          {"height", tenth(layout.height)},
          {"fonts",
           {{"family", layout.fonts.family},
            {"name", layout.fonts.name},
            {"detail", layout.fonts.detail},
            {"cluster", layout.fonts.cluster},
            {"cx", layout.fonts.cx}}},
          {"colours", {{"fill", std::move(fills)}, {"ink", std::move(inks)}}},
          {"departments", std::move(departments)},
          {"roles", std::move(roles)},
          {"cx", box(layout.cx)},
          {"edges", std::move(edges)},
          {"cx_edges", std::move(cx_edges)}};
}

}  // namespace orgsim::app
