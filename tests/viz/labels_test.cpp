#include "viz/labels.hpp"

#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "viz/utf8.hpp"

namespace orgsim::viz {
namespace {

using Lines = std::vector<std::string>;

TEST(LabelsTest, ShortNameIsOneLine) { EXPECT_EQ(wrap_text("Payroll", 22, 3), Lines{"Payroll"}); }

TEST(LabelsTest, WrapsAtSpaces) {
  EXPECT_EQ(wrap_text("Customer feedback and insights", 22, 3),
            (Lines{"Customer feedback and", "insights"}));
}

TEST(LabelsTest, SplitsAWordLongerThanALine) {
  EXPECT_EQ(wrap_text("abcdefghij", 4, 3), (Lines{"abcd", "efgh", "ij"}));
}

TEST(LabelsTest, LongNameEndsWithEllipsis) {
  std::string name(200, 'x');
  Lines lines = wrap_text(name, 22, 3);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], std::string(22, 'x'));
  EXPECT_EQ(lines[2], std::string(21, 'x') + std::string(kEllipsis));
}

TEST(LabelsTest, EllipsisAfterLastWholeWord) {
  EXPECT_EQ(wrap_text("one two three four five", 9, 2), (Lines{"one two", "three\xE2\x80\xA6"}));
}

TEST(LabelsTest, NewlinesTabsAndControlsAreSpaces) {
  EXPECT_EQ(wrap_text("a\nb\tc\x01"
                      "d",
                      22, 3),
            Lines{"a b c d"});
  EXPECT_EQ(wrap_text("  \n ", 22, 3), Lines{});
}

TEST(LabelsTest, CountsCodePointsNotBytes) {
  // Five two-byte letters fit a width of five.
  EXPECT_EQ(wrap_text("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 5, 1),
            Lines{"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"});
}

TEST(LabelsTest, MalformedUtf8IsReplaced) {
  EXPECT_EQ(wrap_text("a\xff", 22, 1), Lines{"a\xEF\xBF\xBD"});
}

TEST(LabelsTest, RejectsTinyWidth) {
  try {
    wrap_text("x", 1, 1);
    FAIL() << "no throw";
  } catch (const InvalidArgument& e) {
    EXPECT_STREQ(e.what(), "wrap_text: width must be at least 2, got 1");
  }
  EXPECT_THROW(wrap_text("x", 5, 0), InvalidArgument);
}

TEST(LabelsTest, Numbers) {
  EXPECT_EQ(fixed(0.4949, 2), "0.49");
  EXPECT_EQ(fixed(-0.001, 2), "0.00");
  EXPECT_EQ(two_significant(0.12), "0.12");
  EXPECT_EQ(two_significant(0.01), "0.010");
  EXPECT_EQ(two_significant(0.0015), "0.0015");
  EXPECT_EQ(two_significant(3.41), "3.4");
  EXPECT_EQ(two_significant(17.2), "17");
  EXPECT_EQ(two_significant(0), "0");
  EXPECT_EQ(percent(0.5), "50%");
  EXPECT_EQ(percent(0.934), "93%");
}

}  // namespace
}  // namespace orgsim::viz
