#include "sim/compare.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace orgsim::sim {

namespace {

constexpr double kNoChange = 1e-12;

FigureChange figure(double base, double what_if) { return {base, what_if, what_if - base}; }

// One entry per role id in either model: the role's peak on each side.
struct RoleDelta {
  std::optional<model::RoleId> base;
  std::optional<model::RoleId> what_if;
  double change = 0.0;
};

double peak_of(const ComparedRun& run, std::optional<model::RoleId> r) {
  return r ? run.trace.peak(*r) : 0.0;
}

std::vector<RoleChange> role_changes(const ComparedRun& base, const ComparedRun& what_if,
                                     std::size_t top) {
  std::vector<RoleDelta> deltas;
  for (std::uint32_t i = 0; i < what_if.graph.role_count(); ++i) {
    RoleDelta d;
    d.what_if = model::RoleId(i);
    d.base = base.graph.find_role(what_if.graph.role(*d.what_if).id);
    d.change = peak_of(what_if, d.what_if) - peak_of(base, d.base);
    if (std::abs(d.change) > kNoChange) deltas.push_back(d);
  }
  for (std::uint32_t i = 0; i < base.graph.role_count(); ++i) {
    const model::RoleId r(i);
    if (what_if.graph.find_role(base.graph.role(r).id)) continue;  // matched above
    RoleDelta d{r, std::nullopt, -base.trace.peak(r)};
    if (std::abs(d.change) > kNoChange) deltas.push_back(d);
  }
  auto id_of = [&](const RoleDelta& d) -> const std::string& {
    return d.what_if ? what_if.graph.role(*d.what_if).id : base.graph.role(*d.base).id;
  };
  auto before = [&](const RoleDelta& a, const RoleDelta& b) {
    const double x = std::abs(a.change);
    const double y = std::abs(b.change);
    return x != y ? x > y : id_of(a) < id_of(b);
  };
  const std::size_t n = std::min(top, deltas.size());
  std::partial_sort(deltas.begin(), deltas.begin() + static_cast<std::ptrdiff_t>(n), deltas.end(),
                    before);
  std::vector<RoleChange> out;
  for (std::size_t i = 0; i < n; ++i) {
    const RoleDelta& d = deltas[i];
    const model::Role& role = d.what_if ? what_if.graph.role(*d.what_if) : base.graph.role(*d.base);
    out.push_back({role.id, role.name, d.base.has_value(), d.what_if.has_value(),
                   figure(peak_of(base, d.base), peak_of(what_if, d.what_if))});
  }
  return out;
}

std::vector<PathChange> path_changes(const ComparedRun& base, const ComparedRun& what_if,
                                     std::size_t top) {
  std::map<std::vector<std::string>, PathChange> by_ids;
  auto add = [&](const ComparedRun& run, bool is_base) {
    for (const ImpactPath& path : run.paths->paths) {
      std::vector<std::string> ids;
      for (model::RoleId r : path.roles) ids.push_back(run.graph.role(r).id);
      PathChange& change = by_ids[ids];
      if (change.ids.empty()) {
        change.ids = ids;
        for (model::RoleId r : path.roles) change.names.push_back(run.graph.role(r).name);
      }
      // A path is simple, so it is listed at most once per run.
      (is_base ? change.base_share : change.what_if_share) = path.share;
      (is_base ? change.base_cx_points : change.what_if_cx_points) = path.cx_points;
    }
  };
  add(what_if, false);  // names from the what-if model first
  add(base, true);
  std::vector<PathChange> out;
  for (auto& [ids, change] : by_ids) {
    change.share_change = change.what_if_share.value_or(0.0) - change.base_share.value_or(0.0);
    if (std::abs(change.share_change) > kNoChange) out.push_back(std::move(change));
  }
  // std::map iterates by ids, so a stable sort breaks ties by ids.
  std::stable_sort(out.begin(), out.end(), [](const PathChange& a, const PathChange& b) {
    return std::abs(a.share_change) > std::abs(b.share_change);
  });
  if (out.size() > top) out.resize(top);
  return out;
}

}  // namespace

Comparison compare_runs(const ComparedRun& base, const ComparedRun& what_if, std::size_t top_roles,
                        std::size_t top_paths) {
  Comparison c;
  const Summary& b = base.summary;
  const Summary& w = what_if.summary;
  c.cx_baseline = figure(b.cx_baseline, w.cx_baseline);
  c.cx_min = figure(b.cx_min, w.cx_min);
  c.cx_final = figure(b.cx_final, w.cx_final);
  c.recovery.base = b.recovery_step;
  c.recovery.what_if = w.recovery_step;
  if (b.recovery_step && w.recovery_step) c.recovery.change = *w.recovery_step - *b.recovery_step;
  c.roles = role_changes(base, what_if, top_roles);
  if (base.paths && what_if.paths) {
    c.total_cx_points = figure(base.paths->total_cx_points, what_if.paths->total_cx_points);
    c.paths = path_changes(base, what_if, top_paths);
  }
  return c;
}

}  // namespace orgsim::sim
