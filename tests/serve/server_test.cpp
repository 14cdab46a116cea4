// The API over HTTP: a server on a free port in this process, driven by
// httplib::Client, as the page and other tools drive it.
#include "serve/server.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "model/loader.hpp"
#include "sim/engine.hpp"
#include "sim/paths.hpp"
#include "sim/summary.hpp"
#include "tests/serve/running_server.hpp"
#include "tests/serve/test_model.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"

namespace orgsim::serve {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

using test_support::RunningServer;

class ServerTest : public ::testing::Test {
 protected:
  RunningServer server_{test::serve_start()};
  httplib::Client client_ = server_.client();

  httplib::Result post(const std::string& path, const std::string& body) {
    return client_.Post(path.c_str(), body, "application/json");
  }
  // POSTs `body`, expects `status`, returns the JSON answer.
  json post_json(const std::string& path, const std::string& body, int status = 200) {
    auto res = post(path, body);
    EXPECT_TRUE(res) << httplib::to_string(res.error());
    if (!res) return {};
    EXPECT_EQ(res->status, status) << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
    return json::parse(res->body);
  }
};

TEST_F(ServerTest, BindsToLoopbackByDefault) {
  EXPECT_EQ(ServerOptions{}.host, "127.0.0.1");
  EXPECT_EQ(ServerOptions{}.port, 8080);
  EXPECT_EQ(server_.server().url(), "http://127.0.0.1:" + std::to_string(server_.port()) + "/");
  EXPECT_EQ(server_.server().page_url(),
            server_.server().url() + "?token=" + server_.server().token());
  EXPECT_TRUE(is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(is_loopback_host("localhost"));
  EXPECT_TRUE(is_loopback_host("::1"));
  EXPECT_FALSE(is_loopback_host("0.0.0.0"));
  EXPECT_FALSE(is_loopback_host("192.168.1.20"));
}

TEST_F(ServerTest, ModelListsRolesDependenciesAndTheStartingWhatIf) {
  auto res = client_.Get("/api/model");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  json m = json::parse(res->body);
  EXPECT_EQ(m["name"], "Test org");
  EXPECT_EQ(m["file"], "test-model.yaml");
  EXPECT_EQ(m["cx_baseline"], 80.0);
  EXPECT_EQ(m["departments"].dump(),
            R"([{"id":"back","name":"Back office"},{"id":"front","name":"Front line"}])");
  ASSERT_EQ(m["roles"].size(), 5u);
  EXPECT_EQ(m["roles"][1].dump(),
            R"({"department":"back","id":"payroll","name":"Payroll <script>alert(1)</script>",)"
            R"("recovery":0.4,"touchpoint":0.0})");
  EXPECT_EQ(m["dependencies"][0].dump(),
            R"({"depends_on":"payments","role":"refunds","weight":0.6})");
  EXPECT_EQ(m["scenario"].dump(),
            R"({"changes":[],"failures":[{"degrade":0.5,"from":0,"role":"payments","to":10}],)"
            R"("initial":[],"name":"Slow payments","static":false,"steps":20})");
  EXPECT_EQ(m["limits"]["max_steps"], 10000);
}

TEST_F(ServerTest, SimulateGivesTheNumbersOfSimSimulate) {
  const std::string body = R"({"steps": 25, "failures": [{"role": "payroll", "degrade": 0.4,
      "from": 1, "to": 6}, {"role": "payments", "degrade": 0.3}],
      "changes": [{"role": "refunds", "recovery": 0.7}]})";
  json r = post_json("/api/simulate", body);

  model::Scenario s = test::serve_start();
  const auto payroll = *s.model.find_role("payroll");
  const auto payments = *s.model.find_role("payments");
  s.steps = 25;
  s.failures = {{payroll, 0.4, 1, 6, {}}, {payments, 0.3, 0, std::nullopt, {}}};
  s.changes = {{*s.model.find_role("refunds"), {}, {}, 0.7, {}, {}}};
  const sim::Trace trace = sim::simulate(s);
  const sim::Summary m = sim::summarize(trace);
  const auto effective = model::apply_changes(s.model, s.changes);
  const sim::ImpactPaths paths = sim::impact_paths(effective, s.failures, 5);

  // The one run shape of `orgsim run --json` (docs/schema/run.schema.json), without the
  // per-role list and the run record.
  EXPECT_EQ(r["schema_version"], 1);
  EXPECT_FALSE(r.contains("roles"));
  EXPECT_FALSE(r.contains("run_record"));
  EXPECT_FALSE(r.contains("feedback_loops"));  // only the picture draws them
  EXPECT_EQ(r["scenario"]["name"], "Slow payments");
  EXPECT_EQ(r["scenario"]["mode"], "dynamic");
  EXPECT_EQ(r["scenario"]["steps"], 25);
  EXPECT_EQ(r["scenario"]["changes"], 1);
  EXPECT_EQ(r["scenario"]["failures"][1].dump(),
            R"({"degrade":0.3,"from":0,"role":"payments","to":null})");
  EXPECT_EQ(r["model"]["roles"], 5);
  const json& cx = r["cx"];
  EXPECT_EQ(cx["trajectory"].get<std::vector<double>>(),
            std::vector<double>(trace.cx().begin(), trace.cx().end()));
  EXPECT_EQ(cx["baseline"], 80.0);
  EXPECT_EQ(cx["min"].get<double>(), m.cx_min);
  EXPECT_EQ(cx["min_step"], m.cx_min_step);
  EXPECT_EQ(cx["final"].get<double>(), m.cx_final);
  EXPECT_EQ(cx["change"].get<double>(), m.cx_min - 80.0);
  EXPECT_EQ(cx["final_change"].get<double>(), m.cx_final - 80.0);
  EXPECT_EQ(cx["recovery_step"].is_null(), !m.recovery_step.has_value());
  EXPECT_EQ(cx["recovery_band"], sim::kRecoveryBand);
  const json& p = r["impact_paths"];
  ASSERT_EQ(p["paths"].size(), paths.paths.size());
  ASSERT_EQ(paths.paths.size(),
            3u);  // payments->refunds, payments->refunds->agents, payroll->agents
  for (std::size_t i = 0; i < paths.paths.size(); ++i) {
    EXPECT_EQ(p["paths"][i]["cx_points"].get<double>(), paths.paths[i].cx_points);
    EXPECT_EQ(p["paths"][i]["share"].get<double>(), paths.paths[i].share);
    EXPECT_EQ(p["paths"][i]["roles"].size(), paths.paths[i].roles.size());
  }
  EXPECT_EQ(p["paths"][0]["roles"].dump(), R"(["payments","refunds"])");
  EXPECT_EQ(p["total_cx_points"].get<double>(), paths.total_cx_points);
  EXPECT_EQ(p["remaining_share"].get<double>(), paths.remaining_share);
  ASSERT_EQ(r["most_degraded"].size(), m.most_degraded.size());
  EXPECT_EQ(r["most_degraded"][0]["id"], s.model.role(m.most_degraded[0].role).id);
  EXPECT_EQ(r["most_degraded"][0]["peak"].get<double>(), m.most_degraded[0].peak);
  // The changed model's warning (idle reaches no touchpoint), as `orgsim run` gives
  // warnings, from the what-if.
  ASSERT_EQ(r["warnings"].size(), 1u);
  EXPECT_EQ(r["warnings"][0]["file"], "what-if");
  EXPECT_EQ(r["warnings"][0]["line"], 0);
  EXPECT_EQ(r["warnings"][0]["severity"], "warning");
  EXPECT_THAT(r["warnings"][0]["message"].get<std::string>(), HasSubstr("idle"));
}

