#pragma once
// The plain structures the diagrams take from their caller (viz does not depend
// on sim/): a failure, a path it travels to the customer, a feedback loop.

#include <vector>

#include "model/org_graph.hpp"

namespace orgsim::viz {

/// A role a failure is injected into, and how hard (the degrade in (0, 1]).
struct FailedRole {
  model::RoleId role;
  double degrade = 0.0;
};

/// A route from a role to the customer, in propagation order: roles[i + 1]
/// depends on roles[i], roles.front() is where the trouble starts and
/// roles.back() is a touchpoint (the CX node follows implicitly).
struct ImpactPath {
  std::vector<model::RoleId> roles;
  double cx_points = 0.0;  ///< CX points the path carries (>= 0)
};

/// A cycle in propagation order: roles[i + 1] depends on roles[i], and
/// roles.front() depends on roles.back(). gain is the product of the weights.
struct FeedbackLoop {
  std::vector<model::RoleId> roles;
  double gain = 0.0;
};

}  // namespace orgsim::viz
