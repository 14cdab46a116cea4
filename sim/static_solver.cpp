// The static solver (docs/model.md "How it is solved"). The method, and why: the
// components are found once per model (StaticSystem), and A is renumbered so that a
// solve is one forward pass down its rows: a role outside loops costs one substitution
// (a layered org is mostly such roles), a small loop a sparse LU, a large loop projected
// Gauss-Seidel sweeps on its own rows in place. Plain sweeps, not a Krylov method,
// because on these models (incoming weights summing to 0.2-0.8) a sweep costs one
// sparse pass and cuts the error 5-10 times; acceleration only where it does not.
#include "sim/static_solver.hpp"

#include <Eigen/Dense>
#include <Eigen/IterativeLinearSolvers>
#include <Eigen/SparseLU>
#include <algorithm>
#include <array>
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

}  // namespace

// ---------------------------------------------------------------------------------------
// The prepared system: A renumbered into component order.

struct StaticSystem::Impl {
  std::size_t n = 0;
  /// role_at[r]: the role of row (and column) r of `a`. Components are consecutive runs
  /// of rows in dependency order; inside one component roles keep increasing id order.
  std::vector<std::uint32_t> role_at;
  /// Component k is rows [block[k], block[k + 1]).
  std::vector<std::uint32_t> block;
  /// P A P^T: row r lists what role_at[r] depends on, columns renumbered, sorted.
  SparseRowMatrix a;
  /// inside[r]: the first entry of row r in r's own component. Components only depend on
  /// earlier ones, so a row's entries before inside[r] are inputs from solved components
  /// and those from inside[r] on are the loop itself.
  std::vector<int> inside;
};

namespace {

// One loop component's rows [begin, end) of the prepared matrix, solved in place in the
// global (renumbered) q: q_r = min(cap, b_r + sum over inside entries a_rj q_j).
struct Block {
  const StaticSystem::Impl* sys;
  int begin = 0, end = 0;
  const double* b = nullptr;  // b[r - begin]: c_r plus the inputs from earlier components
  std::span<const double> c;  // the perturbation, by role
  double cap = 1.0;

