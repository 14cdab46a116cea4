#include "viz/booklet.hpp"

#include <gtest/gtest.h>

#include "tests/viz/viz_support.hpp"

namespace orgsim::viz {
namespace {

std::string label_of(const DotGraph& g) {
  const Attribute* a = find_attribute(g.nodes.at(0).attributes, "label");
  return a ? a->value : "";
}

TEST(BookletTest, ContentsGroupsByDepartmentWithPageNumbers) {
  DotGraph g = booklet_contents({{"", "The departments", 3},
                                 {"Finance", "Payroll", 4},
                                 {"Finance", "Billing", 5},
                                 {"Floor", "Voice <agents>", 6}});
  const std::string html = label_of(g);
  EXPECT_EQ(test::count(html, "Finance"), 1u) << "one heading per group";
  EXPECT_NE(html.find("Voice &lt;agents&gt;"), std::string::npos) << "names escaped";
  EXPECT_NE(html.find(">6</FONT>"), std::string::npos);
  EXPECT_LT(html.find("Payroll"), html.find("Billing"));
}

TEST(BookletTest, CoverEscapesItsLines) {
  const std::string html = label_of(booklet_cover("A & B", {"<script>"}));
  EXPECT_NE(html.find("A &amp; B"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
}

TEST(BookletTest, PrintsAsOnePdfWithOneLandscapePagePerGraph) {
  if (!can_render_pdf_pages()) GTEST_SKIP() << "built without cairo";
  std::vector<DotGraph> pages = {booklet_cover("Title", {"line"}), booklet_contents({{"", "x", 3}}),
                                 booklet_cover("Last", {})};
  const std::string a4 = test::renderer().render_pdf_pages(pages, Paper::kA4);
  ASSERT_EQ(a4.substr(0, 5), "%PDF-");
  // cairo writes one "/Type /Page" object per page (and "/Type /Pages" for the tree).
  EXPECT_EQ(test::count(a4, "/Type /Page\n") + test::count(a4, "/Type /Page "), 3u);
  EXPECT_NE(a4.find("/MediaBox [ 0 0 842 595 ]"), std::string::npos);
  const std::string letter = test::renderer().render_pdf_pages(pages, Paper::kLetter);
  EXPECT_NE(letter.find("/MediaBox [ 0 0 792 612 ]"), std::string::npos);
}

}  // namespace
}  // namespace orgsim::viz
