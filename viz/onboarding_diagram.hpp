#pragma once
// The onboarding picture: how one role (or one department) reaches the customer,
// for trainers showing a new hire "what my work touches". For `orgsim diagram --focus`.

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

#include "model/org_graph.hpp"
#include "viz/dot_graph.hpp"
#include "viz/paths.hpp"

namespace orgsim::viz {

/// A role, or a whole department (its roles highlighted, paths from any of them).
using Focus = std::variant<model::RoleId, model::DepartmentId>;

struct OnboardingInput {
  Focus focus;
  /// The failure the paths were computed for: the focus degraded by this, in (0, 1].
  double degrade = 0.5;
  /// Every path from a focus role to a touchpoint, with the CX points it would
  /// cost at `degrade`; largest first reads best.
  std::vector<ImpactPath> paths;
};

struct OnboardingOptions {
  std::size_t upstream_hops = 2;  ///< how far back to show what the focus depends on
  std::size_t listed_paths = 10;  ///< paths listed by name in the legend (all are drawn)
};

/// Builds "How <focus> reaches the customer": the focus highlighted, what it
/// depends on (upstream_hops back, on the left), every given path to the
/// customer with edges as thick as the CX points they carry, each role on a path
/// showing the points passing through it, and a numbered path list.
/// Throws InvalidArgument for an unknown role or department, degrade outside
/// (0, 1], or a path that does not start at a focus role, does not follow
/// dependencies or does not end at a touchpoint.
/// Time complexity: O(V + E log E + total path length).
DotGraph build_onboarding_diagram(const model::OrgGraph& graph, const OnboardingInput& input,
                                  const OnboardingOptions& options = {});

/// The focus's display name: the role's or department's name.
std::string focus_name(const model::OrgGraph& graph, const Focus& focus);

}  // namespace orgsim::viz
