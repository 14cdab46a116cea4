#pragma once
// Two runs side by side ("with the backup provider, how much better?"): the change in the
// CX figures, the roles whose peak inoperability moved most, and the impact paths that
// gained or lost share. Plain data; `orgsim compare` writes it as text and JSON
// (app/compare_report.hpp). The two runs may use different models (a scenario's changes):
// roles are matched by id, paths by their sequence of role ids.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/org_graph.hpp"
#include "sim/paths.hpp"
#include "sim/summary.hpp"
#include "sim/trace.hpp"

namespace orgsim::sim {

/// One side of a comparison: what simulate() and impact_paths() gave for one scenario.
struct ComparedRun {
  const model::OrgGraph& graph;  ///< the model the run used (after the scenario's changes)
  const Trace& trace;
  const Summary& summary;
  const ImpactPaths* paths = nullptr;  ///< none: no path changes are reported
};

/// A headline figure in both runs; `change` is what_if - base.
struct FigureChange {
  double base = 0.0;
  double what_if = 0.0;
  double change = 0.0;
};

/// The recovery step (Summary::recovery_step) in both runs; `change` (what_if - base)
/// only when both recovered.
struct RecoveryChange {
  std::optional<int> base;
  std::optional<int> what_if;
  std::optional<int> change;
};

/// A role's peak q in both runs. A role missing from one model counts as peak 0 there.
struct RoleChange {
  std::string id;
  std::string name;  ///< from the what-if model (the base model if only there)
  bool in_base = true;
  bool in_what_if = true;
  FigureChange peak;
};

/// An impact path (matched by its role ids) in both runs. A side where the path is not
/// among the listed strongest paths has no share; `share_change` counts it as 0 there.
struct PathChange {
  std::vector<std::string> ids;    ///< failed role first, touchpoint last
  std::vector<std::string> names;  ///< the same roles' names
  std::optional<double> base_share;
  std::optional<double> what_if_share;
  std::optional<double> base_cx_points;
  std::optional<double> what_if_cx_points;
  double share_change = 0.0;  ///< what_if_share - base_share (a missing side is 0)
};

struct Comparison {
  FigureChange cx_baseline;
  FigureChange cx_min;
  FigureChange cx_final;
  RecoveryChange recovery;
  /// The total linear CX drop of the impact paths (when both runs have paths).
  std::optional<FigureChange> total_cx_points;
  /// By |peak.change| (descending), then id; roles whose peak did not change are left
  /// out; at most `top_roles`.
  std::vector<RoleChange> roles;
  /// Every path listed in either run, by |share_change| (descending), then ids; paths
  /// whose share did not change are left out; at most `top_paths`.
  std::vector<PathChange> paths;
};

/// Compares a base run with a what-if run. Changes smaller than 1e-12 count as none.
/// Time complexity: O(V log top_roles) with V the roles of both models (one hash lookup
/// per role), plus O(P log P) for the P listed paths.
Comparison compare_runs(const ComparedRun& base, const ComparedRun& what_if,
                        std::size_t top_roles = 10, std::size_t top_paths = 10);

}  // namespace orgsim::sim
