#include "viz/department_map.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "common/errors.hpp"
#include "model/loader.hpp"
#include "tests/support/files.hpp"
#include "tests/viz/viz_support.hpp"
#include "viz/dot_writer.hpp"

namespace orgsim::viz {
namespace {

std::string attr(const Attributes& a, const std::string& name) {
  const Attribute* found = find_attribute(a, name);
  return found ? found->value : "(none)";
}

TEST(DepartmentMapTest, OneNodePerDepartmentAndSummedEdges) {
  // small_org: finance -> digital (checkout on payments 0.35), finance -> frontline
  // (voice on refunds 0.04 and on payroll 0.08: 0.12, under the 0.3 threshold).
  DotGraph g = build_department_map(test::small_org());
  ASSERT_EQ(g.nodes.size(), 4u);  // three departments and CX
  EXPECT_EQ(g.nodes.back().id, "cx");
  EXPECT_NE(attr(g.nodes[0].attributes, "label").find("4 roles"), std::string::npos);
  EXPECT_NE(attr(g.nodes[0].attributes, "label").find("customers meet 2: 14% of CX"),
            std::string::npos);
  std::vector<std::string> edges;
  for (const auto& e : g.edges)
    edges.push_back(e.from + "->" + e.to + " " + attr(e.attributes, "label"));
  EXPECT_EQ(edges,
            (std::vector<std::string>{"d0->d1 0.35", "d0->cx 14%", "d1->cx 16%", "d2->cx 24%"}));
}

TEST(DepartmentMapTest, ThresholdDecidesWhichLinksAreDrawn) {
  DepartmentMapOptions options;
  options.min_total_weight = 0.1;
  DotGraph g = build_department_map(test::small_org(), options);
  bool finance_to_floor = false;
  for (const auto& e : g.edges) finance_to_floor |= e.from == "d0" && e.to == "d2";
  EXPECT_TRUE(finance_to_floor);
  options.min_total_weight = -1;
  EXPECT_THROW(build_department_map(test::small_org(), options), InvalidArgument);
}

TEST(DepartmentMapTest, NeutralFillsOnly) {
  // One colour rule across the pictures: red only for failure, never a department.
  const std::string dot = to_dot(build_department_map(test::small_org()));
  for (const char* red : {"#c8102e", "#fbb4ae", "red"}) {
    EXPECT_EQ(dot.find(red), std::string::npos) << red;
  }
}

TEST(DepartmentMapTest, EscapesNamesFromTheModel) {
  const std::string dot = to_dot(build_department_map(test::small_org("<b>Web & \"co\"</b>")));
  EXPECT_NE(dot.find("&lt;b&gt;Web &amp; &quot;co&quot;&lt;/b&gt;"), std::string::npos) << dot;
  // Raw only as a quoted plain value (the tooltip), which write_dot escapes for DOT
  // and Graphviz for SVG: never inside an HTML-like label.
  EXPECT_EQ(test::count(dot, "<b>Web"), 1u);
  EXPECT_NE(dot.find("tooltip=\"<b>Web & \\\"co\\\"</b>\""), std::string::npos) << dot;
}

TEST(DepartmentMapTest, MatchesGoldenDotForTheDemo) {
  const std::string path =
      std::string(ORGSIM_SOURCE_DIR) + "/tests/viz/expected/department-map.dot";
  const std::string dot = to_dot(build_department_map(
      model::load_model(std::string(ORGSIM_SOURCE_DIR) + "/scenarios/contact-center/model.yaml")));
  const char* update = std::getenv("ORGSIM_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    orgsim::test::write_file(path, dot);
    GTEST_SKIP() << "rewrote " << path;
  }
  EXPECT_EQ(dot, orgsim::test::read_file(path))
      << "run with ORGSIM_UPDATE_GOLDEN=1 to accept the change";
}

}  // namespace
}  // namespace orgsim::viz
