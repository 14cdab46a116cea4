#include "model/csv_model.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <string>

#include "common/errors.hpp"
#include "common/source_files.hpp"
#include "model/csv_reader.hpp"
#include "model/csv_writer.hpp"
#include "model/loader.hpp"
#include "model/synthetic.hpp"
#include "model/validate.hpp"
#include "model/yaml_writer.hpp"
#include "tests/support/temp_dir.hpp"

namespace orgsim::model {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kDepartments = "id,name\nops,Operations\nfinance,\n";
constexpr std::string_view kRoles =
    "id,name,department,recovery,touchpoint,description\n"
    "web,Web shop,ops,0.4,0.6,\n"
    "checkout,,ops,,0.4,\"Takes the money, then ships\"\n"
    "payments,Payments,finance,1,,\n";
constexpr std::string_view kDependencies =
    "role,depends_on,weight\nweb,checkout,0.5\ncheckout,payments,0.6\n";

// The three readers on texts named departments.csv, roles.csv and dependencies.csv
// (departments.csv only if `departments` is not empty).
class CsvModelTest : public ::testing::Test {
 protected:
  // Reads the tables into graph_; returns every problem, formatted as the CLI shows it
  // ("" when there is none).
  std::string read(std::string_view departments, std::string_view roles,
                   std::string_view dependencies) {
    SourceFiles sources;
    Diagnostics d;
    DepartmentRule rule = DepartmentRule::kCreate;
    if (!departments.empty()) {
      sources.add("departments.csv", std::string(departments));
      rule = read_departments_csv(departments, "departments.csv", graph_, d)
                 ? DepartmentRule::kMustExist
                 : DepartmentRule::kSkip;
    }
    sources.add("roles.csv", std::string(roles));
    bool roles_ok = read_roles_csv(roles, "roles.csv", 0.25, rule, graph_, d);
    sources.add("dependencies.csv", std::string(dependencies));
    read_dependencies_csv(dependencies, "dependencies.csv", roles_ok, graph_, d);
    return format_diagnostics(d, &sources);
  }
  std::string roles_error(std::string_view roles) { return read(kDepartments, roles, kHeader); }
  std::string dependencies_error(std::string_view dependencies) {
    return read(kDepartments, kRoles, dependencies);
  }

