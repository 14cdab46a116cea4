// nlohmann-json is costly to compile: it stays in .cpp files. Apart from layout_json.cpp
// (which needs viz/): the WebAssembly engine plays runs on the diagram too.
#include "app/role_steps.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace orgsim::app {

using nlohmann::json;

json role_steps_json(const RunResult& run, std::size_t max_values) {
  const sim::Trace& trace = run.trace;
  const auto& g = run.effective();
  std::vector<std::uint32_t> hit;
  for (std::uint32_t r = 0; r < g.role_count(); ++r) {
    if (trace.peak(model::RoleId(r)) > 0) hit.push_back(r);
  }
  std::stable_sort(hit.begin(), hit.end(), [&](std::uint32_t a, std::uint32_t b) {
    return trace.peak(model::RoleId(a)) > trace.peak(model::RoleId(b));
  });
  const bool series = trace.has_role_trajectories() && !run.solver;
  const std::size_t states = static_cast<std::size_t>(trace.steps()) + 1;
  const std::size_t fit = series ? std::min(hit.size(), max_values / states) : 0;
  json roles = json::array();
  for (std::size_t i = 0; i < hit.size(); ++i) {
    const model::RoleId id(hit[i]);
    json j = {{"id", g.role(id).id}, {"peak", trace.peak(id)}, {"peak_step", trace.peak_step(id)}};
    if (i < fit) {
      json q = json::array();
      for (int k = 0; k <= trace.steps(); ++k) q.push_back(std::round(trace.q(id, k) * 1e4) / 1e4);
      j["q"] = std::move(q);
    }
    roles.push_back(std::move(j));
  }
  json out = {{"steps", trace.steps()}, {"roles", std::move(roles)}, {"omitted", hit.size() - fit}};
  if (fit < hit.size()) {
    out["note"] = !series
                      ? std::string(run.solver ? "a static run has no steps"
                                               : "per-step values were not kept for this run")
                      : "only the " + std::to_string(fit) + " most affected of " +
                            std::to_string(hit.size()) + " roles have per-step values (at most " +
                            std::to_string(max_values) + " values)";
  }
  return out;
}

}  // namespace orgsim::app
