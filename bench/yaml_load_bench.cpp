// Loading + validating a YAML model against a bare libyaml event scan of the same file,
// in one run, so the ratio does not depend on the machine (docs/performance.md, "YAML").
// The scan reads the file and pulls every event from libyaml, building nothing: the
// least any libyaml-based reader can do.
//
// Usage: orgsim_yaml_load_bench MODEL [REPEATS=3]   times both, alternating; prints
//          "bytes N events N roles N scan S load S ratio R" (CPU seconds, best of
//          REPEATS each)
//        orgsim_yaml_load_bench --only scan|load|none MODEL
//          one pass of one stage, for /usr/bin/time -v (peak memory); `none` is the
//          process's baseline (it reads nothing)
#include <yaml.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>

#include "model/loader.hpp"
#include "model/validate.hpp"

namespace {

// This process's CPU time (user + system): on a shared machine it moves far less than
// wall time, and both stages are single-threaded.
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

std::string read_all(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return std::move(out).str();
}

// Every event of `path`, counted and dropped. Returns the count (0 on a YAML error).
std::size_t scan(const char* path) {
  const std::string text = read_all(path);
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  std::size_t events = 0;
  for (bool done = false; !done;) {
    yaml_event_t e;
    if (!yaml_parser_parse(&parser, &e)) {
      events = 0;
      break;
    }
    done = e.type == YAML_STREAM_END_EVENT;
    ++events;
    yaml_event_delete(&e);
  }
  yaml_parser_delete(&parser);
  return events;
}

// What `orgsim validate MODEL` does with a model: load (read, parse, check every field)
// and validate. Returns the number of roles.
std::size_t load(const char* path) {
  orgsim::model::LoadOptions options;
  options.max_input_bytes = std::numeric_limits<std::uintmax_t>::max();
  const orgsim::model::OrgGraph graph = orgsim::model::load_model(path, options);
  orgsim::model::throw_if_errors(orgsim::model::validate_model(graph), nullptr);
  return graph.role_count();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 4 && std::string(argv[1]) == "--only") {
      const std::string stage = argv[2];
      std::size_t n = 0;
      if (stage == "scan") {
        n = scan(argv[3]);
      } else if (stage == "load") {
        n = load(argv[3]);
      } else if (stage != "none") {
        std::cerr << "orgsim_yaml_load_bench: --only takes scan, load or none\n";
        return 2;
      }
      std::printf("%s %zu\n", stage.c_str(), n);
      return 0;
    }
    if (argc < 2 || argc > 3) {
      std::cerr << "usage: orgsim_yaml_load_bench MODEL [REPEATS=3]\n"
                   "       orgsim_yaml_load_bench --only scan|load|none MODEL\n";
      return 2;
    }
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    double scan_s = std::numeric_limits<double>::infinity();
    double load_s = scan_s;
    std::size_t events = 0;
    std::size_t roles = 0;
    for (int r = 0; r < repeats; ++r) {
      double t0 = cpu_seconds();
      events = scan(argv[1]);
      scan_s = std::min(scan_s, cpu_seconds() - t0);
      t0 = cpu_seconds();
      roles = load(argv[1]);
      load_s = std::min(load_s, cpu_seconds() - t0);
    }
    std::printf("bytes %zu events %zu roles %zu scan %.3f load %.3f ratio %.2f\n",
                read_all(argv[1]).size(), events, roles, scan_s, load_s, load_s / scan_s);
  } catch (const std::exception& e) {
    std::cerr << "orgsim_yaml_load_bench: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
