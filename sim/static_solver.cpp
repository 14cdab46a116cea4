#include "sim/static_solver.hpp"

#include <Eigen/IterativeLinearSolvers>
#include <Eigen/SparseLU>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "common/errors.hpp"
#include "model/structure.hpp"
#include "sim/sparse.hpp"

namespace orgsim::sim {

namespace {

using ColMatrix = Eigen::SparseMatrix<double, Eigen::ColMajor, int>;

/// One loop component in local numbering: M = I - A_CC (row-major, sorted) and
/// b = c_C + A_C,outside q_outside (inputs from components solved earlier).
struct LoopSystem {
  SparseRowMatrix m;
  Eigen::VectorXd b;
  double cap = 1.0;  // the clamp; +infinity for the linear (unclamped) IIM
};

// max_i |q_i - min(1, (A q + b)_i)| with A q = q - M q (M's diagonal is exactly 1).
double loop_residual(const LoopSystem& sys, const Eigen::VectorXd& q) {
  Eigen::VectorXd aq = q - sys.m * q;
  double r = 0.0;
  for (Eigen::Index i = 0; i < q.size(); ++i) {
    r = std::max(r, std::abs(q[i] - std::min(sys.cap, aq[i] + sys.b[i])));
  }
  return r;
}

// Projected Gauss-Seidel: q_i <- min(1, b_i + sum_j a_ij q_j), newest values first.
// For A >= 0 with spectral radius < 1 this is a contraction in a weighted max-norm,
// so it converges to the unique fixed point from any start. Returns true once
// the residual is within tolerance, false after `sweeps` sweeps.
bool projected_gauss_seidel(const LoopSystem& sys, Eigen::VectorXd& q, double tolerance,
                            int sweeps) {
  const SparseRowMatrix& m = sys.m;
  const int* outer = m.outerIndexPtr();
  const int* inner = m.innerIndexPtr();
  const double* value = m.valuePtr();
  for (int it = 1; it <= sweeps; ++it) {
    double change = 0.0;
    for (int i = 0; i < m.outerSize(); ++i) {
      double s = sys.b[i];
      for (int e = outer[i]; e < outer[i + 1]; ++e) {
        if (inner[e] != i) s -= value[e] * q[inner[e]];
      }
      double v = std::min(sys.cap, s);
      change = std::max(change, std::abs(v - q[i]));
      q[i] = v;
    }
    // The residual costs a mat-vec: only look once the sweep barely moved anything.
    if (change <= tolerance && loop_residual(sys, q) <= tolerance) return true;
  }
  return false;
}

// Solves (I - A_FF) q_F = b_F + A_FS 1 for the free roles F, with q_S = 1 on the
// clamped set S, by sparse LU.
bool solve_with_clamps(const LoopSystem& sys, const std::vector<char>& clamped,
                       Eigen::VectorXd& q) {
  const int n = static_cast<int>(sys.b.size());
  std::vector<int> position(n, -1);
  int free_count = 0;
  for (int i = 0; i < n; ++i) {
    if (!clamped[i]) position[i] = free_count++;
  }
  Eigen::VectorXd rhs(free_count);
  std::vector<Eigen::Triplet<double, int>> triplets;
  for (int i = 0; i < n; ++i) {
    if (clamped[i]) continue;
    double r = sys.b[i];
    for (SparseRowMatrix::InnerIterator e(sys.m, i); e; ++e) {
      if (clamped[e.col()]) {
        r -= e.value();  // -M_ij = a_ij, times q_j = 1
      } else {
        triplets.emplace_back(position[i], position[e.col()], e.value());
      }
    }
    rhs[position[i]] = r;
  }
  for (int i = 0; i < n; ++i) q[i] = 1.0;
  if (free_count == 0) return true;
  ColMatrix mff(free_count, free_count);
  mff.setFromTriplets(triplets.begin(), triplets.end());
  Eigen::SparseLU<ColMatrix, Eigen::COLAMDOrdering<int>> lu;
  lu.compute(mff);
  if (lu.info() != Eigen::Success) return false;
  Eigen::VectorXd x = lu.solve(rhs);
  if (lu.info() != Eigen::Success) return false;
  for (int i = 0; i < n; ++i) {
    if (!clamped[i]) q[i] = x[position[i]];
  }
  return true;
}

// Active set for the clamp: clamp roles whose linear value exceeds 1, release
// clamped roles whose input (A q + b) falls below 1, until nothing changes. The
// result is checked against the fixed-point residual by the caller.
bool solve_loop_direct(const LoopSystem& sys, Eigen::VectorXd& q, std::size_t& clamped_count) {
  const auto n = sys.b.size();
  std::vector<char> clamped(n, 0);
  for (Eigen::Index round = 0; round <= n + 1; ++round) {
    if (!solve_with_clamps(sys, clamped, q)) return false;
    Eigen::VectorXd input = q - sys.m * q + sys.b;
    bool changed = false;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (!clamped[i] && q[i] > sys.cap) {
        clamped[i] = 1;
        changed = true;
      } else if (clamped[i] && input[i] < 1.0) {
        clamped[i] = 0;
        changed = true;
      }
    }
    if (!changed) {
      clamped_count = static_cast<std::size_t>(std::count(clamped.begin(), clamped.end(), 1));
      return true;
    }
  }
  return false;
}

// Large loops: projected Gauss-Seidel, which handles the clamp natively and needs
// few sweeps when the loop gain is moderate. If it is slow (gain near 1), BiCGSTAB
// (a Krylov method, far fewer mat-vecs there) takes over from where it got to,
// and Gauss-Seidel polishes the result, clamping where needed.
constexpr int kGaussSeidelFirstTry = 60;
// A loop whose gain is within about 1e-12 of 1 is so ill-conditioned that neither LU
// nor Gauss-Seidel gets its residual below the 1e-12 default tolerance in floating
// point (fuzz_sim_graph found one: 3.6e-12 after 100,000 sweeps). Such a loop's
// solution is accepted up to this residual, which StaticSolution::residual reports.
constexpr double kIllConditionedResidual = 1e-9;

// Every Gauss-Seidel sweep counts against params.max_iterations.
void solve_loop_iterative(const LoopSystem& sys, Eigen::VectorXd& q, const SimParams& params) {
  q = sys.b.cwiseMin(sys.cap);
  const int first_try = std::min(kGaussSeidelFirstTry, params.max_iterations);
  if (projected_gauss_seidel(sys, q, params.tolerance, first_try)) return;
  Eigen::BiCGSTAB<SparseRowMatrix, Eigen::DiagonalPreconditioner<double>> solver;
  solver.setTolerance(params.tolerance * 1e-2);
  solver.setMaxIterations(std::min(params.max_iterations, 1000));
  solver.compute(sys.m);
  Eigen::VectorXd x = solver.solveWithGuess(sys.b, q);
  if (solver.info() == Eigen::Success && x.allFinite()) q = x.cwiseMax(0.0).cwiseMin(sys.cap);
  if (loop_residual(sys, q) <= params.tolerance) return;
  const int rest = params.max_iterations - first_try;
  if (rest > 0 && projected_gauss_seidel(sys, q, params.tolerance, rest)) return;
  if (loop_residual(sys, q) <= std::max(params.tolerance, kIllConditionedResidual)) return;
  char residual[32];
  std::snprintf(residual, sizeof residual, "%.6g", loop_residual(sys, q));
  throw Error("static solve did not converge: a loop of " + std::to_string(sys.m.rows()) +
              " roles still changes after " + std::to_string(params.max_iterations) +
              " Gauss-Seidel sweeps (residual " + residual +
              "); its gain is probably very close to 1");
}

// Builds M = I - A_CC and b for one component whose roles are in increasing id
// order (ComponentOrder keeps them so), which keeps each row's columns sorted.
LoopSystem build_loop(const SparseRowMatrix& a, const model::ComponentOrder& order,
                      std::size_t component, std::span<const std::uint32_t> roles,
                      std::span<const double> c, const std::vector<double>& q,
                      std::vector<int>& local) {
  const int m = static_cast<int>(roles.size());
  for (int l = 0; l < m; ++l) local[roles[l]] = l;
  LoopSystem sys;
  sys.b.resize(m);
  std::vector<int> outer(m + 1, 0), inner;
  std::vector<double> values;
  for (int l = 0; l < m; ++l) {
    const int row = static_cast<int>(roles[l]);
    double b = c[row];
    bool diagonal_done = false;
    for (SparseRowMatrix::InnerIterator e(a, row); e; ++e) {
      const auto col = static_cast<std::uint32_t>(e.col());
      if (order.component_of(model::RoleId(col)) != component) {
        b += e.value() * q[col];
        continue;
      }
      if (!diagonal_done && local[col] > l) {
        inner.push_back(l);
        values.push_back(1.0);
        diagonal_done = true;
      }
      inner.push_back(local[col]);
      values.push_back(-e.value());
    }
    if (!diagonal_done) {
      inner.push_back(l);
      values.push_back(1.0);
    }
    outer[l + 1] = static_cast<int>(inner.size());
    sys.b[l] = b;
  }
  sys.m = Eigen::Map<const SparseRowMatrix>(m, m, static_cast<int>(values.size()), outer.data(),
                                            inner.data(), values.data());
  return sys;
}

}  // namespace

