#include "model/rules.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <cstdio>
#include <string>

namespace orgsim::model {
namespace {

// What the YAML reader printed before it used Interval: printf's "%g".
std::string printf_g(const Interval& r) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%c%g, %g%c", r.low_open ? '(' : '[', r.low, r.high,
                r.high_open ? ')' : ']');
  return buf;
}

TEST(RulesTest, IntervalsAreWrittenAsPrintfG) {
  EXPECT_EQ(kBaselineRange.str(), "(0, 100]");
  EXPECT_EQ(kRecoveryRange.str(), "(0, 1]");
  EXPECT_EQ(kTouchpointRange.str(), "[0, 1]");
  for (const Interval& r : {Interval{-0.5, 1e-5, false, true}, Interval{0.2, 1234567.0, true, true},
                            Interval{1e-300, 1e300, false, false}, Interval{-0.0, 0.125}}) {
    EXPECT_EQ(r.str(), printf_g(r));
  }
}

TEST(RulesTest, IntegerRangeMessages) {
  constexpr IntegerInterval kBoth{1, 10};
  EXPECT_EQ(check_range("n", kBoth, 11, "11"), "n must be in [1, 10], got 11");
  EXPECT_EQ(check_range("n", kBoth, 0, "0"), "n must be in [1, 10], got 0");
  EXPECT_EQ(check_range("n", kBoth, 10, "10"), std::nullopt);
  // An integer too large for long long comes as LLONG_MIN or LLONG_MAX, written as read.
  constexpr IntegerInterval kAtLeastZero{0, INT_MAX};
  EXPECT_EQ(check_range("from", kAtLeastZero, LLONG_MIN, "-99999999999999999999"),
            "from must be at least 0, got -99999999999999999999");
  EXPECT_EQ(check_range("from", kAtLeastZero, LLONG_MAX, "99999999999999999999"),
            "from must be at most 2147483647, got 99999999999999999999");
}

TEST(RulesTest, IdsAreShortAndPrintable) {
  EXPECT_EQ(check_id("field 'id'", "payments"), std::nullopt);
  EXPECT_EQ(check_id("field 'id'", std::string(kMaxIdBytes, 'x')), std::nullopt);
  EXPECT_EQ(check_id("column 'role'", std::string(kMaxIdBytes + 1, 'x')),
            "column 'role' is too long: 257 bytes, at most 256");
  EXPECT_EQ(check_id("field 'id'", "a\tb"),
            "field 'id' must not contain control characters, got 'a\\tb'");
  EXPECT_EQ(check_id("field 'id'", "a\x7F"),
            "field 'id' must not contain control characters, got 'a\\x7f'");
}

TEST(RulesTest, ModelMessages) {
  EXPECT_EQ(duplicate_id_message("role", "web", 4),
            "duplicate role id 'web' (first defined at line 4)");
  EXPECT_EQ(duplicate_id_message("department", "ops", 2),
            "duplicate department id 'ops' (first defined at line 2)");
  EXPECT_EQ(duplicate_dependency_message("web", "db", 3),
            "duplicate dependency web -> db (first at line 3)");
  EXPECT_EQ(unknown_department_message("opz", "; did you mean 'ops'?"),
            "unknown department 'opz'; did you mean 'ops'?");
}

TEST(RulesTest, SuggestionsStopWhenTheBudgetIsSpent) {
  SuggestBudget budget;
  const auto name = [](std::size_t) -> std::string_view { return "payments"; };
  // Each call spends `count` of the 5,000,000 names one input may compare. The first
  // gives no hint either way: did_you_mean gives none above 50,000 names.
  EXPECT_EQ(budget.suggest("paymnts", 4'000'000, name), "");
  EXPECT_EQ(budget.suggest("paymnts", 1, name), "; did you mean 'payments'?");
  EXPECT_EQ(budget.suggest("paymnts", 1'000'000, name), "");  // 999,999 left: not spent
  EXPECT_EQ(budget.suggest("paymnts", 1, name), "; did you mean 'payments'?");
}

}  // namespace
}  // namespace orgsim::model
