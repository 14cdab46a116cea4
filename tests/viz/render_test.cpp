#include "viz/render.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <sstream>

#include "common/errors.hpp"
#include "model/synthetic.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/viz/viz_support.hpp"
#include "viz/impact_diagram.hpp"
#include "viz/onboarding_diagram.hpp"
#include "viz/org_diagram.hpp"

namespace orgsim::viz {
namespace {

using model::RoleId;
using test::renderer;

const RoleId kPayments(0), kBilling(1), kRefunds(2), kPayroll(3), kWeb(4), kCheckout(5), kVoice(6);

ImpactInput small_input() {
  ImpactInput in;
  in.title = "Slow payment processing";
  in.values = {0.49, 0.05, 0.22, 0.0, 0.0, 0.17, 0.02};
  in.failed = {{kPayments, 0.5}};
  in.paths = {{{kPayments, kCheckout}, 2.38},
              {{kPayments, kRefunds}, 1.91},
              {{kPayments, kRefunds, kVoice}, 0.20}};
  in.loops = {{{kPayments, kBilling}, 0.01}};
  in.cx_baseline = 85.0;
  in.cx_low = 79.9;
  in.cx_low_step = 11;
  return in;
}

DotGraph small_impact() { return build_impact_diagram(test::small_org(), small_input()); }

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(RenderTest, FormatFromPath) {
  EXPECT_EQ(format_from_path("out/impact.svg"), Format::kSvg);
  EXPECT_EQ(format_from_path("IMPACT.PNG"), Format::kPng);
  EXPECT_EQ(format_from_path("a.b.pdf"), Format::kPdf);
  EXPECT_EQ(format_from_path("x.dot"), Format::kDot);
  EXPECT_EQ(format_from_path("x.gv"), Format::kDot);
  EXPECT_EQ(format_name(Format::kPng), "png");
  EXPECT_EQ(message_of([] { format_from_path("x.gif"); }),
            "cannot tell the picture format from 'x.gif': use .svg, .png, .pdf or .dot");
  EXPECT_EQ(message_of([] { format_from_path("picture"); }),
            "cannot tell the picture format from 'picture': use .svg, .png, .pdf or .dot");
  EXPECT_THROW(format_from_path("x.gif"), InvalidArgument);
}

TEST(RenderTest, SvgIsWellFormedAndNamesEveryRole) {
  testing::internal::CaptureStderr();
  const std::string svg = renderer().render(small_impact(), Format::kSvg);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_TRUE(renderer().warnings().empty());
  EXPECT_EQ(test::xml_problem(svg), "");
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  // Names are wrapped at 22 characters, so look for words, not whole names.
  for (const char* text :
       {"Payment processing", "Billing", "Refunds", "Payroll", "Web and e&#45;commerce",
        "Website and online", "Voice agents", "FAILED 50%", "Slow payment processing", "Finance",
        "Customer service floor"}) {
    EXPECT_NE(svg.find(text), std::string::npos) << text;
  }
  // Every role and CX is drawn; the invisible label guards are not.
  EXPECT_EQ(test::count(svg, "class=\"node\""), 8u);
  EXPECT_EQ(test::count(svg, "class=\"cluster\""), 3u);
}

TEST(RenderTest, PngHasSignatureAndLandscapeSize) {
  const std::string png = renderer().render(small_impact(), Format::kPng);
  auto [w, h] = test::png_size(png);
  EXPECT_GE(w, 800u);
  EXPECT_LE(w, 6000u);
  EXPECT_GE(h, 400u);
  EXPECT_LE(h, 4000u);
}

TEST(RenderTest, PdfStartsWithPdf) {
  const std::string pdf = renderer().render(small_impact(), Format::kPdf);
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  EXPECT_NE(pdf.find("%%EOF"), std::string::npos);
}

TEST(RenderTest, DotIsPositionedForNop2) {
  const std::string dot = renderer().render(small_impact(), Format::kDot);
  EXPECT_NE(dot.find("layout=\"nop2\""), std::string::npos);
  EXPECT_EQ(test::count(dot, "pos=\""), 8u + 3u);  // nodes, and a guard per department label
  EXPECT_EQ(test::count(dot, "bb=\""), 3u);
}

TEST(RenderTest, OnboardingAndOrgDiagramsRender) {
  auto g = test::small_org();
  for (const DotGraph& d :
       {build_onboarding_diagram(g, {kPayroll, 0.5, {{{kPayroll, kVoice}, 1.0}}}),
        build_onboarding_diagram(g, {model::DepartmentId(0), 0.5, {{{kRefunds}, 3.8}}}),
        build_org_diagram(g)}) {
    const std::string svg = renderer().render(d, Format::kSvg);
    EXPECT_EQ(test::xml_problem(svg), "");
    EXPECT_TRUE(renderer().warnings().empty());
    EXPECT_NE(svg.find("Payroll"), std::string::npos);
  }
}

TEST(RenderTest, HostileNamesSurviveSvgPngAndPdf) {
  model::OrgGraph g = test::small_org("R&D <\"team\">");
  g.role(kWeb).name =
      "Bob \"the <script>alert(1)</script>\" & Co\nline \\N \xc3\xbcn\xc3\xaf"
      "c\xc3\xb6"
      "d\xc3\xa9";
  g.role(kPayroll).name = std::string(200, 'P');
  g.role(kBilling).name = "bad \xff utf-8 ]]> &amp; <!-- -->";
  g.name = "<svg onload=alert(1)>";
  DotGraph d = build_impact_diagram(g, small_input());
  testing::internal::CaptureStderr();
  const std::string svg = renderer().render(d, Format::kSvg);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(test::xml_problem(svg), "");
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(svg.find("Co line \\N"), std::string::npos) << "no DOT escapes in HTML labels";
  EXPECT_NE(svg.find("bad \xEF\xBF\xBD utf&#45;8 ]]&gt; &amp;amp; &lt;!&#45;&#45;"),
            std::string::npos);
  EXPECT_NE(svg.find("R&amp;D &lt;&quot;team&quot;&gt;"), std::string::npos);
  EXPECT_NE(svg.find(std::string(21, 'P') + "\xE2\x80\xA6"), std::string::npos);
  EXPECT_TRUE(renderer().warnings().empty());
  EXPECT_GT(test::png_size(renderer().render(d, Format::kPng)).first, 0u);
  EXPECT_EQ(renderer().render(build_org_diagram(g), Format::kPdf).rfind("%PDF-", 0), 0u);
}

TEST(RenderTest, GraphvizErrorsBecomeErrorsAndStayOffStderr) {
  DotGraph broken;
  broken.name = "broken";
  broken.nodes = {{"a", "", {html_attribute("label", "<B>never closed")}}};
  testing::internal::CaptureStderr();
  std::string message = message_of([&] { renderer().render(broken, Format::kSvg); });
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(message,
            "cannot draw the picture as svg: Graphviz: mismatched tag in line 1 ; ... never "
            "closed</HTML> ... in label of node a");
  EXPECT_THROW(renderer().render(broken, Format::kPng), Error);
}

TEST(RenderTest, WarningsAreCollectedOrErrorsWhenAsked) {
  DotGraph odd;
  odd.name = "odd";
  odd.nodes = {{"a", "", {{"color", "notacolour"}}}};
  testing::internal::CaptureStderr();
  renderer().render(odd, Format::kSvg);
  EXPECT_EQ(renderer().warnings(), std::vector<std::string>{"notacolour is not a known color."});
  // Another unknown colour: Graphviz warns about each one once per process, and in a
  // sanitizer build (ORGSIM_RENDER_IN_PROCESS) every render shares one process.
  odd.nodes = {{"a", "", {{"color", "notacoloureither"}}}};
  RenderOptions strict;
  strict.warnings_are_errors = true;
  std::string message = message_of([&] { renderer().render(odd, Format::kSvg, strict); });
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(message,
            "cannot draw the picture as svg: Graphviz: notacoloureither is not a known color.");
}

TEST(RenderTest, InProcessGivesTheSamePicture) {
  // Also the test to run under valgrind: Graphviz in this process.
  RenderOptions here;
  here.isolate = false;
  testing::internal::CaptureStderr();
  const std::string a = renderer().render(small_impact(), Format::kSvg, here);
  const std::string b = renderer().render(small_impact(), Format::kPng, here);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  // Graphviz may emit clusters in another order from one render to the next
  // (cgraph orders subgraphs by address); the drawing is the same.
  auto sorted_lines = [](const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    std::sort(lines.begin(), lines.end());
    return lines;
  };
  EXPECT_EQ(sorted_lines(a), sorted_lines(renderer().render(small_impact(), Format::kSvg)));
  EXPECT_GT(test::png_size(b).first, 0u);
}

TEST(RenderTest, RenderToFileWritesAtomically) {
  const orgsim::test::TempDir tmp("orgsim_viz");
  const std::filesystem::path& dir = tmp.path();
  renderer().render_to_file(small_impact(), dir / "impact.svg");
  renderer().render_to_file(small_impact(), dir / "impact.dot");
  EXPECT_EQ(test::xml_problem(orgsim::test::read_file(dir / "impact.svg")), "");
  EXPECT_NE(orgsim::test::read_file(dir / "impact.dot").find("digraph"), std::string::npos);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& f : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 2u) << "no temporary files left behind";

