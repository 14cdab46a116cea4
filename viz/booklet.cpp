#include "viz/booklet.hpp"

#include "viz/diagram_parts.hpp"
#include "viz/dot_writer.hpp"

namespace orgsim::viz {

namespace {

using parts::font_html;

// A graph of one borderless node holding `html`: Graphviz sizes it, the page
// scales it to fit.
DotGraph text_page(std::string name, std::string html) {
  DotGraph g;
  g.name = std::move(name);
  g.layout = Layout::kDot;
  g.graph_attributes = {{"pad", "0.3"}, {"bgcolor", "white"}};
  g.node_defaults = {{"shape", "plaintext"}, {"fontname", std::string(parts::kFont)}};
  g.nodes.push_back({"page", "", {html_attribute("label", std::move(html))}});
  return g;
}

std::string row(const std::string& cells) { return "<TR>" + cells + "</TR>"; }

}  // namespace

DotGraph booklet_cover(const std::string& title, const std::vector<std::string>& lines) {
  std::string html = "<TABLE BORDER=\"0\" CELLSPACING=\"10\" CELLPADDING=\"0\">";
  html += row("<TD ALIGN=\"LEFT\">" +
              font_html(parts::name_html(title, 40, 3), "#000000", 44, true) + "</TD>");
  for (const auto& line : lines) {
    html +=
        row("<TD ALIGN=\"LEFT\">" + font_html(html_escape(line), "#333333", 22, false) + "</TD>");
  }
  return text_page("cover", html + "</TABLE>");
}

DotGraph booklet_contents(const std::vector<ContentsEntry>& entries, std::size_t per_column) {
  // Lines first (headings and entries), then cut into columns.
  std::vector<std::string> lines;
  std::string group;
  bool first = true;
  for (const auto& e : entries) {
    if (first || e.group != group) {
      if (!e.group.empty()) {
        lines.push_back("<TD ALIGN=\"LEFT\" COLSPAN=\"2\">" +
                        font_html(html_escape(e.group), "#000000", 17, true) + "</TD>");
      }
      group = e.group;
      first = false;
    }
    lines.push_back("<TD ALIGN=\"LEFT\">" +
                    font_html(parts::name_html(e.title, 40, 1), "#222222", 15, false) +
                    "</TD><TD ALIGN=\"RIGHT\">" +
                    font_html(std::to_string(e.page), "#222222", 15, false) + "</TD>");
  }
  if (per_column == 0) per_column = 1;
  const std::size_t columns = (lines.size() + per_column - 1) / per_column;
  const std::size_t rows = columns == 0 ? 0 : (lines.size() + columns - 1) / columns;
  std::string html = "<TABLE BORDER=\"0\" CELLSPACING=\"8\" CELLPADDING=\"0\">";
  html += row("<TD ALIGN=\"LEFT\" COLSPAN=\"" + std::to_string(2 * columns + 1) + "\">" +
              font_html("Contents", "#000000", 30, true) + "</TD>");
  for (std::size_t r = 0; r < rows; ++r) {
    std::string cells;
    for (std::size_t c = 0; c < columns; ++c) {
      if (c > 0) cells += "<TD WIDTH=\"40\"></TD>";
      std::size_t i = c * rows + r;
      cells += i < lines.size() ? lines[i] : "<TD></TD><TD></TD>";
    }
    html += row(cells);
  }
  return text_page("contents", html + "</TABLE>");
}

}  // namespace orgsim::viz
