// Tests of sim/monte_carlo: thread-count independence, the sample streams, the
// percentile definition, and the statistics against a distribution known in closed form.

#include "sim/monte_carlo.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "common/errors.hpp"
#include "model/loader.hpp"
#include "model/uncertainty.hpp"
#include "sim/engine.hpp"
#include "sim/summary.hpp"

namespace orgsim::sim {
namespace {

// Three roles in a loop-free chain plus a weak loop, with every kind of distribution.
model::Scenario uncertain_scenario() {
  const model::OrgGraph g = model::parse_model(R"(name: m
departments: [{id: d}]
roles:
  - {id: web, department: d, touchpoint: {triangular: [0.4, 0.5, 0.6]}, recovery: 0.4}
  - {id: checkout, department: d, touchpoint: 0.3, recovery: {uniform: [0.2, 0.5]}}
  - {id: pay, department: d, recovery: 0.3}
dependencies:
  - {role: web, depends_on: checkout, weight: {normal: [0.5, 0.2]}}
  - {role: checkout, depends_on: pay, weight: {triangular: [0.3, 0.6, 0.8]}}
  - {role: pay, depends_on: checkout, weight: 0.1}
)",
                                               "m.yaml");
  return model::parse_scenario(R"(name: s
model: m.yaml
steps: 25
failures:
  - {role: pay, degrade: {uniform: [0.3, 0.9]}, from: 0, to: 8}
changes:
  - {role: web, depends_on: pay, weight: {uniform: [0, 0.2]}}
)",
                               "s.yaml", g);
}

// One role, touchpoint 1, baseline 100, degraded by d ~ uniform [0.2, 0.6]: the static
// fixed point is q = d, so CX = 100 (1 - d) ~ uniform [40, 80].
model::Scenario linear_scenario() {
  const model::OrgGraph g = model::parse_model(
      "name: one\ndepartments: [{id: d}]\nroles: [{id: a, department: d, touchpoint: 1, "
      "recovery: 1}]\n",
      "m.yaml");
  return model::parse_scenario(
      "name: s\nmodel: m.yaml\nsteps: 3\nfailures: [{role: a, degrade: {uniform: [0.2, 0.6]}}]\n",
      "s.yaml", g);
}

TEST(MonteCarloTest, SameBitsForOneTwoAndSevenThreads) {
  const model::Scenario s = uncertain_scenario();
  ASSERT_EQ(model::uncertain_count(s), 6u);
  MonteCarloParams p;
  p.samples = 300;
  p.seed = 42;
  p.threshold = 90.0;
  p.jobs = 1;
  const MonteCarloResult one = monte_carlo(s, p);
  p.jobs = 2;
  const MonteCarloResult two = monte_carlo(s, p);
  p.jobs = 7;
  const MonteCarloResult seven = monte_carlo(s, p);
  // operator== on vectors of doubles compares every value exactly.
  EXPECT_EQ(one.cx_min, two.cx_min);
  EXPECT_EQ(one.cx_min, seven.cx_min);
  EXPECT_EQ(one.cx_final, two.cx_final);
  EXPECT_EQ(one.cx_final, seven.cx_final);
  EXPECT_EQ(one.cx_min_stats.mean, seven.cx_min_stats.mean);
  EXPECT_EQ(one.cx_min_stats.p5, seven.cx_min_stats.p5);
  EXPECT_EQ(one.cx_final_stats.p95, seven.cx_final_stats.p95);
  EXPECT_EQ(one.below_threshold, seven.below_threshold);
  // The samples really differ (the distributions are sampled), and a new seed changes them.
  EXPECT_NE(one.cx_min_stats.p5, one.cx_min_stats.p95);
  p.seed = 43;
  EXPECT_NE(monte_carlo(s, p).cx_min, one.cx_min);
}

TEST(MonteCarloTest, SampleSDrawsOneUniformPerParameterFromItsOwnStream) {
  const model::Scenario s = uncertain_scenario();
  MonteCarloParams p;
  p.samples = 8;
  p.seed = 7;
  p.jobs = 3;
  const MonteCarloResult r = monte_carlo(s, p);
  // The documented derivation: f(x) = first output of SplitMix64 at x; state f(f(seed) ^ s).
  auto f = [](std::uint64_t x) { return model::SplitMix64(x).next(); };
  EXPECT_EQ(sample_stream(7, 5).next(), model::SplitMix64(f(f(7) ^ 5)).next());
  // Sample 5 by hand: model parameters first, then the scenario's, in file order.
  model::Scenario by_hand = s;
  model::SplitMix64 rng = sample_stream(7, 5);
  for (const auto& u : s.model.uncertain) {
    model::set_uncertain_value(by_hand.model, u, u.dist.sample(open_uniform(rng)));
  }
  for (const auto& u : s.uncertain) {
    model::set_uncertain_value(by_hand, u, u.dist.sample(open_uniform(rng)));
  }
  const Summary sum = summarize(simulate(by_hand), 1);
  EXPECT_EQ(r.cx_min[5], sum.cx_min);
  EXPECT_EQ(r.cx_final[5], sum.cx_final);
}

