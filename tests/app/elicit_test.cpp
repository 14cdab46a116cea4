// `orgsim elicit` below the CLI: the survey's questions in plain words, the answers read
// back with every problem located, and the merge (medians, scale, spread, disagreement).
#include "app/elicit.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "model/loader.hpp"

namespace orgsim::app {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kModel = R"(name: Shop
time_unit: week
departments:
  - {id: ops}
roles:
  - {id: agents, name: Voice agents, department: ops, touchpoint: 0.6}
  - {id: payroll, name: Payroll, department: ops, recovery: 0.3}
  - {id: web, department: ops, touchpoint: 0.3}
dependencies:
  - {role: agents, depends_on: payroll, weight: 0.12}
  - {role: web, depends_on: payroll, weight: 0.05}
)";

class ElicitTest : public ::testing::Test {
 protected:
  model::OrgGraph g_ = model::parse_model(kModel, "m.yaml");
  std::vector<Question> q_ = survey_questions(g_);

  // The answers of people whose files are `texts` (named p1.csv, p2.csv, ...).
  Answers read(const std::vector<std::string>& texts, Diagnostics& out) const {
    std::vector<AnswerFile> files;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      files.push_back({"p" + std::to_string(i + 1) + ".csv", texts[i]});
    }
    return read_answers(g_, q_, files, out);
  }
  std::string errors(const std::string& text) const {
    Diagnostics out;
    read({text}, out);
    std::string s;
    for (const Diagnostic& d : out.items()) s += d.where.str() + ": " + d.message + "\n";
    return s;
  }
};

constexpr std::string_view kHeader = "id,kind,role,depends_on,question,answer,note\n";

TEST_F(ElicitTest, AsksOneQuestionPerDependencyRecoveryAndTouchpointInPlainWords) {
  ASSERT_EQ(q_.size(), 2u + 3u + 2u);
  EXPECT_EQ(q_[0].id, "Q1");
  EXPECT_EQ(q_[0].text,
            "If Payroll were half as effective for a week, how much would Voice agents suffer? "
            "0 none, 1 a little, 2 noticeably, 3 a lot, 4 severely");
  EXPECT_EQ(q_[3].text,
            "If Payroll stopped completely, how many weeks would it take to get half-way back "
            "to normal? A number of weeks, such as 0.5, 2 or 10");
  EXPECT_EQ(q_[5].text,
            "Of 100 points customers use to judge us, how many are won or lost in their "
            "contact with Voice agents? 0 to 100");
  const std::string csv = survey_csv(g_, q_);
  EXPECT_EQ(csv.substr(0, csv.find('\n') + 1), kHeader);
  EXPECT_THAT(csv, HasSubstr("\nQ2,dependency,web,payroll,\"If Payroll were half"));
  EXPECT_THAT(csv, HasSubstr("\nQ7,touchpoint,web,,\"Of 100 points"));
}

TEST_F(ElicitTest, KeepsSpreadsheetsFromRunningACellAsAFormula) {
  EXPECT_EQ(spreadsheet_cell("=cmd()"), "'=cmd()");
  EXPECT_EQ(spreadsheet_cell("-x"), "'-x");
  EXPECT_EQ(spreadsheet_cell("'=x"), "''=x");
  EXPECT_EQ(spreadsheet_cell("web"), "web");
  for (std::string_view s : {"=cmd()", "-x", "'=x", "web", "'a"}) {
    EXPECT_EQ(from_spreadsheet_cell(spreadsheet_cell(s)), s);
  }
}

TEST_F(ElicitTest, ReadsTheSurveyBackInAnyOrderWithEmptyAnswersLeftOut) {
  Diagnostics out;
  const Answers a = read({std::string(kHeader) + "Q2,dependency,web,payroll,,1,\n"
                                                 "Q1,dependency,agents,payroll,,\"3 a lot\",\n"
                                                 "Q4,recovery,payroll,,,,\n"},
                         out);
  EXPECT_FALSE(out.has_errors());
  EXPECT_EQ(a.values[0][0], 3.0);
  EXPECT_EQ(a.values[1][0], 1.0);
  EXPECT_FALSE(a.values[3][0].has_value());
}