TEST_F(ServerTest, SimulateWarnsOfAFailureAfterTheLastStep) {
  json r = post_json("/api/simulate",
                     R"({"steps": 5, "failures": [{"role": "payments", "degrade": 0.5,
                         "from": 9}]})");
  ASSERT_EQ(r["warnings"].size(), 1u);
  EXPECT_EQ(r["warnings"][0].dump(),
            R"({"column":0,"file":"what-if","line":0,"message":"failure of 'payments' starts )"
            R"(at step 9, after the last step of the run (steps: 5); it has no effect",)"
            R"("severity":"warning"})");
  EXPECT_EQ(r["cx"]["min"], 80.0);
  EXPECT_FALSE(r["cx"]["degraded"].get<bool>());
}

TEST_F(ServerTest, SimulateStaticGivesTheFixedPoint) {
  json r = post_json("/api/simulate",
                     R"({"static": true, "failures": [{"role": "payments", "degrade": 0.5}]})");
  // q_payments = 0.5, q_refunds = 0.6 x 0.5 = 0.3, q_agents = 0.3 x 0.3 = 0.09:
  // CX = 80 x (1 - 0.3 x 0.3 - 0.5 x 0.09) = 80 x 0.865 = 69.2.
  EXPECT_EQ(r["scenario"]["mode"], "static");
  EXPECT_EQ(r["scenario"]["steps"], 0);
  ASSERT_EQ(r["cx"]["trajectory"].size(), 1u);
  EXPECT_NEAR(r["cx"]["trajectory"][0].get<double>(), 69.2, 1e-12);
  EXPECT_NEAR(r["cx"]["change"].get<double>(), -10.8, 1e-12);
  EXPECT_LE(r["solver"]["residual"].get<double>(), 1e-12);
}

