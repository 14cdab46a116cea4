#pragma once
// `orgsim rank`: every role by the CX points its failure alone would cost, as a table
// for people (print_rank_table) and CSV or JSON files for programs (all roles).

#include <cstddef>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/run_record.hpp"
#include "model/org_graph.hpp"
#include "model/scenario.hpp"
#include "sim/rank.hpp"

namespace orgsim::app {

/// Everything one `orgsim rank` produced.
struct RankReport {
  const model::OrgGraph& graph;  ///< the model after a scenario's changes
  double degrade = 0.0;
  bool exact = false;
  const std::vector<sim::RoleCriticality>& ranking;  ///< sorted, as from sim::rank_roles
  const RunRecord* record = nullptr;                 ///< for the JSON and CSV outputs
};

/// The run-record columns that end every row of rank_csv(), the same on every row so
/// that `pandas.read_csv(path)` needs no options (and concatenated files keep them).
inline constexpr const char* kRankRecordColumns =
    "orgsim_version,model_sha256,tables_sha256,scenario_sha256,seed,samples";

/// The ranked table, at most `top` rows, names made terminal-safe and fitted.
void print_rank_table(const RankReport& report, std::size_t top, std::ostream& out);

/// Every role as CSV (RFC 4180 quoting), with a header line; exact columns with --exact,
/// then the run record (kRankRecordColumns; empty fields when record is null).
std::string rank_csv(const RankReport& report);

/// Every role as JSON, doubles with 17 significant digits.
std::string rank_json(const RankReport& report);

/// `orgsim rank --json` for the scenario's model after its changes (its failures play no
/// part), without a run record: what POST /api/rank (serve/api.cpp) and the WebAssembly
/// engine's rank() (wasm/engine.cpp) answer, so the served and the exported page read one
/// shape. Throws as sim::rank_roles (InvalidArgument for a bad degrade or params).
std::string rank_scenario_json(const model::Scenario& scenario, double degrade,
                               const sim::RankParams& params);

/// One CSV field: quoted (with quotes doubled) if it holds a comma, quote, CR or LF.
std::string csv_field(const std::string& text);

}  // namespace orgsim::app
