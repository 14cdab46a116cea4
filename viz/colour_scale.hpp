#pragma once
// The colour scale for per-role values in [0, 1]: a single-hue sequential ramp
// whose lightness falls linearly in OKLab, so equal steps in value look like
// equal steps in colour. Pure functions, testable without Graphviz.

#include <cstdint>
#include <string>

namespace orgsim::viz {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  friend bool operator==(Rgb, Rgb) = default;
};

/// The fill for `value` (clamped to [0, 1]; NaN counts as 0): near-white at 0,
/// deep blue at 1. OKLab lightness runs linearly from 0.97 to 0.36, so it is
/// perceptually uniform and still ordered when printed in grey.
Rgb value_colour(double value);

/// The text colour with the higher WCAG 2 contrast on `fill`: black or white.
/// On every value_colour() the contrast is at least 4.5:1.
Rgb text_colour_on(Rgb fill);

/// WCAG 2 contrast ratio between two colours, in [1, 21].
double contrast_ratio(Rgb a, Rgb b);

/// "#rrggbb", as Graphviz and SVG take it.
std::string hex(Rgb colour);

/// OKLab lightness (0 black .. 1 white) of a colour, for tests and checks.
double oklab_lightness(Rgb colour);

}  // namespace orgsim::viz
