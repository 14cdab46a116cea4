// `orgsim import hr` below the CLI: the HR table's checks (model/hr_table) with their
// whole messages, and the model built from a small chart (app/hr_import) with its numbers.
#include "app/hr_import.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <numeric>

#include "model/validate.hpp"

namespace orgsim::app {
namespace {

using ::testing::HasSubstr;

// Every error of `csv`, one "file:line:col: message" per line.
std::string problems(std::string_view csv, const model::HrColumns& columns = {}) {
  Diagnostics out;
  const auto table = model::read_hr_table(csv, "hr.csv", columns, out);
  std::string text;
  for (const Diagnostic& d : out.items()) text += d.where.str() + ": " + d.message + "\n";
  EXPECT_EQ(table.has_value(), text.empty()) << text;
  return text;
}

model::HrTable table(std::string_view csv, const model::HrColumns& columns = {}) {
  Diagnostics out;
  auto t = model::read_hr_table(csv, "hr.csv", columns, out);
  EXPECT_TRUE(t.has_value()) << (out.items().empty() ? "" : out.items()[0].message);
  return t.value_or(model::HrTable{});
}

const model::Dependency* find(const model::OrgGraph& g, std::string_view role,
                              std::string_view on) {
  for (const model::Dependency& d : g.dependencies()) {
    if (g.role(d.role).id == role && g.role(d.depends_on).id == on) return &d;
  }
  return nullptr;
}

// A boss, two leads (one per team) and five agents, three of them customer-facing.
constexpr std::string_view kChart =
    "employee_id,manager_id,department,job_title,customer_facing\n"
    "B,,Ops,Director,no\n"
    "L1,B,Support,Team Lead,yes\n"
    "L2,B,Support,Team Lead,no\n"
    "A1,L1,Support,Agent,yes\n"
    "A2,L1,Support,Agent,yes\n"
    "A3,L2,Support,agent ,no\n"  // same role: case and spaces do not matter
    "A4,L2,Support,Agent,no\n"
    "T1,B,Ops,Analyst,no\n";

TEST(HrTableTest, ReadsTheChartWithManagersAfterTheirReports) {
  const model::HrTable t = table(
      "employee_id,manager_id,department,job_title\n"
      "A,B,D,T\n"
      "B,,D,Boss\n");
  ASSERT_EQ(t.employees.size(), 2u);
  EXPECT_EQ(t.employees[0].manager, 1u);
  EXPECT_EQ(t.employees[1].manager, model::kNoManager);
  EXPECT_FALSE(t.has_customer_facing);
}

TEST(HrTableTest, MatchesHeadersLooselyAndByTheColumnsOption) {
  EXPECT_EQ(table("Employee ID,Manager-ID,DEPARTMENT,Job Title\nA,,D,T\n").employees.size(), 1u);
  model::HrColumns columns;
  EXPECT_EQ(model::parse_hr_columns("id=EmpID, manager=Mgr,title=Position", columns), "");
  EXPECT_EQ(columns.id, "EmpID");
  EXPECT_EQ(columns.manager, "Mgr");
  EXPECT_EQ(columns.title, "Position");
  EXPECT_EQ(table("EmpID,Mgr,department,Position,Email\nA,,D,T,a@x\n", columns).employees.size(),
            1u);
  EXPECT_EQ(model::parse_hr_columns("mgr=Boss", columns),
            "unknown key 'mgr' (the keys are id, manager, department, title, customer_facing)");
  EXPECT_EQ(model::parse_hr_columns("titel=Boss", columns),
            "unknown key 'titel'; did you mean 'title'? (the keys are id, manager, department, "
            "title, customer_facing)");
  EXPECT_EQ(model::parse_hr_columns("id", columns),
            "expected KEY=COLUMN, got 'id' (the keys are id, manager, department, title, "
            "customer_facing)");
}

TEST(HrTableTest, NamesAMissingColumnAndTheHeader) {
  EXPECT_EQ(problems("EmpID,manager_id,department,job_title\nA,,D,T\n"),
            "hr.csv:1:1: missing column 'employee_id'; map the export's own name with --columns "
            "id=NAME (the header has: EmpID, manager_id, department, job_title)\n");
  EXPECT_EQ(problems("employee_id;manager_id;department;job_title\n"),
            "hr.csv:1:1: missing column 'employee_id'; map the export's own name with --columns "
            "id=NAME (the fields are separated by ';': save the file as comma-separated CSV)\n"
            "hr.csv:1:1: missing column 'manager_id'; map the export's own name with --columns "
            "manager=NAME (the fields are separated by ';': save the file as comma-separated "
            "CSV)\n"
            "hr.csv:1:1: missing column 'department'; map the export's own name with --columns "
            "department=NAME (the fields are separated by ';': save the file as comma-separated "
            "CSV)\n"
            "hr.csv:1:1: missing column 'job_title'; map the export's own name with --columns "
            "title=NAME (the fields are separated by ';': save the file as comma-separated CSV)\n");
  EXPECT_EQ(problems("employe_id,manager_id,department,job_title\nA,,D,T\n"),
            "hr.csv:1:1: missing column 'employee_id'; did you mean 'employe_id'?; map the "
            "export's own name with --columns id=NAME (the header has: employe_id, manager_id, "
            "department, job_title)\n");
  EXPECT_EQ(problems(""),
            "hr.csv: file is empty; the first line must name the columns (employee_id, "
            "manager_id, department, job_title, optionally customer_facing)\n");
}

TEST(HrTableTest, ReportsEveryRowProblemWithItsCell) {
  EXPECT_EQ(problems("employee_id,manager_id,department,job_title,customer_facing\n"
                     "E1,,Ops,Boss,no\n"
                     "E2,E9,Ops,Clerk,maybe\n"
                     "E1,E2,Ops,Clerk,no\n"
                     ",E1,,Clerk,yes\n"
                     "E3,E1,Ops\n"),
            "hr.csv:3:4: unknown manager id 'E9' for employee 'E2' (no row has that id); did you "
            "mean 'E1'?\n"
            "hr.csv:3:17: column 'customer_facing' must be yes or no (or y/n, true/false, 1/0, "
            "x, empty), got 'maybe'\n"
            "hr.csv:4:1: duplicate employee id 'E1' (first at line 2)\n"
            "hr.csv:5:1: empty employee id (column 'employee_id')\n"
            "hr.csv:5:5: empty department (column 'department') for employee ''\n"
            "hr.csv:6:1: row has 3 fields, the header has 5\n");
}

TEST(HrTableTest, ReportsEachManagerLoopOnceAtItsFirstRow) {
  EXPECT_EQ(problems("employee_id,manager_id,department,job_title\n"
                     "B,,D,Boss\n"
                     "X,Z,D,T\n"
                     "Y,X,D,T\n"
                     "Z,Y,D,T\n"
                     "W,Y,D,T\n"),
            "hr.csv:3:1: the manager chain loops back: X -> Z -> Y -> X (each reports to the "
            "next); every chain must end at someone with no manager\n");
}

TEST(HrTableTest, TakesSomeoneWhoIsTheirOwnManagerAsTheTop) {
  const model::HrTable t = table("employee_id,manager_id,department,job_title\nCEO,CEO,D,T\n");
  EXPECT_EQ(t.employees[0].manager, model::kNoManager);
  EXPECT_EQ(t.own_managers, std::vector<std::uint32_t>{0});
}

TEST(HrImportTest, BuildsRolesByDepartmentAndTitleWithHeadcount) {
  const HrModel m = build_hr_model(table(kChart), "hr.csv", {});
  const model::OrgGraph& g = m.graph;
  ASSERT_EQ(g.role_count(), 4u);
  EXPECT_EQ(g.roles()[0].id, "ops.director");
  EXPECT_EQ(g.roles()[1].id, "support.team-lead");
  EXPECT_EQ(g.roles()[2].id, "support.agent");
  EXPECT_EQ(g.roles()[2].name, "Agent");
  EXPECT_EQ(m.headcount, (std::vector<std::size_t>{1, 2, 4, 1}));
  EXPECT_EQ(g.departments().size(), 2u);
  EXPECT_EQ(g.time_unit, "day");
  // Recovery by headcount: 1 person 0.2, 2 to 9 people 0.35.
  EXPECT_EQ(g.roles()[0].recovery, kRecoveryAlone);
  EXPECT_EQ(g.roles()[2].recovery, kRecoverySmallTeam);
}

TEST(HrImportTest, WeighsReportingLinesByHeadcountBothWays) {
  const model::OrgGraph g = build_hr_model(table(kChart), "hr.csv", {}).graph;
  // All 4 agents report to a team lead: 0.2 x 4/4. The leads' 4 reports are all
  // agents: 0.3 x 4/4. The director's 3 reports: 2 leads (0.3 x 2/3), 1 analyst (0.3 x 1/3).
  EXPECT_EQ(find(g, "support.agent", "support.team-lead")->weight, 0.2);
  EXPECT_EQ(find(g, "support.team-lead", "support.agent")->weight, 0.3);
  EXPECT_EQ(find(g, "ops.director", "support.team-lead")->weight, 0.2);
  EXPECT_EQ(find(g, "ops.director", "ops.analyst")->weight, 0.1);
  EXPECT_EQ(find(g, "support.team-lead", "ops.director")->weight, 0.2);
  EXPECT_EQ(g.dependencies().size(), 6u);
  EXPECT_FALSE(model::validate_model(g).has_errors());
}

TEST(HrImportTest, TouchpointsAreSharesOfTheCustomerFacingPeople) {
  const HrModel m = build_hr_model(table(kChart), "hr.csv", {});
  // 3 customer-facing people: one lead (1/3), two agents (2/3), in steps of 0.0001.
  EXPECT_EQ(m.graph.roles()[1].touchpoint, 0.3333);
  EXPECT_EQ(m.graph.roles()[2].touchpoint, 0.6667);
  EXPECT_EQ(m.customer_facing, 3u);
  EXPECT_THAT(m.comments.header, HasSubstr("share of the 3 people marked customer-facing"));
  EXPECT_EQ(m.comments.roles[2], "4 people, 2 of the 3 customer-facing");
}

TEST(HrImportTest, WithoutAFlagColumnNoRoleIsATouchpointAndTheHeaderSaysSo) {
  const HrModel m = build_hr_model(
      table("employee_id,manager_id,department,job_title\nA,,D,T\nB,A,D,U\n"), "hr.csv", {});
  for (const model::Role& r : m.graph.roles()) EXPECT_EQ(r.touchpoint, 0.0);
  EXPECT_THAT(m.comments.header, HasSubstr("the export has no customer-facing column"));
}

TEST(HrImportTest, GivesDistinctIdsToNamesThatSlugAlike) {
  const model::OrgGraph g = build_hr_model(table("employee_id,manager_id,department,job_title\n"
                                                 "A,,R&D,Lead\nB,A,R D,Lead\nC,A,R&D,Lead/Dev\n"),
                                           "hr.csv", {})
                                .graph;
  ASSERT_EQ(g.role_count(), 3u);
  EXPECT_EQ(g.departments()[0].id, "r-d");
  EXPECT_EQ(g.departments()[1].id, "r-d-2");
  EXPECT_EQ(g.roles()[0].id, "r-d.lead");
  EXPECT_EQ(g.roles()[1].id, "r-d-2.lead");
  EXPECT_EQ(g.roles()[2].id, "r-d.lead-dev");
  // The same title in two departments: the department tells them apart.
  EXPECT_EQ(g.roles()[0].name, "Lead (R&D)");
}

}  // namespace
}  // namespace orgsim::app
