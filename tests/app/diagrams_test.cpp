// app/diagrams: file names and the index page of `orgsim diagram --all`.
#include "app/diagrams.hpp"

#include <gtest/gtest.h>

#include "tests/support/builders.hpp"

namespace orgsim::app {
namespace {

TEST(DiagramIndexTest, EscapesNamesForAPageNotForAGraphvizLabel) {
  model::OrgGraph g = test::make_graph("A->B 0.5; A*1");
  g.role(model::RoleId(0)).name = "Back\\office <ops>";
  const std::string html = diagram_index_html(g, diagram_file_names(g, "svg"), 0.5);
  // One backslash, as in the name: the Graphviz label escape would double it.
  EXPECT_NE(html.find(">Back\\office &lt;ops&gt;</a>"), std::string::npos) << html;
  EXPECT_EQ(html.find("\\\\"), std::string::npos) << html;
}

TEST(DiagramIndexTest, FileNamesAreSafeUniqueAndNeverIndex) {
  model::OrgGraph g = test::make_graph("index->a/b 0.5; a_b->x 0.1; .hidden*1");
  const std::vector<std::string> files = diagram_file_names(g, "png");
  ASSERT_EQ(files.size(), 5u);
  EXPECT_EQ(files[0], "index-2.png");
  EXPECT_EQ(files[1], "a_b.png");
  EXPECT_EQ(files[2], "a_b-2.png");
  EXPECT_EQ(files[3], "x.png");
  EXPECT_EQ(files[4], "_hidden.png");
}

}  // namespace
}  // namespace orgsim::app
