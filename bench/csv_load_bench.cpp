// Wall time of each stage of a large CSV model, from files to the static fixed point:
// load (read the tables, index ids, build the graph), validate, static solve.
// Run: bench/csv_million.sh (generates 1M roles / 5M dependencies first), or
//   build/bench/orgsim_csv_load_bench MODEL_OR_SCENARIO.yaml [max-input-mb]
// Each stage shows wall and CPU seconds: on a busy machine the CPU time is the figure
// to compare. A scenario's failures active at step 0 are solved; a bare model gets one failure of
// its last role (a shared service), as in bench/engine_bench.cpp.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <string>

#include "common/errors.hpp"
#include "model/loader.hpp"
#include "model/validate.hpp"
#include "sim/engine.hpp"
#include "sim/static_solver.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: kilobytes
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: %s MODEL_OR_SCENARIO.yaml [max-input-mb]\n", argv[0]);
    return 2;
  }
  try {
    orgsim::model::LoadOptions options;
    if (argc == 3) options.max_input_bytes = std::strtoull(argv[2], nullptr, 10) << 20;
    const Clock::time_point start = Clock::now();
    const double cpu_start = cpu_seconds();
    double cpu = cpu_start;
    orgsim::model::Scenario s = orgsim::model::load_model_or_scenario(argv[1], options);
    const double load = seconds_since(start);
    std::printf(
        "load      %7.3f s wall %7.3f s CPU  (%zu roles, %zu dependencies, peak RSS %.0f MB)\n",
        load, cpu_seconds() - cpu, s.model.role_count(), s.model.dependencies().size(),
        peak_rss_mb());
    cpu = cpu_seconds();

    Clock::time_point t = Clock::now();
    const orgsim::Diagnostics d = orgsim::model::validate_scenario(s);
    orgsim::model::throw_if_errors(d, s.sources.get());
    const double validate = seconds_since(t);
    std::printf("validate  %7.3f s wall %7.3f s CPU  (%zu warnings, peak RSS %.0f MB)\n", validate,
                cpu_seconds() - cpu, d.warning_count(), peak_rss_mb());

    if (s.failures.empty()) {
      orgsim::model::Failure f;
      f.role = orgsim::model::RoleId(static_cast<std::uint32_t>(s.model.role_count() - 1));
      f.degrade = 0.5;
      s.failures.push_back(f);
    }
    t = Clock::now();
    cpu = cpu_seconds();
    orgsim::sim::StaticSolution report;
    const orgsim::sim::Trace trace = orgsim::sim::simulate_static(s, {}, &report);
    const double solve = seconds_since(t);
    std::printf(
        "solve     %7.3f s wall %7.3f s CPU  (%zu loops, largest %zu roles, peak RSS %.0f MB)\n",
        solve, cpu_seconds() - cpu, report.loop_components, report.largest_loop, peak_rss_mb());
    std::printf("total     %7.3f s wall %7.3f s CPU  (peak RSS %.0f MB)\n", seconds_since(start),
                cpu_seconds() - cpu_start, peak_rss_mb());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
