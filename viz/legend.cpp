#include "viz/legend.hpp"

#include "viz/colour_scale.hpp"
#include "viz/diagram_parts.hpp"
#include "viz/dot_writer.hpp"
#include "viz/labels.hpp"

namespace orgsim::viz::parts {

namespace {

std::string legend_text(const std::string& escaped, bool bold = false) {
  return font_html(escaped, "#222222", kLegendFontSize, bold);
}

}  // namespace

std::string colour_bar_html(std::string_view caption) {
  std::string html =
      "<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"4\"><TR>"
      "<TD ALIGN=\"LEFT\">" +
      legend_text(html_escape(caption)) + "&#160;&#160;</TD>";
  for (int i = 0; i <= 10; ++i) {
    double v = i / 10.0;
    Rgb fill = value_colour(v);
    std::string tick = i == 0 ? "0" : i == 10 ? "1" : fixed(v, 1);
    html += "<TD BGCOLOR=\"" + hex(fill) + "\" WIDTH=\"44\">" +
            font_html(tick, hex(text_colour_on(fill)), kLegendFontSize - 2, false) + "</TD>";
  }
  return html + "</TR></TABLE>";
}

std::string key_html(const std::vector<KeyEntry>& entries) {
  std::string html = "<TABLE BORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">";
  for (const auto& e : entries) {
    html += "<TR><TD ALIGN=\"CENTER\"" + e.sample_cell + ">" + e.sample_html +
            "</TD><TD ALIGN=\"LEFT\">" + legend_text(html_escape(e.text)) + "</TD></TR>";
  }
  return html + "</TABLE>";
}

std::string line_sample_html(std::string_view colour, bool dashed) {
  // U+2501 heavy horizontal, U+254D heavy double dash horizontal.
  std::string line =
      dashed ? "\xE2\x95\x8D\xE2\x95\x8D\xE2\x95\x8D" : "\xE2\x94\x81\xE2\x94\x81\xE2\x94\x81";
  return font_html(line, colour, kLegendFontSize + 4, true);
}

KeyEntry box_entry(std::string_view label, std::string_view fill, std::string_view border,
                   int border_width, std::string text) {
  return {font_html(html_escape(label), "#000000", kLegendFontSize - 3, true), std::move(text),
          " BORDER=\"" + std::to_string(border_width) + "\" COLOR=\"" + std::string(border) +
              "\" BGCOLOR=\"" + std::string(fill) + "\""};
}

std::string path_list_html(const model::OrgGraph& graph, const std::vector<ImpactPath>& paths,
                           std::size_t max_rows, std::string_view heading) {
  std::string html = "<TABLE BORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"2\">";
  html += "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"3\">" + legend_text(html_escape(heading), true) +
          "</TD></TR>";
  double rest = 0;
  std::size_t shown = 0;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (shown == max_rows) {
      rest += paths[i].cx_points;
      continue;
    }
    ++shown;
    html += "<TR><TD ALIGN=\"RIGHT\">" + legend_text(std::to_string(i + 1) + ".") +
            "</TD><TD ALIGN=\"LEFT\">" + legend_text(path_text_html(graph, paths[i].roles, true)) +
            "</TD><TD ALIGN=\"RIGHT\">" + legend_text(fixed(paths[i].cx_points, 2) + " points") +
            "</TD></TR>";
  }
  if (shown < paths.size()) {
    std::size_t more = paths.size() - shown;
    html +=
        "<TR><TD></TD><TD ALIGN=\"LEFT\">" +
        legend_text("and " + std::to_string(more) + (more == 1 ? " more path" : " more paths")) +
        "</TD><TD ALIGN=\"RIGHT\">" + legend_text(fixed(rest, 2) + " points") + "</TD></TR>";
  }
  return html + "</TABLE>";
}

}  // namespace orgsim::viz::parts