TEST_F(ServerTest, RenderDrawsTheImpactPictureWithNamesEscaped) {
  const std::string body = R"({"failures": [{"role": "payroll", "degrade": 0.8}]})";
  auto res = post("/api/render", body);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "image/svg+xml");
  EXPECT_THAT(res->body, HasSubstr("<svg"));
  EXPECT_THAT(res->body, HasSubstr("&lt;script&gt;"));
  EXPECT_THAT(res->body, Not(HasSubstr("<script")));
  EXPECT_EQ(server_.api().renders(), 1u);
  // The same what-if again (keys in another order): from the cache, not Graphviz.
  auto again = post("/api/render", R"({"failures": [{"degrade": 0.8, "role": "payroll"}]})");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->body, res->body);
  EXPECT_EQ(server_.api().renders(), 1u);
  EXPECT_EQ(server_.api().render_cache_hits(), 1u);
}

TEST_F(ServerTest, BadJsonIs400WithAMessage) {
  json r = post_json("/api/simulate", R"({"failures": [{"role": "payments",)", 400);
  EXPECT_EQ(r["error"],
            "malformed JSON: parse error at line 1, column 35: syntax error while parsing object "
            "key - unexpected end of input; expected string literal");
  EXPECT_EQ(r["details"], json::array());
}

// Sends raw HTTP (headers only: the server must not wait for a body it will refuse)
// and returns everything the server answers before it closes the connection.
std::string raw_exchange(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return "connect failed";
  }
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  (void)!::write(fd, request.data(), request.size());
  // Read until the whole response is in (headers, then Content-Length bytes): the
  // server may keep the connection open a while to drain the refused body.
  std::string answer;
  char buf[4096];
  auto complete = [&] {
    const auto end = answer.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    const auto at = answer.find("Content-Length: ");
    if (at == std::string::npos || at > end) return true;
    return answer.size() >= end + 4 + std::stoul(answer.substr(at + 16));
  };
  for (ssize_t n; !complete() && (n = ::read(fd, buf, sizeof buf)) > 0;) answer.append(buf, n);
  ::close(fd);
  return answer;
}

TEST_F(ServerTest, OversizedBodyIs413AndTheServerKeepsServing) {
  const std::string answer = raw_exchange(
      server_.port(),
      "POST /api/simulate HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(server_.port()) +
          "\r\nContent-Type: application/json\r\nX-Orgsim-Token: " + server_.server().token() +
          "\r\nContent-Length: 10485760\r\n\r\n{\"name\": \"xxxx");
  EXPECT_THAT(answer, StartsWith("HTTP/1.1 413 Payload Too Large\r\n"));
  EXPECT_THAT(
      answer,
      HasSubstr(R"j({"details":[],"error":"request body too large (the limit is 1 MB)"})j"));
  auto fine = server_.client().Get("/api/model");
  ASSERT_TRUE(fine);
  EXPECT_EQ(fine->status, 200);
}

