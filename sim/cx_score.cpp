#include "sim/cx_score.hpp"

namespace orgsim::sim {

CxScore::CxScore(const model::OrgGraph& graph) : baseline_(graph.cx_baseline) {
  for (std::uint32_t i = 0; i < graph.role_count(); ++i) {
    double w = graph.roles()[i].touchpoint;
    if (w > 0.0) touchpoints_.emplace_back(i, w);
  }
}

double CxScore::operator()(std::span<const double> q) const {
  double loss = 0.0;
  for (const auto& [role, weight] : touchpoints_) loss += weight * q[role];
  return baseline_ * (1.0 - loss);
}

}  // namespace orgsim::sim
