// Tests of model/distribution (values, quantiles), its YAML syntax in the loader
// (model/distribution_yaml.cpp), the writer round trip, and model/uncertainty.

#include "model/distribution.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "common/errors.hpp"
#include "model/loader.hpp"
#include "model/uncertainty.hpp"
#include "model/validate.hpp"
#include "model/yaml_writer.hpp"

namespace orgsim::model {
namespace {

Distribution make(DistributionKind kind, double a, double b, double c = 0.0, double low = 0.0,
                  double high = 1.0) {
  Distribution d;
  d.kind = kind;
  d.p[0] = a;
  d.p[1] = b;
  d.p[2] = c;
  d.low = low;
  d.high = high;
  return d;
}

// A model whose dependency weight, role recovery and touchpoint are `weight`,
// `recovery` and `touchpoint` as written (a number or a distribution).
std::string model_text(const std::string& weight, const std::string& recovery = "0.5",
                       const std::string& touchpoint = "0.4") {
  return "name: m\n"
         "departments: [{id: d}]\n"
         "roles:\n"
         "  - {id: web, department: d, recovery: " +
         recovery + ", touchpoint: " + touchpoint +
         "}\n"
         "  - {id: pay, department: d}\n"
         "dependencies:\n"
         "  - {role: web, depends_on: pay, weight: " +
         weight + "}\n";
}

std::string model_error(const std::string& text) {
  try {
    parse_model(text, "m.yaml");
  } catch (const ValidationError& e) {
    return e.what();
  }
  return "no error";
}

// The error for a model whose only dependency weight is `weight`; its line is
//   "  - {role: web, depends_on: pay, weight: " + weight + "}"  (weight starts at column 42).
std::string weight_error(const std::string& weight) { return model_error(model_text(weight)); }

std::string quoted(const std::string& weight, int column) {
  // format_diagnostic indents the quoted line by 4 spaces.
  return "      - {role: web, depends_on: pay, weight: " + weight + "}\n" +
         std::string(static_cast<std::size_t>(column - 1 + 4), ' ') + "^\n";
}

TEST(DistributionTest, NominalIsTheMeanOfUniformAndNormalAndTheModeOfTriangular) {
  EXPECT_EQ(make(DistributionKind::kUniform, 0.2, 0.6).nominal(), 0.4);
  EXPECT_EQ(make(DistributionKind::kTriangular, 0.4, 0.6, 0.7).nominal(), 0.6);
  EXPECT_EQ(make(DistributionKind::kNormal, 0.3, 0.5).nominal(), 0.3);
}

TEST(DistributionTest, SamplesByTheInverseCdf) {
  // uniform [a, b]: a + u (b - a).
  const Distribution u = make(DistributionKind::kUniform, 0.25, 0.75);
  EXPECT_EQ(u.sample(0.5), 0.5);
  EXPECT_EQ(u.sample(0.25), 0.375);
  // triangular [0, 0.5, 1]: F(x) = 2 x^2 below the mode, so F^-1(0.125) = 0.25, and
  // symmetrically F^-1(0.875) = 0.75; the mode sits at u = 0.5.
  const Distribution t = make(DistributionKind::kTriangular, 0.0, 0.5, 1.0);
  EXPECT_EQ(t.sample(0.125), 0.25);
  EXPECT_EQ(t.sample(0.875), 0.75);
  EXPECT_EQ(t.sample(0.5), 0.5);
  // Skewed [0.2, 0.3, 0.7]: F(mode) = 0.1 / 0.5 = 0.2; F^-1(0.05) = 0.2 + sqrt(0.05 x 0.5 x 0.1).
  const Distribution skew = make(DistributionKind::kTriangular, 0.2, 0.3, 0.7);
  EXPECT_DOUBLE_EQ(skew.sample(0.05), 0.25);
  EXPECT_DOUBLE_EQ(skew.sample(0.2), 0.3);
  EXPECT_DOUBLE_EQ(skew.sample(0.6), 0.7 - std::sqrt(0.4 * 0.5 * 0.4));
  // A degenerate triangular is its one value.
  EXPECT_EQ(make(DistributionKind::kTriangular, 0.3, 0.3, 0.3).sample(0.7), 0.3);
  // normal [mean, sd]: mean + sd Phi^-1(u); Phi^-1(0.5) = 0 exactly.
  EXPECT_EQ(make(DistributionKind::kNormal, 0.5, 0.1).sample(0.5), 0.5);
  EXPECT_NEAR(make(DistributionKind::kNormal, 0.5, 0.1).sample(0.975), 0.5 + 0.1959963984540054,
              1e-15);
  // sd 0: the mean, for every u.
  EXPECT_EQ(make(DistributionKind::kNormal, 0.5, 0.0).sample(0.01), 0.5);
}

TEST(DistributionTest, ClipsSamplesToTheFieldsRange) {
  const Distribution n = make(DistributionKind::kNormal, 0.9, 0.5);
  EXPECT_EQ(n.sample(0.99), 1.0);  // 0.9 + 0.5 x 2.33 > 1
  EXPECT_EQ(n.sample(0.01), 0.0);  // 0.9 - 0.5 x 2.33 < 0
  EXPECT_EQ(n.upper_bound(), 1.0);
  EXPECT_EQ(n.lower_bound(), 0.0);
  const Distribution t = make(DistributionKind::kTriangular, 0.4, 0.6, 0.7);
  EXPECT_EQ(t.upper_bound(), 0.7);
  EXPECT_EQ(t.lower_bound(), 0.4);
  EXPECT_EQ(t.sample(0.0), 0.4);
  EXPECT_EQ(t.sample(1.0), 0.7);
}

TEST(DistributionTest, NormalQuantileInvertsTheCdfToRoundingError) {
  // Phi(x) = erfc(-x / sqrt 2) / 2; the quantile must give u back to ~1e-16 (relative
  // in the lower tail, where u is tiny).
  for (double u :
       {1e-12, 1e-6, 0.001, 0.02, 0.02425, 0.1, 0.3, 0.5, 0.7, 0.9, 0.97575, 0.99, 0.999999}) {
    const double x = standard_normal_quantile(u);
    const double back = 0.5 * std::erfc(-x / std::sqrt(2.0));
    EXPECT_NEAR(back, u, 1e-15 * std::max(u, 1e-3)) << "u = " << u;
  }
  // Reference values (R: qnorm).
  EXPECT_NEAR(standard_normal_quantile(0.975), 1.959963984540054, 1e-14);
  EXPECT_NEAR(standard_normal_quantile(0.05), -1.6448536269514722, 1e-14);
  EXPECT_NEAR(standard_normal_quantile(0.001), -3.090232306167813, 1e-13);
}

TEST(DistributionTest, WritesItselfAsYaml) {
  EXPECT_EQ(make(DistributionKind::kTriangular, 0.5, 0.625, 0.75).to_yaml(),
            "{triangular: [0.5, 0.625, 0.75]}");
  EXPECT_EQ(make(DistributionKind::kUniform, 0.1, 0.5).to_yaml(), "{uniform: [0.1, 0.5]}");
  EXPECT_EQ(make(DistributionKind::kNormal, 0.5, 0.25).to_yaml(), "{normal: [0.5, 0.25]}");
}

// ---------------------------------------------------------------- the file syntax

TEST(DistributionSyntaxTest, ReadsDistributionsAndKeepsTheirNominalValues) {
  const OrgGraph g = parse_model(
      model_text("{triangular: [0.4, 0.6, 0.7]}", "{uniform: [0.2, 0.4]}", "{normal: [0.3, 0.05]}"),
      "m.yaml");
  EXPECT_EQ(g.dependencies()[0].weight, 0.6);
  EXPECT_DOUBLE_EQ(g.roles()[0].recovery, 0.3);
  EXPECT_EQ(g.roles()[0].touchpoint, 0.3);
  ASSERT_EQ(g.uncertain.size(), 3u);
  // Roles come before dependencies: file order.
  EXPECT_EQ(g.uncertain[0].field, UncertainField::kRoleRecovery);
  EXPECT_EQ(g.uncertain[0].index, 0u);
  EXPECT_EQ(g.uncertain[0].dist, make(DistributionKind::kUniform, 0.2, 0.4, 0.0, 0.0, 1.0));
  EXPECT_EQ(g.uncertain[0].where.line, 4);
  EXPECT_EQ(g.uncertain[0].where.column, 40);
  EXPECT_EQ(g.uncertain[1].field, UncertainField::kRoleTouchpoint);
  EXPECT_EQ(g.uncertain[1].dist, make(DistributionKind::kNormal, 0.3, 0.05));
  EXPECT_EQ(g.uncertain[2].field, UncertainField::kDependencyWeight);
  EXPECT_EQ(g.uncertain[2].index, 0u);
  EXPECT_EQ(g.uncertain[2].dist, make(DistributionKind::kTriangular, 0.4, 0.6, 0.7));
  EXPECT_EQ(g.uncertain[2].where.line, 7);
  EXPECT_EQ(g.uncertain[2].where.column, 42);
  // A model without distributions has an empty list.
  EXPECT_TRUE(parse_model(model_text("0.5"), "m.yaml").uncertain.empty());
}

TEST(DistributionSyntaxTest, ReadsDegradesAndChangesInScenarios) {
  const OrgGraph g = parse_model(model_text("0.5"), "model.yaml");
  const Scenario s = parse_scenario(
      "name: s\nmodel: model.yaml\n"
      "failures:\n"
      "  - {role: pay, degrade: 0.3}\n"
      "  - {role: pay, degrade: {uniform: [0.4, 0.8]}, from: 2}\n"
      "changes:\n"
      "  - {role: web, depends_on: pay, weight: {triangular: [0, 0.1, 0.3]}}\n"
      "  - {role: web, recovery: {normal: [0.5, 0.1]}}\n",
      "s.yaml", g);
  EXPECT_EQ(s.failures[1].degrade, 0.6000000000000001);  // (0.4 + 0.8) / 2
  EXPECT_EQ(*s.changes[0].weight, 0.1);
  EXPECT_EQ(*s.changes[1].recovery, 0.5);
  ASSERT_EQ(s.uncertain.size(), 3u);
  EXPECT_EQ(s.uncertain[0].field, UncertainField::kFailureDegrade);
  EXPECT_EQ(s.uncertain[0].index, 1u);
  EXPECT_EQ(s.uncertain[1].field, UncertainField::kChangeWeight);
  EXPECT_EQ(s.uncertain[1].index, 0u);
  EXPECT_EQ(s.uncertain[1].dist.low, 0.0);  // a change weight may be 0: [0, 1]
  EXPECT_EQ(s.uncertain[2].field, UncertainField::kChangeRecovery);
  EXPECT_EQ(s.uncertain[2].index, 1u);
  EXPECT_EQ(uncertain_count(s), 3u);
}

TEST(DistributionSyntaxTest, UnknownKindSuggestsTheClosestName) {
  EXPECT_EQ(weight_error("{unifrom: [0.2, 0.4]}"),
            "m.yaml:7:43: error: unknown distribution 'unifrom' for weight; did you mean "
            "'uniform'?\n" +
                quoted("{unifrom: [0.2, 0.4]}", 43));
  EXPECT_EQ(weight_error("{beta: [2, 3]}"),
            "m.yaml:7:43: error: unknown distribution 'beta' for weight; use uniform, "
            "triangular or normal\n" +
                quoted("{beta: [2, 3]}", 43));
}

TEST(DistributionSyntaxTest, WrongArityOrShape) {
  EXPECT_EQ(weight_error("{triangular: [0.4, 0.6]}"),
            "m.yaml:7:55: error: triangular takes 3 numbers [min, mode, max], got 2\n" +
                quoted("{triangular: [0.4, 0.6]}", 55));
  EXPECT_EQ(weight_error("{normal: 0.5}"),
            "m.yaml:7:51: error: normal takes a list [mean, sd], got '0.5'\n" +
                quoted("{normal: 0.5}", 51));
  EXPECT_EQ(weight_error("{uniform: [0.2, x]}"),
            "m.yaml:7:58: error: uniform b must be a number, got 'x'\n" +
                quoted("{uniform: [0.2, x]}", 58));
  EXPECT_EQ(weight_error("{uniform: [0.2, 0.4], normal: [0.3, 0.1]}"),
            "m.yaml:7:42: error: weight must be a number or one distribution such as "
            "{uniform: [0.2, 0.4]}, got a mapping with 2 fields\n" +
                quoted("{uniform: [0.2, 0.4], normal: [0.3, 0.1]}", 42));
}

TEST(DistributionSyntaxTest, ParametersMustBeConsistent) {
  EXPECT_EQ(weight_error("{uniform: [0.7, 0.4]}"),
            "m.yaml:7:52: error: uniform a (0.7) must not be greater than b (0.4)\n" +
                quoted("{uniform: [0.7, 0.4]}", 52));
  EXPECT_EQ(weight_error("{triangular: [0.7, 0.6, 0.4]}"),
            "m.yaml:7:55: error: triangular min (0.7) must not be greater than max (0.4)\n" +
                quoted("{triangular: [0.7, 0.6, 0.4]}", 55));
  EXPECT_EQ(weight_error("{triangular: [0.4, 0.8, 0.7]}"),
            "m.yaml:7:61: error: triangular mode (0.8) must be in [min, max] = [0.4, 0.7]\n" +
                quoted("{triangular: [0.4, 0.8, 0.7]}", 61));
  EXPECT_EQ(weight_error("{normal: [0.5, -0.1]}"),
            "m.yaml:7:57: error: normal sd must be at least 0, got -0.1\n" +
                quoted("{normal: [0.5, -0.1]}", 57));
}

TEST(DistributionSyntaxTest, SupportMustLieInTheFieldsRange) {
  // weight is in (0, 1]: a uniform reaching down to 0 or up past 1 is refused.
  EXPECT_EQ(weight_error("{uniform: [0, 0.5]}"),
            "m.yaml:7:53: error: weight must be in (0, 1], got uniform a 0\n" +
                quoted("{uniform: [0, 0.5]}", 53));
  EXPECT_EQ(weight_error("{triangular: [0.5, 0.9, 1.2]}"),
            "m.yaml:7:66: error: weight must be in (0, 1], got triangular max 1.2\n" +
                quoted("{triangular: [0.5, 0.9, 1.2]}", 66));
  EXPECT_EQ(weight_error("{normal: [1.5, 0.1]}"),
            "m.yaml:7:52: error: weight must be in (0, 1], got normal mean 1.5\n" +
                quoted("{normal: [1.5, 0.1]}", 52));
  // A touchpoint may be 0: [0, 1].
  EXPECT_EQ(model_error(model_text("0.5", "0.5", "{uniform: [0, 0.2]}")), "no error");
}

// ---------------------------------------------------------------- writer, validation

TEST(DistributionSyntaxTest, WriterRoundTripsDistributions) {
  const OrgGraph g = parse_model(
      model_text("{triangular: [0.4, 0.6, 0.7]}", "{uniform: [0.2, 0.4]}", "{normal: [0.3, 0.05]}"),
      "m.yaml");
  const OrgGraph back = parse_model(to_yaml(g), "back.yaml");
  ASSERT_EQ(back.uncertain.size(), g.uncertain.size());
  for (std::size_t i = 0; i < g.uncertain.size(); ++i) {
    EXPECT_EQ(back.uncertain[i].field, g.uncertain[i].field);
    EXPECT_EQ(back.uncertain[i].index, g.uncertain[i].index);
    EXPECT_EQ(back.uncertain[i].dist, g.uncertain[i].dist);
  }
  EXPECT_EQ(back.dependencies()[0].weight, g.dependencies()[0].weight);
  EXPECT_EQ(back.roles()[0].recovery, g.roles()[0].recovery);

  const Scenario s = parse_scenario(
      "name: s\nmodel: m.yaml\nfailures: [{role: pay, degrade: {normal: [0.5, 0.1]}}]\n"
      "changes: [{role: web, touchpoint: {uniform: [0.1, 0.3]}}]\n",
      "s.yaml", g);
  const std::string text = to_yaml(s, "m.yaml");
  EXPECT_NE(text.find("degrade: {normal: [0.5, 0.1]}"), std::string::npos) << text;
  EXPECT_NE(text.find("touchpoint: {uniform: [0.1, 0.3]}"), std::string::npos) << text;
  const Scenario s2 = parse_scenario(text, "s2.yaml", g);
  ASSERT_EQ(s2.uncertain.size(), 2u);
  EXPECT_EQ(s2.uncertain[0].dist, s.uncertain[0].dist);
  EXPECT_EQ(s2.uncertain[1].dist, s.uncertain[1].dist);
}

TEST(UncertaintyTest, SetsValuesAndChecksTheWorstCase) {
  Scenario s = parse_scenario(
      "name: s\nmodel: m.yaml\nfailures: [{role: pay, degrade: {uniform: [0.2, 0.4]}}]\n", "s.yaml",
      parse_model(model_text("{triangular: [0.4, 0.6, 0.7]}"), "m.yaml"));
  set_uncertain_value(s, s.model.uncertain[0], 0.45);
  set_uncertain_value(s, s.uncertain[0], 0.25);
  EXPECT_EQ(s.model.dependencies()[0].weight, 0.45);
  EXPECT_EQ(s.failures[0].degrade, 0.25);
  const Scenario upper = at_upper_bounds(s);
  EXPECT_EQ(upper.model.dependencies()[0].weight, 0.7);
  EXPECT_EQ(upper.failures[0].degrade, 0.25);  // degrades do not matter to validation
  EXPECT_TRUE(upper.model.uncertain.empty());
  EXPECT_TRUE(upper.uncertain.empty());
}

TEST(UncertaintyTest, LoopGainIsCheckedAtTheUpperBoundOfUncertainWeights) {
  // web <-> pay: gain sqrt(w1 w2). Nominal sqrt(1 x 0.75) < 1, but at the upper bound
  // sqrt(1 x 1) = 1: refused.
  const std::string text =
      model_text("1") + "  - {role: pay, depends_on: web, weight: " + "{uniform: [0.5, 1]}}\n";
  const OrgGraph g = parse_model(text, "m.yaml");
  EXPECT_EQ(g.dependencies()[1].weight, 0.75);
  const Diagnostics d = validate_model(g);
  ASSERT_EQ(d.error_count(), 1u);
  EXPECT_EQ(d.items()[0].message,
            "feedback loop among 2 roles ('web', 'pay') has gain (spectral radius) 1, above the "
            "largest gain accepted, 1 - 1e-9: the static model diverges or cannot be solved to "
            "1e-12; lower a weight inside the loop (uncertain values at their upper bounds)");
}

TEST(UncertaintyTest, TouchpointSumIsCheckedAtTheUpperBounds) {
  // 0.4 + 0.5 (nominal) <= 1, but 0.4 + 0.7 (upper bound) > 1.
  const OrgGraph g = parse_model(
      "name: m\ndepartments: [{id: d}]\nroles:\n"
      "  - {id: web, department: d, touchpoint: 0.4}\n"
      "  - {id: chat, department: d, touchpoint: {triangular: [0.5, 0.5, 0.7]}}\n",
      "m.yaml");
  const Diagnostics d = validate_model(g);
  ASSERT_EQ(d.error_count(), 1u);
  EXPECT_EQ(d.items()[0].where.str(), "m.yaml:5:5");
  EXPECT_EQ(d.items()[0].message,
            "touchpoint weights sum to more than 1 (1.1 after role 'chat'): the CX score could "
            "fall below 0 (uncertain values at their upper bounds)");
}

}  // namespace
}  // namespace orgsim::model