  int size() const { return end - begin; }
};

// The loop's fixed-point residual max |q_r - min(cap, c_r + A_r q)| from scratch: whole
// rows, c and every input again, not b. One pass over the loop's rows.
double block_residual(const Block& blk, const double* q) {
  const int* outer = blk.sys->a.outerIndexPtr();
  const int* inner = blk.sys->a.innerIndexPtr();
  const double* value = blk.sys->a.valuePtr();
  double res = 0.0;
  for (int r = blk.begin; r < blk.end; ++r) {
    prefetch_row(outer, inner, q, r + kPrefetchRows, blk.end);
    double s = blk.c[blk.sys->role_at[static_cast<std::size_t>(r)]];
    for (int e = outer[r]; e < outer[r + 1]; ++e) s += value[e] * q[inner[e]];
    res = std::max(res, std::abs(q[r] - std::min(blk.cap, s)));
  }
  return res;
}

// The loop as a system of its own (local numbering), for sparse LU and BiCGSTAB.
LoopSystem copy_loop(const Block& blk, const double* q_global, Eigen::VectorXd& q_local) {
  const int m = blk.size();
  const int* outer = blk.sys->a.outerIndexPtr();
  const int* inner = blk.sys->a.innerIndexPtr();
  const double* value = blk.sys->a.valuePtr();
  LoopSystem sys;
  sys.cap = blk.cap;
  sys.b = Eigen::Map<const Eigen::VectorXd>(blk.b, m);
  std::vector<int> outer_local(static_cast<std::size_t>(m) + 1, 0), inner_local;
  std::vector<double> values;
  for (int l = 0; l < m; ++l) {
    const int r = blk.begin + l;
    bool diagonal_done = false;
    for (int e = blk.sys->inside[static_cast<std::size_t>(r)]; e < outer[r + 1]; ++e) {
      const int col = inner[e] - blk.begin;
      if (!diagonal_done && col > l) {
        inner_local.push_back(l);
        values.push_back(1.0);
        diagonal_done = true;
      }
      inner_local.push_back(col);
      values.push_back(-value[e]);
    }
    if (!diagonal_done) {
      inner_local.push_back(l);
      values.push_back(1.0);
    }
    outer_local[static_cast<std::size_t>(l) + 1] = static_cast<int>(inner_local.size());
  }
  sys.m = Eigen::Map<const SparseRowMatrix>(m, m, static_cast<int>(values.size()),
                                            outer_local.data(), inner_local.data(), values.data());
  q_local = Eigen::Map<const Eigen::VectorXd>(q_global + blk.begin, m);
  return sys;
}

// Projected Gauss-Seidel on the loop's rows in place: q_r <- min(cap, b_r + sum_j a_rj q_j),
// newest values first. For A >= 0 with spectral radius < 1 this is a contraction in a
// weighted max-norm, so it converges to the unique fixed point from any start.
//
// Plain Gauss-Seidel is what the org models need: on the uniformly random 1M-role org's
// giant loop (row sums 0.2-0.8) each sweep cuts the change by 5-10x, 14 sweeps reach
// 1e-12, and Anderson acceleration (below) needed the same 14 sweeps at 1.4 times the
// cost of each (docs/performance.md). Where a sweep gains less than kSlowSweep (a loop
// gain near 1), the sweeps switch to Anderson acceleration (Walker and Ni 2011, "type
// II"): with G one sweep, x its start, g = G(x) and f = g - x, the next start is
// g - dG gamma, where gamma fits the last kDepth differences of f in least squares
// (dF gamma ~ f) and dG holds the matching differences of g, projected to [0, cap]. For
// a linear loop that is GMRES-like on the Gauss-Seidel-preconditioned system; the
// differences live interleaved per row and are formed in the sweep's own pass. A sweep
// whose change grows restarts the history (plain Gauss-Seidel always contracts).
//
// Stopping: after a sweep that changed no q by more than `change`, the residual of row
// r is at most sum_{j > r} a_rj |change_j| (what the sweep had not yet seen); in practice
// it is about the next sweep's change (equal to two digits on the random 1M org). The
// residual (one pass) is checked once the change is within tolerance, which leaves the
// answer's error, residual / (1 - gain), about as small as before this file was rewritten
// (tests compare it with a dense LU to 1e-12). Checking at a forecast residual would save
// one sweep of 14 there but loses that margin.
// Returns the residual once it is within tolerance, or nothing after max_sweeps sweeps.
constexpr int kDepth = 3;
constexpr double kSlowSweep = 0.5;

std::optional<double> gauss_seidel(const Block& blk, double* q, double tolerance, int max_sweeps,
                                   std::size_t& sweeps) {
  const int m = blk.size();
  const int* outer = blk.sys->a.outerIndexPtr();
  const int* inner = blk.sys->a.innerIndexPtr();
  const double* value = blk.sys->a.valuePtr();
  const int* inside = blk.sys->inside.data();
  constexpr int kRow = 2 * kDepth;  // per row: dF[0..kDepth), dG[0..kDepth)
  std::vector<double> hist, f_old, g_old;
  Eigen::Matrix<double, kDepth, kDepth> gram = Eigen::Matrix<double, kDepth, kDepth>::Zero();
  std::array<bool, kDepth> valid{};
  int slot = 0;
  bool accelerate = false, have_old = false;
  double last_change = std::numeric_limits<double>::infinity();
  for (int it = 1; it <= max_sweeps; ++it) {
    ++sweeps;
    double change = 0.0;
    if (!accelerate) {
      for (int r = blk.begin; r < blk.end; ++r) {
        prefetch_row(outer, inner, q, r + kPrefetchRows, blk.end);
        double s = blk.b[r - blk.begin];
        for (int e = inside[r]; e < outer[r + 1]; ++e) s += value[e] * q[inner[e]];
        const double g = std::min(blk.cap, s);
        change = std::max(change, std::abs(g - q[r]));
        q[r] = g;
      }
    } else {
      std::array<double, kDepth> dot_new{}, dot_f{};
      for (int l = 0; l < m; ++l) {
        const int r = blk.begin + l;
        prefetch_row(outer, inner, q, r + kPrefetchRows, blk.end);
        double s = blk.b[l];
        for (int e = inside[r]; e < outer[r + 1]; ++e) s += value[e] * q[inner[e]];
        const double g = std::min(blk.cap, s);
        const double f = g - q[r];
        change = std::max(change, std::abs(f));
        q[r] = g;
        const auto row = static_cast<std::size_t>(l);
        if (have_old) {
          double* h = &hist[row * kRow];
          const double df = f - f_old[row];
          h[slot] = df;
          h[kDepth + slot] = g - g_old[row];
          for (int k = 0; k < kDepth; ++k) {
            dot_new[static_cast<std::size_t>(k)] += h[k] * df;
            dot_f[static_cast<std::size_t>(k)] += h[k] * f;
          }
        }
        f_old[row] = f;
        g_old[row] = g;
      }
      const bool restart = !have_old || change > last_change;
      have_old = true;
      if (restart) {
        valid.fill(false);
      } else {
        valid[static_cast<std::size_t>(slot)] = true;
        for (int k = 0; k < kDepth; ++k) {
          gram(k, slot) = gram(slot, k) = dot_new[static_cast<std::size_t>(k)];
        }
        // gamma on the valid slots: (dF^T dF + a tiny ridge) gamma = dF^T f.
        std::array<int, kDepth> use{};
        int used = 0;
        for (int k = 0; k < kDepth; ++k) {
          if (valid[static_cast<std::size_t>(k)]) use[static_cast<std::size_t>(used++)] = k;
        }
        Eigen::MatrixXd h(used, used);
        Eigen::VectorXd rhs(used);
        double scale = 0.0;
        for (int i = 0; i < used; ++i) {
          for (int j = 0; j < used; ++j) h(i, j) = gram(use[i], use[j]);
          rhs[i] = dot_f[static_cast<std::size_t>(use[i])];
          scale = std::max(scale, h(i, i));
        }
        slot = (slot + 1) % kDepth;
        // About to check the residual: keep g as it is.
        const bool checkable = change <= tolerance;
        if (scale > 0.0 && !checkable) {
          h.diagonal().array() += scale * 1e-12;
          const Eigen::VectorXd gamma = h.ldlt().solve(rhs);
          if (gamma.allFinite()) {
            for (int l = 0; l < m; ++l) {
              const double* dg = &hist[static_cast<std::size_t>(l) * kRow + kDepth];
              double x = q[blk.begin + l];
              for (int i = 0; i < used; ++i) x -= gamma[i] * dg[use[i]];
              q[blk.begin + l] = std::clamp(x, 0.0, blk.cap);
            }
          }
        }
      }
    }
    // The residual after a sweep is about the next sweep's change, which is this change
    // times the last ratio: check (one pass) once that forecast is within tolerance.
    if (change <= tolerance) {
      const double residual = block_residual(blk, q);
      if (residual <= tolerance) return residual;
    }
    if (!accelerate && it >= 3 && change > kSlowSweep * last_change) {
      accelerate = true;
      hist.assign(static_cast<std::size_t>(m) * kRow, 0.0);
      f_old.assign(static_cast<std::size_t>(m), 0.0);
      g_old.assign(static_cast<std::size_t>(m), 0.0);
    }
    last_change = change;
  }
  return std::nullopt;
}

// Large loops: projected Gauss-Seidel in place (above). If it has not converged after
// kGaussSeidelFirstTry sweeps (gain very near 1), BiCGSTAB (a Krylov method, far fewer
// mat-vecs there) on a copy of the loop takes over from where it got to, and plain
// projected Gauss-Seidel polishes the result, clamping where needed.
constexpr int kGaussSeidelFirstTry = 60;
// A loop whose gain is within about 1e-12 of 1 is so ill-conditioned that neither LU
// nor Gauss-Seidel gets its residual below the 1e-12 default tolerance in floating
// point (fuzz_sim_graph found one: 3.6e-12 after 100,000 sweeps). Such a loop's
// solution is accepted up to this residual, which StaticSolution::residual reports.
constexpr double kIllConditionedResidual = 1e-9;

// Every Gauss-Seidel sweep counts against params.max_iterations. Returns the loop's
// residual from scratch (block_residual).
double solve_loop_iterative(const Block& blk, double* q, const SimParams& params,
                            std::size_t& sweeps) {
  for (int r = blk.begin; r < blk.end; ++r) q[r] = std::min(blk.cap, blk.b[r - blk.begin]);
  const int first_try = std::min(kGaussSeidelFirstTry, params.max_iterations);
  if (auto residual = gauss_seidel(blk, q, params.tolerance, first_try, sweeps)) {
    return *residual;
  }
  Eigen::VectorXd x;
  LoopSystem sys = copy_loop(blk, q, x);
  Eigen::BiCGSTAB<SparseRowMatrix, Eigen::DiagonalPreconditioner<double>> solver;
  solver.setTolerance(params.tolerance * 1e-2);
  solver.setMaxIterations(std::min(params.max_iterations, 1000));
  solver.compute(sys.m);
  Eigen::VectorXd y = solver.solveWithGuess(sys.b, x);
  if (solver.info() == Eigen::Success && y.allFinite()) x = y.cwiseMax(0.0).cwiseMin(sys.cap);
  const int rest = params.max_iterations - first_try;
  if (loop_residual(sys, x) > params.tolerance && rest > 0) {
    projected_gauss_seidel(sys, x, params.tolerance, rest);
  }
  // A near-singular loop's answer can come back a rounding error outside [0, cap].
  for (int l = 0; l < blk.size(); ++l) q[blk.begin + l] = std::clamp(x[l], 0.0, blk.cap);
  const double residual = block_residual(blk, q);
  if (residual <= std::max(params.tolerance, kIllConditionedResidual)) return residual;
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", loop_residual(sys, x));
  throw Error("static solve did not converge: a loop of " + std::to_string(blk.size()) +
              " roles still changes after " + std::to_string(params.max_iterations) +
              " Gauss-Seidel sweeps (residual " + text + "); its gain is probably very close to 1");
}

}  // namespace

