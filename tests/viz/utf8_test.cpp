#include "viz/utf8.hpp"

#include <gtest/gtest.h>

namespace orgsim::viz {
namespace {

constexpr std::string_view kFffd = "\xEF\xBF\xBD";

TEST(Utf8Test, KeepsValidText) {
  EXPECT_EQ(valid_utf8("abc"), "abc");
  EXPECT_EQ(valid_utf8("Caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80"),
            "Caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80");
}

TEST(Utf8Test, ReplacesEachMalformedByte) {
  EXPECT_EQ(valid_utf8("a\xff"
                       "b"),
            "a" + std::string(kFffd) + "b");
  EXPECT_EQ(valid_utf8("\xc3"), std::string(kFffd));                           // truncated
  EXPECT_EQ(valid_utf8("\xc0\xaf"), std::string(kFffd) + std::string(kFffd));  // overlong
  EXPECT_EQ(valid_utf8("\xed\xa0\x80"),
            std::string(kFffd) + std::string(kFffd) + std::string(kFffd));  // surrogate
}

TEST(Utf8Test, SplitsCodePoints) {
  auto cps = code_points("a\xc3\xa9\xe2\x86\x92");
  ASSERT_EQ(cps.size(), 3u);
  EXPECT_EQ(cps[1], "\xc3\xa9");
  EXPECT_EQ(cps[2], "\xe2\x86\x92");
}

}  // namespace
}  // namespace orgsim::viz