TEST_F(ElicitTest, NamesEveryBadAnswerWithItsCell) {
  EXPECT_EQ(errors(std::string(kHeader) + "Q1,dependency,agents,payroll,,5,\n"
                                          "Q2,dependency,web,agents,,1,\n"
                                          "Q3,recovery,agentz,,,2,\n"
                                          "Q4,recovery,payroll,,,0,\n"
                                          "Q6,touchpoint,web,,,120,\n"
                                          "Q9,sentiment,web,,,1,\n"
                                          "Q1,dependency,agents,payroll,,2,\n"
                                          "Q1,dependency,agents,payroll,,2,\n"),
            "p1.csv:2:31: answer must be 0, 1, 2, 3 or 4 (0 none ... 4 severely), got '5'\n"
            "p1.csv:3:19: the model has no dependency web -> agents\n"
            "p1.csv:4:13: unknown role 'agentz'; did you mean 'agents'?\n"
            "p1.csv:5:23: answer must be a number of time units above 0 (0.5, 2, 10), got '0'\n"
            "p1.csv:6:21: answer must be a number of points from 0 to 100, got '120'\n"
            "p1.csv:7:4: unknown kind 'sentiment' (the kinds are dependency, recovery, "
            "touchpoint)\n"
            "p1.csv:9:31: Q1 is answered twice (first at line 8)\n");
  EXPECT_EQ(errors("id,kind,role,answer\n"),
            "p1.csv:1:1: missing column 'depends_on'; the first line must be the survey's "
            "(id,kind,role,depends_on,question,answer,note)\n");
}

TEST_F(ElicitTest, MergesMediansThroughTheScaleAndFlagsDisagreement) {
  Diagnostics out;
  auto row = [](std::string_view a1, std::string_view a2, std::string_view rec,
                std::string_view tp) {
    return std::string(kHeader) + "Q1,dependency,agents,payroll,," + std::string(a1) +
           ",\nQ2,dependency,web,payroll,," + std::string(a2) + ",\nQ4,recovery,payroll,,," +
           std::string(rec) + ",\nQ6,touchpoint,agents,,," + std::string(tp) + ",\n";
  };
  const Answers a =
      read({row("0", "1", "1", "50"), row("2", "0", "2", "55"), row("4", "0", "4", "60")}, out);
  ASSERT_FALSE(out.has_errors());
  const Merge m = merge_answers(g_, q_, a);
  // Q1: 0, 2, 4: median 2 (noticeably) = 0.12, spread 4 scale points: flagged.
  EXPECT_EQ(m.items[0].median, 2.0);
  EXPECT_EQ(m.items[0].after, 0.12);
  EXPECT_TRUE(m.items[0].disagree);
  // Q2: 1, 0, 0: median 0 (none): the dependency is removed.
  EXPECT_TRUE(m.items[1].removed);
  ASSERT_EQ(m.graph.dependencies().size(), 1u);
  EXPECT_EQ(m.comments.dependencies[0],
            "Q1 dependency: 0, 2, 4 (median 2 noticeably) -> 0.12; "
            "DISAGREE: talk it through");
  // Q4: half-way in 1, 2, 4 weeks: median 2, recovery 1 - 0.5^(1/2) = 0.293; 4/1 >= 3.
  EXPECT_EQ(m.graph.roles()[1].recovery, 0.293);
  EXPECT_TRUE(m.items[3].disagree);
  // Q6: 50, 55, 60 points: 0.55, within 20 points; web's touchpoint was not answered.
  EXPECT_EQ(m.graph.roles()[0].touchpoint, 0.55);
  EXPECT_FALSE(m.items[5].disagree);
  EXPECT_EQ(m.graph.roles()[2].touchpoint, 0.3);
  const auto flagged = disagreements(m);
  ASSERT_EQ(flagged.size(), 2u);
  EXPECT_EQ(flagged[0]->question, 0u);
  EXPECT_EQ(flagged[1]->question, 3u);
  const std::string report = merge_report(m, g_, q_, "out.yaml");
  EXPECT_THAT(report, HasSubstr("| Q1 | Voice agents on Payroll | 0, 2, 4 (median 2 noticeably) "
                                "| 0.12 |"));
  EXPECT_THAT(report, HasSubstr("| Q2 | web on Payroll | 0, 0, 1 (median 0 none) | 0.05 | "
                                "removed |"));
  EXPECT_THAT(report, HasSubstr("3 questions have no answer and kept the model's number: Q3, "
                                "Q5, Q7."));
}

TEST_F(ElicitTest, ScalesTouchpointsDownWhenTheyAddUpToMoreThanAHundred) {
  Diagnostics out;
  const Answers a = read(
      {std::string(kHeader) + "Q6,touchpoint,agents,,,80,\n" + "Q7,touchpoint,web,,,80,\n"}, out);
  const Merge m = merge_answers(g_, q_, a);
  ASSERT_TRUE(m.touchpoint_scale.has_value());
  EXPECT_EQ(m.graph.roles()[0].touchpoint, 0.5);
  EXPECT_EQ(m.graph.roles()[2].touchpoint, 0.5);
}

}  // namespace
}  // namespace orgsim::app
