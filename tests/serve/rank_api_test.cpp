// POST /api/rank: `orgsim rank --json`'s answer for the model after a what-if's changes,
// over HTTP (the page's "Which roles matter most" panel, viz/web/page.js).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "serve/server.hpp"
#include "tests/serve/running_server.hpp"
#include "tests/serve/test_model.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/serve_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace orgsim::serve {
namespace {

using nlohmann::json;
using test_support::RunningServer;
using ::testing::HasSubstr;

constexpr const char* kNoFailures = R"({"failures": []})";

class RankApiTest : public ::testing::Test {
 protected:
  RunningServer server_{test::serve_start()};
  httplib::Client client_ = server_.client();

  json post(const std::string& path, const std::string& body, int status = 200) {
    auto res = client_.Post(path, body, "application/json");
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, status) << res->body;
    return json::parse(res->body);
  }
  static std::vector<std::string> order(const json& answer) {
    std::vector<std::string> ids;
    for (const auto& r : answer["roles"]) ids.push_back(r["role_id"]);
    return ids;
  }
};

TEST_F(RankApiTest, AnswersEveryRoleByTheCxPointsItsFailureCosts) {
  const json a = post("/api/rank", kNoFailures);
  EXPECT_EQ(a["degrade"], 0.5);  // `orgsim rank`'s default
  EXPECT_EQ(a["exact"], false);
  EXPECT_EQ(a["model"]["name"], "Test org");
  EXPECT_EQ(a["model"]["roles"], 5);
  EXPECT_FALSE(a.contains("run_record"));  // a what-if has no input files to hash
  // The adjoint y = w + A^T y (sim/rank.hpp), loss = baseline x degrade x y_i = 40 y_i:
  // y_agents = 0.5, y_refunds = 0.3 + 0.3 y_agents = 0.45, y_payments = 0.6 y_refunds
  // + 0.1 y_idle = 0.27, y_payroll = 0.2 y_agents = 0.1, y_idle = 0.
  EXPECT_EQ(order(a),
            (std::vector<std::string>{"agents", "refunds", "payments", "payroll", "idle"}));
  const json& top = a["roles"][0];
  EXPECT_EQ(top["rank"], 1);
  EXPECT_EQ(top["role_name"], "Agents");
  EXPECT_EQ(top["department"], "front");
  EXPECT_NEAR(top["cx_points"].get<double>(), 40 * 0.5, 1e-9);
  EXPECT_EQ(top["share_of_worst"], 1.0);
  EXPECT_NEAR(a["roles"][2]["cx_points"].get<double>(), 40 * 0.27, 1e-9);
  EXPECT_EQ(a["roles"][1]["role_name"], "Refunds & returns");  // plain text, not escaped
  EXPECT_FALSE(top.contains("exact_cx_points"));
}

TEST_F(RankApiTest, RanksTheModelAfterTheWhatIfsChangesNotItsFailures) {
  const json plain = post("/api/rank", kNoFailures);
  // Failures play no part: the ranking asks what each role alone would cost.
  EXPECT_EQ(post("/api/rank", R"({"failures": [{"role": "agents", "degrade": 1}]})"), plain);
  // Refunds' touchpoint weight 0.3 -> 0.5: y_refunds = 0.5 + 0.3 x 0.5 = 0.65 puts it
  // above agents (0.5).
  const json changed =
      post("/api/rank", R"({"failures": [], "changes": [{"role": "refunds", "touchpoint": 0.5}]})");
  EXPECT_EQ(changed["roles"][0]["role_id"], "refunds");
  EXPECT_NEAR(changed["roles"][0]["cx_points"].get<double>(), 40 * 0.65, 1e-9);
}

TEST_F(RankApiTest, TakesDegradeAndExactFromTheQuery) {
  const json a = post("/api/rank?degrade=0.25&exact=true", kNoFailures);
  EXPECT_EQ(a["degrade"], 0.25);
  EXPECT_EQ(a["exact"], true);
  EXPECT_NEAR(a["roles"][0]["cx_points"].get<double>(), 80 * 0.25 * 0.5, 1e-9);
  ASSERT_TRUE(a["roles"][0].contains("exact_cx_points"));
  EXPECT_NEAR(a["roles"][0]["exact_cx_points"].get<double>(), 10.0, 1e-9);  // no clamp reached
  EXPECT_EQ(post("/api/rank?exact=0", kNoFailures)["exact"], false);
}

