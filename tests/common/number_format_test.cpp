#include "common/number_format.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <clocale>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <locale>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "common/errors.hpp"

namespace orgsim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// printf in the "C" locale (the tests never change the C locale outside the locale
// test), the formatting number_format replaced: its output must stay the same.
std::string printf_text(const char* format, int precision, double v) {
  char buf[2048];
  std::snprintf(buf, sizeof buf, format, precision, v);
  return buf;
}

// Doubles of every size and sign (fixed seed), plus values near rounding ties.
std::vector<double> sample_values() {
  std::vector<double> values = {0.0,  -0.0,  0.5,   -0.5,    1.5,    2.5,  0.125, 84.126, -6.5,
                                1e-9, -1e-9, 1e300, -1e-300, 5e-324, kInf, -kInf, kNan};
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> cx(-200.0, 200.0);
  for (int i = 0; i < 2000; ++i) values.push_back(cx(rng));
  for (int i = 0; i < 2000; ++i) {
    const double v = std::bit_cast<double>(rng());
    if (!std::isnan(v)) values.push_back(v);
  }
  for (int k = -64; k <= 64; ++k) values.push_back(std::ldexp(k, -4));  // exact halves, quarters
  return values;
}

TEST(NumberFormatTest, ShortestReadsBackAsTheSameDouble) {
  EXPECT_EQ(format_shortest(0.1), "0.1");
  EXPECT_EQ(format_shortest(84.75), "84.75");
  EXPECT_EQ(format_shortest(100.0), "100");
  EXPECT_EQ(format_shortest(1e300), "1e+300");
  EXPECT_EQ(format_shortest(-0.0), "-0");
  EXPECT_EQ(format_shortest(kInf), "inf");
  EXPECT_EQ(format_shortest(-kInf), "-inf");
  EXPECT_EQ(format_shortest(kNan), "nan");
  for (double v : sample_values()) {
    if (!std::isfinite(v)) continue;
    const std::string text = format_shortest(v);
    double back = 0.0;
    std::from_chars(text.data(), text.data() + text.size(), back);
    EXPECT_EQ(std::bit_cast<std::uint64_t>(back), std::bit_cast<std::uint64_t>(v)) << text;
  }
}

TEST(NumberFormatTest, ExactIsPrintf17g) {
  EXPECT_EQ(format_exact(0.1), "0.10000000000000001");
  EXPECT_EQ(format_exact(100.0), "100");
  EXPECT_EQ(format_exact(-0.0), "-0");
  for (double v : sample_values()) EXPECT_EQ(format_exact(v), printf_text("%.*g", 17, v));
}

TEST(NumberFormatTest, AppendAddsToTheEnd) {
  std::string out = "x=";
  append_shortest(out, 0.25);
  out += ",";
  append_exact(out, 0.1);
  EXPECT_EQ(out, "x=0.25,0.10000000000000001");
}

TEST(NumberFormatTest, FixedRoundsCorrectly) {
  EXPECT_EQ(format_fixed(84.126, 2), "84.13");
  EXPECT_EQ(format_fixed(84.123, 2), "84.12");
  EXPECT_EQ(format_fixed(-6.5, 1), "-6.5");
  EXPECT_EQ(format_fixed(0.125, 2), "0.12");  // an exact binary tie: to even, as printf
  EXPECT_EQ(format_fixed(0.375, 2), "0.38");
  EXPECT_EQ(format_fixed(2.5, 0), "2");
  EXPECT_EQ(format_fixed(12.0, 3), "12.000");
  // Every digit of a large number, where a fixed-size printf buffer would cut it.
  EXPECT_EQ(format_fixed(1e300, 2).size(), 301u + 3u);
  EXPECT_EQ(format_fixed(kInf, 2), "inf");
  EXPECT_EQ(format_fixed(kNan, 2), "nan");
}

TEST(NumberFormatTest, FixedNeverPrintsNegativeZero) {
  EXPECT_EQ(format_fixed(-1e-9, 2), "0.00");
  EXPECT_EQ(format_fixed(-0.0, 2), "0.00");
  EXPECT_EQ(format_fixed(-0.004, 2), "0.00");
  EXPECT_EQ(format_fixed(-0.5, 0), "0");  // a tie that rounds to even: zero
  EXPECT_EQ(format_fixed(-0.006, 2), "-0.01");
  EXPECT_EQ(format_fixed(-kInf, 1), "-inf");
}

