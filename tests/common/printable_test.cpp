#include "common/printable.hpp"

#include <gtest/gtest.h>

#include <string>

namespace orgsim {
namespace {

TEST(PrintableTest, KeepsTextAndUtf8) {
  EXPECT_EQ(printable("results/été 2026.csv"), "results/été 2026.csv");
  EXPECT_EQ(printable("日本語"), "日本語");
}

TEST(PrintableTest, EscapesControlCharactersSoNothingReachesTheTerminal) {
  EXPECT_EQ(printable("a\nWrote b"), "a\\nWrote b");
  EXPECT_EQ(printable("tab\there\r"), "tab\\there\\r");
  EXPECT_EQ(printable("\x1b[2J"), "\\x1b[2J");
  EXPECT_EQ(printable(std::string("nul\0byte", 8)), "nul\\x00byte");
  EXPECT_EQ(printable("del\x7f"), "del\\x7f");
  // U+009B, CSI, in UTF-8; and a lone 0x9b byte, which some terminals take as CSI.
  EXPECT_EQ(printable("\xc2\x9b"
                      "2J"),
            "\\xc2\\x9b2J");
  EXPECT_EQ(printable("\x9b"
                      "2J"),
            "\\x9b2J");
  EXPECT_EQ(printable("cut\xe6\x97"), "cut\\xe6\\x97");
}

}  // namespace
}  // namespace orgsim
