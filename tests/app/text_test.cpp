#include "app/text.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace orgsim::app {
namespace {

TEST(TextTest, TerminalSafeReplacesControlCharacters) {
  // ESC [ 2 J would clear the screen; CR would overwrite the line.
  EXPECT_EQ(terminal_safe("a\x1b[2Jb\rc"), "a?[2Jb?c");
  EXPECT_EQ(terminal_safe("tab\there"), "tab?here");
  EXPECT_EQ(terminal_safe("del\x7f"), "del?");
}

TEST(TextTest, TerminalSafeKeepsUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(terminal_safe("Caf\xc3\xa9 \xe2\x86\x92 ok"), "Caf\xc3\xa9 \xe2\x86\x92 ok");
  EXPECT_EQ(terminal_safe("bad\xff\xfe"), "bad??");
  EXPECT_EQ(terminal_safe("cut\xe2\x86"), "cut??");  // truncated sequence
  EXPECT_EQ(terminal_safe("c1\xc2\x9b"
                          "31m"),
            "c1?31m");  // C1 CSI
}

TEST(TextTest, FitPadsAndCutsByCharacters) {
  EXPECT_EQ(fit("abc", 5), "abc  ");
  EXPECT_EQ(fit("abcdefgh", 6), "abc...");
  EXPECT_EQ(fit("abcdef", 6), "abcdef");
  // Four code points, eight bytes: padded by characters, not bytes.
  EXPECT_EQ(fit("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 5), "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 ");
}

TEST(TextTest, SparklineScalesBetweenLowAndHigh) {
  std::vector<double> v{0.0, 0.5, 1.0};
  EXPECT_EQ(sparkline(v, 0.0, 1.0), "\u2581\u2585\u2588");
  // A flat series (lo == hi) is drawn at full height.
  EXPECT_EQ(sparkline(v, 1.0, 1.0), "\u2588\u2588\u2588");
}

TEST(TextTest, FormatFixedAvoidsNegativeZero) {
  EXPECT_EQ(format_fixed(84.126, 2), "84.13");
  EXPECT_EQ(format_fixed(-1e-9, 2), "0.00");
  EXPECT_EQ(format_fixed(-6.5, 1), "-6.5");
}

TEST(TextTest, FormatSignificant) {
  EXPECT_EQ(format_significant(0.000021345, 3), "2.13e-05");
  EXPECT_EQ(format_significant(0.0100, 3), "0.01");
}

}  // namespace
}  // namespace orgsim::app