  static constexpr std::string_view kHeader = "role,depends_on,weight\n";
  OrgGraph graph_;
};

TEST_F(CsvModelTest, ReadsEveryColumnWithDefaults) {
  ASSERT_EQ(read(kDepartments, kRoles, kDependencies), "");
  ASSERT_EQ(graph_.departments().size(), 2u);
  EXPECT_EQ(graph_.departments()[0].name, "Operations");
  EXPECT_EQ(graph_.departments()[1].name, "finance");  // empty name: the id
  ASSERT_EQ(graph_.role_count(), 3u);
  const Role& web = graph_.roles()[0];
  EXPECT_EQ(web.id, "web");
  EXPECT_EQ(web.name, "Web shop");
  EXPECT_EQ(web.recovery, 0.4);
  EXPECT_EQ(web.touchpoint, 0.6);
  EXPECT_EQ(web.where.line, 2);
  const Role& checkout = graph_.roles()[1];
  EXPECT_EQ(checkout.name, "checkout");  // empty name: the id
  EXPECT_EQ(checkout.recovery, 0.25);    // empty recovery: the default given
  EXPECT_EQ(checkout.description, "Takes the money, then ships");
  EXPECT_EQ(graph_.roles()[2].touchpoint, 0.0);  // empty touchpoint: 0
  EXPECT_EQ(graph_.department(graph_.roles()[2].department).id, "finance");
  EXPECT_EQ(graph_.roles_file, "roles.csv");
  ASSERT_EQ(graph_.dependencies().size(), 2u);
  EXPECT_EQ(graph_.dependencies()[1].role.value, 1u);
  EXPECT_EQ(graph_.dependencies()[1].depends_on.value, 2u);
  EXPECT_EQ(graph_.dependencies()[1].weight, 0.6);
  EXPECT_EQ(graph_.dependencies()[1].where.line, 3);
}

TEST_F(CsvModelTest, ColumnsMayComeInAnyOrderAndOptionalOnesMayBeLeftOut) {
  ASSERT_EQ(read("", "department,id\nops,a\nops,b\n", "weight,depends_on,role\n0.5,b,a\n"), "");
  ASSERT_EQ(graph_.role_count(), 2u);
  EXPECT_EQ(graph_.roles()[1].id, "b");
  EXPECT_EQ(graph_.roles()[1].recovery, 0.25);
  EXPECT_EQ(graph_.dependencies()[0].weight, 0.5);
  EXPECT_EQ(graph_.dependencies()[0].role.value, 0u);
}

TEST_F(CsvModelTest, WithoutDepartmentsTableDepartmentsAreCreatedNamedByTheirIds) {
  ASSERT_EQ(read("", "id,department\na,sales\nb,it\nc,sales\n", kHeader), "");
  ASSERT_EQ(graph_.departments().size(), 2u);
  EXPECT_EQ(graph_.departments()[0].id, "sales");
  EXPECT_EQ(graph_.departments()[0].name, "sales");
  EXPECT_EQ(graph_.departments()[1].id, "it");
  EXPECT_EQ(graph_.roles()[2].department.value, 0u);
}

TEST_F(CsvModelTest, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  ASSERT_EQ(read("",
                 "id,department,description\n"
                 "\"a,1\",ops,\"She said \"\"no\"\"\"\n"
                 "b,ops,\"two\nlines\"\n"
                 "c,ops,\"\"\n",
                 "role,depends_on,weight\n\"a,1\",c,0.5\n"),
            "");
  EXPECT_EQ(graph_.roles()[0].id, "a,1");
  EXPECT_EQ(graph_.roles()[0].description, "She said \"no\"");
  EXPECT_EQ(graph_.roles()[1].description, "two\nlines");
  EXPECT_EQ(graph_.roles()[2].where.line, 5);  // after the line break inside quotes
  EXPECT_EQ(graph_.roles()[2].description, "");
  EXPECT_EQ(graph_.dependencies()[0].role.value, 0u);
}

TEST_F(CsvModelTest, AcceptsCrlfByteOrderMarkBlankLinesAndNoFinalNewline) {
  ASSERT_EQ(read("", "\xEF\xBB\xBFid,department\r\na,ops\r\n\r\nb,ops",
                 "role,depends_on,weight\r\na,b,0.5\r\n"),
            "");
  ASSERT_EQ(graph_.role_count(), 2u);
  EXPECT_EQ(graph_.roles()[0].id, "a");  // not "\xEF\xBB\xBFid": the mark is skipped
  EXPECT_EQ(graph_.roles()[1].id, "b");
  EXPECT_EQ(graph_.roles()[1].where.line, 4);
  EXPECT_EQ(graph_.dependencies()[0].weight, 0.5);
}

TEST_F(CsvModelTest, RejectsAnEmptyTable) {
  EXPECT_EQ(roles_error(""),
            "roles.csv: error: file is empty; the first line must name the columns "
            "(id,name,department,recovery,touchpoint,description)\n");
}

TEST_F(CsvModelTest, RejectsUnknownDuplicateAndMissingColumns) {
  EXPECT_EQ(roles_error("id,departmnet,id,colour\n"),
            "roles.csv:1:1: error: missing required column 'department'\n"
            "    id,departmnet,id,colour\n"
            "    ^\n"
            "roles.csv:1:4: error: unknown column 'departmnet'; did you mean 'department'?\n"
            "    id,departmnet,id,colour\n"
            "       ^\n"
            "roles.csv:1:15: error: duplicate column 'id'\n"
            "    id,departmnet,id,colour\n"
            "                  ^\n"
            "roles.csv:1:18: error: unknown column 'colour' (the columns are "
            "id,name,department,recovery,touchpoint,description)\n"
            "    id,departmnet,id,colour\n"
            "                     ^\n");
}

TEST_F(CsvModelTest, RejectsRowsWithTheWrongNumberOfFields) {
  EXPECT_EQ(roles_error("id,department\na,ops,extra\nb\n"),
            "roles.csv:2:7: error: row has 3 fields, the header has 2\n"
            "    a,ops,extra\n"
            "          ^\n"
            "roles.csv:3:1: error: row has 1 fields, the header has 2\n"
            "    b\n"
            "    ^\n");
}

TEST_F(CsvModelTest, RejectsBadQuotingAndGoesOnWithTheNextLine) {
  EXPECT_EQ(roles_error("id,department\na\"b,ops\n\"c\"d,ops\ne,ops\n\"f,ops\n"),
            "roles.csv:2:2: error: a '\"' inside an unquoted field; quote the whole field and "
            "write the '\"' twice (\"\")\n"
            "    a\"b,ops\n"
            "     ^\n"
            "roles.csv:3:4: error: unexpected character after a closing quote; a '\"' inside a "
            "quoted field is written twice (\"\")\n"
            "    \"c\"d,ops\n"
            "       ^\n"
            "roles.csv:5:1: error: quoted field is not closed (a '\"' is missing)\n"
            "    \"f,ops\n"
            "    ^\n");
  EXPECT_EQ(graph_.role_count(), 1u);  // e
}

TEST_F(CsvModelTest, RejectsBadIdsAndNumbers) {
  EXPECT_EQ(roles_error("id,department,recovery,touchpoint\n"
                        ",ops,0.5,0\n"
                        "a,ops,fast,1.5\n"
                        "b,ops,0,nan\n"
                        "c,ops,1e400,-0.1\n"
                        "\"d\te\",ops,,\n"),
            "roles.csv:2:1: error: column 'id' must not be empty\n"
            "    ,ops,0.5,0\n"
            "    ^\n"
            "roles.csv:3:7: error: column 'recovery' must be a number, got 'fast'\n"
            "    a,ops,fast,1.5\n"
            "          ^\n"
            "roles.csv:3:12: error: touchpoint must be in [0, 1], got 1.5\n"
            "    a,ops,fast,1.5\n"
            "               ^\n"
            "roles.csv:4:7: error: recovery must be in (0, 1], got 0\n"
            "    b,ops,0,nan\n"
            "          ^\n"
            "roles.csv:4:9: error: column 'touchpoint' must be a finite number, got 'nan'\n"
            "    b,ops,0,nan\n"
            "            ^\n"
            "roles.csv:5:7: error: column 'recovery' must be a finite number, got '1e400'\n"
            "    c,ops,1e400,-0.1\n"
            "          ^\n"
            "roles.csv:5:13: error: touchpoint must be in [0, 1], got -0.1\n"
            "    c,ops,1e400,-0.1\n"
            "                ^\n"
            "roles.csv:6:1: error: column 'id' must not contain control characters, got "
            "'d\\te'\n"
            "    \"d\te\",ops,,\n"
            "    ^\n");
}

TEST_F(CsvModelTest, RejectsTooLongIds) {
  const std::string id(257, 'x');
  // The line is too long to quote.
  EXPECT_EQ(roles_error("id,department\n" + id + ",ops\n"),
            "roles.csv:2:1: error: column 'id' is too long: 257 bytes, at most 256\n");
}

TEST_F(CsvModelTest, RejectsDuplicateRolesAndUnknownDepartments) {
  EXPECT_EQ(roles_error("id,department\na,ops\na,finance\nb,opps\n"),
            "roles.csv:3:1: error: duplicate role id 'a' (first defined at line 2)\n"
            "    a,finance\n"
            "    ^\n"
            "roles.csv:4:3: error: unknown department 'opps'; did you mean 'ops'?\n"
            "    b,opps\n"
            "      ^\n");
}

TEST_F(CsvModelTest, RejectsDuplicateDepartments) {
  EXPECT_EQ(read("id\nops\nops\n", "id,department\na,ops\n", kHeader),
            "departments.csv:3:1: error: duplicate department id 'ops' (first defined at line "
            "2)\n"
            "    ops\n"
            "    ^\n");
}

TEST_F(CsvModelTest, RejectsBadDependencies) {
  EXPECT_EQ(dependencies_error("role,depends_on,weight\n"
                               "web,chekout,0.5\n"
                               "web,web,0.5\n"
                               "web,checkout,\n"
                               "checkout,payments,0.5\n"
                               "web,payments,0.1\n"
                               "checkout,payments,0.2\n"),
            "dependencies.csv:2:5: error: unknown role 'chekout'; did you mean 'checkout'?\n"
            "    web,chekout,0.5\n"
            "        ^\n"
            "dependencies.csv:3:5: error: role 'web' cannot depend on itself\n"
            "    web,web,0.5\n"
            "        ^\n"
            "dependencies.csv:4:14: error: column 'weight' must not be empty\n"
            "    web,checkout,\n"
            "                 ^\n"
            "dependencies.csv:7:1: error: duplicate dependency checkout -> payments (first at "
            "line 5)\n"
            "    checkout,payments,0.2\n"
            "    ^\n");
}

TEST_F(CsvModelTest, DoesNotReportEveryDependencyWhenTheRolesCouldNotBeRead) {
  EXPECT_EQ(read("", "name\nx\n", "role,depends_on,weight\na,b,0.5\n"),
            "roles.csv:1:1: error: missing required column 'id'\n"
            "    name\n"
            "    ^\n"
            "roles.csv:1:1: error: missing required column 'department'\n"
            "    name\n"
            "    ^\n");
}

// Issue 14: YAML and CSV errors are capped the same way (Diagnostics), and the count
// of those not listed is exact: a table is read to its end.
TEST_F(CsvModelTest, ListsTheFirstHundredErrorsAndCountsTheRest) {
  std::string roles = "id,department\n";
  for (int i = 0; i < 150; ++i) roles += ",ops\n";
  Diagnostics d;
  read_roles_csv(roles, "roles.csv", 0.5, DepartmentRule::kCreate, graph_, d);
  EXPECT_EQ(d.error_count(), 150u);
  ASSERT_EQ(d.items().size(), kMaxCsvErrors);
  EXPECT_EQ(d.items().back().where.str(), "roles.csv:101:1");
  const std::string text = format_diagnostics(d, nullptr);
  EXPECT_EQ(text.substr(text.rfind("...")),
            "... and 50 more errors (only the first 100 are listed)\n");
}

// Issue 14: a roles table with a header and no rows validated "ok: 0 roles", then
// `run --render` and the server's /api/render crashed drawing it.
TEST_F(CsvModelTest, RejectsARolesTableWithoutRows) {
  EXPECT_EQ(roles_error("id,department\n"),
            "roles.csv: error: the roles table has no rows: a model needs at least one role\n");
  EXPECT_EQ(graph_.role_count(), 0u);
}

// Issue 14: a NUL in a name passed validation, then Graphviz refused the label.
TEST_F(CsvModelTest, RejectsControlCharactersInNames) {
  std::string roles = "id,name,department\nweb,\"Web";
  roles += '\0';
  roles += "shop\",ops\n";
  EXPECT_THAT(roles_error(roles),
              ::testing::HasSubstr("roles.csv:2:5: error: column 'name' must not contain "
                                   "control characters, got 'Web\\x00shop'"));
  EXPECT_THAT(read("id,name\nops,\"Oper\nations\"\n", "id,department\nweb,ops\n", kHeader),
              ::testing::HasSubstr("departments.csv:2:5: error: column 'name' must not contain "
                                   "control characters"));
}

TEST(CsvReaderTest, GivesFieldsWithTheirPositions) {
  CsvReader reader("a,\"b\"\"c\",\n\n  d ,e\r\n");
  std::vector<CsvField> fields;
  std::string scratch;
  ASSERT_EQ(reader.next(fields), CsvReader::Status::kRecord);
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(CsvReader::value(fields[1], scratch), "b\"c");
  EXPECT_EQ(fields[1].where.column, 3);
  EXPECT_EQ(fields[2].raw, "");
  ASSERT_EQ(reader.next(fields), CsvReader::Status::kRecord);
  EXPECT_EQ(reader.line(), 3);
  EXPECT_EQ(fields[0].raw, "  d ");  // spaces are part of a field
  EXPECT_EQ(fields[1].raw, "e");
  EXPECT_EQ(fields[1].where.column, 6);
  EXPECT_EQ(reader.next(fields), CsvReader::Status::kEnd);
}

// Whole models through load_model: model.yaml naming tables in a temporary folder.
class CsvLoadTest : public test::TempDirTest {
 protected:
  CsvLoadTest() : TempDirTest("orgsim_csv") {}

