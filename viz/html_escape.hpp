#pragma once
// Escaping text from input files for HTML: the report page and Graphviz's HTML-like
// labels share one escape, with the label's extra rules as an option.

#include <string>
#include <string_view>

namespace orgsim::viz {

/// Where the escaped text goes.
enum class HtmlTarget {
  /// An HTML page (the report): tab and newline are kept.
  kPage,
  /// A Graphviz HTML-like label: every control character is dropped and a backslash is
  /// doubled (Graphviz expands \N, \G, ... even there, and turns "\\" into one).
  kGraphvizLabel,
};

/// Escapes text for HTML content and attribute values: & < > " ' become entities,
/// malformed UTF-8 becomes U+FFFD, control characters are dropped (see HtmlTarget).
/// Time complexity: O(size).
std::string escape_html(std::string_view text, HtmlTarget target = HtmlTarget::kPage);

}  // namespace orgsim::viz