StaticSystem::StaticSystem(const model::OrgGraph& graph) : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  s.n = graph.role_count();
  const auto& deps = graph.dependencies();
  // The components are found on the dependencies' own rows (columns only, in file order:
  // a counting sort, no values, no sorting), and the renumbered A is built from the
  // dependency list directly. A in role order is never built: it cost a pass of its own
  // and a second, scattered read of its rows for the copy (docs/performance.md).
  std::vector<int> row_start(s.n + 1, 0), columns(deps.size());
  for (const auto& d : deps) ++row_start[d.role.value + 1];
  for (std::size_t i = 0; i < s.n; ++i) row_start[i + 1] += row_start[i];
  {
    std::vector<int> next(row_start.begin(), row_start.end() - 1);
    for (const auto& d : deps) {
      columns[static_cast<std::size_t>(next[d.role.value]++)] =
          static_cast<int>(d.depends_on.value);
    }
  }
  // A giant loop is looked for first (model::ComponentSearch): on a uniformly random org
  // it holds 99% of the roles and a depth-first search through it is a chain of cache
  // misses. The block order below does not depend on the components' numbering.
  const model::ComponentOrder order =
      model::strong_components(s.n, row_start, columns, model::ComponentSearch::kGiantLoopFirst);
  // The order of the blocks: by level (a component's level is one more than the
  // highest level among the components it depends on, 0 for none), and inside a level
  // by the component's smallest role id. Any order with dependencies first would do;
  // this one keeps roles outside loops in nearly their own id order, so that a solve
  // reads A's rows and q almost sequentially. In Tarjan's completion order a layered
  // 1M-role org's rows are scattered: its prepared solve took 2.6 sparse passes, in
  // this order 1.2-1.6 (docs/performance.md). The levels come with the components
  // (model::ComponentOrder::level, found during the same search). The order does not
  // depend on how the components were numbered, so neither does any result.
  const std::size_t count = order.size();
  std::uint32_t levels = 0;
  for (std::size_t k = 0; k < count; ++k) levels = std::max(levels, order.level(k) + 1);
  std::vector<std::uint32_t> level_start(std::size_t{levels} + 1, 0);
  for (std::size_t k = 0; k < count; ++k) level_start[order.level(k) + 1] += 1;
  for (std::uint32_t l = 0; l < levels; ++l) level_start[l + 1] += level_start[l];
  // Components by level, each level in increasing smallest role id: walk the roles in id
  // order and place a component when its smallest role (its first) comes up.
  std::vector<std::uint32_t> by_level(count);
  for (std::uint32_t r = 0; r < s.n; ++r) {
    const std::uint32_t k = order.component_of(model::RoleId(r));
    if (order.roles(k)[0] == r) by_level[level_start[order.level(k)]++] = k;
  }
  s.role_at.reserve(s.n);
  s.block.assign(1, 0);
  s.block.reserve(count + 1);
  for (std::uint32_t k : by_level) {
    auto roles = order.roles(k);
    s.role_at.insert(s.role_at.end(), roles.begin(), roles.end());
    s.block.push_back(static_cast<std::uint32_t>(s.role_at.size()));
  }
  std::vector<int> position(s.n);
  for (std::size_t r = 0; r < s.n; ++r) position[s.role_at[r]] = static_cast<int>(r);

  // P A P^T straight from the dependency list: row position[role], column
  // position[depends_on]. Each row is then sorted by its new column with an insertion sort
  // (rows hold a handful of entries); it is stable, so a row holds the same entries in the
  // same order as when it was copied from A in role order, and solves give the same bits.
  const int n = static_cast<int>(s.n);
  s.a.resize(n, n);
  s.a.resizeNonZeros(static_cast<Eigen::Index>(deps.size()));
  int* outer = s.a.outerIndexPtr();
  int* inner = s.a.innerIndexPtr();
  double* value = s.a.valuePtr();
  outer[0] = 0;
  for (int r = 0; r < n; ++r) {
    const auto role = s.role_at[static_cast<std::size_t>(r)];
    outer[r + 1] = outer[r] + (row_start[role + 1] - row_start[role]);
  }
  {
    std::vector<int> next(outer, outer + n);
    for (const auto& d : deps) {
      const int slot = next[static_cast<std::size_t>(position[d.role.value])]++;
      inner[slot] = position[d.depends_on.value];
      value[slot] = d.weight;
    }
  }
  s.inside.assign(s.n, 0);
  std::size_t comp = 0;
  for (int r = 0; r < n; ++r) {
    while (s.block[comp + 1] <= static_cast<std::uint32_t>(r)) ++comp;
    const int first = static_cast<int>(s.block[comp]);
    const int e = outer[r + 1];
    for (int i = outer[r] + 1; i < e; ++i) {
      const int col = inner[i];
      const double w = value[i];
      int j = i - 1;
      for (; j >= outer[r] && inner[j] > col; --j) {
        inner[j + 1] = inner[j];
        value[j + 1] = value[j];
      }
      inner[j + 1] = col;
      value[j + 1] = w;
    }
    int split = outer[r];
    while (split < e && inner[split] < first) ++split;
    s.inside[static_cast<std::size_t>(r)] = split;
  }
}

