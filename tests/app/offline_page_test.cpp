// app::offline_page_html and app::find_engine (`orgsim export -o workshop.html`).
#include "app/offline_page.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "common/errors.hpp"
#include "tests/support/temp_dir.hpp"

namespace orgsim::app {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

OfflinePageData sample() {
  // A name that would end the <script> element if written as is.
  return {R"({"name":"A </script><script>alert(1)</script> model","roles":[]})",
          R"({"roles":[{"id":"a","name":"</SCRIPT>"}]})", "var OrgsimEngine = function () {};"};
}

// The text of <script type="application/json" id="ID">, as the browser reads it.
std::string block(const std::string& html, const std::string& id) {
  const std::string open = "<script type=\"application/json\" id=\"" + id + "\">";
  const auto from = html.find(open);
  if (from == std::string::npos) return "";
  const auto start = from + open.size();
  return html.substr(start, html.find("</script>", start) - start);
}

TEST(OfflinePageTest, OneDocumentWithEverythingInlined) {
  const std::string html = offline_page_html(sample());
  EXPECT_THAT(html, HasSubstr("<!doctype html>"));
  // Nothing is fetched: no src or href but the skip link's #fragment.
  EXPECT_FALSE(std::regex_search(
      html, std::regex(R"(<(script|img|link)[^>]*\s(src|href)\s*=)", std::regex::icase)));
  std::smatch m;
  std::string rest = html;
  while (std::regex_search(rest, m, std::regex(R"re(\bhref\s*=\s*"([^"]*)")re"))) {
    EXPECT_EQ(m[1].str().front(), '#') << m[1].str();
    rest = m.suffix();
  }
  EXPECT_THAT(html, HasSubstr("window.orgsimOffline"));  // offline.js
  EXPECT_THAT(html, HasSubstr("var OrgsimEngine"));      // the engine
  EXPECT_THAT(html, HasSubstr("uPlot"));
}

TEST(OfflinePageTest, JsonRoundTripsAndCannotEndItsElement) {
  const OfflinePageData data = sample();
  const std::string html = offline_page_html(data);
  EXPECT_THAT(html, Not(HasSubstr("</script><script>alert")));
  EXPECT_THAT(html, Not(HasSubstr("\"</SCRIPT>\"")));
  EXPECT_EQ(json::parse(block(html, "orgsim-model")), json::parse(data.model_json));
  EXPECT_EQ(json::parse(block(html, "orgsim-layout")), json::parse(data.layout_json));
  const json modules = json::parse(block(html, "orgsim-modules"));
  EXPECT_TRUE(modules.contains("page.js"));
  EXPECT_TRUE(modules.contains("diagram.js"));
  EXPECT_FALSE(modules.contains("offline.js"));  // a classic script of its own
  // Only what page.js imports: the editor's and the role pages' modules are not carried.
  EXPECT_TRUE(modules.contains("whatifs.js"));
  EXPECT_FALSE(modules.contains("editor.js"));
  EXPECT_FALSE(modules.contains("role_page.js"));
  EXPECT_EQ(json::parse(block(html, "orgsim-entry")), "page.js");
}

TEST(OfflinePageTest, RefusesAnEngineThatWouldEndItsScript) {
  OfflinePageData data = sample();
  data.engine_js = "var s = '</Script>';";
  EXPECT_THROW(
      {
        try {
          offline_page_html(data);
        } catch (const InvalidArgument& e) {
          EXPECT_THAT(e.what(), HasSubstr("orgsim_engine.js"));
          EXPECT_THAT(e.what(), HasSubstr("</script"));
          throw;
        }
      },
      InvalidArgument);
  data.engine_js = "x <!-- y";
  EXPECT_THROW(offline_page_html(data), InvalidArgument);
}

class FindEngineTest : public test::TempDirTest {
 protected:
  FindEngineTest() : TempDirTest("find-engine") {}
};

TEST_F(FindEngineTest, OptionThenEnvironmentThenInstalledThenSourceTree) {
  const auto option = write("given.js", "x");
  const auto env = write("env.js", "x");
  const auto installed = write("share/orgsim/orgsim_engine.js", "x");
  write("bin/orgsim", "x");  // the binary's folder exists
  const auto built = write("src/build-em/orgsim_engine.js", "x");
  EXPECT_EQ(find_engine(option, env.c_str(), dir_ / "bin", dir_ / "src"), option);
  EXPECT_EQ(find_engine("", env.c_str(), dir_ / "bin", dir_ / "src"), env);
  EXPECT_EQ(find_engine("", nullptr, dir_ / "bin", dir_ / "src"), installed.lexically_normal());
  EXPECT_EQ(find_engine("", "", dir_ / "nowhere", dir_ / "src"), built.lexically_normal());
}

TEST_F(FindEngineTest, MissingEngineNamesMakeExportAssets) {
  try {
    find_engine("", nullptr, dir_ / "bin", dir_ / "src");
    FAIL() << "no engine, no error";
  } catch (const InvalidArgument& e) {
    EXPECT_THAT(e.what(), HasSubstr("make export-assets"));
    EXPECT_THAT(e.what(), HasSubstr("--engine"));
    EXPECT_THAT(e.what(), HasSubstr("build-em/orgsim_engine.js"));
  }
  try {
    find_engine(dir_ / "missing.js", nullptr, dir_ / "bin", dir_ / "src");
    FAIL() << "a missing --engine passed";
  } catch (const InvalidArgument& e) {
    EXPECT_THAT(e.what(), HasSubstr("--engine: '"));
    EXPECT_THAT(e.what(), HasSubstr("make export-assets"));
  }
  EXPECT_THROW(find_engine("", (dir_ / "missing.js").c_str(), dir_, ""), InvalidArgument);
}

}  // namespace
}  // namespace orgsim::app
