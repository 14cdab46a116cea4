#pragma once
// One batch row (app/batch_output.hpp) for one scenario, from a file or built in
// memory, with the models loaded once and shared: what a front end that schedules
// scenarios itself (the Python module, its Dask workers) calls per scenario.
// `orgsim batch` (batch.cpp) computes the same row the same way.

#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "app/batch.hpp"
#include "app/batch_output.hpp"
#include "model/scenario.hpp"

namespace orgsim::app {

/// Model files loaded and validated once, shared by threads and kept between calls
/// (a Dask worker keeps one for its lifetime). A model that fails keeps its error.
class ModelCache {
 public:
  /// The model at `path`, the SHA-256 of its file in *sha256 and of its CSV tables in
  /// *tables (tables_field(); "" if unreadable). Thread-safe.
  const model::OrgGraph& get(const std::filesystem::path& path, std::string* sha256 = nullptr,
                             std::string* tables = nullptr);
  /// How many model files were loaded (or failed to load) so far.
  std::size_t size() const;

 private:
  struct Entry {
    std::once_flag once;
    std::optional<model::OrgGraph> graph;
    std::string sha256;
    std::string tables;
    std::exception_ptr error;
  };
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Entry>> entries_;
};

/// The row of the scenario file `file`, its model taken from `models`. Errors become
/// an error row (status=error, the first line of the message), as in `orgsim batch`.
BatchRow batch_row(const std::filesystem::path& file, ModelCache& models,
                   const std::function<double()>& clock, const BatchSampling& sampling = {});

/// The row of a loaded, validated scenario (file column: scenario.file; hashes: of
/// the texts the loader kept). Errors in the run become an error row.
BatchRow batch_row(model::Scenario scenario, const std::function<double()>& clock,
                   const BatchSampling& sampling = {});

}  // namespace orgsim::app
