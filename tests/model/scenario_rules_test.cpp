#include "model/scenario_rules.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "model/loader.hpp"

namespace orgsim::model {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr std::string_view kModel = R"(name: m
departments: [{id: ops}]
roles:
  - {id: web, department: ops, touchpoint: 0.6}
  - {id: checkout, department: ops, touchpoint: 0.4}
  - {id: payments, department: ops}
dependencies:
  - {role: web, depends_on: checkout, weight: 0.5}
)";

template <typename T>
ItemField<T> given(T value, std::string written = "", std::size_t order = 0) {
  return {true, std::move(value), std::move(written), order};
}

// A field the reader found but could not read (it said why).
template <typename T>
ItemField<T> unreadable() {
  return {true, std::nullopt, "", 0};
}

MATCHER_P2(Problem, field, message, "") {
  return arg.field == field && arg.message == message && !arg.at_key;
}
MATCHER_P2(ProblemAtKey, field, message, "") {
  return arg.field == field && arg.message == message && arg.at_key;
}

class ScenarioRulesTest : public ::testing::Test {
 protected:
  OrgGraph model_ = parse_model(kModel, "m.yaml");
  ScenarioChecker check_{&model_};
};

TEST_F(ScenarioRulesTest, RangesAreWrittenAsInTheDocs) {
  EXPECT_EQ(kDegradeRange.str(), "(0, 1]");
  EXPECT_EQ(kChangeWeightRange.str(), "[0, 1]");
  EXPECT_EQ((Interval{0.0, 100.0, true, false}.str()), "(0, 100]");
  EXPECT_FALSE(kDegradeRange.contains(0.0));
  EXPECT_FALSE(kDegradeRange.contains(-0.0));
  EXPECT_TRUE(kDegradeRange.contains(1.0));
  EXPECT_TRUE(kTouchpointRange.contains(0.0));
}

TEST_F(ScenarioRulesTest, RangeMessagesNameTheFieldTheRangeAndTheValueAsWritten) {
  EXPECT_EQ(check_range("degrade", kDegradeRange, 0.5, "0.5"), std::nullopt);
  EXPECT_EQ(check_range("degrade", kDegradeRange, 1.5, "1.50"),
            "degrade must be in (0, 1], got 1.50");
  // Integer ranges leave an INT_MIN or INT_MAX bound out.
  EXPECT_EQ(check_range("from", kFromRange, -1, "-1"), "from must be at least 0, got -1");
  EXPECT_EQ(check_range("to", kToRange, 2147483648LL, "2147483648"),
            "to must be at most 2147483647, got 2147483648");
  EXPECT_EQ(check_range("to", kToRange, -2147483649LL, "-2147483649"),
            "to must be at least -2147483648, got -2147483649");
  EXPECT_EQ(check_range("to", kToRange, 7, "7"), std::nullopt);
  EXPECT_EQ(check_steps(0, "0"), "steps must be in [1, 100000], got 0");
  EXPECT_EQ(check_steps(100000, "100000"), std::nullopt);
  // A reader may allow fewer steps, never more.
  EXPECT_EQ(check_steps(10001, "10001", 10000), "steps must be in [1, 10000], got 10001");
  EXPECT_EQ(check_steps(100001, "100001", 1000000), "steps must be in [1, 100000], got 100001");
}

TEST_F(ScenarioRulesTest, FieldMessages) {
  EXPECT_EQ(unknown_field_message("wieght", kChangeItem, kChangeKeys),
            "unknown field 'wieght' in change; did you mean 'weight'?");
  EXPECT_EQ(unknown_field_message("colour", kFailureItem, kFailureKeys),
            "unknown field 'colour' in failure");
  // Quoted as every echo of input: control characters escaped, cut after 60 bytes.
  EXPECT_EQ(unknown_field_message(std::string("a\0b", 3), kInitialItem, kInitialKeys),
            "unknown field 'a\\x00b' in initial state");
  EXPECT_EQ(missing_field_message(kInitialItem, "q"),
            "initial state is missing required field 'q'");
  EXPECT_EQ(unknown_role_message("paymnts", "; did you mean 'payments'?"),
            "unknown role 'paymnts'; did you mean 'payments'?");
  EXPECT_EQ(self_dependency_message("web"), "role 'web' cannot depend on itself");
}

TEST_F(ScenarioRulesTest, AcceptsAValidFailure) {
  Checked<Failure> c =
      check_.failure({given<std::string>("payments"), given(0.5), given(2LL), given(5LL)});
  EXPECT_THAT(c.problems, IsEmpty());
  ASSERT_TRUE(c.item);
  EXPECT_EQ(c.item->role, *model_.find_role("payments"));
  EXPECT_EQ(c.item->degrade, 0.5);
  EXPECT_EQ(c.item->from, 2);
  EXPECT_EQ(c.item->to, 5);
  // from and to are optional.
  c = check_.failure({given<std::string>("payments"), given(1.0), {}, {}});
  ASSERT_TRUE(c.item);
  EXPECT_EQ(c.item->from, 0);
  EXPECT_EQ(c.item->to, std::nullopt);
}

TEST_F(ScenarioRulesTest, RejectsBadFailures) {
  Checked<Failure> c = check_.failure({{}, {}, given(-1LL, "-1"), given(0LL, "0")});
  EXPECT_FALSE(c.item);
  EXPECT_THAT(c.problems, ElementsAre(Problem("", "failure is missing required field 'role'"),
                                      Problem("", "failure is missing required field 'degrade'"),
                                      Problem("from", "from must be at least 0, got -1")));
  // `to` is compared with `from` only when `from` is valid, or absent (0).
  c = check_.failure({given<std::string>("paymnts"), given(0.5), {}, given(0LL)});
  EXPECT_THAT(c.problems,
              ElementsAre(Problem("role", "unknown role 'paymnts'; did you mean 'payments'?"),
                          Problem("to", "to (0) must be greater than from (0)")));
}

