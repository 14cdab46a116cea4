#pragma once
// Feedback loops in context: the strongest simple cycles of dependencies through
// given roles (usually the failed ones), each with its gain and how much it
// amplifies what enters it.

#include <cstddef>
#include <span>
#include <vector>

#include "model/org_graph.hpp"

namespace orgsim::sim {

/// A simple cycle of dependencies. Inoperability flows roles[0] -> roles[1] -> ...
/// -> roles.back() -> roles[0]: roles[t + 1] depends on roles[t], and roles.front()
/// depends on roles.back(). No role appears twice.
struct FeedbackLoop {
  /// Starts at the first of the queried roles (in the order given) that the loop passes through.
  std::vector<model::RoleId> roles;
  double gain = 0.0;  ///< product of the weights around the loop
  /// gain > 0. With non-negative weights every loop amplifies: what enters it comes
  /// back around again and again.
  bool amplifies = false;
  /// 1 / (1 - gain): the factor by which the loop alone multiplies what enters it
  /// (1 + gain + gain^2 + ...); +infinity if gain >= 1 (a diverging model).
  double amplification = 1.0;
};

/// The loops through `roles`: the k_per_role loops of largest gain through each role
/// (ties by role indices), a loop found from two roles listed once. The result is
/// sorted by gain (descending), then by the roles of each loop rotated to start at
/// its smallest index. Throws InvalidArgument for k_per_role < 1, an unknown role or
/// a weight outside [0, 1].
/// Time complexity: O(V + E log d) + per role O((V + E) log V) for distances back to
/// it + O(k L (V + E) log V) at worst for Yen's algorithm from the role back to
/// itself (L = roles on the longest loop found); see strongest_paths().
std::vector<FeedbackLoop> loops_through(const model::OrgGraph& graph,
                                        std::span<const model::RoleId> roles,
                                        std::size_t k_per_role = 3);

}  // namespace orgsim::sim
