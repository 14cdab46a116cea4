// `orgsim diagram MODEL --all --interactive -o DIR`: the trainer's set as web pages
// (app/role_pages.hpp), end to end with a stand-in engine; the pages in a browser are
// tests/browser/role_pages.test.mjs.
#include <gtest/gtest.h>

#include "tests/support/cli_run.hpp"

namespace orgsim {
namespace {

namespace fs = std::filesystem;
using test::run_cli;

class DiagramInteractiveTest : public test::CliTest {
 protected:
  DiagramInteractiveTest() : CliTest("diagram_interactive") {}

  // Any script will do: the command copies it into assets/ and never runs it.
  fs::path engine() const { return write("engine.js", "var OrgsimEngine = function () {};\n"); }
};

const std::string kModel = "scenarios/contact-center/model.yaml";

TEST_F(DiagramInteractiveTest, WritesTheIndexAPagePerRoleAndTheAssetsOnce) {
  const fs::path out = dir_ / "web" / "";
  auto r = run_cli({"diagram", kModel, "--all", "--interactive", "-o", out.string(), "--engine",
                    engine().string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("index.html and 32 role pages ("), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("open index.html in any browser, no server needed"), std::string::npos);
  std::size_t pages = 0;
  for (const auto& e : fs::directory_iterator(out)) pages += e.path().extension() == ".html";
  EXPECT_EQ(pages, 33u);
  EXPECT_EQ(test::read_file(out / "assets/orgsim_engine.js"), test::read_file(engine()));
  const std::string payroll = test::read_file(out / "payroll.html");
  EXPECT_NE(payroll.find(">Payroll</h1>"), std::string::npos);
  EXPECT_NE(payroll.find("href=\"wfm.html\""), std::string::npos);
  // The data script holds serve's model document (with the time unit) and the layout.
  const std::string data = test::read_file(out / "assets/orgsim_data.js");
  EXPECT_NE(data.find("\"time_unit\":\"day\""), std::string::npos);
  EXPECT_NE(data.find("\"cx_edges\""), std::string::npos);
  // Again into the same folder: orgsim's own, so it is rewritten.
  r = run_cli({"diagram", kModel, "--all", "--interactive", "-o", out.string(), "--engine",
               engine().string()});
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST_F(DiagramInteractiveTest, UsageErrors) {
  auto r = run_cli({"diagram", kModel, "--interactive", "-o", (dir_ / "x").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--interactive requires --all"), std::string::npos) << r.err;
  r = run_cli({"diagram", kModel, "--all", "--interactive", "-o", (dir_ / "x").string(), "--engine",
               (dir_ / "none.js").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--engine: '"), std::string::npos) << r.err;
  // A folder orgsim did not write (here: the one holding the engine file).
  r = run_cli({"diagram", kModel, "--all", "--interactive", "-o", dir_.string(), "--engine",
               engine().string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("which orgsim did not write; choose a new or empty folder"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "index.html"));
}

}  // namespace
}  // namespace orgsim
