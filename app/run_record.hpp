#pragma once
// The run record every JSON output carries: enough to rerun a result on exactly the
// same inputs and get the same numbers bit for bit.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/scenario.hpp"

namespace orgsim::app {

/// A CSV table the model's lists were read from (docs/model.md "CSV models").
struct TableDigest {
  std::string file;
  std::string sha256;  ///< of the bytes read; "" if the text was not kept
};

struct RunRecord {
  std::string orgsim_version;
  std::string model_file;
  std::string model_sha256;         ///< of the bytes read; "" if the text was not kept
  std::vector<TableDigest> tables;  ///< the model's CSV tables, in the order read
  std::string scenario_file;        ///< "" when a bare model was given
  std::string scenario_sha256;
  std::optional<std::uint64_t> seed;  ///< none: the simulation uses no randomness
  std::optional<std::uint64_t> samples;
};

/// The tables' digests as one CSV/JSON-lines field: "roles.csv=<sha256>;..." by file
/// name, in the order read; "" for a model without tables.
std::string tables_field(const std::vector<TableDigest>& tables);

/// The record of `scenario`, hashing the file texts the loader kept.
RunRecord make_run_record(const model::Scenario& scenario);

/// As a JSON object, for any nlohmann-like `Json` type (kept a template so this header
/// does not pull nlohmann into every file that includes it). `tables` (a list of
/// {file, sha256}) is there only for a model read from CSV tables.
template <class Json>
Json run_record_json(const RunRecord& r) {
  auto optional = [](const std::optional<std::uint64_t>& v) {
    return v ? Json(*v) : Json(nullptr);
  };
  Json j{{"orgsim_version", r.orgsim_version},   {"model_file", r.model_file},
         {"model_sha256", r.model_sha256},       {"scenario_file", r.scenario_file},
         {"scenario_sha256", r.scenario_sha256}, {"seed", optional(r.seed)},
         {"samples", optional(r.samples)}};
  if (!r.tables.empty()) {
    Json tables = Json::array();
    for (const TableDigest& t : r.tables)
      tables.push_back(Json{{"file", t.file}, {"sha256", t.sha256}});
    j["tables"] = std::move(tables);
  }
  return j;
}

}  // namespace orgsim::app
