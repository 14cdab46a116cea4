#include "app/batch_row.hpp"

#include <fstream>
#include <new>
#include <sstream>
#include <system_error>
#include <vector>

#include "app/run.hpp"
#include "app/run_record.hpp"
#include "common/digest.hpp"
#include "common/errors.hpp"
#include "model/loader.hpp"
#include "model/validate.hpp"
#include "orgsim_version.hpp"

namespace orgsim::app {

namespace fs = std::filesystem;

namespace {

std::string digest_of_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return in ? sha256_hex(text.str()) : "";
}

// One key per file however it is spelled, so "a/../m.yaml" and "m.yaml" share a load.
std::string key(const fs::path& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return ec ? path.lexically_normal().string() : canonical.string();
}

// The first line of an error message (the first error of a ValidationError).
std::string first_line(std::string_view text) {
  std::string line(text.substr(0, text.find('\n')));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

BatchStats stats_of(const sim::SampleStats& s) { return {s.mean, s.p5, s.p50, s.p95}; }

// The run `orgsim batch` makes of each scenario: one most degraded role, one path,
// no loops, no hashing (the caller hashed the inputs).
void simulate_into(model::Scenario s, const BatchSampling& sampling, BatchRow& row) {
  if (!s.changes.empty()) {
    // The model alone was checked by the cache; its changed form is checked here.
    model::throw_if_errors(model::validate_scenario(s), s.sources.get());
  }
  RunRequest request;
  request.top = 1;
  request.paths = 1;
  request.loops = false;
  request.record = false;
  if (sampling.samples) {
    sim::MonteCarloParams& params = request.sampling.emplace();
    params.samples = *sampling.samples;
    params.seed = sampling.seed;
    params.threshold = sampling.threshold;
    params.jobs = 1;  // a batch runs scenarios side by side
  }
  const RunResult run = run_scenario(std::move(s), request);
  const sim::Summary& summary = run.summary;
  row.cx_baseline = summary.cx_baseline;
  row.cx_min = summary.cx_min;
  row.cx_min_step = summary.cx_min_step;
  row.cx_final = summary.cx_final;
  row.recovery_step = summary.recovery_step;
  if (run.monte_carlo) {
    row.mc_cx_min = stats_of(run.monte_carlo->cx_min_stats);
    row.mc_cx_final = stats_of(run.monte_carlo->cx_final_stats);
    row.share_below_threshold = run.monte_carlo->share_below;
  }
  const model::OrgGraph& effective = run.effective();
  if (!summary.most_degraded.empty()) {
    row.most_degraded_role = effective.role(summary.most_degraded.front().role).id;
  }
  if (!run.paths || run.paths->paths.empty()) return;
  for (model::RoleId id : run.paths->paths.front().roles)
    row.top_path.push_back(effective.role(id).id);
  row.top_path_share = run.paths->paths.front().share;
}

// Runs `body` into `row`, turning any error into an error row, then adds the record.
template <class Body>
BatchRow guarded_row(BatchRow row, const std::function<double()>& clock,
                     const BatchSampling& sampling, Body&& body) {
  const double start = clock();
  try {
    body(row);
  } catch (const Error& e) {
    row.ok = false;
    row.error = first_line(e.what());
  } catch (const std::bad_alloc&) {
    row.ok = false;
    row.error = "out of memory";
  } catch (const std::exception& e) {
    row.ok = false;
    row.error = "internal error: " + first_line(e.what());
  }
  if (!row.ok) {  // figures of a half-finished run mean nothing
    BatchRow failed;
    failed.file = std::move(row.file);
    failed.name = std::move(row.name);
    failed.ok = false;
    failed.error = std::move(row.error);
    row = std::move(failed);
  }
  row.orgsim_version = kVersion;
  row.threshold = sampling.threshold;
  if (sampling.samples) {
    row.seed = sampling.seed;
    row.samples = *sampling.samples;
  }
  row.runtime_ms = (clock() - start) * 1000.0;
  return row;
}

}  // namespace

const model::OrgGraph& ModelCache::get(const fs::path& path, std::string* sha256,
                                       std::string* tables) {
  std::shared_ptr<Entry> entry;
  {
    std::lock_guard lock(mutex_);
    auto& slot = entries_[key(path)];
    if (!slot) slot = std::make_shared<Entry>();
    entry = slot;
  }
  std::call_once(entry->once, [&] {
    try {
      entry->graph = model::load_model(path);
      model::throw_if_errors(model::validate_model(*entry->graph), nullptr);
      entry->sha256 = digest_of_file(path);
      std::vector<TableDigest> digests;
      for (const std::string& table : entry->graph->table_files) {
        digests.push_back({table, digest_of_file(table)});
      }
      entry->tables = tables_field(digests);
    } catch (...) {
      entry->error = std::current_exception();
    }
  });
  if (entry->error) std::rethrow_exception(entry->error);
  if (sha256) *sha256 = entry->sha256;
  if (tables) *tables = entry->tables;
  return *entry->graph;
}

std::size_t ModelCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

BatchRow batch_row(const fs::path& file, ModelCache& models, const std::function<double()>& clock,
                   const BatchSampling& sampling) {
  BatchRow start;
  start.file = file.string();
  return guarded_row(std::move(start), clock, sampling, [&](BatchRow& row) {
    model::Scenario s =
        model::load_scenario_with(file, [&](const fs::path& model_path) -> const model::OrgGraph& {
          return models.get(model_path, &row.model_sha256, &row.tables_sha256);
        });
    row.name = s.name;
    row.scenario_sha256 = make_run_record(s).scenario_sha256;
    simulate_into(std::move(s), sampling, row);
  });
}

BatchRow batch_row(model::Scenario scenario, const std::function<double()>& clock,
                   const BatchSampling& sampling) {
  BatchRow start;
  start.file = scenario.file;
  start.name = scenario.name;
  return guarded_row(std::move(start), clock, sampling, [&](BatchRow& row) {
    const RunRecord record = make_run_record(scenario);
    row.model_sha256 = record.model_sha256;
    row.tables_sha256 = tables_field(record.tables);
    row.scenario_sha256 = record.scenario_sha256;
    simulate_into(std::move(scenario), sampling, row);
  });
}

}  // namespace orgsim::app
