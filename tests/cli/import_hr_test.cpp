// `orgsim import hr`: the hand-made 30-person export of docs/examples/hr and a generated
// 5,000-employee one become models that `orgsim validate` accepts, with the assumptions
// written in; bad exports are refused with file:line:col, exit 2 and nothing written.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>

#include "model/loader.hpp"
#include "tests/support/cli_run.hpp"
#include "tests/support/files.hpp"

namespace orgsim::test {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

class ImportHrTest : public CliTest {
 protected:
  ImportHrTest() : CliTest("orgsim_import_hr") {}

  // Imports `csv` to dir_/model.yaml and checks that the model validates.
  model::OrgGraph import_and_validate(const std::string& csv) {
    const fs::path model = dir_ / "model.yaml";
    const CliResult r = run_cli({"import", "hr", csv, "-o", model.string()});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    const CliResult v = run_cli({"validate", model.string()});
    EXPECT_EQ(v.code, 0) << v.err;
    EXPECT_THAT(v.out, HasSubstr(": ok: model with "));
    return model::load_model(model);
  }
};

double touchpoint_sum(const model::OrgGraph& g) {
  double sum = 0.0;
  for (const model::Role& r : g.roles()) sum += r.touchpoint;
  return sum;
}

// A deterministic export of `people` employees: a CEO, 12 departments of a director, 4
// managers and 20 team leads each, then staff under random leads with one of three
// titles per department; the first four departments face customers. Rows are shuffled,
// so managers often come after their reports; an e-mail column is ignored.
std::string generated_export(std::size_t people, std::uint64_t seed) {
  std::mt19937_64 rng(seed);  // its sequence is fixed by the standard
  const char* departments[] = {
      "Customer Service", "Sales", "Retail",  "Field Support", "Finance",   "IT", "HR",
      "Logistics",        "Legal", "Product", "Data",          "Facilities"};
  struct Row {
    std::string id, manager, department, title;
    bool facing = false;
  };
  std::vector<Row> rows;
  auto id = [](std::size_t n) {
    std::string s = std::to_string(n);
    return "E" + std::string(5 - s.size(), '0') + s;
  };
  rows.push_back({id(0), "", "Executive", "Chief Executive"});
  std::vector<std::vector<std::string>> leads(12);
  for (std::size_t d = 0; d < 12; ++d) {
    const std::string director = id(rows.size());
    rows.push_back({director, id(0), departments[d], "Director"});
    for (int m = 0; m < 4; ++m) {
      const std::string manager = id(rows.size());
      rows.push_back({manager, director, departments[d], "Manager"});
      for (int l = 0; l < 5; ++l) {
        leads[d].push_back(id(rows.size()));
        rows.push_back({leads[d].back(), manager, departments[d], "Team Lead", d < 4});
      }
    }
  }
  while (rows.size() < people) {
    const std::size_t d = rng() % 12;
    const std::string title =
        std::string(departments[d]) + " Specialist " + std::to_string(rng() % 3);
    rows.push_back({id(rows.size()), leads[d][rng() % leads[d].size()], departments[d], title,
                    d < 4 || rng() % 10 == 0});
  }
  for (std::size_t i = rows.size() - 1; i > 0; --i) std::swap(rows[i], rows[rng() % (i + 1)]);
  std::string csv = "employee_id,email,manager_id,department,job_title,customer_facing\n";
  for (const Row& r : rows) {
    csv += r.id + "," + r.id + "@example.com," + r.manager + "," + r.department + "," + r.title +
           "," + (r.facing ? "yes" : "no") + "\n";
  }
  return csv;
}

TEST_F(ImportHrTest, TheHandMadeThirtyPersonExportValidatesWithItsAssumptions) {
  const model::OrgGraph g = import_and_validate("docs/examples/hr/employees.csv");
  EXPECT_EQ(g.role_count(), 18u);
  EXPECT_EQ(g.departments().size(), 6u);
  EXPECT_NEAR(touchpoint_sum(g), 1.0, 1e-12);
  const std::string text = read_file(dir_ / "model.yaml");
  EXPECT_THAT(text, StartsWith("# Imported from docs/examples/hr/employees.csv by orgsim import "
                               "hr: 30 people, 18 roles, 6 departments.\n"));
  for (const char* assumption :
       {"# 1. A role is a (department, job title) pair", "# 2. Reporting lines are dependencies",
        "# 3. Touchpoints: a role's weight is its share of the 14 people marked customer-facing",
        "# 4. Recovery per day", "# 5. Only the columns above are read"}) {
    EXPECT_THAT(text, HasSubstr(assumption));
  }
  EXPECT_THAT(text, HasSubstr("  - {role: customer-service.voice-agent, depends_on: "
                              "customer-service.team-leader, weight: 0.2}  # team on manager: 6 "
                              "of 6 Voice Agent report to Team Leader\n"));
  EXPECT_THAT(text, Not(HasSubstr("Ana Reyes")));  // personal names stay out
}

TEST_F(ImportHrTest, AGeneratedFiveThousandEmployeeExportValidates) {
  const fs::path csv = write("employees.csv", generated_export(5000, 16));
  const model::OrgGraph g = import_and_validate(csv.string());
  // CEO, 12 x (director, manager, team lead) and 36 specialist titles.
  EXPECT_EQ(g.role_count(), 1u + 36u + 36u);
  EXPECT_EQ(g.departments().size(), 13u);
  EXPECT_NEAR(touchpoint_sum(g), 1.0, 1e-12);
  // Each row of A sums to at most 0.2 + 0.3, rounding aside: the model is stable.
  std::vector<double> row(g.role_count(), 0.0);
  for (const model::Dependency& d : g.dependencies()) row[d.role.value] += d.weight;
  for (double s : row) EXPECT_LE(s, 0.5 + 1e-3);
  // The same export gives the same bytes.
  const std::string first = read_file(dir_ / "model.yaml");
  ASSERT_EQ(run_cli({"import", "hr", csv.string(), "-o", (dir_ / "again.yaml").string()}).code, 0);
  EXPECT_EQ(read_file(dir_ / "again.yaml"), first);
}

TEST_F(ImportHrTest, MapsColumnsWithTheColumnsOption) {
  const fs::path csv = write("x.csv",
                             "EmpID,Mgr,Dept,Position,Facing\nA,,Ops,Boss,no\n"
                             "B,A,Ops,Agent,yes\n");
  const CliResult r =
      run_cli({"import", "hr", csv.string(), "--columns",
               "id=EmpID,manager=Mgr,department=Dept,title=Position,customer_facing=Facing",
               "--name", "Tiny", "-o", (dir_ / "m.yaml").string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "Wrote " + (dir_ / "m.yaml").string() +
                       ": 2 employees as 2 roles in 1 department, 2 dependencies, 1 touchpoint.\n"
                       "The assumptions are at the top of the file (docs/import-hr.md); check "
                       "them, then\n  orgsim validate " +
                       (dir_ / "m.yaml").string() + "\n  orgsim elicit " +
                       (dir_ / "m.yaml").string() + " -o survey.csv\n");
  EXPECT_EQ(model::load_model(dir_ / "m.yaml").name, "Tiny");
}

TEST_F(ImportHrTest, RefusesABadExportWithExit2AndWritesNothing) {
  const fs::path out = dir_ / "m.yaml";
  const fs::path bad = write("bad.csv",
                             "employee_id,manager_id,department,job_title\n"
                             "A,,Ops,Boss\n"
                             "B,Q,Ops,Clerk\n"
                             "B,A,Ops,Clerk\n"
                             "C,D,Ops,Clerk\n"
                             "D,C,Ops,Clerk\n");
  const CliResult r = run_cli({"import", "hr", bad.string(), "-o", out.string()});
  EXPECT_EQ(r.code, 2);
  const std::string f = bad.string();
  EXPECT_THAT(r.err, HasSubstr(f + ":3:3: error: unknown manager id 'Q' for employee 'B' (no row "
                                   "has that id)\n"
                                   "    B,Q,Ops,Clerk\n"
                                   "      ^\n"));
  EXPECT_THAT(r.err, HasSubstr(f + ":4:1: error: duplicate employee id 'B' (first at line 3)\n"));
  EXPECT_THAT(r.err, HasSubstr(f + ":5:1: error: the manager chain loops back: C -> D -> C"));
  EXPECT_THAT(r.err, HasSubstr("3 errors\n"));
  EXPECT_FALSE(fs::exists(out));

  const fs::path no_title = write("t.csv", "employee_id,manager_id,department\nA,,Ops\n");
  const CliResult m = run_cli({"import", "hr", no_title.string(), "-o", out.string()});
  EXPECT_EQ(m.code, 2);
  EXPECT_THAT(m.err, HasSubstr(no_title.string() + ":1:1: error: missing column 'job_title'; map "
                                                   "the export's own name with --columns "
                                                   "title=NAME"));
  EXPECT_FALSE(fs::exists(out));

  EXPECT_THAT(
      run_cli({"import", "hr", no_title.string(), "--columns", "job=x", "-o", out.string()}).err,
      HasSubstr("orgsim: error: --columns: unknown key 'job'"));
  const CliResult same = run_cli({"import", "hr", bad.string(), "-o", bad.string()});
  EXPECT_EQ(same.code, 2);
  EXPECT_THAT(same.err, HasSubstr("is an input of this run (the HR export)"));
  EXPECT_EQ(run_cli({"import", "hr", (dir_ / "none.csv").string(), "-o", out.string()}).code, 2);
}

TEST_F(ImportHrTest, GraphImportStillNeedsItsGraphAndOutput) {
  const CliResult r = run_cli({"import"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("GRAPH is required"));
  const CliResult o = run_cli({"import", "org.graphml"});
  EXPECT_EQ(o.code, 2);
  EXPECT_THAT(o.err, HasSubstr("--output is required"));
}

}  // namespace
}  // namespace orgsim::test
