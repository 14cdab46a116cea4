#pragma once
// The run record every JSON output carries: enough to rerun a result on exactly the
// same inputs and get the same numbers bit for bit.

#include <cstdint>
#include <optional>
#include <string>

#include "model/scenario.hpp"

namespace orgsim::cli {

struct RunRecord {
  std::string orgsim_version;
  std::string model_file;
  std::string model_sha256;   ///< of the bytes read; "" if the text was not kept
  std::string scenario_file;  ///< "" when a bare model was given
  std::string scenario_sha256;
  std::optional<std::uint64_t> seed;  ///< none: the simulation uses no randomness
  std::optional<std::uint64_t> samples;
};

/// The record of `scenario`, hashing the file texts the loader kept.
RunRecord make_run_record(const model::Scenario& scenario);

/// As a JSON object, for any nlohmann-like `Json` type (kept a template so this header
/// does not pull nlohmann into every file that includes it).
template <class Json>
Json run_record_json(const RunRecord& r) {
  auto optional = [](const std::optional<std::uint64_t>& v) {
    return v ? Json(*v) : Json(nullptr);
  };
  return Json{{"orgsim_version", r.orgsim_version},   {"model_file", r.model_file},
              {"model_sha256", r.model_sha256},       {"scenario_file", r.scenario_file},
              {"scenario_sha256", r.scenario_sha256}, {"seed", optional(r.seed)},
              {"samples", optional(r.samples)}};
}

}  // namespace orgsim::cli
