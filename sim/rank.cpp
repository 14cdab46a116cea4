#include "sim/rank.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <exception>
#include <string>
#include <utility>

#include "common/errors.hpp"
#include "sim/static_solver.hpp"
#include "sim/workers.hpp"

namespace orgsim::sim {

namespace {

constexpr unsigned kMaxJobs = 1024;

// The graph with every dependency turned around: its matrix is A^T.
model::OrgGraph reversed(const model::OrgGraph& graph) {
  model::OrgGraph out = graph;
  for (auto& d : out.mutable_dependencies()) std::swap(d.role, d.depends_on);
  return out;
}

// B x sum_i w_i q_i over the touchpoints: the CX points lost for inoperabilities q.
double cx_loss(const model::OrgGraph& graph, const std::vector<double>& q) {
  double s = 0.0;
  for (std::size_t i = 0; i < q.size(); ++i) s += graph.roles()[i].touchpoint * q[i];
  return graph.cx_baseline * s;
}

// Every role alone, degraded by `degrade`, in the clamped static model; out[i] for
// role i. Workers take the next role from a shared counter and write only their own
// slots, so the answers do not depend on the number of threads. After a failure the
// workers stop taking roles, and the error of the lowest failed role is rethrown.
std::vector<double> exact_losses(const model::OrgGraph& graph, double degrade,
                                 const RankParams& params) {
  const std::size_t n = graph.role_count();
  std::vector<double> out(n, 0.0);
  std::vector<std::exception_ptr> errors(n);
  SimParams sim = params.sim;
  sim.clamp = true;
  // The components and the renumbered A once for all n solves (solve() is thread-safe).
  const StaticSystem system(graph);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  auto work = [&] {
    std::vector<double> c(n, 0.0);
    for (std::size_t i = next++; i < n && !failed; i = next++) {
      try {
        c[i] = degrade;
        out[i] = cx_loss(graph, system.solve(c, sim).q);
        c[i] = 0.0;
      } catch (...) {
        errors[i] = std::current_exception();
        failed = true;
      }
    }
  };
  run_workers(worker_count(params.jobs, n), work);
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  return out;
}

}  // namespace

bool RoleCriticality::differs() const {
  return exact_cx_points && std::abs(*exact_cx_points - cx_points) > kExactDiffers;
}

void validate_rank(double degrade, const RankParams& params) {
  if (!(degrade > 0.0 && degrade <= 1.0)) {
    char got[32];
    std::snprintf(got, sizeof got, "%.6g", degrade);
    throw InvalidArgument(std::string("degrade must be in (0, 1], got ") + got);
  }
  if (params.jobs > kMaxJobs) {
    throw InvalidArgument("jobs must be in [0, 1024] (0: one per hardware thread), got " +
                          std::to_string(params.jobs));
  }
  validate(params.sim);
}

std::vector<RoleCriticality> rank_roles(const model::OrgGraph& graph, double degrade,
                                        const RankParams& params) {
  validate_rank(degrade, params);
  const std::size_t n = graph.role_count();
  std::vector<RoleCriticality> out(n);
  if (n == 0) return out;

  // The adjoint: y = (I - A^T)^-1 w, as the linear static solution of the reversed
  // graph for the "perturbation" w (see the top of sim/rank.hpp).
  std::vector<double> w(n);
  for (std::size_t i = 0; i < n; ++i) w[i] = graph.roles()[i].touchpoint;
  SimParams linear = params.sim;
  linear.clamp = false;
  const std::vector<double> y = solve_static(reversed(graph), w, linear).q;

  std::vector<double> exact;
  if (params.exact) exact = exact_losses(graph, degrade, params);
  for (std::size_t i = 0; i < n; ++i) {
    out[i].role = model::RoleId(static_cast<std::uint32_t>(i));
    out[i].cx_points = graph.cx_baseline * degrade * y[i];
    if (params.exact) out[i].exact_cx_points = exact[i];
  }
  std::sort(out.begin(), out.end(), [](const RoleCriticality& a, const RoleCriticality& b) {
    if (a.cx_points != b.cx_points) return a.cx_points > b.cx_points;
    return a.role < b.role;
  });
  return out;
}

}  // namespace orgsim::sim
