// orgsim._core's batch functions: rows of `orgsim batch` (app/batch.hpp,
// app/batch_row.hpp) for scenario files or scenarios built in memory, as CSV text
// that the Python layer reads with pandas.read_csv, exactly as it reads the file
// `orgsim batch` writes. Runs without the GIL, on `jobs` threads.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "app/batch.hpp"
#include "app/batch_output.hpp"
#include "app/batch_row.hpp"
#include "common/errors.hpp"
#include "python/core.hpp"

namespace orgsim::python {

namespace {

namespace fs = std::filesystem;

double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

app::BatchSampling sampling_of(std::optional<std::size_t> samples, std::uint64_t seed,
                               std::optional<double> threshold) {
  app::BatchSampling s;
  s.samples = samples;
  s.seed = seed;
  s.threshold = threshold;
  return s;
}

// CSV records for items 0..n-1, computed by `row_of(i)` on `jobs` threads (0: one per
// hardware thread), in item order.
template <class RowOf>
std::vector<std::string> rows_in_parallel(std::size_t n, unsigned jobs, const RowOf& row_of) {
  std::vector<std::string> rows(n);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      rows[i] = app::format_batch_row(row_of(i), app::BatchFormat::kCsv);
    }
  };
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t threads = std::max<std::size_t>(1, std::min<std::size_t>(jobs, n));
  std::vector<std::jthread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  pool.clear();  // joins: every row is written
  return rows;
}

// `orgsim batch PATH...`: the files found under `paths`, sorted, one CSV record each,
// through the runner the command uses (app::run_scenarios).
std::vector<std::string> batch_paths(const std::vector<fs::path>& paths, unsigned jobs,
                                     std::optional<std::size_t> samples, std::uint64_t seed,
                                     std::optional<double> threshold) {
  py::gil_scoped_release unlocked;
  const std::vector<fs::path> files = app::find_scenarios(paths);
  std::vector<std::string> rows(files.size());
  app::run_scenarios(
      files, jobs == 0 ? std::max(1u, std::thread::hardware_concurrency()) : jobs, steady_seconds,
      [&](std::size_t i, const app::BatchRow& row) {
        rows[i] = app::format_batch_row(row, app::BatchFormat::kCsv);
      },
      sampling_of(samples, seed, threshold));
  return rows;
}

// Scenario files, in the order given, with models from a cache kept by the caller
// (a Dask worker keeps one for its lifetime). `labels`, if given, replace the file
// column: a worker opens an absolute path but reports the path as the user gave it.
std::vector<std::string> batch_files(const std::vector<fs::path>& files, app::ModelCache& models,
                                     unsigned jobs, std::optional<std::size_t> samples,
                                     std::uint64_t seed, std::optional<double> threshold,
                                     const std::vector<std::string>& labels) {
  if (!labels.empty() && labels.size() != files.size()) {
    throw InvalidArgument("labels: one per file, or none");
  }
  const app::BatchSampling sampling = sampling_of(samples, seed, threshold);
  py::gil_scoped_release unlocked;
  return rows_in_parallel(files.size(), jobs, [&](std::size_t i) {
    app::BatchRow row = app::batch_row(files[i], models, steady_seconds, sampling);
    if (!labels.empty()) row.file = labels[i];
    return row;
  });
}

// Loaded scenarios, in the order given.
std::vector<std::string> batch_scenarios(const std::vector<ScenarioHandle>& scenarios,
                                         unsigned jobs, std::optional<std::size_t> samples,
                                         std::uint64_t seed, std::optional<double> threshold) {
  const app::BatchSampling sampling = sampling_of(samples, seed, threshold);
  py::gil_scoped_release unlocked;
  return rows_in_parallel(scenarios.size(), jobs, [&](std::size_t i) {
    return app::batch_row(*scenarios[i].scenario, steady_seconds, sampling);
  });
}

}  // namespace

void bind_batch(py::module_& m) {
  py::class_<app::ModelCache>(m, "ModelCache",
                              "Model files loaded once and kept (app::ModelCache).")
      .def(py::init<>())
      .def("__len__", &app::ModelCache::size);
  m.def(
      "batch_header", [] { return app::batch_header(app::BatchFormat::kCsv); },
      "The CSV header line of `orgsim batch`.");
  m.def(
      "find_scenarios",
      [](const std::vector<fs::path>& paths) {
        std::vector<std::string> out;
        for (const fs::path& p : app::find_scenarios(paths)) out.push_back(p.string());
        return out;
      },
      py::arg("paths"), "The scenario files `orgsim batch PATH...` runs, sorted.");
  m.def("batch_paths", &batch_paths, py::arg("paths"), py::arg("jobs"), py::arg("samples"),
        py::arg("seed"), py::arg("threshold"),
        "CSV records of `orgsim batch PATH...` (files found and sorted as it does).");
  m.def("batch_files", &batch_files, py::arg("files"), py::arg("models"), py::arg("jobs"),
        py::arg("samples"), py::arg("seed"), py::arg("threshold"),
        py::arg("labels") = std::vector<std::string>{},
        "CSV records of scenario files in the order given, models from `models`.");
  m.def("batch_scenarios", &batch_scenarios, py::arg("scenarios"), py::arg("jobs"),
        py::arg("samples"), py::arg("seed"), py::arg("threshold"),
        "CSV records of loaded scenarios in the order given.");
}

}  // namespace orgsim::python
