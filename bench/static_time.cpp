// The stages of `orgsim run SCENARIO --static` timed apart, for bench/end_to_end.sh:
//   scan      a bare libyaml event loop over the model file (no tree, no numbers): the
//             floor for any YAML reader, issue 15's yardstick;
//   load      reading and parsing the scenario and its model (model::load_scenario);
//   validate  model::validate_model;
//   solve     sim::solve_static from the graph (building A, the components, the solve);
//   prepared  sim::StaticSystem::solve alone, on a system prepared once.
// Prints one line of "name seconds" pairs (scan, solve and prepared: best of REPEATS).
// Usage: orgsim_static_time MODEL SCENARIO [REPEATS=5]
#include <yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <limits>

#include "model/loader.hpp"
#include "model/validate.hpp"
#include "sim/engine.hpp"
#include "sim/static_solver.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Every event of the file through libyaml's parser, as the "bare event scan".
long scan_events(const char* path) {
  FILE* file = std::fopen(path, "rb");
  if (!file) throw std::runtime_error(std::string("cannot open ") + path);
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_file(&parser, file);
  long events = 0;
  for (bool done = false; !done;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      yaml_parser_delete(&parser);
      std::fclose(file);
      throw std::runtime_error(std::string("libyaml cannot parse ") + path);
    }
    done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    ++events;
  }
  yaml_parser_delete(&parser);
  std::fclose(file);
  return events;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::cerr << "usage: orgsim_static_time MODEL SCENARIO [REPEATS=5]\n";
    return 2;
  }
  const int repeats = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;
  try {
    double scan_s = std::numeric_limits<double>::infinity();
    long events = 0;
    for (int r = 0; r < repeats; ++r) {
      auto t0 = std::chrono::steady_clock::now();
      events = scan_events(argv[1]);
      scan_s = std::min(scan_s, seconds_since(t0));
    }

    orgsim::model::LoadOptions options;
    options.max_input_bytes = std::numeric_limits<std::uintmax_t>::max();
    auto t0 = std::chrono::steady_clock::now();
    const orgsim::model::Scenario scenario = orgsim::model::load_scenario(argv[2], options);
    const double load_s = seconds_since(t0);

    t0 = std::chrono::steady_clock::now();
    orgsim::model::throw_if_errors(orgsim::model::validate_model(scenario.model), nullptr);
    const double validate_s = seconds_since(t0);

    const auto c = orgsim::sim::perturbation_at(scenario.model, scenario.failures, 0);
    double solve_s = std::numeric_limits<double>::infinity();
    double prepared_s = std::numeric_limits<double>::infinity();
    double residual = 0.0;
    for (int r = 0; r < repeats; ++r) {
      t0 = std::chrono::steady_clock::now();
      residual = orgsim::sim::solve_static(scenario.model, c).residual;
      solve_s = std::min(solve_s, seconds_since(t0));
    }
    const orgsim::sim::StaticSystem system(scenario.model);
    for (int r = 0; r < repeats; ++r) {
      t0 = std::chrono::steady_clock::now();
      residual = std::max(residual, system.solve(c).residual);
      prepared_s = std::min(prepared_s, seconds_since(t0));
    }
    std::printf(
        "roles %zu dependencies %zu events %ld scan %.6f load %.6f validate %.6f solve %.6f "
        "prepared %.6f residual %.3g\n",
        scenario.model.role_count(), scenario.model.dependencies().size(), events, scan_s, load_s,
        validate_s, solve_s, prepared_s, residual);
  } catch (const std::exception& e) {
    std::cerr << "orgsim_static_time: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
