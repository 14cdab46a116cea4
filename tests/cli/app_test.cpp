// The CLI end to end, in-process: argument vectors in, exit code and text out.
#include "cli/app.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "common/digest.hpp"
#include "tests/support/cli_run.hpp"
#include "tests/support/files.hpp"

namespace orgsim::cli {

namespace {

namespace fs = std::filesystem;

const std::string kDemo = "scenarios/contact-center/slow-payments.yaml";
const std::string kModel = "scenarios/contact-center/model.yaml";

using test::read_file;
using test::run_cli;

class AppTest : public test::CliTest {
 protected:
  AppTest() : CliTest("app") {}
};

TEST_F(AppTest, VersionAndHelp) {
  auto v = run_cli({"--version"});
  EXPECT_EQ(v.code, 0);
  EXPECT_EQ(v.out, "orgsim 0.1.0\n");
  auto h = run_cli({"--help"});
  EXPECT_EQ(h.code, 0);
  EXPECT_NE(h.out.find("validate"), std::string::npos);
  EXPECT_NE(h.out.find("run"), std::string::npos);
  auto rh = run_cli({"run", "--help"});
  EXPECT_EQ(rh.code, 0);
  EXPECT_NE(rh.out.find("--static"), std::string::npos);
  EXPECT_NE(rh.out.find("--json"), std::string::npos);
}

TEST_F(AppTest, UsageErrorsExitTwoAndNameTheOption) {
  auto none = run_cli({});
  EXPECT_EQ(none.code, 2);
  EXPECT_EQ(none.err, "orgsim: error: A subcommand is required\nRun 'orgsim --help' for usage.\n");
  auto steps = run_cli({"run", kDemo, "--steps", "0"});
  EXPECT_EQ(steps.code, 2);
  EXPECT_NE(steps.err.find("--steps"), std::string::npos) << steps.err;
  auto unknown = run_cli({"run", kDemo, "--stpes", "3"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("--stpes"), std::string::npos) << unknown.err;
}

TEST_F(AppTest, ValidateTheDemoModelAndScenario) {
  auto m = run_cli({"validate", kModel});
  EXPECT_EQ(m.code, 0) << m.err;
  EXPECT_EQ(m.out.rfind(kModel + ": ok: model with ", 0), 0u) << m.out;
  auto s = run_cli({"validate", kDemo});
  EXPECT_EQ(s.code, 0) << s.err;
  EXPECT_EQ(s.out.rfind(kDemo + ": ok: scenario with ", 0), 0u) << s.out;
}

TEST_F(AppTest, RunPrintsTheSummary) {
  auto r = run_cli({"run", kDemo});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("CX score"), std::string::npos);
  EXPECT_NE(r.out.find("minimum"), std::string::npos);
  EXPECT_NE(r.out.find("Most degraded roles"), std::string::npos);
}

TEST_F(AppTest, JsonHoldsTheTrajectoryAndEveryRole) {
  auto path = (dir_ / "out.json").string();
  auto r = run_cli({"run", kDemo, "--json", path, "--steps", "12"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(read_file(path));
  EXPECT_EQ(j["scenario"]["steps"], 12);
  EXPECT_EQ(j["scenario"]["mode"], "dynamic");
  ASSERT_EQ(j["cx"]["trajectory"].size(), 13u);  // q(0)..q(12)
  // CX(0) is the baseline: q(0) = 0 unless the scenario sets `initial`.
  EXPECT_DOUBLE_EQ(j["cx"]["trajectory"][0].get<double>(), j["cx"]["baseline"].get<double>());
  double min = 1e9;
  for (const auto& v : j["cx"]["trajectory"]) min = std::min(min, v.get<double>());
  EXPECT_DOUBLE_EQ(j["cx"]["min"].get<double>(), min);
  ASSERT_GT(j["roles"].size(), 0u);
  for (const auto& role : j["roles"]) {
    ASSERT_EQ(role["trajectory"].size(), 13u);
    for (const auto& q : role["trajectory"]) {
      EXPECT_GE(q.get<double>(), 0.0);
      EXPECT_LE(q.get<double>(), 1.0);
    }
  }
}

TEST_F(AppTest, JsonToStdoutParses) {
  auto r = run_cli({"run", kDemo, "--json", "-"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["orgsim_version"], "0.1.0");
}

TEST_F(AppTest, JsonCarriesTheRunRecord) {
  auto r = run_cli({"run", kDemo, "--json", "-"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto record = nlohmann::json::parse(r.out)["run_record"];
  EXPECT_EQ(record["orgsim_version"], "0.1.0");
  EXPECT_EQ(record["scenario_file"], kDemo);
  EXPECT_EQ(record["model_file"], kModel);
  // The hashes are of the bytes on disk (sha256sum gives the same).
  EXPECT_EQ(record["scenario_sha256"], sha256_hex(read_file(kDemo)));
  EXPECT_EQ(record["model_sha256"], sha256_hex(read_file(kModel)));
  EXPECT_TRUE(record["seed"].is_null());
  auto rank = run_cli({"rank", kModel, "--json", "-"});
  ASSERT_EQ(rank.code, 0) << rank.err;
  EXPECT_EQ(nlohmann::json::parse(rank.out)["run_record"]["model_sha256"],
            sha256_hex(read_file(kModel)));
}

TEST_F(AppTest, StaticModeReportsTheFixedPoint) {
  auto r = run_cli({"run", kDemo, "--static", "--json", "-"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["scenario"]["mode"], "static");
  EXPECT_EQ(j["cx"]["trajectory"].size(), 1u);
  EXPECT_LE(j["solver"]["residual"].get<double>(), 1e-12);
  auto text = run_cli({"run", kDemo, "--static"});
  EXPECT_NE(text.out.find("static fixed point"), std::string::npos);
}

TEST_F(AppTest, MissingFileExitsTwoNamingIt) {
  auto r = run_cli({"run", "no/such/scenario.yaml"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.rfind("no/such/scenario.yaml: error: ", 0), 0u) << r.err;
}

TEST_F(AppTest, BadScenarioReportsFileLineAndColumn) {
  fs::copy_file(kModel, dir_ / "model.yaml");
  const std::string scenario = write("bad.yaml",
                                     "name: Bad\n"
                                     "model: model.yaml\n"
                                     "failures:\n"
                                     "  - {role: no-such-role, degrade: 0.5}\n");
  auto r = run_cli({"run", scenario});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.rfind(scenario + ":4:12: error: unknown role 'no-such-role'", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("1 error"), std::string::npos) << r.err;
}

TEST_F(AppTest, StrictTurnsWarningsIntoErrors) {
  fs::copy_file(kModel, dir_ / "model.yaml");
  // A failure that starts after the last step is only a warning...
  const std::string scenario = write("late.yaml",
                                     "name: Late\n"
                                     "model: model.yaml\n"
                                     "steps: 5\n"
                                     "failures:\n"
                                     "  - {role: payments, degrade: 0.5, from: 9}\n");
  auto lenient = run_cli({"validate", scenario});
  EXPECT_EQ(lenient.code, 0) << lenient.err;
  EXPECT_NE(lenient.err.find("warning: failure of 'payments' starts at step 9"), std::string::npos)
      << lenient.err;
  // ...unless --strict.
  auto strict = run_cli({"validate", scenario, "--strict"});
  EXPECT_EQ(strict.code, 2);
}

TEST_F(AppTest, JsonIntoMissingFolderFailsWithoutPartialFile) {
  auto r = run_cli({"run", kDemo, "--json", (dir_ / "missing" / "out.json").string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("cannot write output"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "missing"));
}

TEST_F(AppTest, RunListsPathsAndLoopsAndPutsThemInJson) {
  auto text = run_cli({"run", kDemo});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("Impact paths"), std::string::npos);
  EXPECT_NE(text.out.find("Payment processing -> Website and online checkout -> CX"),
            std::string::npos);
  EXPECT_NE(text.out.find("Feedback loops through the failed roles"), std::string::npos);
  auto r = run_cli({"run", kDemo, "--json", "-", "--paths", "3"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["impact_paths"]["paths"].size(), 3u);
  EXPECT_EQ(j["impact_paths"]["paths"][0]["roles"][0], "payments");
  double shares = j["impact_paths"]["remaining_share"].get<double>();
  for (const auto& p : j["impact_paths"]["paths"]) shares += p["share"].get<double>();
  EXPECT_NEAR(shares, 1.0, 1e-12);
  EXPECT_GT(j["feedback_loops"].size(), 0u);
}

TEST_F(AppTest, RenderWritesEveryRequestedPicture) {
  auto svg = (dir_ / "impact.svg").string(), png = (dir_ / "impact.png").string();
  auto r = run_cli({"run", kDemo, "--render", svg, "--render", png});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Wrote " + svg), std::string::npos);
  EXPECT_TRUE(read_file(png).starts_with("\x89PNG\r\n\x1a\n"));
  const std::string text = read_file(svg);
  EXPECT_NE(text.find("<svg"), std::string::npos);
  EXPECT_NE(text.find("Payment processing"), std::string::npos);
}

TEST_F(AppTest, RenderRefusesAnUnknownFormatBeforeRunning) {
  auto r = run_cli({"run", kDemo, "--render", (dir_ / "impact.gif").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("cannot tell the picture format"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(AppTest, DiagramForARoleADepartmentAndTheOrg) {
  auto role = (dir_ / "payroll.svg").string();
  auto r = run_cli({"diagram", kModel, "--focus", "payroll", "-o", role});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string text = read_file(role);
  EXPECT_NE(text.find("How Payroll reaches the customer"), std::string::npos);
  auto dept = run_cli(
      {"diagram", kModel, "--focus-department", "finance", "-o", (dir_ / "finance.pdf").string()});
  ASSERT_EQ(dept.code, 0) << dept.err;
  EXPECT_TRUE(read_file(dir_ / "finance.pdf").starts_with("%PDF"));
  auto org = run_cli({"diagram", kModel, "-o", (dir_ / "org.dot").string()});
  ASSERT_EQ(org.code, 0) << org.err;
  EXPECT_TRUE(read_file(dir_ / "org.dot").starts_with("digraph"));
}

TEST_F(AppTest, DiagramUnknownFocusSuggestsTheNearestId) {
  auto r = run_cli({"diagram", kModel, "--focus", "payrol", "-o", (dir_ / "x.svg").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "orgsim: error: --focus: unknown role 'payrol'; did you mean 'payroll'?\n");
  auto d = run_cli(
      {"diagram", kModel, "--focus-department", "finanse", "-o", (dir_ / "x.svg").string()});
  EXPECT_EQ(d.code, 2);
  EXPECT_EQ(d.err,
            "orgsim: error: --focus-department: unknown department 'finanse'; did you mean "
            "'finance'?\n");
  EXPECT_FALSE(fs::exists(dir_ / "x.svg"));
}

TEST_F(AppTest, DiagramAllWritesOnePerRoleAndAnIndex) {
  auto r = run_cli({"diagram", kModel, "--all", "-o", dir_.string(), "--paths", "3"});
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_TRUE(fs::exists(dir_ / "index.html"));
  const std::string html = read_file(dir_ / "index.html");
  EXPECT_NE(html.find("<a href=\"payroll.svg\"><img src=\"payroll.svg\""), std::string::npos);
  std::size_t svgs = 0;
  for (const auto& e : fs::directory_iterator(dir_)) svgs += e.path().extension() == ".svg";
  EXPECT_EQ(svgs, 33u);  // the demo model's 32 roles and departments.svg
  auto not_a_folder = run_cli({"diagram", kModel, "--all", "-o", (dir_ / "index.html").string()});
  EXPECT_EQ(not_a_folder.code, 2);
  EXPECT_EQ(not_a_folder.err, "orgsim: error: -o: '" + (dir_ / "index.html").string() +
                                  "' is a file; --all writes one file per role into a folder\n");
}

// The README's `orgsim diagram MODEL --all -o onboarding/` on a fresh checkout: the
// folder does not exist yet, and is made.
TEST_F(AppTest, DiagramAllMakesTheFolder) {
  const fs::path folder = dir_ / "new" / "onboarding";
  auto r = run_cli({"diagram", kModel, "--all", "-o", folder.string() + "/", "--paths", "1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(fs::exists(folder / "index.html"));
  EXPECT_TRUE(fs::exists(folder / "payroll.svg"));
}

}  // namespace
}  // namespace orgsim::cli
