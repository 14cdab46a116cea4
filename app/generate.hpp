#pragma once
// orgsim generate: a realistic synthetic org and single-failure scenarios over it,
// written as ordinary model and scenario files. Byte-identical for the same options.

#include <cstdint>
#include <filesystem>
#include <ostream>

namespace orgsim::app {

/// How the model is written: one YAML file, or a small YAML file naming CSV tables
/// (docs/model.md "CSV models"), for models too large for YAML.
enum class GenerateFormat { kYaml, kCsv };

/// Largest --roles and --scenarios accepted.
inline constexpr std::int64_t kMaxGeneratedRoles = 1'000'000;
inline constexpr std::int64_t kMaxGeneratedScenarios = 1'000'000;

struct GenerateOptions {
  std::int64_t roles = 1000;           ///< in [2, kMaxGeneratedRoles]
  std::int64_t departments = 10;       ///< in [1, roles]
  std::int64_t scenarios = 10;         ///< in [0, kMaxGeneratedScenarios]
  std::uint64_t seed = 1;              ///< the same seed gives the same files
  std::filesystem::path output;        ///< folder: created if missing
  bool force = false;                  ///< overwrite an existing output/model.yaml
  double dependencies_per_role = 3.0;  ///< mean number of roles each role depends on, in [0, 100]
  GenerateFormat format = GenerateFormat::kYaml;
};

/// Writes options.output/model.yaml (model::make_synthetic's layered org, plus a few
/// dependencies so that every role reaches a touchpoint; with GenerateFormat::kCsv its
/// lists go to departments.csv, roles.csv and dependencies.csv beside it, each file
/// written atomically, model.yaml last) and options.output/scenarios/
/// s0001.yaml ... (one random single-role failure each), then a summary line to `out`. Throws
/// InvalidArgument for a bad option (before any work), OutputError when a file cannot
/// be written. Time complexity: O(roles x dependencies_per_role + scenarios).
int run_generate(const GenerateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace orgsim::app