StaticSystem::~StaticSystem() = default;
StaticSystem::StaticSystem(StaticSystem&&) noexcept = default;
StaticSystem& StaticSystem::operator=(StaticSystem&&) noexcept = default;
std::size_t StaticSystem::role_count() const { return impl_->n; }

StaticSolution StaticSystem::solve(std::span<const double> c, const SimParams& params) const {
  validate(params);
  const Impl& s = *impl_;
  const std::size_t n = s.n;
  if (c.size() != n) {
    throw InvalidArgument("perturbation c must have one entry per role (" + std::to_string(n) +
                          "), got " + std::to_string(c.size()));
  }
  const int* outer = s.a.outerIndexPtr();
  const int* inner = s.a.innerIndexPtr();
  const double* value = s.a.valuePtr();
  const double cap = params.clamp ? 1.0 : std::numeric_limits<double>::infinity();
  StaticSolution out;
  std::vector<double> q(n);  // in the renumbered order
  std::vector<double> b;
  double residual = 0.0;

  for (std::size_t comp = 0; comp + 1 < s.block.size(); ++comp) {
    const int begin = static_cast<int>(s.block[comp]);
    const int end = static_cast<int>(s.block[comp + 1]);
    if (end - begin == 1) {
      // Not in a loop: everything this role depends on is already solved. Recomputing
      // this sum in the same order gives the same bits, so its residual is exactly 0.
      double sum = c[s.role_at[static_cast<std::size_t>(begin)]];
      for (int e = outer[begin]; e < outer[begin + 1]; ++e) sum += value[e] * q[inner[e]];
      q[begin] = std::min(cap, sum);
      if (sum >= cap) ++out.clamped_roles;
      continue;
    }
    const int m = end - begin;
    ++out.loop_components;
    out.largest_loop = std::max(out.largest_loop, static_cast<std::size_t>(m));
    b.resize(static_cast<std::size_t>(m));
    for (int r = begin; r < end; ++r) {
      double sum = c[s.role_at[static_cast<std::size_t>(r)]];
      for (int e = outer[r]; e < s.inside[static_cast<std::size_t>(r)]; ++e) {
        sum += value[e] * q[inner[e]];
      }
      b[static_cast<std::size_t>(r - begin)] = sum;
    }
    const Block blk{&s, begin, end, b.data(), c, cap};
    std::size_t clamped = 0;
    double loop_residual_now = 0.0;
    bool solved = false;
    if (static_cast<std::size_t>(m) <= params.direct_solve_limit) {
      Eigen::VectorXd x;
      LoopSystem sys = copy_loop(blk, q.data(), x);
      x.setZero();
      if (solve_loop_direct(sys, x, clamped) && loop_residual(sys, x) <= params.tolerance) {
        ++out.direct_solves;
        // A near-singular loop's answer can come back a rounding error outside [0, cap].
        for (int l = 0; l < m; ++l)
          q[static_cast<std::size_t>(begin + l)] = std::clamp(x[l], 0.0, cap);
        loop_residual_now = block_residual(blk, q.data());
        solved = true;
      }
    }
    if (!solved) {
      loop_residual_now = solve_loop_iterative(blk, q.data(), params, out.sweeps);
      ++out.iterative_solves;
      clamped = static_cast<std::size_t>(
          std::count_if(q.begin() + begin, q.begin() + end, [cap](double v) { return v >= cap; }));
    }
    out.clamped_roles += clamped;
    // Later components never feed back into this one, so its residual is final.
    residual = std::max(residual, loop_residual_now);
  }
  out.residual = residual;
  out.q.resize(n);
  for (std::size_t r = 0; r < n; ++r) out.q[s.role_at[r]] = q[r];
  return out;
}

StaticSolution solve_static(const model::OrgGraph& graph, std::span<const double> c,
                            const SimParams& params) {
  validate(params);
  if (c.size() != graph.role_count()) {
    throw InvalidArgument("perturbation c must have one entry per role (" +
                          std::to_string(graph.role_count()) + "), got " +
                          std::to_string(c.size()));
  }
  return StaticSystem(graph).solve(c, params);
}

}  // namespace orgsim::sim
