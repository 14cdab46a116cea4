#pragma once
// The dynamic IIM (Lian & Haimes 2006) with a clamp to [0, 1]:
//   q(k+1) = clamp01(q(k) + K (A q(k) + c(k) - q(k))),   K = diag(recovery).

#include <memory>
#include <span>
#include <vector>

#include "model/scenario.hpp"
#include "sim/observer.hpp"
#include "sim/params.hpp"
#include "sim/static_solver.hpp"
#include "sim/trace.hpp"

namespace orgsim::sim {

/// Steps one scenario forward in time. Holds the sparse A, the failure schedule
/// and the current state. Use simulate() unless you need to step by hand.
class Engine {
 public:
  /// `graph` is the effective model (the scenario's changes already applied);
  /// q(0) is 0 except where `initial` says otherwise.
  Engine(const model::OrgGraph& graph, std::vector<model::Failure> failures,
         std::span<const model::InitialState> initial);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Starts again from step 0 with `graph`'s numbers and these failures, keeping the
  /// sparse matrix's structure: `graph` must have the roles and dependencies (in the same
  /// order) of the graph the engine was built from; only weights, recovery rates,
  /// touchpoints and the CX baseline may differ (a Monte Carlo sample). Gives the same
  /// bits as a new Engine. Throws std::invalid_argument if the sizes differ.
  /// Time complexity: O(roles + dependencies), no sorting.
  void restart(const model::OrgGraph& graph, std::span<const model::Failure> failures,
               std::span<const model::InitialState> initial);
  /// q(k) -> q(k+1), driven by c(k), the failures active at step k.
  /// Time complexity: O(E + failures): one sparse mat-vec.
  void step();
  /// k, the index of the current state q(k).
  int current_step() const;
  std::span<const double> state() const;
  double cx() const;
  /// c(k) at the current step (what the next step() applies).
  std::span<const double> perturbation() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Runs a scenario: applies its changes, then records q(0)..q(steps) with
/// steps = params.steps or the scenario's. Assumes a validated scenario.
Trace simulate(const model::Scenario& scenario, const SimParams& params = {},
               Observer* observer = nullptr);

/// As simulate(), on `effective`: the scenario's model with its changes already
/// applied (model::apply_changes). For callers that keep the changed model for paths
/// and pictures, so that the changes are applied once (app::run_scenario).
Trace simulate_on(const model::OrgGraph& effective, const model::Scenario& scenario,
                  const SimParams& params = {}, Observer* observer = nullptr);

/// As simulate_static(), on the changed model `effective` (see simulate_on).
Trace simulate_static_on(const model::OrgGraph& effective, const model::Scenario& scenario,
                         const SimParams& params = {}, StaticSolution* report = nullptr);

/// c(step): the failures active at `step` as the perturbation vector (c_i capped at 1).
std::vector<double> perturbation_at(const model::OrgGraph& graph,
                                    std::span<const model::Failure> failures, int step);

/// The static fixed point for the failures active at step 0, as a one-state trace
/// (steps() == 0; peak == final == q*). `report`, if given, receives the solver's figures.
Trace simulate_static(const model::Scenario& scenario, const SimParams& params = {},
                      StaticSolution* report = nullptr);

}  // namespace orgsim::sim
