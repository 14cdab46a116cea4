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
  /// The top paths from a focus role to a touchpoint, with the CX points each
  /// would cost at `degrade`, largest first. Only these are drawn downstream.
  std::vector<ImpactPath> paths;
  /// The whole CX loss of that failure (every path and loop), for the caption;
  /// negative: the sum of `paths`.
  double total_cx_points = -1.0;
};

struct OnboardingOptions {
  std::size_t upstream_hops = 2;  ///< how far back to show what the focus depends on
  /// Paths carrying less than this share of the whole loss are listed as "weaker
  /// paths" but not drawn: their roles are shown where the focus depends on
  /// them instead, which is what a new hire needs to see.
  double min_path_share = 0.01;
  /// The legend (q, touchpoint, weight, the three kinds of box) on top. The
  /// printed booklet leaves it out and prints onboarding_key_page() once.
  bool legend = true;
};

/// Builds "How <focus> reaches the customer" in columns, left to right: what the
/// focus depends on (upstream_hops back, drawn only as arrows towards the focus),
/// the focus, the roles on its paths, CX. Only two kinds of edges: the given
/// paths (thick by the CX points they carry) and the dependencies into the focus
/// side (beyond one step, only each role's strongest link onward, so the left
/// side stays a tree); each carries its weight beside it, never on the line. On top: a caption
/// worked out from the numbers, a one-line-each legend of q, touchpoint and weight, and the
/// numbered paths. Throws InvalidArgument for an unknown role or department,
/// degrade outside (0, 1], or a path that does not start at a focus role, does
/// not follow dependencies or does not end at a touchpoint.
/// Time complexity: O(V + E log E + total path length).
DotGraph build_onboarding_diagram(const model::OrgGraph& graph, const OnboardingInput& input,
                                  const OnboardingOptions& options = {});

/// A page holding only the legend of the focus diagrams, under "How to read the
/// role pages", for a printed booklet. Time complexity: O(1).
DotGraph onboarding_key_page(double degrade, std::size_t upstream_hops = 2);

/// The focus's display name: the role's or department's name.
std::string focus_name(const model::OrgGraph& graph, const Focus& focus);

}  // namespace orgsim::viz
