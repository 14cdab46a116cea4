#include "app/batch.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <exception>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <sstream>
#include <system_error>
#include <thread>

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

// Only this much of a .yaml file is read to tell a scenario from a model.
constexpr std::size_t kSniffBytes = 1 << 16;

// A scenario has a top-level `model:` key: a line starting with "model:" (as the
// golden tests in tests/CMakeLists.txt tell them apart).
bool looks_like_scenario(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string text(kSniffBytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text.starts_with("model:") || text.find("\nmodel:") != std::string::npos;
}

// Each model file loaded and validated once, shared by the threads. A model that
// fails keeps its exception, so every scenario naming it gets the same error.
class ModelCache {
 public:
  /// The model at `path`, the SHA-256 of its file in *sha256 and of its CSV tables in
  /// *tables (tables_field; as read once more, after loading; "" if unreadable).
  const model::OrgGraph& get(const fs::path& path, std::string* sha256 = nullptr,
                             std::string* tables = nullptr) {
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

 private:
  struct Entry {
    std::once_flag once;
    std::optional<model::OrgGraph> graph;
    std::string sha256;
    std::string tables;
    std::exception_ptr error;
  };
  static std::string digest_of_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return in ? sha256_hex(text.str()) : "";
  }
  static std::string key(const fs::path& path) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(path, ec);
    return ec ? path.lexically_normal().string() : canonical.string();
  }
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Entry>> entries_;
};

// The first line of an error message (the first error of a ValidationError).
std::string first_line(std::string_view text) {
  std::string line(text.substr(0, text.find('\n')));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

BatchStats stats_of(const sim::SampleStats& s) { return {s.mean, s.p5, s.p50, s.p95}; }

void simulate_into(model::Scenario s, const BatchSampling& sampling, BatchRow& row) {
  if (!s.changes.empty()) {
    // The model alone was checked by the cache; its changed form is checked here.
    model::throw_if_errors(model::validate_scenario(s), s.sources.get());
  }
  RunRequest request;
  request.top = 1;
  request.paths = 1;
  request.loops = false;
  request.record = false;  // the cache hashed the model; the row hashes the scenario
  if (sampling.samples) {
    sim::MonteCarloParams& params = request.sampling.emplace();
    params.samples = *sampling.samples;
    params.seed = sampling.seed;
    params.threshold = sampling.threshold;
    params.jobs = 1;  // the batch's threads run scenarios side by side
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

BatchRow run_one(const fs::path& file, ModelCache& models, const std::function<double()>& clock,
                 const BatchSampling& sampling) {
  BatchRow row;
  row.file = file.string();
  const double start = clock();
  std::string model_sha256;
  std::string tables_sha256;
  try {
    model::Scenario s =
        model::load_scenario_with(file, [&](const fs::path& model_path) -> const model::OrgGraph& {
          return models.get(model_path, &model_sha256, &tables_sha256);
        });
    row.name = s.name;
    row.model_sha256 = model_sha256;
    row.tables_sha256 = tables_sha256;
    row.scenario_sha256 = make_run_record(s).scenario_sha256;
    simulate_into(std::move(s), sampling, row);
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

Shard parse_shard(std::string_view text) {
  auto bad = [&]() -> InvalidArgument {
    return InvalidArgument("--shard must be i/n with 1 <= i <= n (e.g. 2/8), got '" +
                           std::string(text) + "'");
  };
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) throw bad();
  Shard shard;
  auto number = [&](std::string_view part, std::size_t& value) {
    const char* end = part.data() + part.size();
    auto [ptr, ec] = std::from_chars(part.data(), end, value);
    if (part.empty() || ec != std::errc() || ptr != end) throw bad();
  };
  number(text.substr(0, slash), shard.index);
  number(text.substr(slash + 1), shard.count);
  if (shard.index < 1 || shard.index > shard.count) throw bad();
  return shard;
}

std::vector<fs::path> find_scenarios(std::span<const fs::path> paths) {
  if (paths.empty()) throw InvalidArgument("PATH: give at least one scenario file or folder");
  std::vector<fs::path> found;
  for (const fs::path& path : paths) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
      found.push_back(path);
      continue;
    }
    if (!fs::is_directory(path, ec)) {
      if (fs::exists(path, ec)) {  // a named pipe, device or socket: it cannot be read twice
        throw InvalidArgument("PATH: '" + path.string() +
                              "' is not a regular file or folder (a named pipe, device or "
                              "socket); save the scenario to a file");
      }
      throw InvalidArgument("PATH: no such file or folder: '" + path.string() + "'");
    }
    const std::size_t before = found.size();
    for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".yaml" &&
          looks_like_scenario(it->path())) {
        found.push_back(it->path());
      }
    }
    if (ec) {
      throw InvalidArgument("PATH: cannot read folder '" + path.string() + "': " + ec.message());
    }
    if (found.size() == before) {
      throw InvalidArgument("PATH: no scenario (a .yaml file with a 'model:' key) in folder '" +
                            path.string() + "'");
    }
  }
  std::sort(found.begin(), found.end(),
            [](const fs::path& a, const fs::path& b) { return a.string() < b.string(); });
  found.erase(
      std::unique(found.begin(), found.end(),
                  [](const fs::path& a, const fs::path& b) { return a.string() == b.string(); }),
      found.end());
  return found;
}

std::vector<fs::path> shard_of(std::span<const fs::path> sorted, Shard shard) {
  std::vector<fs::path> mine;
  for (std::size_t i = shard.index - 1; i < sorted.size(); i += shard.count) {
    mine.push_back(sorted[i]);
  }
  return mine;
}

void run_scenarios(std::span<const fs::path> files, unsigned jobs,
                   const std::function<double()>& clock,
                   const std::function<void(std::size_t, const BatchRow&)>& on_row,
                   const BatchSampling& sampling) {
  ModelCache models;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;  // serializes on_row
  std::exception_ptr failure;
  auto work = [&] {
    for (std::size_t i = next++; i < files.size() && !stop; i = next++) {
      BatchRow row = run_one(files[i], models, clock, sampling);
      std::lock_guard lock(mutex);
      if (stop) return;
      try {
        on_row(i, row);
      } catch (...) {
        failure = std::current_exception();
        stop = true;
      }
    }
  };
  const std::size_t threads = std::max<std::size_t>(1, std::min<std::size_t>(jobs, files.size()));
  std::vector<std::jthread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  pool.clear();  // joins
  if (failure) std::rethrow_exception(failure);
}

}  // namespace orgsim::app