TEST(NumberFormatTest, FixedIsPrintfExceptForNegativeZero) {
  for (double v : sample_values()) {
    for (int decimals : {0, 1, 2, 3, 4}) {
      std::string expected = printf_text("%.*f", decimals, v);
      if (expected.front() == '-' && expected.find_first_not_of("-0.") == std::string::npos) {
        expected.erase(0, 1);
      }
      EXPECT_EQ(format_fixed(v, decimals), expected);
    }
  }
}

TEST(NumberFormatTest, SignificantIsPrintfG) {
  EXPECT_EQ(format_significant(0.000021345, 3), "2.13e-05");
  EXPECT_EQ(format_significant(0.0100, 3), "0.01");
  EXPECT_EQ(format_significant(1234567.0, 3), "1.23e+06");
  EXPECT_EQ(format_significant(0.98765, 3), "0.988");
  for (double v : sample_values()) {
    for (int digits : {1, 3, 6}) {
      EXPECT_EQ(format_significant(v, digits), printf_text("%.*g", digits, v));
    }
  }
}

TEST(NumberFormatTest, RejectsPrecisionOutOfRange) {
  try {
    format_fixed(1.0, -1);
    FAIL() << "no exception";
  } catch (const InvalidArgument& e) {
    EXPECT_STREQ(e.what(), "format_fixed: decimals must be in [0, 1074], got -1");
  }
  try {
    format_significant(1.0, 0);
    FAIL() << "no exception";
  } catch (const InvalidArgument& e) {
    EXPECT_STREQ(e.what(), "format_significant: digits must be in [1, 1074], got 0");
  }
  EXPECT_EQ(format_fixed(5e-324, 1074).size(), 1076u);  // every decimal of the smallest double
}

// A comma for the decimal point and a dot between thousands, as in German.
class CommaDecimal : public std::numpunct<char> {
 protected:
  char do_decimal_point() const override { return ','; }
  char do_thousands_sep() const override { return '.'; }
  std::string do_grouping() const override { return "\3"; }
};

// Sets a comma-decimal locale as the global one: de_DE (or another) if installed, which
// also sets the C locale that printf reads; otherwise the CommaDecimal facet, which
// only iostreams see. Restores "C" afterwards.
class CommaLocaleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"de_DE.UTF-8", "de_DE.utf8", "de_DE", "fr_FR.UTF-8", "fr_FR.utf8"}) {
      try {
        previous_ = std::locale::global(std::locale(name));
        named_ = name;
        return;
      } catch (const std::runtime_error&) {
        // not installed: try the next one
      }
    }
    previous_ = std::locale::global(std::locale(std::locale::classic(), new CommaDecimal));
  }
  void TearDown() override {
    std::locale::global(previous_);
    std::setlocale(LC_ALL, "C");
  }

  std::locale previous_;
  std::string named_;  // "" when the facet is used
};

TEST_F(CommaLocaleTest, OutputIsTheSameInACommaDecimalLocale) {
  // The locale is in force: a default-constructed stream writes a decimal comma.
  std::ostringstream stream;
  stream << 1234.5;
  EXPECT_EQ(stream.str(), "1.234,5") << "locale " << (named_.empty() ? "facet" : named_);
  if (!named_.empty()) {
    // A named locale reaches the C library too, where printf would write "0,5".
    EXPECT_EQ(printf_text("%.*f", 1, 0.5), "0,5");
  }
  EXPECT_EQ(format_shortest(0.5), "0.5");
  EXPECT_EQ(format_shortest(1234.5), "1234.5");
  EXPECT_EQ(format_exact(0.1), "0.10000000000000001");
  EXPECT_EQ(format_fixed(84.126, 2), "84.13");
  EXPECT_EQ(format_fixed(1234567.0, 1), "1234567.0");
  EXPECT_EQ(format_significant(0.000021345, 3), "2.13e-05");
  std::string out;
  append_shortest(out, 2.25);
  append_exact(out, -1.5);
  EXPECT_EQ(out, "2.25-1.5");
}

}  // namespace
}  // namespace orgsim
