// GET /api/layout and POST /api/simulate?role_steps=1: the data the page's impact
// diagram draws (viz/web/diagram.js), over HTTP with the page's token rules.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "serve/server.hpp"
#include "tests/serve/running_server.hpp"
#include "tests/serve/test_model.hpp"

namespace orgsim::serve {
namespace {

using nlohmann::json;
using test_support::RunningServer;
using ::testing::HasSubstr;

class LayoutApiTest : public ::testing::Test {
 protected:
  RunningServer server_{test::serve_start()};
  httplib::Client client_ = server_.client();

  json get_json(const char* path) {
    auto res = client_.Get(path);
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, 200) << res->body;
    return json::parse(res->body);
  }
  json simulate(const char* path, const std::string& body) {
    auto res = client_.Post(path, body, "application/json");
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, 200) << res->body;
    return json::parse(res->body);
  }
};

TEST_F(LayoutApiTest, ServesTheSameLayoutEveryTime) {
  const json a = get_json("/api/layout");
  ASSERT_EQ(a["roles"].size(), 5u);
  EXPECT_EQ(a["roles"][0]["id"], "payments");
  EXPECT_EQ(a["roles"][2]["name"], "Refunds & returns");  // plain text, not escaped
  EXPECT_EQ(a["roles"][1]["name"], "Payroll <script>alert(1)</script>");
  EXPECT_EQ(a["cx_edges"].size(), 2u);  // refunds and agents
  EXPECT_EQ(a["edges"].size(), 4u);
  EXPECT_EQ(get_json("/api/layout"), a);
}

TEST_F(LayoutApiTest, NeedsTheToken) {
  auto res = server_.bare_client().Get("/api/layout");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_THAT(res->body, HasSubstr("X-Orgsim-Token"));
}

TEST_F(LayoutApiTest, RoleStepsOnlyWhenAsked) {
  const std::string body = R"({"failures": [{"role": "payments", "degrade": 0.5, "to": 10}]})";
  EXPECT_FALSE(simulate("/api/simulate", body).contains("role_steps"));
  const json r = simulate("/api/simulate?role_steps=1", body);
  ASSERT_TRUE(r.contains("role_steps"));
  const json& s = r["role_steps"];
  EXPECT_EQ(s["steps"], 20);
  EXPECT_EQ(s["omitted"], 0);
  ASSERT_GE(s["roles"].size(), 3u);  // payments, refunds, agents, idle (payroll is untouched)
  EXPECT_EQ(s["roles"][0]["id"], "payments");
  EXPECT_EQ(s["roles"][0]["q"].size(), 21u);
  for (const auto& role : s["roles"]) EXPECT_NE(role["id"], "payroll");
  // The run itself is the same with or without the steps.
  EXPECT_EQ(r["cx"], simulate("/api/simulate", body)["cx"]);
}

// What the page asks on every slider move: each affected role's peak, no q per step.
TEST_F(LayoutApiTest, RoleStepsPeaksCarryNoSeries) {
  const std::string body = R"({"failures": [{"role": "payments", "degrade": 0.5, "to": 10}]})";
  const json full = simulate("/api/simulate?role_steps=1", body);
  const json r = simulate("/api/simulate?role_steps=peaks", body);
  ASSERT_TRUE(r.contains("role_steps"));
  const json& s = r["role_steps"];
  ASSERT_EQ(s["roles"].size(), full["role_steps"]["roles"].size());
  EXPECT_EQ(s["omitted"], s["roles"].size());
  EXPECT_THAT(s["note"].get<std::string>(), HasSubstr("not kept"));
  for (std::size_t i = 0; i < s["roles"].size(); ++i) {
    const json& role = s["roles"][i];
    EXPECT_FALSE(role.contains("q")) << role;
    EXPECT_EQ(role["id"], full["role_steps"]["roles"][i]["id"]);
    EXPECT_EQ(role["peak"], full["role_steps"]["roles"][i]["peak"]);
    EXPECT_EQ(role["peak_step"], full["role_steps"]["roles"][i]["peak_step"]);
  }
  EXPECT_EQ(r["cx"], full["cx"]);
}

}  // namespace
}  // namespace orgsim::serve
