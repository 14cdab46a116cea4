#include "viz/onboarding_caption.hpp"

#include <gtest/gtest.h>

namespace orgsim::viz {
namespace {

TEST(OnboardingCaptionTest, FailureInPlainWords) {
  EXPECT_EQ(failure_phrase(0.5), "ran at half speed");
  EXPECT_EQ(failure_phrase(1.0), "stopped completely");
  EXPECT_EQ(failure_phrase(0.3), "lost 30% of its capacity");
}

TEST(OnboardingCaptionTest, NumbersAtTwoSignificantDigits) {
  // 85 - 1.4 = 83.6, written 84: two significant digits, like every number shown.
  EXPECT_EQ(focus_caption("Payroll", 0.5, 85, 1.4, "Voice agents", 0.7),
            "If Payroll ran at half speed, customers would notice: CX 85 \xE2\x86\x92 84 (1.4 "
            "points lost). Most of it reaches them through Voice agents.");
  EXPECT_EQ(focus_caption("Training", 1.0, 85, 0.123, "Chat agents", 0.4),
            "If Training stopped completely, customers would notice: CX 85 \xE2\x86\x92 85 (0.12 "
            "points lost). The largest part reaches them through Chat agents.");
}

TEST(OnboardingCaptionTest, DirectAndUnreachable) {
  EXPECT_EQ(focus_caption("Voice agents", 0.5, 85, 11, "Voice agents", 0.98),
            "If Voice agents ran at half speed, customers would notice: CX 85 \xE2\x86\x92 74 (11 "
            "points lost). Most of it reaches them directly: they deal with Voice agents.");
  EXPECT_EQ(focus_caption("Web", 0.5, 85, 0, "", 0),
            "If Web ran at half speed, customers would not notice: no path from it reaches them.");
}

}  // namespace
}  // namespace orgsim::viz