  EXPECT_EQ(message_of([&] { renderer().render_to_file(small_impact(), "/nonexistent/x.svg"); }),
            "/nonexistent/x.svg: error: cannot write output: folder '/nonexistent' does not exist");
  EXPECT_THROW(renderer().render_to_file(small_impact(), "/nonexistent/x.svg"), OutputError);
  EXPECT_THROW(renderer().render_to_file(small_impact(), "x.gif"), InvalidArgument);
}

TEST(RenderTest, CollapsedBigModelRenders) {
  model::SyntheticSpec spec;
  spec.roles = 200;
  spec.departments = 10;
  auto g = model::make_synthetic(spec);
  ImpactInput in;
  in.values.assign(g.role_count(), 0.1);
  for (const auto& d : g.dependencies()) {
    if (g.role(d.role).touchpoint > 0 && g.role(d.depends_on).touchpoint == 0 && d.weight > 0) {
      in.failed = {{d.depends_on, 0.5}};
      in.paths = {{{d.depends_on, d.role}, 1.0}};
      break;
    }
  }
  const std::string svg = renderer().render(build_impact_diagram(g, in), Format::kSvg);
  EXPECT_EQ(test::xml_problem(svg), "");
  EXPECT_EQ(test::count(svg, "class=\"node\""), 2u + 10u + 1u);  // roles, "more", CX
  EXPECT_EQ(test::count(svg, " more roles"), 10u);
}

TEST(RenderTest, PlainDotLayoutStillWorks) {
  DotGraph g;
  g.name = "plain";
  g.nodes = {{"a", "", {}}, {"b", "", {}}};
  g.edges = {{"a", "b", {}}};
  EXPECT_EQ(test::xml_problem(renderer().render(g, Format::kSvg)), "");
  EXPECT_EQ(renderer().render(g, Format::kDot),
            "digraph \"plain\" {\n  \"a\";\n  \"b\";\n  \"a\" -> \"b\";\n}\n");
}

}  // namespace
}  // namespace orgsim::viz
