#pragma once
// Synthetic organizations for benchmarks and tests at any size, deterministic for a seed.

#include <cstddef>
#include <cstdint>

#include "model/org_graph.hpp"

namespace orgsim::model {

enum class SyntheticShape {
  /// Layered departments: front line (touchpoints) depends on operations, which
  /// depend on shared services (IT, payroll, ...); a few back edges make small loops.
  kHierarchical,
  /// Every role depends on random others: one giant feedback loop (the hard case
  /// for a direct sparse solver).
  kUniformRandom,
};

struct SyntheticSpec {
  std::size_t roles = 1000;
  std::size_t departments = 10;
  double dependencies_per_role = 5.0;
  SyntheticShape shape = SyntheticShape::kHierarchical;
  std::uint64_t seed = 1;
  /// Each role's incoming weights sum to a value drawn from [0.2, max_row_sum], so
  /// the spectral radius is below max_row_sum < 1 and the static model converges.
  double max_row_sum = 0.8;
};

/// Builds the org. Role ids are "r<index>", department ids "d<index>"; about 10% of
/// roles are touchpoints with equal weights summing to 1. Departments are named from
/// the front line ("Customer service floor") to shared services ("IT helpdesk"), roles
/// by job title ("Payroll specialist 3").
/// Time complexity: O(roles x dependencies_per_role).
OrgGraph make_synthetic(const SyntheticSpec& spec);

}  // namespace orgsim::model
