#pragma once
// The customer-experience score: CX(q) = baseline x (1 - sum_i w_i q_i).

#include <span>
#include <utility>
#include <vector>

#include "model/org_graph.hpp"

namespace orgsim::sim {

class CxScore {
 public:
  /// Remembers the touchpoints (roles with w_i > 0) of `graph`, so each
  /// evaluation costs O(touchpoints), not O(roles).
  explicit CxScore(const model::OrgGraph& graph);
  double baseline() const { return baseline_; }
  /// CX for inoperabilities q (one per role).
  double operator()(std::span<const double> q) const;

 private:
  double baseline_;
  std::vector<std::pair<std::uint32_t, double>> touchpoints_;
};

}  // namespace orgsim::sim