TEST_F(ServerTest, UnknownRoleIs400WithDidYouMean) {
  json r = post_json("/api/simulate", R"({"failures": [{"role": "payrol", "degrade": 0.5}]})", 400);
  EXPECT_EQ(r["error"],
            "invalid what-if: failures[0].role: unknown role 'payrol'; did you mean 'payroll'?");
  EXPECT_EQ(r["details"].dump(),
            R"(["failures[0].role: unknown role 'payrol'; did you mean 'payroll'?"])");
  // The same check guards every endpoint that takes a what-if.
  for (const char* path : {"/api/render", "/api/scenario"}) {
    json e = post_json(path, R"({"changes": [{"role": "x", "recovery": 0.5}]})", 400);
    EXPECT_EQ(e["error"], "invalid what-if: changes[0].role: unknown role 'x'") << path;
  }
}

TEST_F(ServerTest, KeepsServingAfterBadRequests) {
  const std::string hostile[] = {
      std::string(200000, '['),
      R"({"steps": 1e999})",
      R"({"steps": 100000000})",
      R"({"failures": [{"role": "payments", "degrade": 1e308}]})",
      "\xff\xfe garbage",
      "",
      "null",
      R"({"failures": [)" + std::string(5000, ' ') + "{}]}",
  };
  for (const auto& body : hostile) {
    auto res = post("/api/simulate", body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << body.substr(0, 40);
    EXPECT_TRUE(json::parse(res->body).contains("error"));
  }
  auto missing = client_.Get("/api/nothing");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(json::parse(missing->body)["error"], "not found: GET /api/nothing");
  auto wrong_method = client_.Get("/api/simulate");
  ASSERT_TRUE(wrong_method);
  EXPECT_EQ(wrong_method->status, 404);
  json ok = post_json("/api/simulate", "{}");
  EXPECT_EQ(ok["cx"]["min"], 80.0);
  EXPECT_FALSE(ok.contains("impact_paths"));  // nothing failed: no path searched
}

TEST_F(ServerTest, FiftyConcurrentClients) {
  const json expected = post_json("/api/simulate", R"({"failures": [{"role": "payments",
      "degrade": 0.5}]})");
  std::atomic<int> good{0}, bad{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 50; ++i) {
    clients.emplace_back([&, i] {
      httplib::Client c = server_.client();
      for (int k = 0; k < 8; ++k) {
        auto res =
            c.Post("/api/simulate", R"({"failures": [{"role": "payments", "degrade": 0.5}]})",
                   "application/json");
        const bool ok = res && res->status == 200 && json::parse(res->body) == expected;
        (ok ? good : bad)++;
        if (!ok) ADD_FAILURE() << (res ? res->body : httplib::to_string(res.error()));
      }
      // Renders of 5 different what-ifs: drawn one at a time, the rest from the cache.
      const std::string body = R"({"failures": [{"role": "payroll", "degrade": )" +
                               std::to_string(0.1 * (1 + i % 5)) + "}]}";
      auto res = c.Post("/api/render", body, "application/json");
      const bool ok = res && res->status == 200 && res->body.find("<svg") != std::string::npos;
      (ok ? good : bad)++;
      if (!ok) ADD_FAILURE() << (res ? res->body : httplib::to_string(res.error()));
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(good, 50 * 9);
  EXPECT_EQ(bad, 0);
  EXPECT_EQ(server_.api().renders(), 5u);  // 5 what-ifs, each drawn once
}

TEST_F(ServerTest, ScenarioIsYamlThatReadsBackToTheSameWhatIf) {
  const std::string body = R"({"name": "Payroll: late", "steps": 15,
      "failures": [{"role": "payroll", "degrade": 0.35, "from": 2, "to": 9}],
      "changes": [{"role": "agents", "depends_on": "payroll", "weight": 0.1}],
      "initial": [{"role": "refunds", "q": 0.2}]})";
  auto res = post("/api/scenario", body);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/yaml; charset=utf-8");
  EXPECT_THAT(res->body, HasSubstr("\nmodel: /models/test-model.yaml\n"));
  // What the page's "load" button sends back gives the same what-if.
  json parsed = post_json("/api/parse", res->body);
  json sent = json::parse(body);
  sent["static"] = false;
  sent["failures"][0]["to"] = 9;
  EXPECT_EQ(parsed, sent);
}