  fs::path write_model() {
    write("departments.csv", kDepartments);
    write("roles.csv", kRoles);
    write("dependencies.csv", kDependencies);
    return write("model.yaml",
                 "name: Shop\ntables:\n  departments: departments.csv\n  roles: roles.csv\n"
                 "  dependencies: dependencies.csv\n");
  }
  // The text of the error loading `path` throws, with the folder shown as DIR.
  std::string load_error(const fs::path& path, const LoadOptions& options = {}) {
    std::string text = "no error";
    try {
      load_model(path, options);
    } catch (const Error& e) {
      text = e.what();
    }
    const std::string dir = dir_.string();
    for (std::size_t at; (at = text.find(dir)) != std::string::npos;) {
      text.replace(at, dir.size(), "DIR");
    }
    return text;
  }
};

TEST_F(CsvLoadTest, LoadsTablesRelativeToTheModelFile) {
  const OrgGraph g = load_model(write_model());
  EXPECT_EQ(g.name, "Shop");
  EXPECT_EQ(g.role_count(), 3u);
  EXPECT_EQ(g.dependencies().size(), 2u);
  EXPECT_EQ(g.roles()[1].recovery, kDefaultRecovery);  // no `defaults:` in the YAML
  const std::vector<std::string> files = {(dir_ / "departments.csv").string(),
                                          (dir_ / "roles.csv").string(),
                                          (dir_ / "dependencies.csv").string()};
  EXPECT_EQ(g.table_files, files);
  EXPECT_EQ(g.roles_file, (dir_ / "roles.csv").string());
}

TEST_F(CsvLoadTest, DefaultRecoveryComesFromTheYaml) {
  write("roles.csv", "id,department\na,ops\n");
  const OrgGraph g = load_model(
      write("model.yaml", "name: x\ndefaults: {recovery: 0.125}\ntables: {roles: roles.csv}\n"));
  EXPECT_EQ(g.roles()[0].recovery, 0.125);
  EXPECT_EQ(g.dependencies().size(), 0u);
}

TEST_F(CsvLoadTest, ValidationErrorsPointIntoTheRolesTable) {
  write("roles.csv", "id,department,touchpoint\na,ops,0.7\nb,ops,0.7\n");
  const fs::path model = write("model.yaml", "name: x\ntables: {roles: roles.csv}\n");
  const Scenario s = load_model_or_scenario(model);
  const Diagnostics d = validate_scenario(s);
  EXPECT_EQ(format_diagnostics(d, s.sources.get()),
            (dir_ / "roles.csv").string() +
                ":3:1: error: touchpoint weights sum to more than 1 (1.4 after role 'b'): the CX "
                "score could fall below 0\n"
                "    b,ops,0.7\n"
                "    ^\n");
}

TEST_F(CsvLoadTest, ReportsErrorsInTheYamlAndInEachTable) {
  write("roles.csv", "id,department\na,ops\na,ops\n");
  write("dependencies.csv", "role,depends_on,weight\na,b,0.5\n");
  EXPECT_EQ(load_error(write("model.yaml",
                             "name: x\nroles: []\ntables:\n  roles: roles.csv\n"
                             "  dependencies: dependencies.csv\n  depts: d.csv\n")),
            "DIR/model.yaml:2:1: error: field 'roles' cannot be used with 'tables': the roles "
            "are read from a table\n"
            "    roles: []\n"
            "    ^\n"
            "DIR/model.yaml:6:3: error: unknown field 'depts' in tables\n"
            "      depts: d.csv\n"
            "      ^\n"
            "DIR/roles.csv:3:1: error: duplicate role id 'a' (first defined at line 2)\n"
            "    a,ops\n"
            "    ^\n"
            "DIR/dependencies.csv:2:3: error: unknown role 'b'\n"
            "    a,b,0.5\n"
            "      ^\n");
}

TEST_F(CsvLoadTest, RequiresTheRolesTable) {
  EXPECT_EQ(load_error(write("model.yaml", "name: x\ntables: {dependencies: d.csv}\n")),
            "DIR/model.yaml:2:9: error: tables is missing required field 'roles'\n"
            "    tables: {dependencies: d.csv}\n"
            "            ^\n");
  EXPECT_EQ(load_error(write("model.yaml", "name: x\ntables:\n")),
            "DIR/model.yaml:2:1: error: field 'tables' must name at least the roles table\n"
            "    tables:\n"
            "    ^\n");
}

TEST_F(CsvLoadTest, RejectsOneFileForTwoTables) {
  write("roles.csv", "id,department\na,ops\n");
  EXPECT_EQ(load_error(write("model.yaml",
                             "name: x\ntables: {roles: roles.csv, dependencies: ./roles.csv}\n")),
            "DIR/model.yaml:2:42: error: table './roles.csv' is already the roles table\n"
            "    tables: {roles: roles.csv, dependencies: ./roles.csv}\n"
            "                                             ^\n");
}

TEST_F(CsvLoadTest, ReportsATableThatCannotBeReadAtItsName) {
  EXPECT_EQ(load_error(write("model.yaml", "name: x\ntables: {roles: nope.csv}\n")),
            "DIR/model.yaml:2:17: error: cannot read the roles table 'DIR/nope.csv': No such "
            "file or directory\n"
            "    tables: {roles: nope.csv}\n"
            "                    ^\n");
  fs::create_directories(dir_ / "folder");
  EXPECT_EQ(load_error(write("model.yaml", "name: x\ntables: {roles: folder}\n")),
            "DIR/model.yaml:2:17: error: cannot read the roles table 'DIR/folder': it is a "
            "directory, expected a CSV file\n"
            "    tables: {roles: folder}\n"
            "                    ^\n");
}

TEST_F(CsvLoadTest, TablesMayBeSixteenTimesTheYamlLimit) {
  write("roles.csv", "id,department\n" + std::string(1000, '#') + "\n");
  LoadOptions options;
  options.max_input_bytes = 10;  // the tables may have 160 bytes
  EXPECT_EQ(load_error(write("model.yaml", "name: x\ntables: {roles: roles.csv}\n"), options),
            "DIR/model.yaml: error: file is too large: 35 bytes, the limit is 10 bytes\n");
  options.max_input_bytes = 40;
  EXPECT_EQ(load_error(dir_ / "model.yaml", options),
            "DIR/model.yaml:2:17: error: cannot read the roles table 'DIR/roles.csv': it is too "
            "large: 1015 bytes, the limit is 640 bytes (16 times --max-input-mb)\n"
            "    tables: {roles: roles.csv}\n"
            "                    ^\n");
}

// generate --format csv writes these: the graph read back from the tables is the one
// read from the YAML writer's file, bit for bit.
TEST_F(CsvLoadTest, RoundTripGivesTheSameGraphAsYaml) {
  SyntheticSpec spec;
  spec.roles = 300;
  spec.departments = 7;
  OrgGraph g = make_synthetic(spec);
  g.roles_file.clear();
  g.role(RoleId(3)).description = "Quotes \"here\", commas, and\na line break";
  g.role(RoleId(4)).name = " padded ";
  write("departments.csv", departments_csv(g));
  write("roles.csv", roles_csv(g));
  write("dependencies.csv", dependencies_csv(g));
  const OrgGraph from_csv = load_model(
      write("model.yaml", tables_yaml(g, "departments.csv", "roles.csv", "dependencies.csv")));
  const OrgGraph from_yaml = load_model(write("yaml.yaml", to_yaml(g)));
  ASSERT_EQ(from_csv.role_count(), from_yaml.role_count());
  ASSERT_EQ(from_csv.departments().size(), from_yaml.departments().size());
  ASSERT_EQ(from_csv.dependencies().size(), from_yaml.dependencies().size());
  EXPECT_EQ(from_csv.name, from_yaml.name);
  EXPECT_EQ(from_csv.cx_baseline, from_yaml.cx_baseline);
  for (std::size_t i = 0; i < from_csv.departments().size(); ++i) {
    EXPECT_EQ(from_csv.departments()[i].id, from_yaml.departments()[i].id);
    EXPECT_EQ(from_csv.departments()[i].name, from_yaml.departments()[i].name);
  }
  for (std::size_t i = 0; i < from_csv.role_count(); ++i) {
    const Role& a = from_csv.roles()[i];
    const Role& b = from_yaml.roles()[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.department, b.department);
    EXPECT_EQ(std::memcmp(&a.recovery, &b.recovery, sizeof(double)), 0) << a.id;
    EXPECT_EQ(std::memcmp(&a.touchpoint, &b.touchpoint, sizeof(double)), 0) << a.id;
    EXPECT_EQ(a.description, b.description);
  }
  for (std::size_t i = 0; i < from_csv.dependencies().size(); ++i) {
    const Dependency& a = from_csv.dependencies()[i];
    const Dependency& b = from_yaml.dependencies()[i];
    EXPECT_EQ(a.role, b.role);
    EXPECT_EQ(a.depends_on, b.depends_on);
    EXPECT_EQ(std::memcmp(&a.weight, &b.weight, sizeof(double)), 0) << i;
  }
  EXPECT_EQ(from_csv.roles()[3].description, "Quotes \"here\", commas, and\na line break");
  EXPECT_EQ(from_csv.roles()[4].name, " padded ");
}

}  // namespace
}  // namespace orgsim::model
