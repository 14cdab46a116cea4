// Tests of `orgsim report` (cli/cmd_report), in-process through run_cli: the whole
// pipeline from a scenario file to one self-contained HTML file.

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>

#include "tests/support/cli_run.hpp"
#include "tests/support/files.hpp"

namespace orgsim::cli {

namespace {

namespace fs = std::filesystem;

const std::string kDemo = "scenarios/contact-center/slow-payments.yaml";
const std::string kBackup = "scenarios/contact-center/slow-payments-with-backup.yaml";

using test::CliResult;
using test::read_file;
using test::run_cli;

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

class ReportCliTest : public test::CliTest {
 protected:
  ReportCliTest() : CliTest("report") {}
};

TEST_F(ReportCliTest, WritesEverySection) {
  const fs::path file = dir_ / "report.html";
  const CliResult r = run_cli({"report", kDemo, "--rank", "-o", file.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "Wrote " + file.string() + "\n");
  EXPECT_EQ(r.err, "");
  const std::string html = read_file(file);
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n")) << html.substr(0, 100);
  for (const char* part :
       {"<h1>Slow payment processing</h1>", "<div class=\"value\">79.94</div>",
        "<div class=\"sub\">-5.06 points at day 11</div>",
        "<li>Payment processing degraded 50%, days 0-9</li>",
        "<h2>How the failure reaches the customer</h2>",
        "Payment processing<span class=\"arrow\">&rarr;</span>Website and online checkout"
        "<span class=\"arrow\">&rarr;</span><span class=\"cx\">CX</span></td><td "
        "class=\"num\">2.38</td><td class=\"num\">38.9%</td>",
        "<h2>Most degraded roles</h2>", "<h2>Critical roles in this organization</h2>",
        "<td>Voice agents</td><td>Customer service floor</td><td class=\"num\">11.29</td>",
        "Made with orgsim "}) {
    EXPECT_TRUE(contains(html, part)) << part;
  }
  // The Graphviz picture, inline, without its XML prolog, DOCTYPE or comments.
  EXPECT_TRUE(contains(html, "<div class=\"diagram\">\n<svg width=\"")) << "no inline svg";
  EXPECT_FALSE(contains(html, "<?xml"));
  EXPECT_FALSE(contains(html, "<!--"));
  EXPECT_FALSE(contains(html, "svg11.dtd"));
  // Nothing is loaded from anywhere.
  EXPECT_FALSE(std::regex_search(html, std::regex("(src|href)\\s*=", std::regex::icase)));
  // Ten degraded roles and ten ranked roles by default.
  EXPECT_TRUE(contains(html, "<td>Social media agents</td>"));
}

TEST_F(ReportCliTest, RankingOnlyWhenAsked) {
  const fs::path file = dir_ / "report.html";
  ASSERT_EQ(run_cli({"report", kBackup, "-o", file.string()}).code, 0);
  const std::string html = read_file(file);
  EXPECT_FALSE(contains(html, "Critical roles"));
  EXPECT_TRUE(contains(html,
                       "<li>What-if: Website and online checkout depends on Payment "
                       "processing with weight 0.12 (was 0.35)</li>"));
}

TEST_F(ReportCliTest, EscapesHostileNamesEverywhere) {
  write("model.yaml", R"(name: "<script>alert('m')</script>"
departments:
  - {id: ops, name: "<b>Ops</b>"}
roles:
  - {id: desk, name: "<script>alert(1)</script>", department: ops, touchpoint: 0.5}
  - {id: back, name: "Back & <i>forth</i>", department: ops}
dependencies:
  - {role: desk, depends_on: back, weight: 0.5}
)");
  write("s.yaml", R"(name: "</title><script>alert(2)</script>"
description: "<img onerror=x>"
model: model.yaml
steps: 10
failures:
  - {role: back, degrade: 0.5, from: 0, to: 3}
)");
  const fs::path file = dir_ / "report.html";
  const CliResult r =
      run_cli({"report", (dir_ / "s.yaml").string(), "--rank", "-o", file.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string html = read_file(file);
  for (const char* raw : {"<script>alert", "<b>Ops", "<i>forth", "<img", "</title><script>"}) {
    EXPECT_FALSE(contains(html, raw)) << raw;
  }
  EXPECT_TRUE(contains(html, "<h1>&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;</h1>"));
  EXPECT_TRUE(contains(html, "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"));
  EXPECT_TRUE(contains(html, "Back &amp; &lt;i&gt;forth&lt;/i&gt;"));
  // Graphviz escapes the names in the picture too (its title is the scenario's name).
  EXPECT_TRUE(contains(html, "\">&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;</text>"));
}

TEST_F(ReportCliTest, SeveralScenariosMakeOneHandoutThatComparesThem) {
  const fs::path file = dir_ / "handout.html";
  const CliResult r = run_cli({"report", kDemo, kBackup, "-o", file.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string html = read_file(file);
  // The first scenario's report, then both side by side, in days (the demo's unit).
  EXPECT_TRUE(contains(html, "<h1>Slow payment processing</h1>"));
  EXPECT_TRUE(contains(html, "<h2>The what-ifs side by side</h2>"));
  EXPECT_TRUE(contains(html, "<th class=\"num\">at day</th>"));
  for (const char* row :
       {"<tr><td><span class=\"swatch s0\"></span>Slow payment processing</td><td "
        "class=\"num\">79.94</td><td class=\"num\">11</td><td class=\"num\">84.98</td><td>day "
        "24</td><td class=\"num\">6.11</td><td>Payment processing \u2192 Website and online "
        "checkout \u2192 CX</td></tr>",
        "<tr><td><span class=\"swatch s1\"></span>Slow payment processing, with a backup "
        "provider</td><td class=\"num\">81.67</td>"}) {
    EXPECT_TRUE(contains(html, row)) << row;
  }
  // Every curve is in the chart's data, each under its name.
  EXPECT_TRUE(contains(html, "\"series\":[{\"name\":\"Slow payment processing\",\"cx\":[85,"));
  EXPECT_TRUE(contains(html, "{\"name\":\"Slow payment processing, with a backup provider\""));
}

TEST_F(ReportCliTest, HandoutNamesCannotEndTheChartScript) {
  write("model.yaml", R"(name: m
departments:
  - {id: ops}
roles:
  - {id: desk, department: ops, touchpoint: 0.5}
  - {id: back, department: ops}
dependencies:
  - {role: desk, depends_on: back, weight: 0.5}
)");
  write("a.yaml", R"(name: "</script><script>alert(1)</script>"
model: model.yaml
steps: 5
failures:
  - {role: back, degrade: 0.5}
)");
  write("b.yaml", "name: \"quote \\\" and & amp\"\nmodel: model.yaml\nsteps: 5\n");
  const fs::path file = dir_ / "handout.html";
  const CliResult r = run_cli(
      {"report", (dir_ / "a.yaml").string(), (dir_ / "b.yaml").string(), "-o", file.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string html = read_file(file);
  EXPECT_FALSE(contains(html, "</script><script>alert(1)"));
  EXPECT_TRUE(contains(html, "{\"name\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"));
  EXPECT_TRUE(contains(html, "{\"name\":\"quote \\u0022 and \\u0026 amp\""));
}

TEST_F(ReportCliTest, AnInputThatIsTheOutputIsRefusedBeforeAnythingRuns) {
  const CliResult r = run_cli({"report", kDemo, kBackup, "-o", kBackup});
  EXPECT_EQ(r.code, 2) << r.err;
}

TEST_F(ReportCliTest, ModelWithoutFailuresHasNoPicture) {
  const fs::path file = dir_ / "report.html";
  ASSERT_EQ(run_cli({"report", "scenarios/contact-center/model.yaml", "-o", file.string()}).code,
            0);
  const std::string html = read_file(file);
  EXPECT_TRUE(contains(html, "<li>No failures: the organization as it runs normally.</li>"));
  EXPECT_TRUE(contains(html, "<div class=\"value\">no drop</div>"));
  EXPECT_FALSE(contains(html, "<svg"));
}

TEST_F(ReportCliTest, OutputIsRequired) {
  const CliResult r = run_cli({"report", kDemo});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "orgsim: error: --output is required\nRun 'orgsim --help' for usage.\n");
}

TEST_F(ReportCliTest, MissingFolderIsAnOutputError) {
  const CliResult r = run_cli({"report", kDemo, "-o", (dir_ / "no" / "such" / "r.html").string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("r.html"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "no"));
}

}  // namespace
}  // namespace orgsim::cli
