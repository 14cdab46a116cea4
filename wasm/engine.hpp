#pragma once
// The engine the exported page runs in the browser: a model (GET /api/model's JSON)
// read once, then any number of what-ifs (the JSON the page posts to /api/simulate),
// each answered with the run as `orgsim run --json` writes it. Plain C++: the
// emscripten binding is engine_entry.cpp, and the native build can test it too.

#include <memory>
#include <string>
#include <string_view>

#include "model/scenario.hpp"

namespace orgsim::wasm {

class Engine {
 public:
  /// Reads and validates the model. Never throws: a bad model is error().
  explicit Engine(std::string_view model_json);

  /// "" for a usable model, else {"error": message, "details": [...]} as text.
  const std::string& error() const { return error_; }

  /// The run of `what_if_json` (serve/what_if.hpp's what-if: failures, changes,
  /// initial, steps, static) as docs/schema/run.schema.json describes it, with `roles`
  /// and without `run_record` (no input files to hash); impact paths (5) and feedback
  /// loops as `orgsim run` searches them. A bad what-if (or a bad model) gives
  /// {"error", "details"} as the API answers 400. Never throws.
  std::string run(std::string_view what_if_json) const;

  /// As POST /api/simulate answers the same what-if (serve/api.hpp): no `roles`, no
  /// feedback loops. What the page asks the server for on each slider change.
  std::string simulate(std::string_view what_if_json) const;

  /// As POST /api/simulate?role_steps=1 answers: simulate() plus `role_steps`, each
  /// affected role's q per step (app::role_steps_json), for playing the run on the diagram.
  std::string simulate_steps(std::string_view what_if_json) const;

  /// As POST /api/simulate?role_steps=peaks answers: simulate() plus `role_steps` with
  /// each affected role's peak and no q per step (what the page restyles its diagram by
  /// on every slider move; simulate_steps() is for play).
  std::string simulate_peaks(std::string_view what_if_json) const;

  /// As POST /api/scenario answers: the what-if as scenario YAML (model/yaml_writer.cpp)
  /// whose `model:` line is `model_file`; {"error", "details"} JSON text (starting
  /// with '{') for a bad what-if. Never throws.
  std::string scenario(std::string_view what_if_json, std::string_view model_file) const;

  /// As `orgsim rank --json` answers for the model after the what-if's changes (its
  /// failures play no part): every role by the CX points its failure alone, degraded by
  /// `degrade`, would cost (sim/rank.hpp, one adjoint solve), with `exact` also in the
  /// clamped model (one solve per role, on this thread). No `run_record`. A bad what-if
  /// or degrade gives {"error", "details"}. Never throws.
  std::string rank(std::string_view what_if_json, double degrade, bool exact) const;

 private:
  /// What a run's answer adds of each role's q, as serve::RoleSteps.
  enum class RoleSteps { kNone, kPeaks, kSeries };
  std::string answer(std::string_view what_if_json, bool roles_and_loops,
                     RoleSteps role_steps = RoleSteps::kNone) const;

  std::shared_ptr<const model::Scenario> base_;  ///< the model, no failures; null if error_
  std::string error_;
};

}  // namespace orgsim::wasm
