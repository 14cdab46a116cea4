// app/compare_report: a base and N what-ifs, each compared with the base.
#include "app/compare_report.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "common/errors.hpp"
#include "tests/support/builders.hpp"

namespace orgsim::app {
namespace {

using test::Fail;
using test::make_graph;
using test::make_scenario;

RunResult run_with(double degrade) {
  model::Scenario s = make_scenario(make_graph("A->B 0.5; A*1", 0.5), Fail{"B", degrade, 0, 3});
  s.name = "B at " + std::to_string(degrade);
  return run_scenario(std::move(s), compare_run_request({}));
}

TEST(CompareReportTest, ComparesEveryWhatIfWithTheBase) {
  std::vector<RunResult> runs;
  for (double d : {0.4, 0.2, 0.8}) runs.push_back(run_with(d));
  const Comparisons c = compare_runs(std::move(runs), {});
  ASSERT_EQ(c.against_base.size(), 2u);
  // A half-size failure of B lifts the static linear drop by half: 20 -> 10 CX points.
  ASSERT_TRUE(c.against_base[0].total_cx_points);
  EXPECT_NEAR(c.against_base[0].total_cx_points->change, -10.0, 1e-12);
  EXPECT_NEAR(c.against_base[1].total_cx_points->change, 20.0, 1e-12);
  std::ostringstream text;
  print_comparison(c, text);
  EXPECT_NE(text.str().find("What-if    B at 0.200000"), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("What-if    B at 0.800000"), std::string::npos) << text.str();
  const std::string json = comparison_json_text(c);
  EXPECT_NE(json.find("\"what_ifs\""), std::string::npos) << json.substr(0, 200);
  // Two what-ifs: no top-level "what_if" / "comparison" (the only keys indented by 2).
  EXPECT_EQ(json.find("\n  \"what_if\": "), std::string::npos);
  EXPECT_EQ(json.find("\n  \"comparison\": "), std::string::npos);
}

TEST(CompareReportTest, NeedsABaseAndAWhatIf) {
  std::vector<RunResult> one;
  one.push_back(run_with(0.4));
  EXPECT_THROW(compare_runs(std::move(one), {}), InvalidArgument);
}

TEST(CompareReportTest, JsonOfTwoRunsCarriesTheSchemaVersion) {
  std::vector<RunResult> runs;
  runs.push_back(run_with(0.4));
  runs.push_back(run_with(0.2));
  const std::string json = comparison_json_text(compare_runs(std::move(runs), {}));
  EXPECT_NE(json.find("\"schema_version\": 1"), std::string::npos) << json.substr(0, 200);
  EXPECT_NE(json.find("\n  \"comparison\": "), std::string::npos);
  EXPECT_NE(json.find("\n  \"what_ifs\": "), std::string::npos);
}

}  // namespace
}  // namespace orgsim::app