// Issue 11: a saved what-if held `degrade: 0.80000000000000004`. The file shows the numbers
// as they were typed, and they still read back to the very same doubles.
TEST_F(ServerTest, ScenarioWritesNumbersAsTyped) {
  const std::string body = R"({"steps": 15,
      "failures": [{"role": "payroll", "degrade": 0.8, "from": 0}],
      "changes": [{"role": "agents", "depends_on": "payroll", "weight": 0.1}],
      "initial": [{"role": "refunds", "q": 0.3}]})";
  auto res = post("/api/scenario", body);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_THAT(res->body, HasSubstr("degrade: 0.8,"));
  EXPECT_THAT(res->body, HasSubstr("weight: 0.1}"));
  EXPECT_THAT(res->body, HasSubstr("q: 0.3}"));
  EXPECT_THAT(res->body, Not(HasSubstr("0000000")));
  const json parsed = post_json("/api/parse", res->body);
  EXPECT_EQ(parsed["failures"][0]["degrade"].get<double>(), 0.8);
  EXPECT_EQ(parsed["changes"][0]["weight"].get<double>(), 0.1);
  EXPECT_EQ(parsed["initial"][0]["q"].get<double>(), 0.3);
}

TEST_F(ServerTest, ParseReportsFileLineAndColumn) {
  json r = post_json(
      "/api/parse",
      "name: x\nmodel: test-model.yaml\nfailures:\n  - {role: paymnts, degrade: 0.5}\n", 400);
  EXPECT_EQ(r["error"],
            "invalid scenario: uploaded scenario:4:12: unknown role 'paymnts'; did you mean "
            "'payments'?");
  json other = post_json("/api/parse", "name: x\nmodel: ../other/org.yaml\n", 400);
  EXPECT_EQ(other["error"],
            "invalid scenario: uploaded scenario:2:1: this scenario is for model "
            "'../other/org.yaml', but the server runs '/models/test-model.yaml'");
  json not_yaml = post_json("/api/parse", "name: [unclosed\n", 400);
  EXPECT_THAT(not_yaml["error"].get<std::string>(), StartsWith("cannot read the scenario: "));
}

TEST_F(ServerTest, CompareRunsBothWhatIfs) {
  json r = post_json("/api/compare",
                     R"({"baseline": {"failures": [{"role": "payments", "degrade": 0.5}]},
                         "what_if": {"failures": [{"role": "payments", "degrade": 0.5}],
                                     "changes": [{"role": "refunds", "depends_on": "payments",
                                                  "weight": 0.3}]}})");
  EXPECT_EQ(r["schema_version"], 1);
  // Each run is what /api/simulate answers for its what-if.
  EXPECT_EQ(r["baseline"],
            post_json("/api/simulate", R"({"failures": [{"role": "payments", "degrade": 0.5}]})"));
  EXPECT_EQ(r["what_if"]["scenario"]["changes"], 1);
  const double a = r["baseline"]["cx"]["min"], b = r["what_if"]["cx"]["min"];
  EXPECT_GT(b, a);  // a weaker dependency on payments costs fewer points
  EXPECT_EQ(r["difference"]["min"].get<double>(), b - a);
  EXPECT_EQ(r["difference"]["final"].get<double>(),
            r["what_if"]["cx"]["final"].get<double>() - r["baseline"]["cx"]["final"].get<double>());
  json e = post_json("/api/compare", R"({"baseline": {}, "what_if": {"steps": 0}})", 400);
  EXPECT_EQ(e["error"], "what_if: invalid what-if: steps: steps must be in [1, 10000], got 0");
  EXPECT_EQ(e["details"].dump(), R"(["what_if.steps: steps must be in [1, 10000], got 0"])");
}