StaticSolution solve_static(const model::OrgGraph& graph, std::span<const double> c,
                            const SimParams& params) {
  validate(params);
  const std::size_t n = graph.role_count();
  if (c.size() != n) {
    throw InvalidArgument("perturbation c must have one entry per role (" + std::to_string(n) +
                          "), got " + std::to_string(c.size()));
  }
  const SparseRowMatrix a = dependency_matrix(graph);
  const model::ComponentOrder order = model::strong_components(
      n, std::span<const int>(a.outerIndexPtr(), n + 1),
      std::span<const int>(a.innerIndexPtr(), static_cast<std::size_t>(a.nonZeros())));
  StaticSolution out;
  out.q.assign(n, 0.0);
  std::vector<int> local(n, -1);
  const double cap = params.clamp ? 1.0 : std::numeric_limits<double>::infinity();

  for (std::size_t comp = 0; comp < order.size(); ++comp) {
    auto roles = order.roles(comp);
    if (roles.size() == 1) {
      // Not in a loop: everything this role depends on is already solved.
      const int row = static_cast<int>(roles[0]);
      double s = c[row];
      for (SparseRowMatrix::InnerIterator e(a, row); e; ++e) s += e.value() * out.q[e.col()];
      out.q[row] = std::min(cap, s);
      if (s >= cap) ++out.clamped_roles;
      continue;
    }
    ++out.loop_components;
    out.largest_loop = std::max(out.largest_loop, roles.size());
    LoopSystem sys = build_loop(a, order, comp, roles, c, out.q, local);
    sys.cap = cap;
    Eigen::VectorXd q = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(roles.size()));
    std::size_t clamped = 0;
    bool direct = roles.size() <= params.direct_solve_limit;
    if (direct && solve_loop_direct(sys, q, clamped) && loop_residual(sys, q) <= params.tolerance) {
      ++out.direct_solves;
    } else {
      solve_loop_iterative(sys, q, params);
      ++out.iterative_solves;
      clamped = static_cast<std::size_t>((q.array() >= cap).count());
    }
    out.clamped_roles += clamped;
    // A near-singular loop's answer can come back a rounding error outside [0, cap].
    for (std::size_t l = 0; l < roles.size(); ++l) {
      out.q[roles[l]] = std::clamp(q[static_cast<int>(l)], 0.0, cap);
    }
  }

  // The residual of the whole system, checked once more from scratch.
  Eigen::Map<const Eigen::VectorXd> qv(out.q.data(), static_cast<Eigen::Index>(n));
  Eigen::Map<const Eigen::VectorXd> cv(c.data(), static_cast<Eigen::Index>(n));
  Eigen::VectorXd input = a * qv + cv;
  for (std::size_t i = 0; i < n; ++i) {
    out.residual = std::max(out.residual, std::abs(out.q[i] - std::min(cap, input[i])));
  }
  return out;
}

}  // namespace orgsim::sim
