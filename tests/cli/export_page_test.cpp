// `orgsim export SCENARIO -o workshop.html`: one offline HTML file with the model, the
// starting what-if, the layout and the engine inside (app/offline_page.hpp). The engine
// here is a stand-in file: tests/browser/offline.test.mjs runs the real one.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "tests/support/cli_run.hpp"
#include "tests/support/files.hpp"

namespace orgsim::test {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class ExportPageTest : public CliTest {
 protected:
  ExportPageTest() : CliTest("export-page") {}
};

std::string block(const std::string& html, const std::string& id) {
  const std::string open = "<script type=\"application/json\" id=\"" + id + "\">";
  const auto from = html.find(open);
  if (from == std::string::npos) return "";
  const auto start = from + open.size();
  return html.substr(start, html.find("</script>", start) - start);
}

TEST_F(ExportPageTest, WritesOneSelfContainedPage) {
  const auto engine = write("engine.js", "var OrgsimEngine = function () {}; // stand-in\n");
  const auto out = dir_ / "workshop.html";
  const CliResult r = run_cli({"export", "scenarios/contact-center/slow-payments.yaml", "-o",
                               out.string(), "--engine", engine.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("workshop.html"));
  EXPECT_THAT(r.out, HasSubstr("32 roles"));
  const std::string html = read_file(out);
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0u);
  EXPECT_EQ(html.find("</html>"), html.rfind("</html>"));
  // Nothing from any host: no http(s) in a src or href, no src at all.
  EXPECT_FALSE(std::regex_search(
      html, std::regex(R"(\b(src|href)\s*=\s*["']?\s*https?:)", std::regex::icase)));
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(<script[^>]*\bsrc=)", std::regex::icase)));
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(<link[^>]*\bhref=)", std::regex::icase)));
  EXPECT_THAT(html, HasSubstr("var OrgsimEngine = function () {}; // stand-in"));

  // GET /api/model's answer: the model, its file name, the scenario's what-if.
  const json model = json::parse(block(html, "orgsim-model"));
  EXPECT_EQ(model["name"], "Contact center");
  EXPECT_EQ(model["file"], "model.yaml");
  EXPECT_EQ(model["roles"].size(), 32u);
  EXPECT_EQ(model["scenario"]["name"], "Slow payment processing");
  EXPECT_EQ(model["scenario"]["failures"][0]["role"], "payments");
  // GET /api/layout's answer.
  const json layout = json::parse(block(html, "orgsim-layout"));
  EXPECT_EQ(layout["roles"].size(), 32u);
  EXPECT_GT(layout["edges"].size(), 0u);
}

TEST_F(ExportPageTest, RefusesAMissingEngineWithTheMessage) {
  const auto out = dir_ / "workshop.html";
  const CliResult r = run_cli({"export", "scenarios/contact-center/slow-payments.yaml", "-o",
                               out.string(), "--engine", (dir_ / "none.js").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("--engine:"));
  EXPECT_THAT(r.err, HasSubstr("make export-assets"));
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(ExportPageTest, RefusesAnEngineThatWouldEndItsScript) {
  const auto engine = write("engine.js", "var x = '</script>';");
  const auto out = dir_ / "workshop.html";
  const CliResult r = run_cli({"export", "scenarios/contact-center/slow-payments.yaml", "-o",
                               out.string(), "--engine", engine.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("</script"));
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace orgsim::test