TEST(MonteCarloTest, WithoutDistributionsEverySampleIsTheNominalRun) {
  model::Scenario s = uncertain_scenario();
  s.model.uncertain.clear();
  s.uncertain.clear();
  MonteCarloParams p;
  p.samples = 5;
  const MonteCarloResult r = monte_carlo(s, p);
  const Summary sum = summarize(simulate(s), 1);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(r.cx_min[i], sum.cx_min);
    EXPECT_EQ(r.cx_final[i], sum.cx_final);
  }
  EXPECT_EQ(r.cx_min_stats.p5, sum.cx_min);
  EXPECT_EQ(r.uncertain_parameters, 0u);
}

TEST(MonteCarloTest, PercentilesInterpolateLikeNumpy) {
  // numpy.percentile([1, 2, 3, 4], p): h = 3 p / 100, v[floor h] + (h - floor h) x 1.
  EXPECT_EQ(percentile({4, 1, 3, 2}, 0), 1.0);
  EXPECT_EQ(percentile({4, 1, 3, 2}, 5), 1.15);
  EXPECT_EQ(percentile({4, 1, 3, 2}, 50), 2.5);
  EXPECT_EQ(percentile({4, 1, 3, 2}, 95), 3.8499999999999996);  // numpy prints the same
  EXPECT_EQ(percentile({4, 1, 3, 2}, 100), 4.0);
  EXPECT_EQ(percentile({7}, 95), 7.0);
  const SampleStats s = sample_stats({10, 0, 5});
  EXPECT_EQ(s.mean, 5.0);
  EXPECT_EQ(s.p5, 0.5);  // h = 0.1
  EXPECT_EQ(s.p50, 5.0);
  EXPECT_EQ(s.p95, 9.5);  // h = 1.9: 10 - 5 x 0.1
}

TEST(MonteCarloTest, StatisticsMatchAUniformCxWithinSamplingError) {
  // CX ~ uniform [40, 80] (see linear_scenario): mean 60, p-th percentile 40 + 40 p,
  // so p5 = 42, p50 = 60, p95 = 78, and P(CX < 50) = 0.25.
  // Tolerances, N = 10000 samples, 4 standard errors each:
  //   mean: sd = 40 / sqrt(12 N) = 0.115               -> 0.46
  //   percentile p: sd = sqrt(p (1 - p) / N) / density, density 1/40:
  //     p5, p95: 0.087 -> 0.35;   p50: 0.2 -> 0.8
  //   share below 50: sd = sqrt(0.25 x 0.75 / N) = 0.0043 -> 0.0173
  // The seed is fixed, so the test is deterministic; the bounds say the numbers are right.
  for (bool static_mode : {true, false}) {
    MonteCarloParams p;
    p.samples = 10000;
    p.seed = 2024;
    p.jobs = 2;
    p.threshold = 50.0;
    p.static_mode = static_mode;  // dynamic: recovery 1, so q(1) = d and CX(1) = 100 (1 - d)
    const MonteCarloResult r = monte_carlo(linear_scenario(), p);
    EXPECT_NEAR(r.cx_min_stats.mean, 60.0, 0.46);
    EXPECT_NEAR(r.cx_min_stats.p5, 42.0, 0.35);
    EXPECT_NEAR(r.cx_min_stats.p50, 60.0, 0.8);
    EXPECT_NEAR(r.cx_min_stats.p95, 78.0, 0.35);
    EXPECT_NEAR(r.share_below, 0.25, 0.0173);
    EXPECT_EQ(r.share_below, static_cast<double>(r.below_threshold) / 10000.0);
    // Every sample lies in the support, and min == final (the failure never ends).
    for (std::size_t i = 0; i < r.samples; ++i) {
      ASSERT_GE(r.cx_min[i], 40.0);
      ASSERT_LE(r.cx_min[i], 80.0);
      ASSERT_EQ(r.cx_min[i], r.cx_final[i]);
    }
  }
}

TEST(MonteCarloTest, RefusesBadParametersNamingTheOption) {
  const model::Scenario s = linear_scenario();
  auto error = [&](MonteCarloParams p) -> std::string {
    try {
      monte_carlo(s, p);
    } catch (const InvalidArgument& e) {
      return e.what();
    }
    return "no error";
  };
  MonteCarloParams p;
  p.samples = 0;
  EXPECT_EQ(error(p), "samples must be in [1, 10000000], got 0");
  p = {};
  p.jobs = 2000;
  EXPECT_EQ(error(p), "jobs must be in [0, 1024], got 2000");
  p = {};
  p.threshold = -1.0;
  EXPECT_EQ(error(p), "threshold must be in [0, 100], got -1");
  p.threshold = std::nan("");
  EXPECT_EQ(error(p), "threshold must be in [0, 100], got nan");
  p = {};
  p.steps = 0;
  EXPECT_EQ(error(p), "steps must be in [1, 1000000], got 0");
}

}  // namespace
}  // namespace orgsim::sim
