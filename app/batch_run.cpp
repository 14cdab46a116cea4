// The batch runner (app/batch.hpp run_batch): checks the options, picks up an interrupted run, runs
// the rest, and writes the rows sorted by file.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <system_error>
#include <thread>

#include "app/batch.hpp"
#include "app/exit_codes.hpp"
#include "app/output_guard.hpp"
#include "app/progress.hpp"
#include "common/atomic_file.hpp"
#include "common/digest.hpp"
#include "common/errors.hpp"
#include "common/printable.hpp"
#include "sim/monte_carlo.hpp"

namespace orgsim::app {

namespace fs = std::filesystem;

namespace {

void check_output(const fs::path& output) {
  if (output.empty()) throw InvalidArgument("-o/--output: give the results file");
  const fs::path dir = output.parent_path().empty() ? "." : output.parent_path();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw InvalidArgument("-o/--output: folder '" + dir.string() + "' does not exist");
  }
  if (fs::is_directory(output, ec)) {
    throw InvalidArgument("-o/--output: '" + output.string() + "' is a folder, expected a file");
  }
}

// The model file a scenario names (its top-level `model:` line, relative to its folder),
// or "" if there is no such line. Read without loading: only to protect it from -o.
fs::path model_named_by(const fs::path& scenario) {
  std::ifstream in(scenario, std::ios::binary);
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("model:")) continue;
    std::string value = line.substr(6);
    if (const auto hash = value.find(" #"); hash != std::string::npos) value.resize(hash);
    const auto first = value.find_first_not_of(" \t\r");
    const auto last = value.find_last_not_of(" \t\r");
    if (first == std::string::npos) return {};
    value = value.substr(first, last - first + 1);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    return (scenario.parent_path() / value).lexically_normal();
  }
  return {};
}

// -o (and its .partial file) must be none of the scenarios found, nor their models.
void refuse_overwriting_scenarios(const fs::path& output, const fs::path& partial,
                                  const std::vector<fs::path>& scenarios) {
  std::error_code ec;
  if (!fs::exists(output, ec) && !fs::exists(partial, ec)) return;  // nothing to compare
  std::vector<InputFile> inputs;
  std::set<fs::path> models;
  for (const fs::path& scenario : scenarios) {
    inputs.push_back({scenario, "a scenario"});
    if (fs::path model = model_named_by(scenario); !model.empty()) models.insert(model);
  }
  for (const fs::path& model : models) inputs.push_back({model, "a scenario's model"});
  refuse_overwriting_inputs(output, inputs, "-o/--output");
  refuse_overwriting_inputs(partial, inputs, "-o/--output (its .partial file)");
}

// The whole file, or "" if it does not exist.
std::string read_if_exists(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The SHA-256 of input files as they are now, each file read once ("" if unreadable).
class CurrentDigests {
 public:
  const std::string& of(const fs::path& path) {
    auto [it, added] = digests_.try_emplace(path.lexically_normal().string());
    if (added) {
      std::error_code ec;
      if (fs::is_regular_file(path, ec)) it->second = sha256_hex(read_if_exists(path));
    }
    return it->second;
  }

 private:
  std::map<std::string, std::string> digests_;
};

// Whether a stored row still describes its scenario: its scenario file, the model that
// file names and the model's CSV tables hash as they did when the row was written. An
// error row records no hashes (its input could not be read or checked) and is kept as
// written, so that resuming a finished run changes nothing; to retry errors, run
// without --resume.
bool still_current(const StoredRow& row, CurrentDigests& digests) {
  if (!row.ok) return true;
  if (row.scenario_sha256.empty() || row.model_sha256.empty()) return false;
  const fs::path scenario = row.file;
  if (digests.of(scenario) != row.scenario_sha256) return false;
  const fs::path model = model_named_by(scenario);
  if (model.empty() || digests.of(model) != row.model_sha256) return false;
  // "roles.csv=<sha256>;dependencies.csv=<sha256>", named in the model's folder
  // (app/run_record.hpp tables_field); a table elsewhere counts as changed.
  std::string_view tables = row.tables_sha256;
  while (!tables.empty()) {
    const std::size_t end = std::min(tables.find(';'), tables.size());
    const std::string_view entry = tables.substr(0, end);
    tables.remove_prefix(std::min(end + 1, tables.size()));
    const std::size_t eq = entry.rfind('=');
    if (eq == std::string_view::npos) return false;
    const fs::path table = model.parent_path() / std::string(entry.substr(0, eq));
    if (digests.of(table) != entry.substr(eq + 1)) return false;
  }
  return true;
}

// Rows a previous run left in the output and the .partial file, for the files of
// this run (refuse_foreign_output has made sure there are no others). A row made with
// other Monte Carlo settings (seed, samples, threshold) is dropped, so that one file
// never mixes them, and so is a row whose inputs changed since it was written: those
// scenarios run again. A file holding two rows of one scenario is
// reported; the later row is the one considered.
std::map<std::string, StoredRow> rows_to_keep(const fs::path& output, const fs::path& partial,
                                              BatchFormat format,
                                              const std::vector<fs::path>& files,
                                              const std::string& sampling, std::ostream& err) {
  std::map<std::string, StoredRow> wanted;
  for (const fs::path& file : files) wanted.emplace(file.string(), StoredRow{});
  std::map<std::string, StoredRow> found;
  for (const fs::path& path : {output, partial}) {
    std::map<std::string, int> first_line;
    for (StoredRow& row : read_batch_rows(read_if_exists(path), format)) {
      if (auto [it, added] = first_line.try_emplace(row.file, row.line); !added) {
        err << "batch: warning: " << path.string() << ":" << row.line << ": a second row for '"
            << row.file << "' (the first is at line " << it->second << "); the later one is used\n";
      }
      if (wanted.contains(row.file) && row.sampling == sampling) {
        found.insert_or_assign(row.file, std::move(row));
      }
    }
  }
  CurrentDigests digests;
  std::map<std::string, StoredRow> kept;
  std::size_t stale = 0;
  for (auto& [file, row] : found) {
    if (still_current(row, digests)) {
      kept.emplace(file, std::move(row));
    } else {
      ++stale;
    }
  }
  if (stale > 0) {
    err << "batch: running " << stale << " scenario" << (stale == 1 ? "" : "s")
        << " again: the scenario, its model or its tables changed since its row was "
           "written\n";
  }
  return kept;
}

// An existing output that is not a results file, or that holds rows of scenarios outside
// this run, would be lost by writing it: refused unless --force.
void refuse_foreign_output(const fs::path& output, BatchFormat format,
                           const std::vector<fs::path>& files) {
  std::error_code ec;
  if (!fs::is_regular_file(output, ec)) return;
  const std::string text = read_if_exists(output);
  const std::string force = "; write to another file, or add --force to replace it";
  if (!looks_like_batch_results(text, format)) {
    throw InvalidArgument(
        "-o/--output: '" + output.string() + "' exists and is not a results file of orgsim batch" +
        (format == BatchFormat::kCsv ? " (its first line is not the CSV header)"
                                     : " (its first line is not a JSON-lines row)") +
        force);
  }
  std::set<std::string> mine;
  for (const fs::path& file : files) mine.insert(file.string());
  std::set<std::string> foreign;
  for (const StoredRow& row : read_batch_rows(text, format)) {
    if (!mine.contains(row.file)) foreign.insert(row.file);
  }
  if (foreign.empty()) return;
  throw InvalidArgument("-o/--output: '" + output.string() + "' holds the results of " +
                        std::to_string(foreign.size()) + " scenario" +
                        (foreign.size() == 1 ? "" : "s") + " not in this run (the first: '" +
                        *foreign.begin() + "'), which this run would drop" + force);
}

[[noreturn]] void write_failed(const fs::path& path) {
  throw OutputError(printable_path(path) + ": error: cannot write output: " +
                    std::error_code(errno, std::generic_category()).message());
}

std::function<double()> steady_seconds() {
  return [] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
  };
}

}  // namespace

