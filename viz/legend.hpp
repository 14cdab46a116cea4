#pragma once
// Legend blocks for the graph label (HTML-like tables): the colour bar, the key
// to the marks, and the numbered list of paths. Internal to viz/.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "model/org_graph.hpp"
#include "viz/paths.hpp"

namespace orgsim::viz::parts {

/// A colour bar of value_colour() from 0 to 1 in 11 cells, each showing its
/// value, with `caption` (plain text) on its left.
std::string colour_bar_html(std::string_view caption);

struct KeyEntry {
  std::string sample_html;       ///< a small sample of the mark, HTML-like (a cell's content)
  std::string text;              ///< plain text, escaped when written
  std::string sample_cell = "";  ///< extra attributes of the sample's cell (border, colours)
};

/// The key: one entry per row, sample then explanation.
std::string key_html(const std::vector<KeyEntry>& entries);

/// Sample of a line in `colour`, "━━━" (solid) or "╍╍╍" (dashed).
std::string line_sample_html(std::string_view colour, bool dashed);

/// A key entry whose sample is a small box: `label` on `fill` inside a border.
KeyEntry box_entry(std::string_view label, std::string_view fill, std::string_view border,
                   int border_width, std::string text);

/// "Top paths" list: "1  A → B → CX   2.4 CX points", at most `max_rows` rows,
/// then "and N more paths" with the points they carry together.
std::string path_list_html(const model::OrgGraph& graph, const std::vector<ImpactPath>& paths,
                           std::size_t max_rows, std::string_view heading);

}  // namespace orgsim::viz::parts