TEST_F(RankApiTest, BadInputNamesTheField) {
  for (const char* q : {"abc", "0", "1.5", "-0.5", "nan", "0.5x", ""}) {
    const json e = post(std::string("/api/rank?degrade=") + q, kNoFailures, 400);
    EXPECT_EQ(e["error"],
              std::string("degrade: must be a number in (0, 1] (0.5: half), got '") + q + "'");
    EXPECT_EQ(e["details"], json::array({e["error"]}));
  }
  const json exact = post("/api/rank?exact=yes", kNoFailures, 400);
  EXPECT_EQ(exact["error"], "exact: must be true or false, got 'yes'");
  // The what-if is checked as /api/simulate checks it, its field named.
  const json role = post("/api/rank", R"({"changes": [{"role": "nobody", "recovery": 0.5}]})", 400);
  EXPECT_THAT(role["details"][0].get<std::string>(), HasSubstr("changes[0].role: "));
  EXPECT_THAT(post("/api/rank", "[1]", 400)["error"].get<std::string>(), HasSubstr("what-if"));
}

TEST_F(RankApiTest, NeedsTheToken) {
  auto res = server_.bare_client().Post("/api/rank", kNoFailures, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
}

TEST(RankApiLimitTest, RefusesExactAboveTheRoleLimitAndSaysSo) {
  ApiOptions options = RunningServer::default_api_options();
  options.max_exact_roles = 4;  // the test model has 5
  RunningServer server(test::serve_start(), options);
  httplib::Client client = server.client();
  auto res = client.Post("/api/rank?exact=true", kNoFailures, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(json::parse(res->body)["error"],
            "exact: the exact ranking solves the model once per role; this server does it for "
            "models of up to 4 roles, and this one has 5. Ask without exact (the linear ranking, "
            "one solve), or run `orgsim rank MODEL --exact`");
  res = client.Post("/api/rank", kNoFailures, "application/json");  // linear: no limit
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

// The demo through the binary: the served answer is `orgsim rank --json`'s, for the
// scenario's model after its change (slow-payments-with-backup adds a dependency).
class RankDemoTest : public test::TempDirTest {
 protected:
  RankDemoTest() : TempDirTest("rank_api") {}
};

TEST_F(RankDemoTest, EqualsOrgsimRankJsonOnTheDemo) {
  const std::string scenario =
      std::string(ORGSIM_SOURCE_DIR) + "/scenarios/contact-center/slow-payments-with-backup.yaml";
  test::ServeProcess server(ORGSIM_BINARY, {scenario});
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(60, 0);
  client.set_default_headers({{"X-Orgsim-Token", server.token()}});
  auto model = client.Get("/api/model");
  ASSERT_TRUE(model);
  const std::string what_if = json::parse(model->body)["scenario"].dump();
  for (const auto& [query, args] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"", {}}, {"?degrade=0.3&exact=true", {"--degrade", "0.3", "--exact"}}}) {
    auto res = client.Post("/api/rank" + query, what_if, "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    std::vector<std::string> cli_args = {"rank", scenario, "--json", "-"};
    cli_args.insert(cli_args.end(), args.begin(), args.end());
    const test::RunResult cli = test::run_child(ORGSIM_BINARY, cli_args, dir_);
    ASSERT_EQ(cli.code, 0) << cli.err;
    json served = json::parse(res->body);
    json expected = json::parse(cli.out);
    ASSERT_GT(expected["roles"].size(), 10u);
    EXPECT_EQ(served["roles"], expected["roles"]) << query;  // every figure to the last bit
    EXPECT_EQ(served["degrade"], expected["degrade"]);
    EXPECT_EQ(served["exact"], expected["exact"]);
    // The same model; only the run record (input files' hashes) is the CLI's alone, and
    // the server names its model file without the folder (as GET /api/model does).
    expected.erase("run_record");
    EXPECT_EQ(served["model"]["file"], "model.yaml");
    expected["model"]["file"] = "model.yaml";
    EXPECT_EQ(served, expected) << query;
  }
}

}  // namespace
}  // namespace orgsim::serve