int run_batch(const BatchOptions& options, std::ostream& out, std::ostream& err) {
  // Every option is checked before any work.
  const Shard shard = options.shard.empty() ? Shard{} : parse_shard(options.shard);
  const BatchSampling& sampling = options.sampling;
  if (sampling.samples) {
    sim::MonteCarloParams params;
    params.samples = *sampling.samples;
    params.threshold = sampling.threshold;
    sim::validate(params);
  } else if (sampling.threshold) {
    throw InvalidArgument("--threshold needs --samples");
  }
  std::optional<std::uint64_t> seed, samples;
  if (sampling.samples) {
    seed = sampling.seed;
    samples = *sampling.samples;
  }
  const std::string sampling_text = sampling_key(seed, samples, sampling.threshold);
  check_output(options.output);
  const std::vector<fs::path> all = find_scenarios(options.paths);
  const std::vector<fs::path> files = shard_of(all, shard);
  fs::path partial = options.output;
  partial += ".partial";
  refuse_overwriting_scenarios(options.output, partial, all);
  if (!options.force) refuse_foreign_output(options.output, options.format, files);
  // A run killed while rewriting either file left a temporary file next to it.
  remove_stale_temporaries(options.output);
  remove_stale_temporaries(partial);

  std::map<std::string, StoredRow> rows;
  if (options.resume) {
    rows = rows_to_keep(options.output, partial, options.format, files, sampling_text, err);
  }
  std::vector<fs::path> todo;
  for (const fs::path& file : files) {
    if (!rows.contains(file.string())) todo.push_back(file);
  }

  // The .partial file starts with the rows kept (a row cut short by the interruption
  // is gone), then gets each new row as it completes, flushed.
  std::string start = batch_header(options.format);
  for (const auto& [file, row] : rows) start += row.text;
  write_file_atomically(partial, start);
  std::ofstream sink(partial, std::ios::binary | std::ios::app);
  if (!sink) write_failed(partial);

  const std::function<double()> clock = options.clock ? options.clock : steady_seconds();
  const ProgressMode mode = options.quiet                                 ? ProgressMode::kOff
                            : options.terminal.value_or(::isatty(2) == 1) ? ProgressMode::kTerminal
                                                                          : ProgressMode::kLines;
  BatchProgress progress(err, mode, todo.size(), options.progress_interval_s, clock);
  const unsigned jobs =
      options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  run_scenarios(
      todo, jobs, clock,
      [&](std::size_t, const BatchRow& row) {
        std::string text = format_batch_row(row, options.format);
        sink << text << std::flush;
        if (!sink) write_failed(partial);
        rows.insert_or_assign(
            row.file, StoredRow{row.file, row.ok, std::move(text), sampling_text, row.model_sha256,
                                row.tables_sha256, row.scenario_sha256, 0});
        progress.done(row.ok);
      },
      sampling);
  progress.finish();
  sink.close();

  std::string content = batch_header(options.format);
  std::size_t errors = 0;
  for (const auto& [file, row] : rows) {  // std::map: sorted by file
    content += row.text;
    if (!row.ok) ++errors;
  }
  write_file_atomically(options.output, content);
  std::error_code ec;
  fs::remove(partial, ec);
  out << "Wrote " << printable_path(options.output) << " (" << rows.size() << " scenario"
      << (rows.size() == 1 ? "" : "s") << ", " << errors << " error" << (errors == 1 ? "" : "s")
      << ")\n";
  return errors > 0 ? kExitInput : kExitOk;
}

}  // namespace orgsim::app
