#pragma once
// The whole organization on one page: every role by department, the touchpoints
// and the CX node, dependencies as arrows as thick as their weight. For
// `orgsim diagram MODEL --roles` (without --roles: department_map.hpp).

#include <cstddef>
#include <string>

#include "model/org_graph.hpp"
#include "viz/dot_graph.hpp"

namespace orgsim::viz {

struct OrgDiagramOptions {
  std::string title;                 ///< "" uses the model's name
  std::size_t max_roles = 400;       ///< refuse bigger models: nobody can read them
  double label_weights_from = 0.25;  ///< write the weight on edges at least this strong
};

/// Builds the whole-org picture, left to right towards the CX node, with
/// projector-sized fonts and one neutral grey box per department.
/// Throws InvalidArgument if the model has more than max_roles roles (focus on a
/// role or department instead). Time complexity: O(V + E log E).
DotGraph build_org_diagram(const model::OrgGraph& graph, const OrgDiagramOptions& options = {});

}  // namespace orgsim::viz
