// `orgsim diagram --all -o DIR --booklet FILE.pdf`: the trainer's set, end to end
// (issue 12, "done means"), and the department map as the default whole-org picture.
#include <gtest/gtest.h>

#include <regex>

#include "tests/support/child_process.hpp"
#include "tests/support/cli_run.hpp"
#include "tests/viz/viz_support.hpp"

namespace orgsim {
namespace {

namespace fs = std::filesystem;
using test::run_cli;

class DiagramAllTest : public test::CliTest {
 protected:
  DiagramAllTest() : CliTest("diagram_all") {}
};

const std::string kModel = "scenarios/contact-center/model.yaml";

TEST_F(DiagramAllTest, MakesTheFolderAnIndexWithThumbnailsAndAPrintableBooklet) {
  if (!viz::can_render_pdf_pages()) GTEST_SKIP() << "built without cairo (libcairo2-dev)";
  const fs::path folder = dir_ / "new-folder" / "";  // a trailing slash, as in the README
  const fs::path booklet = dir_ / "b.pdf";
  auto r =
      run_cli({"diagram", kModel, "--all", "-o", folder.string(), "--booklet", booklet.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(fs::is_directory(folder));
  EXPECT_TRUE(fs::exists(folder / "departments.svg"));
  const std::string index = test::read_file(folder / "index.html");
  // 32 roles, one thumbnail each, under ten department headings, and a search box.
  EXPECT_EQ(viz::test::count(index, "class=\"thumb\""), 32u);
  EXPECT_EQ(viz::test::count(index, "<section class=\"dept\""), 10u);
  EXPECT_NE(index.find("<input id=\"search\" type=\"search\""), std::string::npos);
  EXPECT_NE(r.out.find("(36 pages, A4 landscape)"), std::string::npos) << r.out;

  // pdfinfo (poppler-utils, installed by scripts/setup.sh) reads it as a PDF reader would.
  if (!fs::exists("/usr/bin/pdfinfo")) GTEST_SKIP() << "pdfinfo not installed";
  auto info = test::run_child("/usr/bin/pdfinfo", {"-f", "1", "-l", "999", booklet.string()}, dir_);
  ASSERT_EQ(info.code, 0) << info.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(info.out, m, std::regex(R"(Pages:\s+(\d+))")));
  const int pages = std::stoi(m[1]);
  EXPECT_GE(pages, 34);
  // Every page A4 (842 x 595 pt) or US letter (792 x 612 pt), landscape.
  const std::regex size(R"(Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts)");
  int sized = 0;
  for (auto it = std::sregex_iterator(info.out.begin(), info.out.end(), size);
       it != std::sregex_iterator(); ++it, ++sized) {
    const std::string wh = (*it)[1].str() + "x" + (*it)[2].str();
    EXPECT_TRUE(wh == "842x595" || wh == "792x612") << wh;
  }
  EXPECT_EQ(sized, pages);
}

TEST_F(DiagramAllTest, WholeOrgIsTheDepartmentMapUnlessRolesIsAsked) {
  const fs::path map = dir_ / "org.dot", roles = dir_ / "roles.dot";
  ASSERT_EQ(run_cli({"diagram", kModel, "-o", map.string()}).code, 0);
  ASSERT_EQ(run_cli({"diagram", kModel, "--roles", "-o", roles.string()}).code, 0);
  const std::string m = test::read_file(map), r = test::read_file(roles);
  EXPECT_NE(m.find("digraph \"departments\""), std::string::npos);
  EXPECT_NE(r.find("digraph \"organization\""), std::string::npos);
}

TEST_F(DiagramAllTest, BookletMustBeAPdfAndNeedsAll) {
  auto r = run_cli({"diagram", kModel, "--all", "-o", (dir_ / "x").string(), "--booklet",
                    (dir_ / "b.png").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("must be a .pdf file"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "x")) << "checked before any work";
  r = run_cli(
      {"diagram", kModel, "-o", (dir_ / "o.svg").string(), "--booklet", (dir_ / "b.pdf").string()});
  EXPECT_EQ(r.code, 2) << r.err;
}

}  // namespace
}  // namespace orgsim
