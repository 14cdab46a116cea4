#include "viz/html_escape.hpp"

#include <gtest/gtest.h>

#include "viz/dot_writer.hpp"

namespace orgsim::viz {
namespace {

TEST(HtmlEscapeTest, EscapesMarkupForAPage) {
  EXPECT_EQ(escape_html("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
  // Tab and newline stay; ESC and DEL are dropped; a backslash is plain text in HTML.
  EXPECT_EQ(escape_html("a<b>&\"'\x1b[31m\tz\n"), "a&lt;b&gt;&amp;&quot;&#39;[31m\tz\n");
  EXPECT_EQ(escape_html("del\x7f"), "del");
  EXPECT_EQ(escape_html("a\\N"), "a\\N");
  EXPECT_EQ(escape_html("caf\xc3\xa9"), "caf\xc3\xa9");
  EXPECT_EQ(escape_html("bad \xff byte"), "bad \xef\xbf\xbd byte");
  EXPECT_EQ(escape_html(""), "");
}

TEST(HtmlEscapeTest, GraphvizLabelDoublesBackslashesAndDropsEveryControl) {
  const auto label = [](std::string_view text) {
    return escape_html(text, HtmlTarget::kGraphvizLabel);
  };
  EXPECT_EQ(label("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
  // Graphviz would expand \N to the node name, and read "\\" as one backslash.
  EXPECT_EQ(label("a\\N"), "a\\\\N");
  EXPECT_EQ(label("tab\there\nnewline\r\x1b\x7f"), "tabherenewline");
  EXPECT_EQ(label("Caf\xc3\xa9"), "Caf\xc3\xa9");
  EXPECT_EQ(label("bad \xc3("), "bad \xEF\xBF\xBD(");
}

TEST(HtmlEscapeTest, DotWriterHtmlEscapeIsTheGraphvizLabelVariant) {
  for (std::string_view text : {"a\\N<b>", "x\ty\nz", "\xff&'"}) {
    EXPECT_EQ(html_escape(text), escape_html(text, HtmlTarget::kGraphvizLabel));
  }
}

}  // namespace
}  // namespace orgsim::viz
