#include "model/time_unit.hpp"

#include <gtest/gtest.h>

#include <string>

#include "model/loader.hpp"
#include "model/yaml_writer.hpp"
#include "tests/support/model_text.hpp"

namespace orgsim::model {
namespace {

TEST(TimeUnitTest, PluralsOfCommonUnits) {
  EXPECT_EQ(plural_unit("day"), "days");
  EXPECT_EQ(plural_unit("step"), "steps");
  EXPECT_EQ(plural_unit("week"), "weeks");
  EXPECT_EQ(plural_unit("business-day"), "business-days");
  EXPECT_EQ(plural_unit("batch"), "batches");
  EXPECT_EQ(plural_unit("study"), "studies");
  EXPECT_EQ(plural_unit("class"), "classes");
}

TEST(TimeUnitTest, WindowsAreWrittenOneWayInclusive) {
  EXPECT_EQ(window_text("day", 0, 15), "days 0-14");
  EXPECT_EQ(window_text("day", 3, 4), "day 3");
  EXPECT_EQ(window_text("day", 3, std::nullopt), "days 3 to the end");
  EXPECT_EQ(window_text("step", 2, 10), "steps 2-9");
  EXPECT_EQ(count_units("day", 1), "1 day");
  EXPECT_EQ(count_units("week", 30), "30 weeks");
  EXPECT_EQ(step_text("shift", 12), "shift 12");
}

TEST(TimeUnitTest, OnlySingleWordsOfLetters) {
  EXPECT_EQ(time_unit_problem("day"), "");
  EXPECT_EQ(time_unit_problem("business-day"), "");
  EXPECT_NE(time_unit_problem(""), "");
  EXPECT_NE(time_unit_problem("two words"), "");
  EXPECT_NE(time_unit_problem("-day"), "");
  EXPECT_NE(time_unit_problem("day-"), "");
  EXPECT_NE(time_unit_problem("d<a>y"), "");
  EXPECT_NE(time_unit_problem(std::string(25, 'a')), "");
}

TEST(TimeUnitTest, ModelNamesItsUnitAndTheWriterKeepsIt) {
  std::string text(test::kSmallModel);
  text.insert(text.find("departments:"), "time_unit: week\n");
  OrgGraph g = parse_model(text, "m.yaml");
  EXPECT_EQ(g.time_unit, "week");
  EXPECT_NE(to_yaml(g).find("time_unit: week\n"), std::string::npos);
  EXPECT_EQ(parse_model(to_yaml(g), "again.yaml").time_unit, "week");
  // Without the field: "step", and the writer leaves it out.
  OrgGraph plain = parse_model(test::kSmallModel, "m.yaml");
  EXPECT_EQ(plain.time_unit, "step");
  EXPECT_EQ(to_yaml(plain).find("time_unit"), std::string::npos);
}

TEST(TimeUnitTest, ABadUnitIsAnErrorAtItsValue) {
  std::string text(test::kSmallModel);
  text.insert(text.find("departments:"), "time_unit: <b>days</b>\n");
  EXPECT_EQ(test::model_error(text),
            "m.yaml:2:12: error: time_unit '<b>days</b>': a time unit is one singular word of "
            "letters, such as day, week or shift\n"
            "    time_unit: <b>days</b>\n"
            "               ^\n");
}

}  // namespace
}  // namespace orgsim::model
