#pragma once
// The per-step q of a run that the workshop page plays back on its diagram: for
// POST /api/simulate?role_steps=1 (serve/) and the exported page's engine (wasm/).
// docs/schema/run.schema.json (`role_steps`) describes it.

#include <cstddef>
#include <nlohmann/json_fwd.hpp>

#include "app/run.hpp"

namespace orgsim::app {

/// At most this many q values in a run's `role_steps` (about 8 bytes each as JSON).
inline constexpr std::size_t kMaxRoleStepValues = 250'000;

/// The `role_steps` of a run: every role whose q is ever above 0, largest peak first,
/// with its peak, the step of its peak and its q at each step (rounded to 1e-4). Roles whose series
/// would pass `max_values` (or all of them, if the run kept no per-role trajectories) keep their
/// peak only; `omitted` counts them and `note` says why. Time: O(roles x steps).
nlohmann::json role_steps_json(const RunResult& run, std::size_t max_values = kMaxRoleStepValues);

}  // namespace orgsim::app
