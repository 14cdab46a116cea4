#include "viz/org_layout.hpp"

#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "tests/viz/viz_support.hpp"

namespace orgsim::viz {
namespace {

using test::renderer;
using test::small_org;

bool inside(const LayoutBox& outer, const LayoutRole& r) {
  return r.centre.x - r.width / 2 >= outer.x - 0.5 &&
         r.centre.x + r.width / 2 <= outer.x + outer.width + 0.5 &&
         r.centre.y - r.height / 2 >= outer.y - 0.5 &&
         r.centre.y + r.height / 2 <= outer.y + outer.height + 0.5;
}

TEST(OrgLayoutTest, PlacesEveryRoleInsideItsDepartmentAndTheBox) {
  const model::OrgGraph g = small_org();
  const OrgLayout l = lay_out_org(g, renderer());
  ASSERT_EQ(l.roles.size(), g.role_count());
  ASSERT_EQ(l.departments.size(), 3u);
  EXPECT_GT(l.width, 0);
  EXPECT_GT(l.height, 0);
  for (const auto& r : l.roles) {
    EXPECT_GT(r.width, 0);
    EXPECT_GT(r.height, 0);
    EXPECT_TRUE(inside({0, 0, l.width, l.height}, r)) << g.role(r.role).id;
    const auto dep = g.role(r.role).department;
    bool found = false;
    for (const auto& d : l.departments) {
      if (d.department == dep) {
        found = true;
        EXPECT_TRUE(inside(d.box, r)) << g.role(r.role).id;
      }
    }
    EXPECT_TRUE(found);
  }
  // CX stands right of every role: failures travel left to right towards the customer.
  for (const auto& r : l.roles) EXPECT_LT(r.centre.x, l.cx.x) << g.role(r.role).id;
}

TEST(OrgLayoutTest, DrawsEveryDependencyAndTouchpointEdge) {
  const model::OrgGraph g = small_org();
  const OrgLayout l = lay_out_org(g, renderer());
  EXPECT_EQ(l.edges.size(), 7u);     // the seven dependencies of small_org
  EXPECT_EQ(l.cx_edges.size(), 4u);  // billing, refunds, checkout, voice
  for (const auto& e : l.edges) {
    ASSERT_GE(e.points.size(), 4u);
    EXPECT_EQ((e.points.size() - 1) % 3, 0u);  // a cubic Bézier spline
    EXPECT_GT(e.weight, 0);
  }
  // refunds depends on payments with 0.5: the edge runs payments -> refunds.
  bool seen = false;
  for (const auto& e : l.edges) {
    if (g.role(model::RoleId(e.from)).id == "payments" &&
        g.role(model::RoleId(e.to)).id == "refunds") {
      seen = true;
      EXPECT_DOUBLE_EQ(e.weight, 0.5);
    }
  }
  EXPECT_TRUE(seen);
  for (const auto& e : l.cx_edges) EXPECT_GT(g.role(model::RoleId(e.from)).touchpoint, 0);
}

TEST(OrgLayoutTest, IsTheSameEveryTime) {
  const model::OrgGraph g = small_org();
  const OrgLayout a = lay_out_org(g, renderer());
  const OrgLayout b = lay_out_org(g, renderer());
  ASSERT_EQ(a.roles.size(), b.roles.size());
  for (std::size_t i = 0; i < a.roles.size(); ++i) {
    EXPECT_EQ(a.roles[i].centre.x, b.roles[i].centre.x);
    EXPECT_EQ(a.roles[i].centre.y, b.roles[i].centre.y);
  }
  EXPECT_EQ(a.width, b.width);
}

TEST(OrgLayoutTest, WrapsLongNamesAndKeepsThemAsPlainText) {
  model::OrgGraph g = small_org();
  g.role(model::RoleId(0)).name = "Payment <processing> & refunds for every online customer";
  const OrgLayout l = lay_out_org(g, renderer());
  ASSERT_GE(l.roles[0].lines.size(), 2u);
  EXPECT_EQ(l.roles[0].lines[0].find("&amp;"), std::string::npos);
  std::string joined;
  for (const auto& line : l.roles[0].lines) joined += line + " ";
  EXPECT_NE(joined.find("<processing>"), std::string::npos);
}

TEST(OrgLayoutTest, DrawsStraightEdgesAboveTheRoutingLimit) {
  // A chain of kRoutedEdgeRoleLimit + 1 roles: routing would cost minutes at a few
  // hundred, so each edge is one straight segment (4 Bézier points on a line).
  model::OrgGraph g;
  const auto d = g.add_department({"d", "D", {}});
  std::vector<model::RoleId> ids;
  for (std::size_t i = 0; i <= kRoutedEdgeRoleLimit; ++i) {
    ids.push_back(test::add_role(g, "r" + std::to_string(i), "Role " + std::to_string(i), d,
                                 i == kRoutedEdgeRoleLimit ? 1.0 : 0.0));
    if (i > 0) test::depends(g, ids[i], ids[i - 1], 0.5);
  }
  const OrgLayout l = lay_out_org(g, renderer());
  ASSERT_EQ(l.edges.size(), kRoutedEdgeRoleLimit);
  for (const auto& e : l.edges) {
    ASSERT_EQ(e.points.size(), 4u);
    const auto& p = e.points;
    const double cross =
        (p[3].x - p[0].x) * (p[1].y - p[0].y) - (p[3].y - p[0].y) * (p[1].x - p[0].x);
    EXPECT_NEAR(cross, 0.0, 1.0);
  }
}

TEST(OrgLayoutTest, RefusesAModelWithoutRoles) {
  model::OrgGraph g;
  EXPECT_THROW(
      {
        try {
          lay_out_org(g, renderer());
        } catch (const InvalidArgument& e) {
          EXPECT_STREQ(e.what(), "org layout: the model has no roles");
          throw;
        }
      },
      InvalidArgument);
}

}  // namespace
}  // namespace orgsim::viz
