#pragma once
// A what-if: a model, the failures injected into it, and the structural changes
// applied to it before the run.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/source_files.hpp"
#include "model/org_graph.hpp"

namespace orgsim::model {

/// c[role] += degrade during steps [from, to). `to` absent: until the end of the run.
struct Failure {
  RoleId role;
  double degrade = 0.0;
  int from = 0;
  std::optional<int> to;
  TextPos where;

  bool active_at(int step) const { return step >= from && (!to || step < *to); }
};

/// A structural what-if, applied to the model before the run. Exactly one of the
/// optional fields is set.
struct Change {
  RoleId role;
  std::optional<RoleId> depends_on;  ///< with weight: set (or add) this dependency
  std::optional<double> weight;      ///< 0 removes the dependency
  std::optional<double> recovery;
  std::optional<double> touchpoint;
  TextPos where;
};

/// q(0)[role] = q, for recovery studies. Dynamic runs only.
struct InitialState {
  RoleId role;
  double q = 0.0;
  TextPos where;
};

/// Default horizon when a scenario does not set `steps`.
inline constexpr int kDefaultSteps = 30;

struct Scenario {
  std::string name;
  std::string description;
  std::string file;  ///< the scenario file ("" when a bare model is run)
  OrgGraph model;    ///< as read from the model file, before `changes`
  int steps = kDefaultSteps;
  std::vector<Failure> failures;
  std::vector<Change> changes;
  std::vector<InitialState> initial;
  /// Degrades and change values written as distributions (the plain numbers hold the
  /// nominal values), in file order. The model's own are in model.uncertain.
  std::vector<UncertainParameter> uncertain;
  std::shared_ptr<const SourceFiles> sources;  ///< for quoting lines in errors

  SourceLocation locate(TextPos pos) const { return {file, pos.line, pos.column}; }
};

/// The model with the scenario's changes applied, in order. Assumes a validated
/// scenario. With changes, the result's `uncertain` is empty (its numbers are plain).
/// Time complexity: O(E + number of changes).
OrgGraph apply_changes(const OrgGraph& model, const std::vector<Change>& changes);

}  // namespace orgsim::model
