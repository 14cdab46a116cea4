#pragma once
// The rows of `orgsim batch`: one scenario's result as a CSV record or a JSON line,
// and reading back the complete rows of an interrupted run (for --resume).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orgsim::app {

enum class BatchFormat { kCsv, kJsonl };

/// Mean and percentiles of one Monte Carlo figure (sim::SampleStats, copied).
struct BatchStats {
  double mean = 0.0;
  double p5 = 0.0;
  double p50 = 0.0;
  double p95 = 0.0;
};

/// One scenario's result. On an error row only file, name (when known), error, the
/// run record and runtime_ms are set; the figures are left empty.
struct BatchRow {
  std::string file;  ///< the scenario's path as given or discovered: the sort key
  std::string name;
  bool ok = true;
  std::string error;  ///< one line
  double cx_baseline = 0.0;
  double cx_min = 0.0;
  int cx_min_step = 0;
  double cx_final = 0.0;
  std::optional<int> recovery_step;   ///< nullopt: not recovered
  std::string most_degraded_role;     ///< role id; "" if no role was degraded
  std::vector<std::string> top_path;  ///< role ids, failed role first
  double top_path_share = 0.0;        ///< of the linear CX drop
  /// Monte Carlo (--samples): set when sampled; empty columns otherwise.
  std::optional<BatchStats> mc_cx_min;
  std::optional<BatchStats> mc_cx_final;
  std::optional<double> threshold;     ///< with --threshold
  double share_below_threshold = 0.0;  ///< share of samples whose CX minimum is below it
  /// The run record (app/run_record.hpp): hashes "" when the file could not be read.
  std::string orgsim_version;
  std::string model_sha256;
  std::string tables_sha256;  ///< a model with CSV tables: "roles.csv=<sha256>;..."
  std::string scenario_sha256;
  std::optional<std::uint64_t> seed;     ///< with --samples
  std::optional<std::uint64_t> samples;  ///< with --samples
  double runtime_ms = 0.0;
};

/// The `schema_version` of each JSON-lines row (docs/schema/batch-row.schema.json; the
/// same rule as app/run_json.hpp's kJsonSchemaVersion). Not a CSV column.
inline constexpr int kBatchRowSchemaVersion = 1;

/// The column names, in order.
// clang-format off
inline constexpr std::string_view kBatchColumns[] = {
    "file", "name", "status", "error",
    // the nominal run
    "cx_baseline", "cx_min", "cx_min_step", "cx_final", "recovery_step", "most_degraded_role",
    "top_path", "top_path_share",
    // Monte Carlo (empty without --samples)
    "cx_min_mean", "cx_min_p5", "cx_min_p50", "cx_min_p95",
    "cx_final_mean", "cx_final_p5", "cx_final_p50", "cx_final_p95",
    "threshold", "share_below_threshold",
    // the run record
    "orgsim_version", "model_sha256", "tables_sha256", "scenario_sha256", "seed", "samples",
    "runtime_ms"};
// clang-format on

/// The CSV header line (with its newline); "" for JSON lines.
std::string batch_header(BatchFormat format);

/// One row as an RFC 4180 CSV record or one JSON object, ending with a newline.
/// Numbers are written so that they read back exactly.
std::string format_batch_row(const BatchRow& row, BatchFormat format);

/// A row as read back from an output or .partial file: its key, status and text.
struct StoredRow {
  std::string file;
  bool ok = true;
  std::string text;  ///< the row as written, with its newline
  /// "seed/samples/threshold" as written ("//" without sampling): a row is kept by
  /// --resume only when this matches the run's.
  std::string sampling;
  /// The run record's hashes as written: a row is kept by --resume only while its inputs
  /// still hash to them.
  std::string model_sha256;
  std::string tables_sha256;
  std::string scenario_sha256;
  int line = 0;  ///< where the row starts in its file, 1-based
};

/// Whether `text` can be a results file of `format` written by orgsim batch: empty, or
/// starting with the CSV header (CSV), or with a row object (JSON lines). Anything else
/// (a model, notes, another format) must not be replaced without --force.
bool looks_like_batch_results(std::string_view text, BatchFormat format);

/// The `sampling` key of a row with these settings (threshold with 17 digits).
std::string sampling_key(const std::optional<std::uint64_t>& seed,
                         const std::optional<std::uint64_t>& samples,
                         const std::optional<double>& threshold);

/// The complete rows of `text`, in file order. A header, a last row cut short (no
/// newline, an open quote) and lines that are not rows are skipped.
/// Time complexity: O(size of text).
std::vector<StoredRow> read_batch_rows(std::string_view text, BatchFormat format);

}  // namespace orgsim::app
