#include "sim/trace.hpp"

#include <cassert>

namespace orgsim::sim {

Trace::Trace(std::size_t roles, int steps, double cx_baseline, bool record_roles)
    : roles_(roles),
      steps_(steps),
      cx_baseline_(cx_baseline),
      record_roles_(record_roles),
      peak_(roles, 0.0),
      peak_step_(roles, 0),
      final_(roles, 0.0) {
  cx_.reserve(static_cast<std::size_t>(steps) + 1);
  if (record_roles_) trajectory_.reserve((static_cast<std::size_t>(steps) + 1) * roles);
}

void Trace::record(std::span<const double> q, double cx) {
  assert(q.size() == roles_);
  const int k = static_cast<int>(cx_.size());
  assert(k <= steps_);
  cx_.push_back(cx);
  for (std::size_t i = 0; i < roles_; ++i) {
    if (k == 0 || q[i] > peak_[i]) {
      peak_[i] = q[i];
      peak_step_[i] = k;
    }
  }
  final_.assign(q.begin(), q.end());
  if (record_roles_) trajectory_.insert(trajectory_.end(), q.begin(), q.end());
}

}  // namespace orgsim::sim
