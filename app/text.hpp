#pragma once
// Small helpers for terminal text: names from input files are made safe to print
// and fitted to a column.

#include <span>
#include <string>
#include <string_view>

// Numbers for people (format_fixed, format_significant), the same in every locale.
#include "common/number_format.hpp"

namespace orgsim::app {

/// Replaces control characters (ESC, CR, ...) with '?', so a name from an input file
/// cannot move the cursor or recolour the terminal. Invalid UTF-8 bytes become '?'.
std::string terminal_safe(std::string_view s);

/// "1 role", "2 roles", "0 dependencies": `n` and the word in the number it needs.
std::string count_of(std::size_t n, std::string_view singular, std::string_view plural);

/// terminal_safe(s) cut to `width` characters (code points) with a trailing "...",
/// and padded with spaces to exactly `width`.
std::string fit(std::string_view s, std::size_t width);

/// `s` padded on the left with spaces to `width` bytes (numbers and ASCII labels).
std::string right(const std::string& s, std::size_t width);

/// A one-line chart of the values with the eight block characters, low to high
/// between `lo` and `hi`.
std::string sparkline(std::span<const double> values, double lo, double hi);

}  // namespace orgsim::app
