#pragma once
// The headline figures of a run, as a workshop reads them: how low CX went, when,
// whether it came back, and which roles suffered most.

#include <cstddef>
#include <optional>
#include <vector>

#include "model/org_graph.hpp"
#include "sim/trace.hpp"

namespace orgsim::sim {

/// CX counts as recovered within this many points of its baseline.
inline constexpr double kRecoveryBand = 0.5;

struct RoleImpact {
  model::RoleId role;
  double peak = 0.0;
  int peak_step = 0;
  double final_q = 0.0;
};

struct Summary {
  double cx_baseline = 0.0;
  double cx_min = 0.0;
  int cx_min_step = 0;  ///< first step at which CX is at its minimum
  double cx_final = 0.0;
  /// CX ever fell more than kRecoveryBand below baseline.
  bool degraded = false;
  /// First step after the minimum from which CX stays within kRecoveryBand of the
  /// baseline to the end of the run; nullopt if it never does ("not recovered").
  /// 0 when CX never left the band.
  std::optional<int> recovery_step;
  /// Roles with peak q > 0, by peak q (descending), then by id order; at most `top`.
  std::vector<RoleImpact> most_degraded;
};

/// Time complexity: O(steps + roles log top).
Summary summarize(const Trace& trace, std::size_t top = 10);

}  // namespace orgsim::sim
