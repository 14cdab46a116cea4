#include "viz/onboarding_diagram.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "common/errors.hpp"
#include "tests/viz/viz_support.hpp"

namespace orgsim::viz {
namespace {

using model::RoleId;

const RoleId kPayments(0), kBilling(1), kRefunds(2), kPayroll(3), kWeb(4), kCheckout(5), kVoice(6);

// small_org() plus a chain behind payroll: payroll <- hr <- sponsors <- board.
model::OrgGraph org_with_chain() {
  model::OrgGraph g = test::small_org();
  auto people = g.add_department({"people", "People and HR", {}});
  auto hr = test::add_role(g, "hr", "HR", people);
  auto sponsors = test::add_role(g, "sponsors", "Account sponsors", people);
  auto board = test::add_role(g, "board", "Board", people);
  test::depends(g, kPayroll, hr, 0.1);
  test::depends(g, hr, sponsors, 0.2);
  test::depends(g, sponsors, board, 0.3);
  return g;
}

const DotNode* node(const DotGraph& g, const std::string& id) {
  for (const auto& n : g.nodes) {
    if (n.id == id) return &n;
  }
  return nullptr;
}

std::string attr(const Attributes& a, const std::string& name) {
  const Attribute* found = find_attribute(a, name);
  return found ? found->value : "(none)";
}

OnboardingInput payroll_input() { return {kPayroll, 0.5, {{{kPayroll, kVoice}, 1.02}}}; }

TEST(OnboardingDiagramTest, TitleNamesTheRole) {
  DotGraph g = build_onboarding_diagram(org_with_chain(), payroll_input());
  const std::string label = attr(g.graph_attributes, "label");
  EXPECT_NE(label.find("How Payroll reaches the customer"), std::string::npos);
  EXPECT_NE(label.find("If Payroll ran at half speed, customers would notice: CX 85 \xE2\x86\x92 "
                       "84 (1.0 points lost). Most of it reaches them through Voice agents."),
            std::string::npos)
      << label;
  EXPECT_NE(label.find("Payroll \xE2\x86\x92 Voice agents \xE2\x86\x92 CX"), std::string::npos);
}

TEST(OnboardingDiagramTest, ShowsTwoHopsUpstreamAndThePaths) {
  DotGraph g = build_onboarding_diagram(org_with_chain(), payroll_input());
  EXPECT_NE(node(g, "r7"), nullptr) << "hr: one hop";
  EXPECT_NE(node(g, "r8"), nullptr) << "sponsors: two hops";
  EXPECT_EQ(node(g, "r9"), nullptr) << "board: three hops";
  EXPECT_EQ(node(g, "r4"), nullptr) << "web: unrelated";
  const DotNode* payroll = node(g, "r3");
  EXPECT_EQ(attr(payroll->attributes, "fillcolor"), "#ffd166");
  EXPECT_EQ(attr(payroll->attributes, "penwidth"), "4");
  EXPECT_NE(attr(node(g, "r6")->attributes, "label").find("1.0 CX points pass here"),
            std::string::npos);
  // Layers: what payroll depends on stands left of payroll, the customer right.
  EXPECT_GT(node(g, "r8")->layer, node(g, "r7")->layer);
  EXPECT_GT(node(g, "r7")->layer, payroll->layer);
  EXPECT_GT(payroll->layer, node(g, "r6")->layer);
  EXPECT_EQ(node(g, "cx")->layer, 0);
}

TEST(OnboardingDiagramTest, DrawsOnlyPathsAndArrowsTowardsTheFocus) {
  // payroll <- hr <- sponsors: two steps back; board (three) is left out. The
  // only edges: the path payroll -> voice -> CX and hr -> payroll, sponsors -> hr.
  DotGraph g = build_onboarding_diagram(org_with_chain(), payroll_input());
  std::vector<std::pair<std::string, std::string>> edges;
  for (const auto& e : g.edges) edges.emplace_back(e.from, e.to);
  std::vector<std::pair<std::string, std::string>> expected = {
      {"r3", "r6"}, {"r6", "cx"}, {"r7", "r3"}, {"r8", "r7"}};
  std::sort(edges.begin(), edges.end());
  EXPECT_EQ(edges, expected);
  for (const auto& e : g.edges) {
    if (e.to == "cx") continue;
    // The weight beside the arrow, at two significant digits.
    EXPECT_NE(find_attribute(e.attributes, "label"), nullptr) << e.from << "->" << e.to;
  }
  EXPECT_EQ(attr(g.edges[0].attributes, "label"), "0.080");  // voice depends on payroll 0.08
}

TEST(OnboardingDiagramTest, WeakPathsAreListedNotDrawn) {
  // Refunds -> voice carries 0.5% of the loss: listed as a weaker path, not drawn.
  auto g = org_with_chain();
  OnboardingInput in{kRefunds, 0.5, {{{kRefunds}, 3.8}, {{kRefunds, kVoice}, 0.02}}, 3.82};
  DotGraph d = build_onboarding_diagram(g, in);
  EXPECT_EQ(node(d, "r6"), nullptr) << "voice is only on the weak path";
  EXPECT_NE(attr(d.graph_attributes, "label").find("and 1 weaker path, not drawn"),
            std::string::npos);
}

TEST(OnboardingDiagramTest, DepartmentFocusHighlightsItsRoles) {
  auto g = org_with_chain();
  OnboardingInput in{
      model::DepartmentId(0),
      0.5,
      {{{kPayments, kCheckout}, 2.38}, {{kRefunds}, 3.8}, {{kPayroll, kVoice}, 1.0}}};
  DotGraph d = build_onboarding_diagram(g, in);
  for (const char* id : {"r0", "r1", "r2", "r3"}) {
    ASSERT_NE(node(d, id), nullptr) << id;
    EXPECT_EQ(attr(node(d, id)->attributes, "fillcolor"), "#ffd166") << id;
  }
  EXPECT_NE(attr(d.graph_attributes, "label").find("How Finance reaches the customer"),
            std::string::npos);
  EXPECT_EQ(focus_name(g, model::DepartmentId(0)), "Finance");
}

TEST(OnboardingDiagramTest, RejectsBadInput) {
  auto g = org_with_chain();
  auto message = [&](const OnboardingInput& in) -> std::string {
    try {
      build_onboarding_diagram(g, in);
    } catch (const InvalidArgument& e) {
      return e.what();
    }
    return "(no error)";
  };
  EXPECT_EQ(message({kPayroll, 0.5, {{{kWeb, kCheckout}, 1.0}}}),
            "onboarding diagram: paths[0]: the path starts at 'web', which is not the focus");
  EXPECT_EQ(message({kPayroll, 0.0, {}}),
            "onboarding diagram: degrade must be in (0, 1], got 0.000000");
  EXPECT_EQ(message({RoleId(40), 0.5, {}}),
            "onboarding diagram: focus: role index 40 is out of range [0, 10)");
  EXPECT_EQ(message({model::DepartmentId(9), 0.5, {}}),
            "onboarding diagram: focus: department index 9 is out of range [0, 4)");
}

TEST(OnboardingDiagramTest, NoPathsSaysSo) {
  DotGraph d = build_onboarding_diagram(org_with_chain(), {kWeb, 0.5, {}});
  EXPECT_NE(attr(d.graph_attributes, "label")
                .find("If Web and e-commerce team ran at half speed, customers would not notice: "
                      "no path from it reaches them."),
            std::string::npos);
}

}  // namespace
}  // namespace orgsim::viz
