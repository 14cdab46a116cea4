#pragma once
// Impact paths: the chains of dependencies along which a failure reaches the CX
// score, each with the CX points it carries in the linear IIM, and the search for
// the k strongest simple paths that finds them (Yen's algorithm).
//
// Direction. Dependency{role = i, depends_on = j, weight = a_ij} makes j's
// inoperability flow to i, so a path runs against "depends on": s = v0 -> v1 -> ...
// -> vL, where each v(t+1) depends on v(t) and vL is a touchpoint (w > 0). Its gain
// is a(v1,v0) x a(v2,v1) x ... (1 for L = 0: a failed touchpoint reaches the CX
// score directly), and it carries degrade x gain x w(vL) x baseline CX points.
// Paths are simple: no role twice. Parallel dependencies (the same pair written
// twice, only possible in code) count as one with the sum of their weights, as in A.
//
// The CX score is modelled as a virtual end node with an edge of weight w from every
// touchpoint; an edge of weight x has length -log(x), so the shortest path is the
// one with the largest product. Weights must lie in [0, 1] (lengths >= 0, as
// Dijkstra needs); weight-0 edges are left out.

#include <cstddef>
#include <span>
#include <utility>
#include <vector>

#include "model/org_graph.hpp"
#include "model/scenario.hpp"

namespace orgsim::sim {

/// One path from a failed role to the customer.
struct ImpactPath {
  std::vector<model::RoleId> roles;  ///< failed role first, touchpoint last
  double gain = 0.0;                 ///< product of the weights along `roles`
  double degrade = 0.0;              ///< c at roles.front()
  double touchpoint = 0.0;           ///< w of roles.back()
  double cx_points = 0.0;            ///< degrade x gain x touchpoint x baseline
  double share = 0.0;                ///< cx_points / total_cx_points (0 if the total is 0)
};

/// The strongest paths of a set of failures and the part of the CX drop they leave out.
struct ImpactPaths {
  /// By cx_points (descending), then by role indices (lexicographic).
  std::vector<ImpactPath> paths;
  /// The whole linear CX drop: baseline x w^T (I - A)^-1 c. Every path and loop counts.
  double total_cx_points = 0.0;
  /// total - sum of the listed paths: longer paths and, on cyclic graphs, feedback loops.
  double remaining_cx_points = 0.0;
  /// remaining / total (0 if the total is 0), so shares + remaining_share == 1.
  double remaining_share = 0.0;
};

/// The k paths that carry the most CX points from `failures` to the customer, and
/// the linear CX drop they are part of. Each failed role counts once, with the
/// largest perturbation it ever gets: failures of one role that overlap in time
/// add up (capped at 1), as in the engine; failures at different times do not
/// (this is the static picture of the worst moment of each failed role). Failures with degrade 0
/// carry nothing. Throws InvalidArgument for k < 1, an unknown role, a degrade outside [0, 1] or a
/// weight outside [0, 1]; Error if the linear solve does not converge.
/// Time complexity: O(V + E log d) to build the search graph (d = largest number of
/// dependents), O((V + E) log V) for distances to the customer, one static solve
/// (sim::solve_static, unclamped), and Yen's algorithm for the failed roles whose
/// strongest path could still make the list (strongest_paths_to_customer: usually a
/// handful, however many roles failed): O(k L) Dijkstra searches each (L = roles on
/// the longest path listed), each O((V + E) log V) at worst but goal-directed and
/// stopped at the customer, so in practice close to O(L d log V). About 0.1 s for one
/// failure in a 100k-role org. Detours are
/// searched from the first 256 roles of each path only (L <= 256 above), so a chain
/// a million roles deep still gives its one path quickly.
ImpactPaths impact_paths(const model::OrgGraph& graph, std::span<const model::Failure> failures,
                         std::size_t k = 5);

/// Every path (up to `limit`, strongest first) from one role to the customer, for a
/// failure of size `degrade`: what an onboarding diagram draws. Same rules as
/// impact_paths().
ImpactPaths paths_to_customer(const model::OrgGraph& graph, model::RoleId role, double degrade,
                              std::size_t limit);

/// Where a strongest-path search ends.
enum class PathEnd {
  kCustomer,  ///< at a touchpoint, then into the CX score (end_weight = w of the touchpoint)
  kSource,    ///< back at the source: a feedback loop (end_weight closes it)
};

/// A simple chain of dependencies found by strongest_paths(): roles[t + 1] depends
/// on roles[t]. For PathEnd::kSource, roles.front() also depends on roles.back()
/// with weight end_weight.
struct RolePath {
  std::vector<model::RoleId> roles;
  double gain = 0.0;        ///< product of the weights along `roles`
  double end_weight = 0.0;  ///< touchpoint weight of roles.back(), or the closing weight
};

/// For each source, its k simple paths with the largest gain x end_weight, in that
/// order (ties by role indices), by Yen's k-shortest simple paths over -log lengths.
/// One search graph is built for all sources. Checks as impact_paths().
/// Time complexity: O(V + E log d) + O((V + E) log V) for distances to the end (once
/// for kCustomer, per source for kSource) + per source O(k L (V + E) log V) at worst.
std::vector<std::vector<RolePath>> strongest_paths(const model::OrgGraph& graph,
                                                   std::span<const model::RoleId> sources,
                                                   PathEnd end, std::size_t k);

/// The k strongest paths to the customer over all `sources` together, source i's paths
/// weighted by scales[i] (its degrade): pairs (i, path), each source's paths ranked as
/// strongest_paths() ranks them. Sources are searched in decreasing order of the most
/// one of their paths can carry (scales[i] x the gain x end weight of its strongest
/// path, from one reverse Dijkstra), and the search stops once no remaining source
/// can reach the k-th best found: with 100,000 failed roles only a handful are
/// searched. The k best of the result by scales[i] x gain x end weight are those of
/// strongest_paths() over every source. Time complexity: O(V + E log d) + O((V + E)
/// log V) + O(S log S) + the Yen searches of the sources searched.
std::vector<std::pair<std::size_t, RolePath>> strongest_paths_to_customer(
    const model::OrgGraph& graph, std::span<const model::RoleId> sources,
    std::span<const double> scales, std::size_t k);

}  // namespace orgsim::sim
