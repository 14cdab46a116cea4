// `orgsim elicit`: the survey out, three people's answers back in (one question argued
// over), merged into a model that validates, with the disagreement flagged in the output,
// the model's comments and the report; bad answers are refused with nothing written.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "model/loader.hpp"
#include "tests/support/cli_run.hpp"
#include "tests/support/files.hpp"

namespace orgsim::test {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class ElicitCliTest : public CliTest {
 protected:
  ElicitCliTest() : CliTest("orgsim_elicit") {}
};

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

// The survey with each row's empty answer filled in, by question id.
std::string answered(std::string survey, const std::map<std::string, std::string>& answers) {
  std::string out;
  std::size_t at = 0;
  while (at < survey.size()) {
    const std::size_t end = survey.find('\n', at);
    std::string line = survey.substr(at, end - at);
    at = end + 1;
    const std::string id = line.substr(0, line.find(','));
    if (auto it = answers.find(id); it != answers.end()) {
      // "ANSWER" or "ANSWER,NOTE" into the two empty cells at the end: ",," -> ",2,why".
      const std::size_t comma = it->second.find(',');
      const std::string note = comma == std::string::npos ? "" : it->second.substr(comma + 1);
      line = line.substr(0, line.size() - 2) + "," + it->second.substr(0, comma) + "," + note;
    }
    out += line + "\n";
  }
  return out;
}

TEST_F(ElicitCliTest, SurveyAndThreeAnswerFilesRoundTripWithADisagreementFlagged) {
  const fs::path model = write("model.yaml", kModel), survey = dir_ / "survey.csv";
  const CliResult s = run_cli({"elicit", model.string(), "-o", survey.string()});
  ASSERT_EQ(s.code, 0) << s.err;
  EXPECT_THAT(s.out, HasSubstr(": 7 questions (2 dependencies, 3 recovery rates, 2 touchpoints)"));
  const std::string text = read_file(survey);
  EXPECT_THAT(text, HasSubstr("If Payroll were half as effective for a week, how much would "
                              "Voice agents suffer? 0 none, 1 a little, 2 noticeably, 3 a lot, "
                              "4 severely\",,\n"));
  // Q1 (agents on payroll) is argued over: 1, 2, 4. Q2: everyone says 3 (a lot).
  const fs::path a =
      write("answers/a.csv", answered(text, {{"Q1", "1"}, {"Q2", "3"}, {"Q4", "2"}}));
  const fs::path b =
      write("answers/b.csv", answered(text, {{"Q1", "2"}, {"Q2", "3"}, {"Q4", "3"}}));
  const fs::path c = write(
      "answers/c.csv", answered(text, {{"Q1", "4,pay *is* morale"}, {"Q2", "3"}, {"Q6", "50"}}));
  const fs::path merged = dir_ / "agreed.yaml";
  const CliResult m = run_cli({"elicit", model.string(), "--merge", a.string(), b.string(),
                               c.string(), "-o", merged.string()});
  ASSERT_EQ(m.code, 0) << m.err;
  EXPECT_THAT(m.out, HasSubstr("Merged the answers of 3 people into " + merged.string() +
                               ": 4 of 7 questions answered, 3 changed, 0 dependencies removed.\n"
                               "People disagree most on:\n"
                               "  Q1    agents on payroll: 1, 2, 4\n"));
  EXPECT_THAT(m.out, HasSubstr("Report: " + (dir_ / "agreed-report.md").string()));
  ASSERT_EQ(run_cli({"validate", merged.string()}).code, 0);
  const model::OrgGraph g = model::load_model(merged);
  EXPECT_EQ(g.dependencies()[0].weight, 0.12);  // median 2: noticeably
  EXPECT_EQ(g.dependencies()[1].weight, 0.25);  // median 3: a lot
  EXPECT_EQ(g.roles()[1].recovery, 0.242);      // half-way in 2.5 weeks: 1 - 0.5^(1/2.5)
  EXPECT_EQ(g.roles()[0].touchpoint, 0.5);
  EXPECT_EQ(g.time_unit, "week");
  EXPECT_THAT(read_file(merged),
              HasSubstr("weight: 0.12}  # Q1 dependency: 1, 2, 4 (median 2 noticeably) -> 0.12; "
                        "DISAGREE: talk it through\n"));
  const std::string report = read_file(dir_ / "agreed-report.md");
  EXPECT_THAT(report, HasSubstr("## Where people disagree most"));
  EXPECT_THAT(report, HasSubstr("| Q1 | Voice agents on Payroll | 1, 2, 4 (median 2 noticeably) | "
                                "0.12 |\n"));
  EXPECT_THAT(report,
              HasSubstr("| Q2 | web on Payroll | 3, 3, 3 (median 3 a lot) | 0.05 | 0.25 |"));
  // The file names and notes are escaped for Markdown ("_" and "*" too).
  EXPECT_THAT(report, HasSubstr("## What people wrote\n\n- Q1 (Voice agents on Payroll), "));
  EXPECT_THAT(report, HasSubstr("/c.csv: pay \\*is\\* morale\n"));
}

TEST_F(ElicitCliTest, RefusesBadAnswersWithTheirCellAndWritesNothing) {
  const fs::path model = write("model.yaml", kModel), survey = dir_ / "survey.csv";
  ASSERT_EQ(run_cli({"elicit", model.string(), "-o", survey.string()}).code, 0);
  const fs::path a = write("a.csv", answered(read_file(survey), {{"Q1", "9"}}));
  const fs::path out = dir_ / "agreed.yaml";
  const CliResult r =
      run_cli({"elicit", model.string(), "--merge", a.string(), "-o", out.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr(a.string() + ":2:"));
  EXPECT_THAT(r.err, HasSubstr(": error: answer must be 0, 1, 2, 3 or 4 (0 none ... 4 severely), "
                               "got '9'\n"));
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(dir_ / "agreed-report.md"));
  const CliResult self =
      run_cli({"elicit", model.string(), "--merge", a.string(), "-o", model.string()});
  EXPECT_EQ(self.code, 2);
  EXPECT_THAT(self.err, HasSubstr("is an input of this run"));
  EXPECT_EQ(run_cli({"elicit", model.string(), "--report", "r.md", "-o", survey.string()}).code, 2);
}

}  // namespace
}  // namespace orgsim::test
