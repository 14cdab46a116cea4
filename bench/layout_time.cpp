// Times the one-time layout of a whole model for the workshop page's diagram
// (viz::lay_out_org, what GET /api/layout computes once per server) and its JSON.
// Prints one line: "roles N edges E layout S json S bytes B" (seconds; layout is the
// best of REPEATS, each one a fresh layout in the process's one Graphviz context).
// Usage: orgsim_layout_time MODEL [REPEATS=3]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>

#include "app/layout_json.hpp"
#include "app/pictures.hpp"
#include "app/run_json.hpp"
#include "model/loader.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: orgsim_layout_time MODEL [REPEATS=3]\n";
    return 2;
  }
  const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  try {
    orgsim::model::LoadOptions options;
    options.max_input_bytes = std::numeric_limits<std::uintmax_t>::max();
    const orgsim::model::OrgGraph graph = orgsim::model::load_model(argv[1], options);
    orgsim::viz::Renderer& renderer = orgsim::app::process_renderer();  // started before timing
    double layout_s = std::numeric_limits<double>::infinity();
    orgsim::viz::OrgLayout layout;
    for (int r = 0; r < repeats; ++r) {
      const auto t0 = std::chrono::steady_clock::now();
      layout = orgsim::viz::lay_out_org(graph, renderer);
      layout_s = std::min(layout_s, seconds_since(t0));
    }
    const auto t0 = std::chrono::steady_clock::now();
    const std::string text = orgsim::app::json_text(orgsim::app::layout_json(graph, layout), -1);
    const double json_s = seconds_since(t0);
    std::printf("roles %zu edges %zu layout %.3f json %.3f bytes %zu\n", graph.role_count(),
                layout.edges.size() + layout.cx_edges.size(), layout_s, json_s, text.size());
  } catch (const std::exception& e) {
    std::cerr << "orgsim_layout_time: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
