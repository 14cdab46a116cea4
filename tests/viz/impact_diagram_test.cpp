#include "viz/impact_diagram.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "common/errors.hpp"
#include "model/synthetic.hpp"
#include "tests/support/files.hpp"
#include "tests/viz/viz_support.hpp"
#include "viz/dot_writer.hpp"

namespace orgsim::viz {
namespace {

using model::RoleId;
using test::count;
using test::small_org;

// RoleIds of small_org().
const RoleId kPayments(0), kBilling(1), kRefunds(2), kPayroll(3), kWeb(4), kCheckout(5), kVoice(6);

ImpactInput small_input() {
  ImpactInput in;
  in.title = "Slow payment processing";
  in.values = {0.49, 0.05, 0.22, 0.0, 0.0, 0.17, 0.02};
  in.failed = {{kPayments, 0.5}};
  in.paths = {{{kPayments, kCheckout}, 2.38},
              {{kPayments, kRefunds}, 1.91},
              {{kPayments, kBilling}, 0.21},
              {{kPayments, kRefunds, kVoice}, 0.20}};
  in.loops = {{{kPayments, kBilling}, 0.01}};
  in.cx_baseline = 85.0;
  in.cx_low = 79.9;
  in.cx_low_step = 11;
  return in;
}

const DotNode* node(const DotGraph& g, const std::string& id) {
  for (const auto& n : g.nodes) {
    if (n.id == id) return &n;
  }
  return nullptr;
}

std::vector<const DotEdge*> edges(const DotGraph& g, const std::string& from,
                                  const std::string& to) {
  std::vector<const DotEdge*> out;
  for (const auto& e : g.edges) {
    if (e.from == from && e.to == to) out.push_back(&e);
  }
  return out;
}

std::string attr(const Attributes& a, const std::string& name) {
  const Attribute* found = find_attribute(a, name);
  return found ? found->value : "(none)";
}

std::string message_of(const model::OrgGraph& g, const ImpactInput& in) {
  try {
    build_impact_diagram(g, in);
  } catch (const InvalidArgument& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ImpactDiagramTest, MatchesGoldenDot) {
  // The checked-in picture source for a small model; ORGSIM_UPDATE_GOLDEN=1 rewrites it.
  const std::string path = std::string(ORGSIM_SOURCE_DIR) + "/tests/viz/expected/small_impact.dot";
  const std::string dot = to_dot(build_impact_diagram(small_org(), small_input()));
  const char* update = std::getenv("ORGSIM_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    orgsim::test::write_file(path, dot);
    GTEST_SKIP() << "rewrote " << path;
  }
  EXPECT_EQ(dot, orgsim::test::read_file(path))
      << "run with ORGSIM_UPDATE_GOLDEN=1 to accept the change";
}

TEST(ImpactDiagramTest, MarksFailedRolesTouchpointsAndCx) {
  DotGraph g = build_impact_diagram(small_org(), small_input());
  const DotNode* payments = node(g, "r0");
  ASSERT_NE(payments, nullptr);
  EXPECT_EQ(attr(payments->attributes, "penwidth"), "5");
  EXPECT_EQ(attr(payments->attributes, "color"), "#c8102e");
  EXPECT_NE(attr(payments->attributes, "label").find("FAILED 50%"), std::string::npos);
  EXPECT_NE(attr(payments->attributes, "label").find("q 0.49"), std::string::npos);
  EXPECT_EQ(payments->cluster, "d0");

  const DotNode* checkout = node(g, "r5");
  EXPECT_EQ(attr(checkout->attributes, "shape"), "cds");
  EXPECT_NE(attr(checkout->attributes, "label").find("touchpoint w 0.16"), std::string::npos);
  EXPECT_NE(attr(checkout->attributes, "label").find("2.4 CX on the top paths"), std::string::npos);

  const DotNode* cx = node(g, "cx");
  EXPECT_EQ(attr(cx->attributes, "shape"), "doubleoctagon");
  EXPECT_NE(attr(cx->attributes, "label").find("85.0 \xE2\x86\x92 79.9"), std::string::npos);
  EXPECT_EQ(cx->layer, 0);
  EXPECT_GT(payments->layer, node(g, "r2")->layer) << "the failure stands left of refunds";

  // Fill by value; dark fills get white text.
  EXPECT_EQ(attr(node(g, "r3")->attributes, "fillcolor"), "#eff6ff");
  EXPECT_NE(attr(payments->attributes, "label").find("COLOR=\"#000000\""), std::string::npos);
}

TEST(ImpactDiagramTest, PathEdgesAreThickByCxPoints) {
  DotGraph g = build_impact_diagram(small_org(), small_input());
  // payments -> checkout carries the most (2.38): 2 + 9 = 11. payments -> refunds
  // carries 1.91 + 0.20 = 2.11: 2 + 9 x 2.11 / 2.38 = 9.98.
  auto top = edges(g, "r0", "r5");
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(attr(top[0]->attributes, "penwidth"), "11.0");
  EXPECT_EQ(attr(top[0]->attributes, "label"), "0.35");
  EXPECT_EQ(attr(edges(g, "r0", "r2")[0]->attributes, "penwidth"), "10.0");
  // Off the paths: thin, grey (edge default), no label.
  auto quiet = edges(g, "r4", "r5");
  ASSERT_EQ(quiet.size(), 1u);
  EXPECT_EQ(attr(quiet[0]->attributes, "penwidth"), "1.5");
  EXPECT_EQ(attr(quiet[0]->attributes, "label"), "(none)");
  EXPECT_EQ(attr(quiet[0]->attributes, "color"), "(none)");
  // Touchpoints into CX.
  EXPECT_EQ(edges(g, "r5", "cx").size(), 1u);
  EXPECT_EQ(edges(g, "r1", "cx").size(), 1u);
}

TEST(ImpactDiagramTest, MarksFeedbackLoops) {
  DotGraph g = build_impact_diagram(small_org(), small_input());
  // billing -> payments closes the loop: dashed orange. payments -> billing is
  // also a top path, so it is drawn twice: thick, then dashed.
  auto back = edges(g, "r1", "r0");
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(attr(back[0]->attributes, "style"), "dashed");
  EXPECT_EQ(attr(back[0]->attributes, "color"), "#e66100");
  EXPECT_EQ(edges(g, "r0", "r1").size(), 2u);
  const std::string legend = attr(g.graph_attributes, "label");
  EXPECT_NE(legend.find("feedback loop, gain 0.010: Payment processing \xE2\x86\x92 Billing "
                        "\xE2\x86\x92 Payment processing"),
            std::string::npos);
}

TEST(ImpactDiagramTest, TitleAndSubtitle) {
  ImpactInput in = small_input();
  // 2.38 + 1.91 + 0.21 + 0.20 = 4.70 of a 5.1-point drop: 92%.
  EXPECT_EQ(impact_subtitle(in),
            "CX 85.0 \xE2\x86\x92 79.9 at step 11; top 4 paths carry 92% of the drop");
  in.paths_share = 0.93;
  in.cx_low_step.reset();
  EXPECT_EQ(impact_subtitle(in), "CX 85.0 \xE2\x86\x92 79.9; top 4 paths carry 93% of the drop");
  in.paths.resize(1);
  EXPECT_EQ(impact_subtitle(in), "CX 85.0 \xE2\x86\x92 79.9; the top path carries 93% of the drop");
  in.cx_low = 85.0;
  EXPECT_EQ(impact_subtitle(in), "CX 85.0 \xE2\x86\x92 85.0");
  DotGraph g = build_impact_diagram(small_org(), small_input());
  EXPECT_NE(attr(g.graph_attributes, "label").find("Slow payment processing"), std::string::npos);
}

model::OrgGraph two_hundred_roles() {
  model::SyntheticSpec spec;
  spec.roles = 200;
  spec.departments = 10;
  return model::make_synthetic(spec);
}

// One failed role with one path: its supplier of a touchpoint.
ImpactInput one_path(const model::OrgGraph& g) {
  ImpactInput in;
  in.title = "Big";
  in.values.assign(g.role_count(), 0.0);
  for (const auto& d : g.dependencies()) {
    if (g.role(d.role).touchpoint > 0 && g.role(d.depends_on).touchpoint == 0 && d.weight > 0) {
      in.failed = {{d.depends_on, 0.5}};
      in.paths = {{{d.depends_on, d.role}, 1.0}};
      break;
    }
  }
  return in;
}

TEST(ImpactDiagramTest, BigModelIsCollapsed) {
  const auto g = two_hundred_roles();
  ImpactInput in = one_path(g);
  ASSERT_EQ(in.paths.size(), 1u);
  DotGraph d = build_impact_diagram(g, in);
  std::size_t roles = 0, more = 0, hidden = 0;
  for (const auto& n : d.nodes) {
    if (n.id.rfind("more_", 0) == 0) {
      ++more;
      std::string label = attr(n.attributes, "label");
      EXPECT_NE(label.find(" more role"), std::string::npos) << label;
      hidden += std::stoul(label.substr(label.rfind(": ") + 2));
    } else if (n.id != "cx") {
      ++roles;
    }
  }
  EXPECT_EQ(roles, 2u);
  EXPECT_EQ(more, 10u);
  EXPECT_EQ(hidden, 198u);
}

TEST(ImpactDiagramTest, FullDrawsEveryRole) {
  const auto g = two_hundred_roles();
  ImpactOptions full;
  full.full = true;
  DotGraph d = build_impact_diagram(g, one_path(g), full);
  EXPECT_EQ(d.nodes.size(), 201u);  // every role and CX
  ImpactOptions high;
  high.collapse_above = 200;
  EXPECT_EQ(build_impact_diagram(g, one_path(g), high).nodes.size(), 201u);
}

TEST(ImpactDiagramTest, EscapesHostileNames) {
  model::OrgGraph g = small_org();
  g.role(kWeb).name =
      "Bob \"the <script>alert(1)</script>\" & Co\nline \\N \xc3\xbcn\xc3\xaf"
      "c\xc3\xb6"
      "d\xc3\xa9";
  g.role(kPayroll).name = std::string(200, 'P');
  const std::string dot = to_dot(build_impact_diagram(g, small_input()));
  // In the label (HTML-like): escaped, wrapped at 22 characters, cut after three lines.
  EXPECT_NE(dot.find("<B>Bob &quot;the<BR/>&lt;script&gt;alert(1)&lt;/scri<BR/>pt&gt;&quot; "
                     "&amp; Co line \\\\N\xE2\x80\xA6</B>"),
            std::string::npos);
  EXPECT_NE(dot.find("<B>" + std::string(22, 'P') + "<BR/>" + std::string(22, 'P') + "<BR/>" +
                     std::string(21, 'P') + "\xE2\x80\xA6</B>"),
            std::string::npos);
  // In the tooltip (a quoted DOT string): the whole name, quotes and backslashes escaped.
  EXPECT_NE(dot.find("tooltip=\"Bob \\\"the <script>alert(1)</script>\\\" & Co\\nline \\\\N "
                     "\xc3\xbcn\xc3\xaf"),
            std::string::npos);
}

TEST(ImpactDiagramTest, RejectsInconsistentInput) {
  const auto g = small_org();
  ImpactInput in = small_input();
  in.values.pop_back();
  EXPECT_EQ(message_of(g, in), "impact diagram: values has 6 entries, expected one per role (7)");
  in = small_input();
  in.values[2] = 1.5;
  EXPECT_EQ(message_of(g, in),
            "impact diagram: values[2] (role 'refunds') must be in [0, 1], got 1.500000");
  in = small_input();
  in.failed[0].role = RoleId(99);
  EXPECT_EQ(message_of(g, in), "impact diagram: failed[0]: role index 99 is out of range [0, 7)");
  in = small_input();
  in.failed[0].degrade = 0;
  EXPECT_EQ(message_of(g, in),
            "impact diagram: failed[0]: degrade must be in (0, 1], got 0.000000");
  in = small_input();
  in.paths[1].roles = {kPayments, kVoice};
  EXPECT_EQ(message_of(g, in), "impact diagram: paths[1]: 'voice' does not depend on 'payments'");
  in = small_input();
  in.paths[0].roles = {kPayroll};
  EXPECT_EQ(
      message_of(g, in),
      "impact diagram: paths[0]: the path must end at a touchpoint, but 'payroll' is not one");
  in = small_input();
  in.paths[0].cx_points = -1;
  EXPECT_EQ(message_of(g, in),
            "impact diagram: paths[0]: cx_points must be a finite number >= 0, got -1.000000");
  in = small_input();
  in.loops[0].roles = {kPayments, kRefunds};
  EXPECT_EQ(message_of(g, in), "impact diagram: loops[0]: 'payments' does not depend on 'refunds'");
}

}  // namespace
}  // namespace orgsim::viz
