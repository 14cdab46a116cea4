#pragma once
// Options of a simulation run: plain data with defaults, checked at the entry.

#include <cstddef>
#include <optional>

namespace orgsim::sim {

struct SimParams {
  /// Overrides the scenario's `steps` (number of transitions; q(0)..q(steps) are reported).
  std::optional<int> steps;
  /// Keep every role's q at every step in the Trace ((steps + 1) x roles doubles).
  bool record_roles = true;
  /// Static solve: a fixed point is accepted when max_i |q_i - min(1, (Aq + c)_i)| <= tolerance.
  double tolerance = 1e-12;
  /// Static solve: cap on the Gauss-Seidel sweeps for one large loop component
  /// (BiCGSTAB, when it steps in, is capped at min(this, 1000) iterations).
  int max_iterations = 100000;
  /// Static solve: loop components with at most this many roles use a direct sparse LU;
  /// larger ones an iterative method (LU fills in badly on big random loops).
  std::size_t direct_solve_limit = 256;
  /// Static solve: clamp q at 1 (the bounded model). false solves the linear IIM
  /// q = (I - A)^-1 c as published, where q may exceed 1 (paths and rankings use it).
  bool clamp = true;
};

/// Throws InvalidArgument naming the parameter, its range and the value.
void validate(const SimParams& params);

}  // namespace orgsim::sim