// A browser accepts brotli too; httplib 0.11 would answer in brotli at quality 11, about
// 100 ms for a 300-role model's answer (docs/performance.md "Impact diagram"): gzip.
TEST_F(ServerTest, AnswersABrowserInGzipNotBrotli) {
  client_.set_decompress(false);
  const std::string body = R"({"failures": [{"role": "payroll", "degrade": 0.4}]})";
  for (const char* accepted : {"gzip, deflate, br, zstd", "br;q=1.0, gzip;q=0.8"}) {
    auto res =
        client_.Post("/api/simulate", {{"Accept-Encoding", accepted}}, body, "application/json");
    ASSERT_TRUE(res) << accepted;
    EXPECT_EQ(res->status, 200) << accepted;
    EXPECT_EQ(res->get_header_value("Content-Encoding"), "gzip") << accepted;
  }
  auto only_br =
      client_.Post("/api/simulate", {{"Accept-Encoding", "br"}}, body, "application/json");
  ASSERT_TRUE(only_br);
  EXPECT_EQ(only_br->get_header_value("Content-Encoding"), "");
  EXPECT_EQ(json::parse(only_br->body)["scenario"]["failures"][0]["role"], "payroll");
}

TEST_F(ServerTest, ServesThePageAndItsAssetsOnly) {
  auto page = client_.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_THAT(page->get_header_value("Content-Security-Policy"), HasSubstr("default-src 'self'"));
  for (const char* asset :
       {"/page.js", "/diagram.js", "/page.css", "/uplot.iife.min.js", "/uplot.min.css"}) {
    auto res = client_.Get(asset);
    ASSERT_TRUE(res) << asset;
    EXPECT_EQ(res->status, 200) << asset;
  }
  for (const char* path : {"/nope.js", "/../etc/passwd", "/%2e%2e/etc/passwd", "/etc/passwd"}) {
    auto res = client_.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 404) << path;
  }
}

// The saved file runs as it is: `orgsim run` on it gives the numbers the page showed.
TEST(ServeRoundTripTest, SavedScenarioRunsWithOrgsimRun) {
  const std::filesystem::path model =
      std::filesystem::path(ORGSIM_SOURCE_DIR) / "scenarios/contact-center/model.yaml";
  ApiOptions options;
  options.model_file = model;
  RunningServer server(model::load_model_or_scenario(model), options);
  httplib::Client client = server.client();
  const std::string what_if =
      R"({"steps": 30, "failures": [{"role": "payments", "degrade": 0.7, "from": 0, "to": 8}]})";
  auto yaml = client.Post("/api/scenario", what_if, "application/json");
  auto sim = client.Post("/api/simulate", what_if, "application/json");
  ASSERT_TRUE(yaml && sim);
  ASSERT_EQ(yaml->status, 200) << yaml->body;
  const test::TempDir dir("orgsim-serve-test");
  const auto file = test::write_file(dir.path() / "saved.yaml", yaml->body);
  const test::RunResult orgsim_run =
      test::run_child(ORGSIM_BINARY, {"run", file.string(), "--json", "-"}, dir.path());
  EXPECT_EQ(orgsim_run.code, 0) << orgsim_run.out << orgsim_run.err;
  const json run = json::parse(orgsim_run.out);
  const json served = json::parse(sim->body);
  // One run shape: the parts both hold are equal, key for key.
  EXPECT_EQ(run["schema_version"], served["schema_version"]);
  EXPECT_EQ(run["cx"], served["cx"]);
  EXPECT_EQ(run["most_degraded"], served["most_degraded"]);
  EXPECT_EQ(run["impact_paths"], served["impact_paths"]);
  EXPECT_EQ(run["model"], served["model"]);
  EXPECT_EQ(run["scenario"]["failures"], served["scenario"]["failures"]);
  EXPECT_EQ(run["scenario"]["steps"], served["scenario"]["steps"]);
}

}  // namespace
}  // namespace orgsim::serve
