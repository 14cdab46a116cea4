#pragma once
// YAML in, typed model out. Every per-item problem (wrong type, unknown field,
// unknown reference, value out of range, duplicate id) is collected with its
// file:line:col, and all of them are thrown at once as one ValidationError.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>

#include "model/org_graph.hpp"
#include "model/scenario.hpp"

namespace orgsim::model {

/// Files larger than this are refused before they are read. Reading a model takes
/// about 4 times its size in memory (the text, the node arena, the model), so 64 MB of
/// YAML costs about 260 MB; larger models belong in CSV tables (`tables:`).
inline constexpr std::uintmax_t kDefaultMaxInputBytes = 64ull << 20;

struct LoadOptions {
  std::uintmax_t max_input_bytes = kDefaultMaxInputBytes;
};

/// Reads a model file. Throws LoadError (unreadable, not YAML) or ValidationError.
OrgGraph load_model(const std::filesystem::path& path, const LoadOptions& options = {});

/// Parses model text; `file_name` is used in messages only.
OrgGraph parse_model(std::string_view text, std::string_view file_name);

/// Reads a scenario file and the model it names (relative to the scenario's folder).
Scenario load_scenario(const std::filesystem::path& path, const LoadOptions& options = {});

/// As load_scenario(), but the model comes from `model_for(model_path)` (the path as
/// the scenario names it, relative to the scenario's folder), so many scenarios can
/// share one loaded model. Errors model_for throws propagate, except that a model file
/// that cannot be read at all is reported at the scenario's `model:` key.
Scenario load_scenario_with(
    const std::filesystem::path& path,
    const std::function<const OrgGraph&(const std::filesystem::path& model_path)>& model_for,
    const LoadOptions& options = {});

/// Parses scenario text against an already loaded model (its `model:` key is
/// checked for presence but not followed). `file_name` is used in messages only.
Scenario parse_scenario(std::string_view text, std::string_view file_name, OrgGraph model);

/// A scenario file or a bare model file (told apart by the scenario's `model:` key).
/// A bare model becomes a scenario with no failures, named after the model.
Scenario load_model_or_scenario(const std::filesystem::path& path, const LoadOptions& options = {});

}  // namespace orgsim::model
