#pragma once
// What a run produced: CX at every step, each role's peak and final inoperability,
// and (when asked for) every role's q at every step.

#include <cstddef>
#include <span>
#include <vector>

#include "model/org_graph.hpp"

namespace orgsim::sim {

class Trace {
 public:
  /// A trace for `steps` transitions (states 0..steps). `record_roles` keeps the full
  /// (steps + 1) x roles matrix; at a million roles and 100 steps that is 800 MB.
  Trace(std::size_t roles, int steps, double cx_baseline, bool record_roles);

  /// Appends state k = number of states recorded so far. Called once per state, in order.
  void record(std::span<const double> q, double cx);

  int steps() const { return steps_; }
  std::size_t role_count() const { return roles_; }
  double cx_baseline() const { return cx_baseline_; }
  /// cx()[k] is CX(q(k)), k = 0..steps.
  std::span<const double> cx() const { return cx_; }
  double peak(model::RoleId r) const { return peak_[r.value]; }
  /// First step at which the role reached its peak.
  int peak_step(model::RoleId r) const { return peak_step_[r.value]; }
  double final_q(model::RoleId r) const { return final_[r.value]; }
  std::span<const double> final_state() const { return final_; }

  bool has_role_trajectories() const { return record_roles_; }
  /// q_r(k); only when has_role_trajectories().
  double q(model::RoleId r, int step) const {
    return trajectory_[static_cast<std::size_t>(step) * roles_ + r.value];
  }

 private:
  std::size_t roles_;
  int steps_;
  double cx_baseline_;
  bool record_roles_;
  std::vector<double> cx_;
  std::vector<double> peak_;
  std::vector<int> peak_step_;
  std::vector<double> final_;
  std::vector<double> trajectory_;
};

}  // namespace orgsim::sim
