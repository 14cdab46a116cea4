#pragma once
// One JSON shape for a run (docs/schema/run.schema.json), built in one place
// (json_report.cpp): `orgsim run --json`, each side of `orgsim compare --json` and
// each run the server's API answers. Only nlohmann's forward header: the full one
// is costly to compile, and the callers that embed a run include it themselves.

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "app/run.hpp"

namespace orgsim::app {

/// The `schema_version` of every JSON document orgsim writes (docs/schema/). Raise it
/// when a key is removed or renamed or changes type or meaning; not for a new key.
inline constexpr int kJsonSchemaVersion = 1;

/// Which optional parts a run document holds. A part that is present has the same
/// shape in every document; leaving one out only drops its key.
struct RunJsonOptions {
  bool roles = true;       ///< `roles`: each role's peak and final q (and its trajectory)
  bool run_record = true;  ///< `run_record`: version, input files and their SHA-256
};

/// The run as one JSON object: schema_version, orgsim_version, scenario, model, cx,
/// most_degraded, warnings, and (when computed) roles, run_record, impact_paths,
/// feedback_loops, monte_carlo, solver. Time complexity: O(roles x recorded steps).
nlohmann::json run_json(const RunResult& run, const RunJsonOptions& options = {});

/// `j` as text with full precision (max_digits10); invalid UTF-8 in a name becomes
/// U+FFFD instead of an exception. `indent` -1: one line.
std::string json_text(const nlohmann::json& j, int indent);

}  // namespace orgsim::app
