// impact_paths with many failed roles searches only the roles whose strongest path
// could make the list (sim::strongest_paths_to_customer); the paths must be exactly
// those of searching every failed role (issue 15: 100,000 failed roles took 15 s).
#include <gtest/gtest.h>

#include <random>

#include "model/synthetic.hpp"
#include "sim/path_checks.hpp"
#include "sim/paths.hpp"

namespace orgsim::sim {
namespace {

// Every failed role searched, then the k best kept: the definition.
std::vector<ImpactPath> every_source(const model::OrgGraph& g,
                                     const std::vector<model::RoleId>& sources,
                                     const std::vector<double>& degrade, std::size_t k) {
  std::vector<ImpactPath> out;
  const auto found = strongest_paths(g, sources, PathEnd::kCustomer, k);
  for (std::size_t i = 0; i < sources.size(); ++i) {
    for (const RolePath& r : found[i]) {
      out.push_back({r.roles, r.gain, degrade[i], r.end_weight,
                     degrade[i] * r.gain * r.end_weight * g.cx_baseline, 0.0});
    }
  }
  detail::keep_best(out, k, [](const ImpactPath& p) { return p.cx_points; });
  return out;
}

TEST(PathsManyFailuresTest, SameAsSearchingEveryFailedRole) {
  for (int shape : {0, 1}) {
    model::SyntheticSpec spec;
    spec.roles = 3000;
    spec.departments = 12;
    spec.shape = static_cast<model::SyntheticShape>(shape);
    spec.seed = 11;
    const model::OrgGraph g = model::make_synthetic(spec);
    std::mt19937_64 rng(5);
    std::vector<model::Failure> failures;
    std::vector<model::RoleId> sources;
    std::vector<double> degrade;
    for (std::uint32_t r = 0; r < g.role_count(); r += 3) {
      // Some equal degrades, so that ties between sources are exercised too.
      const double d = 0.1 * static_cast<double>(1 + rng() % 10);
      failures.push_back({model::RoleId(r), d, 0, std::nullopt, {}});
      sources.push_back(model::RoleId(r));
      degrade.push_back(d);
    }
    for (std::size_t k : {1u, 5u, 20u}) {
      SCOPED_TRACE("shape " + std::to_string(shape) + ", k " + std::to_string(k));
      const ImpactPaths fast = impact_paths(g, failures, k);
      const std::vector<ImpactPath> slow = every_source(g, sources, degrade, k);
      ASSERT_EQ(fast.paths.size(), slow.size());
      for (std::size_t p = 0; p < slow.size(); ++p) {
        EXPECT_EQ(fast.paths[p].roles, slow[p].roles) << p;
        EXPECT_EQ(fast.paths[p].cx_points, slow[p].cx_points) << p;
      }
    }
  }
}

}  // namespace
}  // namespace orgsim::sim
