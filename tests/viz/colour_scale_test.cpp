#include "viz/colour_scale.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace orgsim::viz {
namespace {

TEST(ColourScaleTest, LightAtZeroDarkAtOne) {
  EXPECT_EQ(hex(value_colour(0.0)), "#eff6ff");
  EXPECT_EQ(hex(value_colour(1.0)), "#003c79");
}

TEST(ColourScaleTest, LightnessFallsLinearly) {
  // Perceptual uniformity: OKLab lightness L(v) = 0.97 - 0.61 v, within the
  // rounding of 8-bit channels.
  for (int i = 0; i <= 100; ++i) {
    double v = i / 100.0;
    EXPECT_NEAR(oklab_lightness(value_colour(v)), 0.97 - 0.61 * v, 0.004) << "v=" << v;
  }
}

TEST(ColourScaleTest, TextStaysReadableOnEveryFill) {
  // WCAG 2 AA for normal text: contrast >= 4.5:1.
  for (int i = 0; i <= 1000; ++i) {
    Rgb fill = value_colour(i / 1000.0);
    EXPECT_GE(contrast_ratio(fill, text_colour_on(fill)), 4.5) << hex(fill);
  }
  EXPECT_EQ(hex(text_colour_on(value_colour(0.1))), "#000000");
  EXPECT_EQ(hex(text_colour_on(value_colour(0.9))), "#ffffff");
}

TEST(ColourScaleTest, ClampsOutOfRangeAndNan) {
  EXPECT_EQ(value_colour(-3), value_colour(0));
  EXPECT_EQ(value_colour(7), value_colour(1));
  EXPECT_EQ(value_colour(std::numeric_limits<double>::quiet_NaN()), value_colour(0));
}

TEST(ColourScaleTest, ContrastRatioEnds) {
  EXPECT_NEAR(contrast_ratio({0, 0, 0}, {255, 255, 255}), 21.0, 1e-9);
  EXPECT_NEAR(contrast_ratio({10, 20, 30}, {10, 20, 30}), 1.0, 1e-9);
}

}  // namespace
}  // namespace orgsim::viz
