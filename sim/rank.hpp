#pragma once
// Role criticality: the CX points lost if one role alone fails, for every role.
//
// The adjoint. In the linear IIM a failure c gives q = (I - A)^-1 c and costs
// B w^T q CX points (B the baseline, w the touchpoint weights). For c = d e_i (role
// i alone degraded by d):
//
//     loss_i = B w^T (I - A)^-1 (d e_i) = B d [(I - A)^-T w]_i = B d y_i,
//     where y solves (I - A)^T y = w, i.e. y = w + A^T y.
//
// So one transposed solve gives all n losses, instead of n forward solves. y_i is
// the CX weight of role i "as seen from the customer": its own touchpoint weight plus
// what its dependents pass on (y_j = w_j + sum_i a_ij y_i).
//
// The solve reuses sim::solve_static. A^T is exactly the dependency matrix of the
// reversed graph (every "i depends on j with weight a" made "j depends on i with
// weight a"): A^T[j][i] = a_ij. Its spectral radius is that of A (< 1, validated), and
// w >= 0 is a valid right-hand side, so solve_static(reversed, w) with the clamp off
// returns y = (I - A^T)^-1 w. The reversed graph has the same strongly connected
// components, so the cost is that of one static solve.
//
// The clamped (bounded) model q = min(1, A q + c) is not linear, so its losses need
// one solve per role (RankParams::exact). Clamping only lowers q, so the exact loss is
// never above the linear one.

#include <optional>
#include <vector>

#include "model/org_graph.hpp"
#include "sim/params.hpp"

namespace orgsim::sim {

/// Options of rank_roles(). `sim.clamp` is ignored: the linear ranking is unclamped,
/// the exact figures clamped.
struct RankParams {
  /// Also solve each single-role failure in the clamped static model.
  bool exact = false;
  /// Worker threads for `exact`, in [0, 1024]; 0 means std::thread::hardware_concurrency().
  /// The results do not depend on it.
  unsigned jobs = 0;
  /// Tolerance and iteration limits of the static solves.
  SimParams sim;
};

/// An exact figure "differs" from the linear one when they are further apart than this.
inline constexpr double kExactDiffers = 1e-9;

/// What one role's failure costs the customer.
struct RoleCriticality {
  model::RoleId role;
  /// CX points lost in the linear IIM: baseline x degrade x y_i (see the top of the file).
  double cx_points = 0.0;
  /// With RankParams::exact: the same failure in the clamped model q = min(1, A q + c).
  std::optional<double> exact_cx_points;

  /// True when the exact figure is known and more than kExactDiffers from the linear one.
  bool differs() const;
};

/// Throws InvalidArgument unless degrade is in (0, 1] and params.jobs in [0, 1024], and
/// params.sim is valid. rank_roles() calls it first; callers may call it before loading.
void validate_rank(double degrade, const RankParams& params);

/// The CX points each role costs if it alone is degraded by `degrade` (c = degrade x
/// e_i), one entry per role, sorted by cx_points (descending), ties by role index.
/// Linear figures come from one adjoint solve (I - A)^T y = w. With params.exact,
/// each role is also solved in the clamped model, in parallel over params.jobs threads.
/// Assumes a validated graph (spectral radius of A below 1). Throws InvalidArgument
/// (see validate_rank) and Error if a solve does not converge.
/// Time complexity: a reversed copy of the graph and one static solve, O(V + E) outside
/// loops (plus the loops, as in solve_static), then O(V log V) for the
/// sort; with exact, V more static solves (each O(V + E log E) and up).
std::vector<RoleCriticality> rank_roles(const model::OrgGraph& graph, double degrade,
                                        const RankParams& params = {});

}  // namespace orgsim::sim
