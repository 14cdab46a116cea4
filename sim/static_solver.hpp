#pragma once
// The static Inoperability Input-Output Model: the fixed point q = min(1, A q + c).

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "model/org_graph.hpp"
#include "sim/params.hpp"

namespace orgsim::sim {

struct StaticSolution {
  std::vector<double> q;            ///< per role, in [0, 1]
  std::size_t loop_components = 0;  ///< feedback loops (strongly connected components) solved
  std::size_t largest_loop = 0;     ///< roles in the largest loop
  std::size_t direct_solves = 0;    ///< loops solved by sparse LU
  std::size_t iterative_solves =
      0;  ///< loops solved iteratively (accelerated Gauss-Seidel, BiCGSTAB when slow)
  std::size_t clamped_roles = 0;  ///< roles held at q = 1 because (A q + c)_i >= 1
  double residual = 0.0;          ///< max_i |q_i - min(1, (A q + c)_i)| over all roles
  std::size_t sweeps = 0;         ///< Gauss-Seidel sweeps over large loops, summed
};

/// One model prepared for static solves: the sparse A with its rows and columns
/// renumbered so that every strongly connected component (feedback loop) is a block of
/// consecutive rows, blocks in dependency order. Built once per model (the components
/// are the expensive part), then solve() costs one forward substitution through the
/// acyclic roles and an iteration on each loop's rows, in place. Immutable after
/// construction: solve() may be called from several threads at once.
/// Time complexity of the construction: O(V + E).
class StaticSystem {
 public:
  explicit StaticSystem(const model::OrgGraph& graph);
  ~StaticSystem();
  StaticSystem(StaticSystem&&) noexcept;
  StaticSystem& operator=(StaticSystem&&) noexcept;

  std::size_t role_count() const;
  /// As solve_static(graph, c, params) for the graph this was built from.
  StaticSolution solve(std::span<const double> c, const SimParams& params = {}) const;

  /// Defined in static_solver.cpp. Named there by helpers outside the class, which
  /// clang (the WebAssembly build) refuses for a private member type.
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

/// Solves q = min(1, A q + c) for c in [0, 1]^n (A >= 0, spectral radius < 1, as
/// validate_model ensures). Where no role is clamped this is exactly the IIM
/// q = (I - A)^-1 c. Components are solved in dependency order: a role outside any
/// loop by one substitution, a loop by sparse LU with an active set for the clamp
/// (small) or projected Gauss-Seidel in place, Anderson-accelerated where sweeps gain
/// little and helped by BiCGSTAB when still slow (large). With params.clamp == false, solves the
/// linear IIM q = (I - A)^-1 c (no cap). Throws Error if a loop does not converge to
/// `params.tolerance`. Same as StaticSystem(graph).solve(c, params); keep a StaticSystem to solve
/// one model for many c. Time complexity: O(V + E) outside loops; per loop, LU fill-in (small) or
/// O(iterations x edges) (large).
StaticSolution solve_static(const model::OrgGraph& graph, std::span<const double> c,
                            const SimParams& params = {});

}  // namespace orgsim::sim
