#pragma once
// The whole-organization layout (viz/org_layout.hpp) as JSON, for the workshop page
// (GET /api/layout) and for any page that embeds the same data offline; and the
// per-step q of a run that the page plays back on that layout.
// docs/schema/layout.schema.json and run.schema.json (`role_steps`) describe them.

#include <cstddef>
#include <nlohmann/json_fwd.hpp>

#include "app/role_steps.hpp"  // role_steps_json, declared here before
#include "app/run.hpp"
#include "model/org_graph.hpp"
#include "viz/org_layout.hpp"

namespace orgsim::app {

/// `layout` of `graph` as one JSON object: schema_version, size, fonts, the colour
/// scale of viz/colour_scale.cpp (101 fills and text colours, for q = 0, 0.01, ..., 1),
/// departments, roles (ids, names, wrapped lines, centre, size), the CX node, edges
/// and CX edges with their spline points. Coordinates rounded to 0.1 unit.
/// Time complexity: O(roles + edges + spline points).
nlohmann::json layout_json(const model::OrgGraph& graph, const viz::OrgLayout& layout);

}  // namespace orgsim::app
