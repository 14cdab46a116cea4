#include "sim/paths.hpp"

#include <algorithm>

#include "sim/params.hpp"
#include "sim/path_checks.hpp"
#include "sim/static_solver.hpp"

namespace orgsim::sim {

using detail::check_count;
using detail::check_degrade;
using detail::check_role;
using detail::keep_best;

namespace {

// c_i = the largest perturbation role i ever gets, max over steps k of c_i(k).
// Failures of one role that overlap in time add up (capped at 1), as in the engine;
// failures at different times do not. A sweep over start and end events per role.
// Time complexity: O(F log F).
std::vector<double> peak_perturbation(std::size_t roles, std::span<const model::Failure> failures) {
  struct Event {
    std::uint32_t role;
    long long step;
    double change;  // +degrade at `from`, -degrade at `to`
  };
  std::vector<Event> events;
  events.reserve(2 * failures.size());
  for (const model::Failure& f : failures) {
    events.push_back({f.role.value, f.from, f.degrade});
    if (f.to) events.push_back({f.role.value, *f.to, -f.degrade});
  }
  // Ends before starts at the same step: [from, to) windows that touch do not overlap.
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    if (a.role != b.role) return a.role < b.role;
    if (a.step != b.step) return a.step < b.step;
    return a.change < b.change;
  });
  std::vector<double> c(roles, 0.0);
  double running = 0.0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (i == 0 || events[i].role != events[i - 1].role) running = 0.0;
    running += events[i].change;
    c[events[i].role] = std::max(c[events[i].role], std::min(1.0, running));
  }
  return c;
}

}  // namespace

ImpactPaths impact_paths(const model::OrgGraph& graph, std::span<const model::Failure> failures,
                         std::size_t k) {
  check_count(k, "k");
  for (const model::Failure& f : failures) {
    check_role(graph, f.role, "failure role");
    check_degrade(f.degrade);
  }
  const std::vector<double> c = peak_perturbation(graph.role_count(), failures);
  std::vector<model::RoleId> sources;
  for (std::uint32_t i = 0; i < c.size(); ++i) {
    if (c[i] > 0.0) sources.push_back(model::RoleId(i));
  }
  ImpactPaths out;
  if (sources.empty()) return out;

  std::vector<double> degrades;
  degrades.reserve(sources.size());
  for (model::RoleId s : sources) degrades.push_back(c[s.value]);
  for (auto& [i, r] : strongest_paths_to_customer(graph, sources, degrades, k)) {
    const double cx = degrades[i] * r.gain * r.end_weight * graph.cx_baseline;
    out.paths.push_back({std::move(r.roles), r.gain, degrades[i], r.end_weight, cx, 0.0});
  }
  keep_best(out.paths, k, [](const ImpactPath& p) { return p.cx_points; });

  SimParams linear;
  linear.clamp = false;
  const StaticSolution q = solve_static(graph, c, linear);
  double drop = 0.0;
  for (std::size_t i = 0; i < q.q.size(); ++i) drop += graph.roles()[i].touchpoint * q.q[i];
  out.total_cx_points = graph.cx_baseline * drop;
  double listed = 0.0;
  for (ImpactPath& p : out.paths) {
    listed += p.cx_points;
    p.share = out.total_cx_points > 0.0 ? p.cx_points / out.total_cx_points : 0.0;
  }
  out.remaining_cx_points = out.total_cx_points - listed;
  out.remaining_share =
      out.total_cx_points > 0.0 ? out.remaining_cx_points / out.total_cx_points : 0.0;
  return out;
}

ImpactPaths paths_to_customer(const model::OrgGraph& graph, model::RoleId role, double degrade,
                              std::size_t limit) {
  check_count(limit, "limit");
  check_role(graph, role, "role");
  check_degrade(degrade);
  const model::Failure f{role, degrade, 0, std::nullopt, {}};
  return impact_paths(graph, std::span<const model::Failure>(&f, 1), limit);
}

}  // namespace orgsim::sim
