#include "model/synthetic.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "model/errors.hpp"

namespace orgsim::model {

namespace {

// SplitMix64: tiny, fast, and the same numbers on every platform and library
// version (std:: distributions are not specified bit for bit).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(uniform() * double(n)); }

 private:
  std::uint64_t state_;
};

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
  for (std::size_t i = 0; i < d; ++i) {
    g.add_department({"d" + std::to_string(i), "Department " + std::to_string(i), {}});
  }
  // Roles are numbered front line first: role i sits in layer i / n (0 = front line,
  // near 1 = shared services), and its department follows its layer.
  const std::size_t front = std::max<std::size_t>(1, n / 10);
  for (std::size_t i = 0; i < n; ++i) {
    Role r;
    r.id = "r" + std::to_string(i);
    r.name = r.id;
    r.department = DepartmentId(static_cast<std::uint32_t>(i * d / n));
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
