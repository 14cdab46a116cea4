#pragma once
// The printed trainer's booklet around the diagrams: a cover and a contents
// page, each a DotGraph of one text block so that they print through the same
// path as the pictures (Renderer::render_pdf_pages).

#include <string>
#include <vector>

#include "viz/dot_graph.hpp"

namespace orgsim::viz {

/// One line of the contents: a page and the group (department) it is listed under.
struct ContentsEntry {
  std::string group;  ///< "" for pages before the first group (e.g. the department map)
  std::string title;
  int page = 0;
};

/// The cover: `title` large, then each line of `lines` (plain text, escaped here).
DotGraph booklet_cover(const std::string& title, const std::vector<std::string>& lines);

/// The contents page: the entries in order, a group heading where the group
/// changes, in two columns once there are more than `per_column` lines.
DotGraph booklet_contents(const std::vector<ContentsEntry>& entries, std::size_t per_column = 24);

}  // namespace orgsim::viz
