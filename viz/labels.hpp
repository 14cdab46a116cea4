#pragma once
// Text for labels: names wrapped or shortened for layout, numbers formatted the
// same way in every picture. Pure functions, no Graphviz.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace orgsim::viz {

/// The ellipsis put where a name was cut ("…", U+2026).
inline constexpr std::string_view kEllipsis = "\xE2\x80\xA6";

/// Breaks `text` into at most `max_lines` lines of at most `width` code points,
/// at spaces where it can (a longer word is split). Newlines, tabs and other
/// control characters count as spaces; malformed UTF-8 becomes U+FFFD. Text that
/// does not fit ends with kEllipsis. Returns plain text: escape it before use.
/// Throws InvalidArgument if width < 2 or max_lines < 1. Time: O(size).
std::vector<std::string> wrap_text(std::string_view text, std::size_t width, std::size_t max_lines);

/// `value` with `decimals` digits after the point ("0.49"); never prints "-0.00".
std::string fixed(double value, int decimals);

/// `value` with two significant digits and no exponent ("0.12", "0.010",
/// "0.0015", "3.4"); 0 prints as "0".
std::string two_significant(double value);

/// A share in [0, 1] as a whole percentage ("50%").
std::string percent(double share);

}  // namespace orgsim::viz
