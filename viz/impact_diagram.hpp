#pragma once
// The impact picture of one run: where a failure started, how hard each role was
// hit, and the paths that carried it to the customer. For `orgsim run --render`.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/org_graph.hpp"
#include "viz/dot_graph.hpp"
#include "viz/paths.hpp"

namespace orgsim::viz {

/// What the caller (the CLI, from a sim Trace) knows about one run.
struct ImpactInput {
  std::string title;                ///< the scenario's name
  std::vector<double> values;       ///< one per role, by RoleId: peak inoperability q in [0, 1]
  std::vector<FailedRole> failed;   ///< where failures were injected
  std::vector<ImpactPath> paths;    ///< the top paths to the customer, largest first
  std::vector<FeedbackLoop> loops;  ///< loops through failed roles (sim::loops_through)
  double cx_baseline = 100.0;       ///< CX with nothing degraded
  double cx_low = 100.0;            ///< the lowest CX of the run
  std::optional<int> cx_low_step;   ///< the step of cx_low (none for a static run)
  /// Share of the drop the listed paths carry, in [0, 1] (the sum of the paths'
  /// sim shares). Unset: sum of cx_points / (cx_baseline - cx_low).
  std::optional<double> paths_share;
};

struct ImpactOptions {
  /// Above this many roles, draw only the failed roles and those on paths and
  /// loops; the rest become one "N more roles" node per department.
  std::size_t collapse_above = 150;
  bool full = false;  ///< draw every role whatever the model's size
};

/// Builds the impact picture: departments as clusters, role fill by value,
/// failed roles outlined in red, touchpoints arrow-shaped, the CX node last;
/// path edges thick by the CX points they carry, loops dashed orange; title,
/// subtitle, legend and path list on top. Left to right: failure -> CX.
/// Throws InvalidArgument for inconsistent input (wrong number of values, a
/// value outside [0, 1], an unknown role, a path that does not follow
/// dependencies or does not end at a touchpoint).
/// Time complexity: O(V + E + total path length) plus O(E log E) for the lookups.
DotGraph build_impact_diagram(const model::OrgGraph& graph, const ImpactInput& input,
                              const ImpactOptions& options = {});

/// The subtitle build_impact_diagram writes, e.g.
/// "CX 85.0 → 79.9 at step 11; top 5 paths carry 93% of the drop".
std::string impact_subtitle(const ImpactInput& input);

}  // namespace orgsim::viz
