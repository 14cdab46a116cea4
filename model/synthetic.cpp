#include "model/synthetic.hpp"

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "common/errors.hpp"
#include "model/rng.hpp"

namespace orgsim::model {

namespace {

using Rng = SplitMix64;

// Departments from the front line (touchpoints) to the shared services that many
// roles depend on, in the order of the generator's layers, with each one's job title.
struct DepartmentKind {
  std::string_view name;
  std::string_view title;
};
constexpr DepartmentKind kKinds[] = {
    {"Customer service floor", "Customer service agent"},
    {"Team leaders", "Team leader"},
    {"Quality assurance", "QA analyst"},
    {"Workforce management", "Workforce planner"},
    {"Training", "Trainer"},
    {"Web and e-commerce", "Web developer"},
    {"Finance: payments", "Payments clerk"},
    {"Back office", "Back-office clerk"},
    {"Top management", "Account sponsor"},
    {"HR", "HR partner"},
    {"Facilities", "Facilities coordinator"},
    {"Data privacy", "Privacy officer"},
    {"Network and telecom", "Telecom engineer"},
    {"Payroll", "Payroll specialist"},
    {"IT helpdesk", "Helpdesk technician"},
};
constexpr std::size_t kKindCount = std::size(kKinds);

// The kind of department i of d: spread over the list so that the first is the front
// line and the last a shared service; with more departments than kinds, each kind
// covers a run of consecutive departments.
std::size_t kind_of(std::size_t i, std::size_t d) {
  if (d <= 1) return 0;
  if (d <= kKindCount) return i * (kKindCount - 1) / (d - 1);
  return i * kKindCount / d;
}

void check(const SyntheticSpec& s) {
  if (s.roles < 2)
    throw InvalidArgument("roles must be at least 2, got " + std::to_string(s.roles));
  if (s.departments < 1 || s.departments > s.roles) {
    throw InvalidArgument("departments must be in [1, roles], got " +
                          std::to_string(s.departments));
  }
  if (!(s.dependencies_per_role >= 0.0 && s.dependencies_per_role <= 100.0)) {
    throw InvalidArgument("dependencies_per_role must be in [0, 100], got " +
                          std::to_string(s.dependencies_per_role));
  }
  if (!(s.max_row_sum > 0.2 && s.max_row_sum < 1.0)) {
    throw InvalidArgument("max_row_sum must be in (0.2, 1), got " + std::to_string(s.max_row_sum));
  }
}

}  // namespace

OrgGraph make_synthetic(const SyntheticSpec& spec) {
  check(spec);
  Rng rng(spec.seed);
  OrgGraph g;
  g.name = "Synthetic org (" + std::to_string(spec.roles) + " roles)";
  g.cx_baseline = 80.0;
  const std::size_t n = spec.roles, d = spec.departments;
  // Names repeat with a suffix ("Payroll", "Payroll 2"); job titles are numbered per
  // kind across its departments ("Payroll specialist 1", ...).
  std::vector<std::size_t> kind(d);
  std::vector<std::size_t> seen(kKindCount, 0);
  for (std::size_t i = 0; i < d; ++i) {
    kind[i] = kind_of(i, d);
    std::string name(kKinds[kind[i]].name);
    if (++seen[kind[i]] > 1) name += " " + std::to_string(seen[kind[i]]);
    g.add_department({"d" + std::to_string(i), std::move(name), {}});
  }
  std::vector<std::size_t> numbered(kKindCount, 0);
  // Roles are numbered front line first: role i sits in layer i / n (0 = front line,
  // near 1 = shared services), and its department follows its layer.
  const std::size_t front = std::max<std::size_t>(1, n / 10);
  for (std::size_t i = 0; i < n; ++i) {
    Role r;
    r.id = "r" + std::to_string(i);
    const std::size_t dept = i * d / n;
    const std::size_t k = kind[dept];
    r.name = std::string(kKinds[k].title) + " " + std::to_string(++numbered[k]);
    r.department = DepartmentId(static_cast<std::uint32_t>(dept));
    r.recovery = 0.1 + 0.8 * rng.uniform();
    r.touchpoint = i < front ? 1.0 / double(front) : 0.0;
    g.add_role(std::move(r));
  }
  std::vector<std::uint32_t> targets;
  std::vector<double> weights;
  for (std::size_t i = 0; i < n; ++i) {
    // Fractional dependencies_per_role: round up with the matching probability.
    auto k = static_cast<std::size_t>(spec.dependencies_per_role);
    if (rng.uniform() < spec.dependencies_per_role - double(k)) ++k;
    targets.clear();
    for (std::size_t e = 0; e < k; ++e) {
      std::size_t j;
      if (spec.shape == SyntheticShape::kUniformRandom) {
        j = rng.below(n);
      } else if (rng.uniform() < 0.005 && i > 0) {
        // A short back edge towards the front line closes a small feedback loop.
        j = i - 1 - rng.below(std::min<std::size_t>(i, 20));
      } else if (rng.uniform() < 0.3) {
        j = n - 1 - rng.below(std::max<std::size_t>(1, n / 50));  // shared services
      } else {
        j = i + 1 + rng.below(std::max<std::size_t>(1, std::min(n - i - 1, n / d + 1)));
        if (j >= n) j = n - 1;
      }
      if (j == i || std::find(targets.begin(), targets.end(), j) != targets.end()) continue;
      targets.push_back(static_cast<std::uint32_t>(j));
    }
    if (targets.empty()) continue;
    weights.assign(targets.size(), 0.0);
    double total = 0.0;
    for (double& w : weights) total += (w = 0.05 + rng.uniform());
    const double row_sum = 0.2 + (spec.max_row_sum - 0.2) * rng.uniform();
    for (std::size_t e = 0; e < targets.size(); ++e) {
      g.add_dependency({RoleId(static_cast<std::uint32_t>(i)),
                        RoleId(targets[e]),
                        weights[e] / total * row_sum,
                        {}});
    }
  }
  return g;
}

}  // namespace orgsim::model
