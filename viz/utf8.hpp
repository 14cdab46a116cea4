#pragma once
// UTF-8 helpers for text from input files: names may hold anything, and both
// DOT and Graphviz's HTML-like labels reject malformed UTF-8.

#include <string>
#include <string_view>
#include <vector>

namespace orgsim::viz {

/// `text` with every malformed UTF-8 sequence replaced by U+FFFD, so Graphviz
/// never sees invalid input. Valid text is returned unchanged. Time: O(size).
std::string valid_utf8(std::string_view text);

/// Splits valid UTF-8 into code points, each as its own byte string.
std::vector<std::string> code_points(std::string_view valid_text);

}  // namespace orgsim::viz
