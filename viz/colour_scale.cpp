#include "viz/colour_scale.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace orgsim::viz {

namespace {

// OKLab <-> linear sRGB matrices from Björn Ottosson, "A perceptual color space
// for image processing" (2020), https://bottosson.github.io/posts/oklab/.
using Vec3 = std::array<double, 3>;

Vec3 oklab_to_linear_srgb(double L, double a, double b) {
  double l = L + 0.3963377774 * a + 0.2158037573 * b;
  double m = L - 0.1055613458 * a - 0.0638541728 * b;
  double s = L - 0.0894841775 * a - 1.2914855480 * b;
  l = l * l * l;
  m = m * m * m;
  s = s * s * s;
  return {+4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
          -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
          -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s};
}

double lightness_of_linear_srgb(const Vec3& c) {
  double l = 0.4122214708 * c[0] + 0.5363371758 * c[1] + 0.0514459929 * c[2];
  double m = 0.2119034982 * c[0] + 0.6806995451 * c[1] + 0.1073969566 * c[2];
  double s = 0.0883024619 * c[0] + 0.2817188376 * c[1] + 0.6299787005 * c[2];
  return 0.2104542553 * std::cbrt(l) + 0.7936177850 * std::cbrt(m) - 0.0040720468 * std::cbrt(s);
}

// sRGB transfer functions (IEC 61966-2-1).
double encode(double linear) {
  linear = std::clamp(linear, 0.0, 1.0);
  return linear <= 0.0031308 ? 12.92 * linear : 1.055 * std::pow(linear, 1.0 / 2.4) - 0.055;
}
double decode(std::uint8_t channel) {
  double c = channel / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

bool in_gamut(const Vec3& c) {
  constexpr double kEps = 1e-9;
  return std::all_of(c.begin(), c.end(), [](double x) { return x >= -kEps && x <= 1 + kEps; });
}

std::uint8_t to_byte(double linear) {
  return static_cast<std::uint8_t>(std::lround(encode(linear) * 255.0));
}

double relative_luminance(Rgb c) {
  return 0.2126 * decode(c.r) + 0.7152 * decode(c.g) + 0.0722 * decode(c.b);
}

// The ramp: lightness from kLight to kDark, chroma from kChromaLight to
// kChromaDark, at a fixed blue hue. Chroma is reduced where the colour would
// leave the sRGB gamut, which keeps hue and lightness (what the eye orders by).
constexpr double kLight = 0.97, kDark = 0.36;
constexpr double kChromaLight = 0.015, kChromaDark = 0.15;
constexpr double kHueDegrees = 255.0;

constexpr Rgb kDarkText{0x00, 0x00, 0x00};  // pure black: >= 4.58:1 on any fill, with white
constexpr Rgb kLightText{0xff, 0xff, 0xff};

}  // namespace

Rgb value_colour(double value) {
  double t = std::isnan(value) ? 0.0 : std::clamp(value, 0.0, 1.0);
  double L = kLight + (kDark - kLight) * t;
  double chroma = kChromaLight + (kChromaDark - kChromaLight) * t;
  double h = kHueDegrees * M_PI / 180.0;
  Vec3 c = oklab_to_linear_srgb(L, chroma * std::cos(h), chroma * std::sin(h));
  if (!in_gamut(c)) {
    double lo = 0.0, hi = chroma;  // bisect for the largest chroma in gamut
    for (int i = 0; i < 40; ++i) {
      double mid = (lo + hi) / 2;
      (in_gamut(oklab_to_linear_srgb(L, mid * std::cos(h), mid * std::sin(h))) ? lo : hi) = mid;
    }
    c = oklab_to_linear_srgb(L, lo * std::cos(h), lo * std::sin(h));
  }
  return {to_byte(c[0]), to_byte(c[1]), to_byte(c[2])};
}

double contrast_ratio(Rgb a, Rgb b) {
  double la = relative_luminance(a), lb = relative_luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Rgb text_colour_on(Rgb fill) {
  return contrast_ratio(fill, kDarkText) >= contrast_ratio(fill, kLightText) ? kDarkText
                                                                             : kLightText;
}

std::string hex(Rgb colour) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", colour.r, colour.g, colour.b);
  return buf;
}

double oklab_lightness(Rgb colour) {
  return lightness_of_linear_srgb({decode(colour.r), decode(colour.g), decode(colour.b)});
}

}  // namespace orgsim::viz
