// Times the stages of `orgsim rank` on a model file, for bench/rank_peer.py: loading
// the YAML, validating it, and sim::rank_roles (the adjoint solve and the sort) alone.
// Prints one line: "load S validate S rank S" (seconds; rank is the best of REPEATS).
// Usage: orgsim_rank_time MODEL [DEGRADE=0.5] [REPEATS=5]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <limits>

#include "model/loader.hpp"
#include "model/validate.hpp"
#include "sim/rank.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 4) {
    std::cerr << "usage: orgsim_rank_time MODEL [DEGRADE=0.5] [REPEATS=5]\n";
    return 2;
  }
  const double degrade = argc > 2 ? std::strtod(argv[2], nullptr) : 0.5;
  const int repeats = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;
  try {
    orgsim::model::LoadOptions options;
    options.max_input_bytes = std::numeric_limits<std::uintmax_t>::max();
    auto t0 = std::chrono::steady_clock::now();
    const orgsim::model::OrgGraph graph = orgsim::model::load_model(argv[1], options);
    const double load_s = seconds_since(t0);

    t0 = std::chrono::steady_clock::now();
    orgsim::model::throw_if_errors(orgsim::model::validate_model(graph), nullptr);
    const double validate_s = seconds_since(t0);

    double rank_s = std::numeric_limits<double>::infinity();
    std::size_t roles = 0;
    for (int r = 0; r < repeats; ++r) {
      t0 = std::chrono::steady_clock::now();
      const auto ranking = orgsim::sim::rank_roles(graph, degrade);
      rank_s = std::min(rank_s, seconds_since(t0));
      roles = ranking.size();
    }
    std::printf("roles %zu load %.6f validate %.6f rank %.6f\n", roles, load_s, validate_s, rank_s);
  } catch (const std::exception& e) {
    std::cerr << "orgsim_rank_time: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
