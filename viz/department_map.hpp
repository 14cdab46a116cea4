#pragma once
// The whole organization as a map of departments: one box per department (its
// role count and what customers meet there), the dependencies between
// departments summed into one arrow each, CX on the right. For `orgsim diagram
// MODEL` with no focus; `--roles` draws every role instead (org_diagram.hpp).

#include <string>

#include "model/org_graph.hpp"
#include "viz/dot_graph.hpp"

namespace orgsim::viz {

struct DepartmentMapOptions {
  std::string title;  ///< "" uses the model's name
  /// Draw an arrow between two departments only if the weights of the
  /// dependencies it stands for add up to at least this (>= 0).
  double min_total_weight = 0.3;
};

/// Builds the department map: arrows run from the department depended on to the
/// one that depends on it, as thick as the summed weight (written beside it);
/// each department with touchpoints has an arrow into CX labelled with its share
/// of the CX score. Neutral fills only (red means failure, in impact pictures).
/// Throws InvalidArgument for a negative or non-finite threshold.
/// Time complexity: O(V + E + D^2) for D departments.
DotGraph build_department_map(const model::OrgGraph& graph,
                              const DepartmentMapOptions& options = {});

}  // namespace orgsim::viz
