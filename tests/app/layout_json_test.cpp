// app::layout_json (GET /api/layout) and app::role_steps_json (the q per step the page
// plays back): shapes, ids, bounds.
#include "app/layout_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/pictures.hpp"
#include "app/run_json.hpp"
#include "tests/support/builders.hpp"
#include "viz/colour_scale.hpp"

namespace orgsim::app {
namespace {

using nlohmann::json;
using test::Fail;
using test::make_graph;
using test::make_scenario;

TEST(LayoutJsonTest, NamesEveryRoleEdgeAndTheColourScale) {
  const model::OrgGraph g = make_graph("A->B 0.5; B->C 0.25; A*0.6; C*0.4");
  const json j = layout_json(g, viz::lay_out_org(g, process_renderer()));
  EXPECT_EQ(j["schema_version"], kJsonSchemaVersion);
  ASSERT_EQ(j["roles"].size(), 3u);
  EXPECT_EQ(j["roles"][0]["id"], "A");
  EXPECT_EQ(j["roles"][0]["department"], "d");
  EXPECT_EQ(j["roles"][0]["touchpoint"], 0.6);
  ASSERT_EQ(j["departments"].size(), 1u);
  ASSERT_EQ(j["edges"].size(), 2u);
  // A depends on B: trouble flows B -> A.
  EXPECT_EQ(j["edges"][0]["from"], "B");
  EXPECT_EQ(j["edges"][0]["to"], "A");
  EXPECT_EQ(j["edges"][0]["weight"], 0.5);
  ASSERT_EQ(j["cx_edges"].size(), 2u);
  EXPECT_EQ(j["cx_edges"][0]["from"], "A");
  // The page colours with the same scale as every orgsim picture.
  ASSERT_EQ(j["colours"]["fill"].size(), 101u);
  EXPECT_EQ(j["colours"]["fill"][0], viz::hex(viz::value_colour(0)));
  EXPECT_EQ(j["colours"]["fill"][100], viz::hex(viz::value_colour(1)));
  EXPECT_EQ(j["colours"]["ink"][100], viz::hex(viz::text_colour_on(viz::value_colour(1))));
  for (const auto& r : j["roles"]) {
    EXPECT_GE(r["x"].get<double>(), 0);
    EXPECT_LE(r["x"].get<double>(), j["width"].get<double>());
    EXPECT_GE(r["y"].get<double>(), 0);
    EXPECT_LE(r["y"].get<double>(), j["height"].get<double>());
  }
}

TEST(RoleStepsJsonTest, GivesEveryAffectedRoleLargestPeakFirst) {
  model::Scenario s = make_scenario(make_graph("A->B 0.5; A*1; C*0"), Fail{"B", 0.4, 0, 3});
  RunRequest request;
  request.record_roles = true;
  const RunResult run = run_scenario(s, request);
  const json j = role_steps_json(run);
  EXPECT_EQ(j["steps"], run.trace.steps());
  ASSERT_EQ(j["roles"].size(), 2u);  // C is never hit
  EXPECT_EQ(j["roles"][0]["id"], "B");
  EXPECT_EQ(j["roles"][1]["id"], "A");
  ASSERT_EQ(j["roles"][0]["q"].size(), static_cast<std::size_t>(run.trace.steps()) + 1);
  EXPECT_EQ(j["omitted"], 0);
  EXPECT_FALSE(j.contains("note"));
  EXPECT_EQ(j["roles"][0]["peak"], run.trace.peak(model::RoleId(1)));
}

TEST(RoleStepsJsonTest, CutsTheSeriesAtTheCapAndSaysSo) {
  model::Scenario s = make_scenario(make_graph("A->B 0.5; A*1"), Fail{"B", 0.4, 0, 3});
  RunRequest request;
  request.record_roles = true;
  const RunResult run = run_scenario(s, request);
  const std::size_t states = static_cast<std::size_t>(run.trace.steps()) + 1;
  const json j = role_steps_json(run, states);  // room for one role's series
  ASSERT_EQ(j["roles"].size(), 2u);
  EXPECT_TRUE(j["roles"][0].contains("q"));
  EXPECT_FALSE(j["roles"][1].contains("q"));
  EXPECT_EQ(j["omitted"], 1);
  EXPECT_EQ(j["note"], "only the 1 most affected of 2 roles have per-step values (at most " +
                           std::to_string(states) + " values)");
}

TEST(RoleStepsJsonTest, AStaticRunHasPeaksOnly) {
  model::Scenario s = make_scenario(make_graph("A->B 0.5; A*1"), Fail{"B", 0.4});
  RunRequest request;
  request.record_roles = true;
  request.static_mode = true;
  const json j = role_steps_json(run_scenario(s, request));
  ASSERT_EQ(j["roles"].size(), 2u);
  EXPECT_FALSE(j["roles"][0].contains("q"));
  EXPECT_EQ(j["note"], "a static run has no steps");
}

}  // namespace
}  // namespace orgsim::app
