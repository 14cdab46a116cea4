#include "viz/org_diagram.hpp"

#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "tests/viz/viz_support.hpp"

namespace orgsim::viz {
namespace {

std::string attr(const Attributes& a, const std::string& name) {
  const Attribute* found = find_attribute(a, name);
  return found ? found->value : "(none)";
}

TEST(OrgDiagramTest, DrawsEveryRoleByDepartmentAndCx) {
  DotGraph g = build_org_diagram(test::small_org());
  EXPECT_EQ(g.layout, Layout::kGrid);
  EXPECT_EQ(g.clusters.size(), 3u);
  EXPECT_EQ(g.nodes.size(), 8u);  // seven roles and CX
  EXPECT_EQ(g.nodes.back().id, "cx");
  EXPECT_EQ(attr(g.nodes[5].attributes, "shape"), "cds");  // checkout, a touchpoint
  // Seven dependencies and four touchpoints into CX.
  EXPECT_EQ(g.edges.size(), 11u);
  EXPECT_NE(attr(g.graph_attributes, "label").find("Small shop"), std::string::npos);
  EXPECT_NE(attr(g.graph_attributes, "label")
                .find("7 roles in 3 departments; 4 touchpoints carry 54% of the CX score"),
            std::string::npos);
}

TEST(OrgDiagramTest, EdgesAreAsThickAsTheirWeight) {
  DotGraph g = build_org_diagram(test::small_org());
  for (const auto& e : g.edges) {
    if (e.from == "r0" && e.to == "r2") {  // refunds depends on payments, 0.5
      EXPECT_EQ(attr(e.attributes, "penwidth"), "4.5");
      EXPECT_EQ(attr(e.attributes, "xlabel"), "0.50");  // beside the line, not on it
    }
    if (e.from == "r6" && e.to == "r3") ADD_FAILURE() << "direction: supplier -> dependent";
  }
}

TEST(OrgDiagramTest, RefusesUnreadableSizes) {
  OrgDiagramOptions options;
  options.max_roles = 5;
  try {
    build_org_diagram(test::small_org(), options);
    FAIL() << "no throw";
  } catch (const InvalidArgument& e) {
    EXPECT_STREQ(e.what(),
                 "org diagram: the model has 7 roles, more than max_roles (5) can show readably: "
                 "focus on a role or a department instead");
  }
}

}  // namespace
}  // namespace orgsim::viz
