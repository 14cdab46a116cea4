#pragma once
// What fuzz_simulate and fuzz_sim_graph run on a scenario that loaded and validated:
// what `orgsim run` and `orgsim rank` run, with the properties that must hold.

#include <cstddef>

#include "model/scenario.hpp"

namespace orgsim::fuzz {

/// Sizes beyond which a scenario is skipped: libFuzzer wants thousands of runs a
/// second, and large inputs are the benchmarks' business.
inline constexpr std::size_t kMaxSimRoles = 500;
inline constexpr std::size_t kMaxSimDependencies = 5000;
/// Runs are cut to this many steps.
inline constexpr int kMaxSimSteps = 60;

/// Runs a short dynamic simulation, the static solve, impact paths, feedback loops and
/// the criticality ranking of a validated scenario. Aborts (a crash for libFuzzer) on
/// an exception from sim, a q outside [0, 1] or a non-finite figure.
void simulate_and_check(const model::Scenario& scenario);

}  // namespace orgsim::fuzz
