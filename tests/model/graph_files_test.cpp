// Models as GraphML and DOT (model/graph_files): the demo round-trips exactly through
// both, a file drawn by hand in another tool reads, and a wrong one is refused with
// every problem named by its node or edge.
#include "model/graph_files.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "model/loader.hpp"
#include "model/validate.hpp"
#include "model/yaml_writer.hpp"

namespace orgsim::model {
namespace {

using ::testing::HasSubstr;

std::string error_of(std::string_view text, GraphFormat format) {
  try {
    from_graph_file(text, "org.graphml", format);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

// Descriptions lose trailing whitespace on the way (Boost's XML reader trims text; YAML's
// folded `>` text ends in a newline): everything else comes back exactly.
void trim_descriptions(OrgGraph& g) {
  auto trim = [](std::string& s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  };
  trim(g.description);
  for (std::uint32_t i = 0; i < g.role_count(); ++i) trim(g.role(RoleId(i)).description);
}

TEST(GraphFilesTest, TheDemoRoundTripsExactlyThroughGraphmlAndDot) {
  for (const char* file : {"/scenarios/contact-center/model.yaml", "/tests/inputs/odd-ids.yaml"}) {
    SCOPED_TRACE(file);
    OrgGraph demo = load_model(std::string(ORGSIM_SOURCE_DIR) + file);
    trim_descriptions(demo);
    for (GraphFormat format : {GraphFormat::kGraphml, GraphFormat::kDot}) {
      const std::string text = to_graph_file(demo, format);
      OrgGraph back = from_graph_file(text, "org", format);
      trim_descriptions(back);
      EXPECT_EQ(to_yaml(back), to_yaml(demo)) << (format == GraphFormat::kDot ? "DOT" : "GraphML");
    }
  }
}

TEST(GraphFilesTest, ReadsADotFileDrawnByHand) {
  const OrgGraph g = from_graph_file(
      "digraph org {\n"
      "  web [label=\"Web shop\", touchpoint=0.6, department=digital];\n"
      "  payments [recovery=0.4];\n"
      "  web -> payments [weight=0.5];\n"
      "}\n",
      "org.dot", GraphFormat::kDot);
  ASSERT_EQ(g.role_count(), 2u);
  const Role& web = g.role(*g.find_role("web"));
  const Role& payments = g.role(*g.find_role("payments"));
  EXPECT_EQ(web.name, "Web shop");
  EXPECT_EQ(web.touchpoint, 0.6);
  EXPECT_EQ(g.department(web.department).id, "digital");
  EXPECT_EQ(g.department(payments.department).id, "organization");
  EXPECT_EQ(payments.recovery, 0.4);
  ASSERT_EQ(g.dependencies().size(), 1u);
  EXPECT_EQ(g.dependencies()[0].weight, 0.5);
  EXPECT_EQ(validate_model(g).error_count(), 0u);
}

TEST(GraphFilesTest, NamesEveryProblemByItsNodeOrEdge) {
  const std::string text = error_of(
      "digraph {\n"
      "  a [touchpoint=2]; b [recovery=fast];\n"
      "  a -> b [weight=0.5]; a -> b [weight=0.3]; b -> b [weight=0.1]; b -> a;\n"
      "}\n",
      GraphFormat::kDot);
  EXPECT_THAT(text, HasSubstr("org.graphml: error: node 'a': touchpoint must be in [0, 1], got 2"));
  EXPECT_THAT(text, HasSubstr("node 'b': recovery must be a number, got 'fast'"));
  EXPECT_THAT(text, HasSubstr("edge 2 (a -> b): duplicate dependency"));
  EXPECT_THAT(text, HasSubstr("edge 3 (b -> b): role 'b' cannot depend on itself"));
  EXPECT_THAT(text, HasSubstr("edge 4 (b -> a): has no 'weight' attribute"));
  EXPECT_THAT(error_of("<graphml><graph", GraphFormat::kGraphml),
              HasSubstr("org.graphml: error: GraphML: cannot read the graph"));
  EXPECT_THAT(error_of("digraph {}", GraphFormat::kDot), HasSubstr("the graph has no nodes"));
}

TEST(GraphFilesTest, TheFormatComesFromTheFileName) {
  EXPECT_EQ(graph_format_of("org.graphml", "-o"), GraphFormat::kGraphml);
  EXPECT_EQ(graph_format_of("org.gv", "-o"), GraphFormat::kDot);
  EXPECT_THROW(graph_format_of("org.xml", "-o"), InvalidArgument);
}

}  // namespace
}  // namespace orgsim::model
