#include "viz/dot_writer.hpp"

#include <gtest/gtest.h>

namespace orgsim::viz {
namespace {

TEST(DotWriterTest, WritesClustersNodesAndEdges) {
  DotGraph g;
  g.name = "impact";
  g.graph_attributes = {{"rankdir", "LR"}};
  g.clusters = {{"finance", {{"label", "Finance"}}}};
  g.nodes = {{"payments", "finance", {{"label", "Payment processing"}}}, {"cx", "", {}}};
  g.edges = {{"payments", "cx", {{"penwidth", "3"}}}};
  EXPECT_EQ(to_dot(g),
            "digraph \"impact\" {\n"
            "  graph [rankdir=\"LR\"];\n"
            "  subgraph \"cluster_finance\" {\n"
            "    label=\"Finance\";\n"
            "    \"payments\" [label=\"Payment processing\"];\n"
            "  }\n"
            "  \"cx\";\n"
            "  \"payments\" -> \"cx\" [penwidth=\"3\"];\n"
            "}\n");
}

TEST(DotWriterTest, EscapesHostileNames) {
  DotGraph g;
  g.name = "x";
  g.nodes = {{"a\"b\\c", "", {{"label", "say \"hi\"\\l}"}}}};
  EXPECT_EQ(to_dot(g),
            "digraph \"x\" {\n"
            "  \"a\\\"b\\\\c\" [label=\"say \\\"hi\\\"\\\\l}\"];\n"
            "}\n");
}

TEST(DotWriterTest, HtmlEscape) {
  EXPECT_EQ(html_escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
  EXPECT_EQ(html_escape("a\x01"
                        "b"),
            "ab");
  EXPECT_EQ(html_escape("Caf\xc3\xa9"), "Caf\xc3\xa9");
}

}  // namespace
}  // namespace orgsim::viz