TEST_F(ScenarioRulesTest, FieldsTheReaderCouldNotReadAreNotReportedAgain) {
  Checked<Failure> c = check_.failure({unreadable<std::string>(), unreadable<double>(),
                                       unreadable<long long>(), unreadable<long long>()});
  EXPECT_FALSE(c.item);
  EXPECT_THAT(c.problems, IsEmpty());
}

TEST_F(ScenarioRulesTest, WithoutAModelRolesAreNotLookedUp) {
  ScenarioChecker check(nullptr);
  Checked<Failure> c = check.failure({given<std::string>("anything"), given(0.5), {}, {}});
  EXPECT_FALSE(c.item);
  EXPECT_THAT(c.problems, IsEmpty());
}

TEST_F(ScenarioRulesTest, AChangeIsExactlyOneKind) {
  Checked<Change> c = check_.change(
      {given<std::string>("web"), given<std::string>("payments"), given(0.0), {}, {}});
  EXPECT_THAT(c.problems, IsEmpty());
  ASSERT_TRUE(c.item);
  EXPECT_EQ(c.item->depends_on, model_.find_role("payments"));
  EXPECT_EQ(c.item->weight, 0.0);

  c = check_.change({given<std::string>("web"), {}, {}, {}, {}});
  EXPECT_THAT(c.problems, ElementsAre(Problem("",
                                              "change must set one of 'depends_on' with "
                                              "'weight', 'recovery' or 'touchpoint'")));
  c = check_.change({given<std::string>("web"), given<std::string>("checkout"), {}, {}, {}});
  EXPECT_THAT(c.problems, ElementsAre(Problem(
                              "", "change with 'depends_on' is missing required field 'weight'")));
  c = check_.change({given<std::string>("web"), {}, given(0.2), {}, {}});
  EXPECT_THAT(c.problems, ElementsAre(Problem(
                              "", "change with 'weight' is missing required field 'depends_on'")));
}

TEST_F(ScenarioRulesTest, ASecondKindIsReportedAtTheKeyWrittenSecond) {
  const std::string several =
      "change sets more than one of 'depends_on' with 'weight', 'recovery' and 'touchpoint'; "
      "write each change as its own item";
  // touchpoint written before recovery: recovery is the second.
  Checked<Change> c = check_.change(
      {given<std::string>("web", "", 0), {}, {}, given(0.5, "0.5", 20), given(0.1, "0.1", 10)});
  EXPECT_FALSE(c.item);
  EXPECT_THAT(c.problems, ElementsAre(ProblemAtKey("recovery", several)));
  // A dependency begins at the first of its two keys.
  c = check_.change({given<std::string>("web", "", 0),
                     given<std::string>("checkout", "", 30),
                     given(0.5, "0.5", 10),
                     given(0.5, "0.5", 20),
                     {}});
  EXPECT_THAT(c.problems, ElementsAre(ProblemAtKey("recovery", several)));
  // Without positions (JSON), in the order of the kinds.
  c = check_.change({given<std::string>("web"), {}, {}, given(0.5), given(0.1)});
  EXPECT_THAT(c.problems, ElementsAre(ProblemAtKey("touchpoint", several)));
}

TEST_F(ScenarioRulesTest, RejectsBadChangeValues) {
  Checked<Change> c = check_.change(
      {given<std::string>("web"), given<std::string>("web"), given(1.5, "1.5"), {}, {}});
  EXPECT_THAT(c.problems, ElementsAre(Problem("depends_on", "role 'web' cannot depend on itself"),
                                      Problem("weight", "weight must be in [0, 1], got 1.5")));
  c = check_.change({given<std::string>("web"), {}, {}, given(0.0, "0"), {}});
  EXPECT_THAT(c.problems, ElementsAre(Problem("recovery", "recovery must be in (0, 1], got 0")));
  c = check_.change({{}, {}, {}, {}, given(2.0, "2")});
  EXPECT_THAT(c.problems,
              ElementsAre(Problem("", "change is missing required field 'role'"),
                          Problem("touchpoint", "touchpoint must be in [0, 1], got 2")));
}

TEST_F(ScenarioRulesTest, OneInitialStatePerRole) {
  Checked<InitialState> a = check_.initial({given<std::string>("web"), given(0.5)}, "line 4");
  ASSERT_TRUE(a.item);
  EXPECT_EQ(a.item->q, 0.5);
  Checked<InitialState> b = check_.initial({given<std::string>("web"), given(0.2)}, "line 5");
  EXPECT_FALSE(b.item);
  EXPECT_THAT(b.problems, ElementsAre(Problem(
                              "role", "duplicate initial state for role 'web' (first at line 4)")));
  // A role whose q is wrong still counts as its first initial state.
  Checked<InitialState> c =
      check_.initial({given<std::string>("checkout"), given(1.5, "1.5")}, "initial[2]");
  EXPECT_THAT(c.problems, ElementsAre(Problem("q", "q must be in [0, 1], got 1.5")));
  c = check_.initial({given<std::string>("checkout"), given(0.5)}, "initial[3]");
  EXPECT_THAT(c.problems,
              ElementsAre(Problem(
                  "role", "duplicate initial state for role 'checkout' (first at initial[2])")));
  c = check_.initial({{}, {}}, "initial[4]");
  EXPECT_THAT(c.problems, ElementsAre(Problem("", "initial state is missing required field 'role'"),
                                      Problem("", "initial state is missing required field 'q'")));
}

}  // namespace
}  // namespace orgsim::model
