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

TEST(DotWriterTest, PlainValueThatLooksLikeHtmlIsQuoted) {
  // Only html_attribute() values are written between < >; a name such as
  // "<script>" stays text.
  DotGraph g;
  g.name = "x";
  g.nodes = {{"a", "", {{"label", "<script>"}, html_attribute("xlabel", "<B>x</B>")}}};
  EXPECT_EQ(to_dot(g),
            "digraph \"x\" {\n"
            "  \"a\" [label=\"<script>\", xlabel=<<B>x</B>>];\n"
            "}\n");
}

TEST(DotWriterTest, NewlinesBecomeDotLineBreaksAndBadUtf8IsReplaced) {
  DotGraph g;
  g.name = "x";
  g.nodes = {{"a", "", {{"label", "line 1\r\nline 2 \xff"}}}};
  EXPECT_EQ(to_dot(g),
            "digraph \"x\" {\n"
            "  \"a\" [label=\"line 1\\nline 2 \xEF\xBF\xBD\"];\n"
            "}\n");
}

TEST(DotWriterTest, NodeOfUndeclaredClusterGoesToTopLevel) {
  DotGraph g;
  g.name = "x";
  g.nodes = {{"a", "nowhere", {}}};
  EXPECT_EQ(to_dot(g), "digraph \"x\" {\n  \"a\";\n}\n");
}

TEST(DotWriterTest, HtmlEscape) {
  EXPECT_EQ(html_escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
  EXPECT_EQ(html_escape("a\x01"
                        "b"),
            "ab");
  EXPECT_EQ(html_escape("Caf\xc3\xa9"), "Caf\xc3\xa9");
  EXPECT_EQ(html_escape("bad \xc3("), "bad \xEF\xBF\xBD(");
  EXPECT_EQ(html_escape("a\\N"), "a\\\\N");
}

}  // namespace
}  // namespace orgsim::viz
