#include "model/loader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "common/errors.hpp"
#include "tests/support/model_text.hpp"
#include "tests/support/temp_dir.hpp"

namespace orgsim::model {
namespace {

namespace fs = std::filesystem;

// A small valid model; scenarios in these tests are checked against it.
constexpr std::string_view kModel = test::kSmallModel;
using test::model_error;

class LoaderTest : public test::TempDirTest {
 protected:
  LoaderTest() : TempDirTest("orgsim_loader") {}

  static std::string scenario_error(std::string_view text) {
    try {
      parse_scenario(text, "s.yaml", parse_model(kModel, "model.yaml"));
    } catch (const ValidationError& e) {
      return e.what();
    } catch (const LoadError& e) {
      return std::string("LoadError: ") + e.what();
    }
    return "no error";
  }

  static std::string load_error(const fs::path& path, const LoadOptions& options = {}) {
    try {
      load_scenario(path, options);
    } catch (const ValidationError& e) {
      return e.what();
    } catch (const LoadError& e) {
      return std::string("LoadError: ") + e.what();
    }
    return "no error";
  }
};

// ---------------------------------------------------------------- models

TEST_F(LoaderTest, ParsesModel) {
  OrgGraph g = parse_model(R"(name: Contact center
description: Front office
cx:
  baseline: 85
defaults:
  recovery: 0.4
departments:
  - {id: ops, name: Operations}
  - id: finance
roles:
  - id: payments
    name: Payment processing
    department: finance
    recovery: 0.25
    description: Card and invoice payments
  - {id: checkout, department: ops, touchpoint: 0.35}
dependencies:
  - {role: checkout, depends_on: payments, weight: 0.6}
)",
                           "m.yaml");
  EXPECT_EQ(g.name, "Contact center");
  EXPECT_EQ(g.description, "Front office");
  EXPECT_EQ(g.file, "m.yaml");
  EXPECT_EQ(g.cx_baseline, 85.0);
  EXPECT_EQ(g.cx_where.line, 4);
  EXPECT_EQ(g.cx_where.column, 13);

  ASSERT_EQ(g.departments().size(), 2u);
  EXPECT_EQ(g.departments()[0].name, "Operations");
  EXPECT_EQ(g.departments()[1].name, "finance");  // defaults to the id
  EXPECT_EQ(g.departments()[0].where.line, 8);
  EXPECT_EQ(g.departments()[0].where.column, 5);  // the '{'
  EXPECT_EQ(g.departments()[1].where.line, 9);
  EXPECT_EQ(g.departments()[1].where.column, 5);

  ASSERT_EQ(g.role_count(), 2u);
  const Role& payments = g.role(*g.find_role("payments"));
  EXPECT_EQ(payments.name, "Payment processing");
  EXPECT_EQ(payments.department, *g.find_department("finance"));
  EXPECT_EQ(payments.recovery, 0.25);
  EXPECT_EQ(payments.touchpoint, 0.0);
  EXPECT_EQ(payments.where.line, 11);
  EXPECT_EQ(payments.where.column, 5);
  const Role& checkout = g.role(*g.find_role("checkout"));
  EXPECT_EQ(checkout.name, "checkout");
  EXPECT_EQ(checkout.recovery, 0.4);  // from defaults
  EXPECT_EQ(checkout.touchpoint, 0.35);
  EXPECT_EQ(checkout.where.line, 16);

  ASSERT_EQ(g.dependencies().size(), 1u);
  const Dependency& d = g.dependencies()[0];
  EXPECT_EQ(d.role, *g.find_role("checkout"));
  EXPECT_EQ(d.depends_on, *g.find_role("payments"));
  EXPECT_EQ(d.weight, 0.6);
  EXPECT_EQ(d.where.line, 18);
  EXPECT_EQ(d.where.column, 5);
}

TEST_F(LoaderTest, UsesDefaultsWhenOptionalSectionsAreAbsent) {
  OrgGraph g =
      parse_model("name: x\ndepartments: [{id: d}]\nroles: [{id: r, department: d}]\n", "m.yaml");
  EXPECT_EQ(g.cx_baseline, 100.0);
  EXPECT_EQ(g.cx_where.line, 0);
  EXPECT_EQ(g.role(RoleId(0)).recovery, kDefaultRecovery);
  EXPECT_TRUE(g.dependencies().empty());
}

TEST_F(LoaderTest, RejectsValuesOfTheWrongType) {
  EXPECT_EQ(model_error(R"(name: [x]
departments: {id: d}
roles:
  - {id: r, department: d, recovery: yes, touchpoint: {a: 1}}
  - {id: s, department: d}
dependencies:
  - {role: r, depends_on: s, weight: high}
)"),
            R"(m.yaml:1:7: error: field 'name' must be a string, got a sequence
    name: [x]
          ^
m.yaml:2:14: error: field 'departments' must be a sequence, got a mapping
    departments: {id: d}
                 ^
m.yaml:4:38: error: field 'recovery' must be a number, got 'yes'
      - {id: r, department: d, recovery: yes, touchpoint: {a: 1}}
                                         ^
m.yaml:4:56: error: unknown distribution 'a' for touchpoint; use uniform, triangular or normal
      - {id: r, department: d, recovery: yes, touchpoint: {a: 1}}
                                                           ^
m.yaml:7:38: error: field 'weight' must be a number, got 'high'
      - {role: r, depends_on: s, weight: high}
                                         ^
)");
}

// Issue 14: a NUL byte in a name passed validation, then Graphviz refused the label.
TEST_F(LoaderTest, RejectsControlCharactersInNames) {
  EXPECT_EQ(model_error("name: \"Shop\\tfloor\"\ndepartments: [{id: d, name: \"A\\0B\"}]\n"
                        "roles: [{id: r, department: d, name: \"x\\ny\"}]\n"),
            "m.yaml:1:7: error: field 'name' must not contain control characters, got "
            "'Shop\\tfloor'\n"
            "    name: \"Shop\\tfloor\"\n"
            "          ^\n"
            "m.yaml:2:29: error: field 'name' must not contain control characters, got "
            "'A\\x00B'\n"
            "    departments: [{id: d, name: \"A\\0B\"}]\n"
            "                                ^\n"
            "m.yaml:3:38: error: field 'name' must not contain control characters, got 'x\\ny'\n"
            "    roles: [{id: r, department: d, name: \"x\\ny\"}]\n"
            "                                         ^\n");
}

// Issue 14: YAML errors were not capped (100,000 unknown fields gave 14 MB of
// messages); CSV and YAML now list the first 100 and count the rest.
TEST_F(LoaderTest, ListsTheFirstHundredErrorsAndCountsTheRest) {
  std::string text = "name: x\ndepartments: [{id: d}]\nroles: [{id: r, department: d}]\n";
  for (int i = 0; i < 5000; ++i) text += "k" + std::to_string(i) + ": 1\n";
  try {
    parse_model(text, "m.yaml");
    FAIL() << "accepted";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.diagnostics().error_count(), 5000u);
    EXPECT_EQ(e.diagnostics().items().size(), 100u);
    const std::string what = e.what();
    EXPECT_EQ(what.substr(what.rfind("...")),
              "... and 4900 more errors (only the first 100 are listed)\n");
    EXPECT_LT(what.size(), 100u * 200u);
  }
}

// Issue 16: messages a new user met writing a first model.
TEST_F(LoaderTest, PointsADependencyWrittenUnderItsRoleToTheDependenciesList) {
  EXPECT_EQ(model_error("name: x\ndepartments: [{id: d}]\nroles:\n"
                        "  - {id: web, department: d, depends_on: pay}\n"
                        "  - {id: pay, department: d}\n"),
            "m.yaml:4:30: error: unknown field 'depends_on' in role: a role's dependencies go in "
            "the top-level 'dependencies:' list, one item each, e.g. - {role: web, depends_on: "
            "payments, weight: 0.5}\n"
            "      - {id: web, department: d, depends_on: pay}\n"
            "                                 ^\n");
}

// A new user's guesses at a dependency's and at the CX baseline's spelling.
TEST_F(LoaderTest, ExplainsADependencyWrittenFromTo) {
  const std::string text = model_error(
      "name: x\ndepartments: [{id: d}]\nroles: [{id: a, department: d}, {id: b, department: "
      "d}]\ndependencies:\n  - {from: a, to: b, weight: 0.5}\n");
  EXPECT_NE(text.find("m.yaml:5:6: error: unknown field 'from' in dependency: a dependency "
                      "names the role that depends ('role:') and the role it needs "
                      "('depends_on:'), e.g. - {role: web, depends_on: payments, weight: 0.5}"),
            std::string::npos)
      << text;
}

TEST_F(LoaderTest, PointsACxBaselineToTheCxSection) {
  EXPECT_EQ(model_error("name: x\ncx_baseline: 85\ndepartments: [{id: d}]\n"
                        "roles: [{id: a, department: d, touchpoint: 1}]\n"),
            "m.yaml:2:1: error: unknown field 'cx_baseline' in model: the CX baseline is "
            "written in the 'cx:' section, e.g. cx: {baseline: 85}\n"
            "    cx_baseline: 85\n"
            "    ^\n");
}

TEST_F(LoaderTest, SuggestsTheIdOfADepartmentGivenByItsName) {
  EXPECT_EQ(model_error("name: x\ndepartments: [{id: ops, name: Operations}]\n"
                        "roles: [{id: web, department: operations}]\n"),
            "m.yaml:3:31: error: unknown department 'operations'; 'Operations' is the name of "
            "department 'ops': refer to it by its id 'ops'\n"
            "    roles: [{id: web, department: operations}]\n"
            "                                  ^\n");
}

// The touchpoint sum used to appear only once the field errors were fixed.
TEST_F(LoaderTest, ReportsTheTouchpointSumTogetherWithFieldErrors) {
  const std::string text = model_error(
      "name: x\ndepartments: [{id: d}]\nroles:\n"
      "  - {id: a, department: d, touchpoint: 0.7}\n"
      "  - {id: b, department: d, touchpoint: 0.6, colour: red}\n");
  EXPECT_NE(text.find("m.yaml:5:45: error: unknown field 'colour' in role"), std::string::npos)
      << text;
  EXPECT_NE(text.find("m.yaml:5:5: error: touchpoint weights sum to more than 1 (1.3 after role "
                      "'b')"),
            std::string::npos)
      << text;
}

TEST_F(LoaderTest, RejectsASectionOfTheWrongType) {
  EXPECT_EQ(
      model_error("name: x\ncx: 85\ndepartments: [{id: d}]\nroles: [{id: r, department: d}]\n"),
      R"(m.yaml:2:5: error: field 'cx' must be a mapping, got '85'
    cx: 85
        ^
)");
}

TEST_F(LoaderTest, RejectsNumbersOutOfRange) {
  EXPECT_EQ(model_error(R"(name: x
cx: {baseline: 0}
defaults: {recovery: 1.01}
departments: [{id: d}]
roles:
  - {id: a, department: d, recovery: 0, touchpoint: -0.1}
  - {id: b, department: d, touchpoint: 1.5}
dependencies:
  - {role: a, depends_on: b, weight: 1.5}
  - {role: b, depends_on: a, weight: 0}
)"),
            R"(m.yaml:2:16: error: baseline must be in (0, 100], got 0
    cx: {baseline: 0}
                   ^
m.yaml:3:22: error: recovery must be in (0, 1], got 1.01
    defaults: {recovery: 1.01}
                         ^
m.yaml:6:38: error: recovery must be in (0, 1], got 0
      - {id: a, department: d, recovery: 0, touchpoint: -0.1}
                                         ^
m.yaml:6:53: error: touchpoint must be in [0, 1], got -0.1
      - {id: a, department: d, recovery: 0, touchpoint: -0.1}
                                                        ^
m.yaml:7:40: error: touchpoint must be in [0, 1], got 1.5
      - {id: b, department: d, touchpoint: 1.5}
                                           ^
m.yaml:9:38: error: weight must be in (0, 1], got 1.5
      - {role: a, depends_on: b, weight: 1.5}
                                         ^
m.yaml:10:38: error: weight must be in (0, 1], got 0
      - {role: b, depends_on: a, weight: 0}
                                         ^
)");
}

TEST_F(LoaderTest, RejectsUnknownFieldsWithAHint) {
  EXPECT_EQ(model_error(R"(name: x
departments: [{id: d}]
rolez: []
roles:
  - {id: a, department: d, colour: red}
  - {id: b, department: d}
dependencies:
  - role: a
    depends_on: b
    wieght: 0.5
)"),
            R"(m.yaml:3:1: error: unknown field 'rolez' in model; did you mean 'roles'?
    rolez: []
    ^
m.yaml:5:28: error: unknown field 'colour' in role
      - {id: a, department: d, colour: red}
                               ^
m.yaml:8:5: error: dependency is missing required field 'weight'
      - role: a
        ^
m.yaml:10:5: error: unknown field 'wieght' in dependency; did you mean 'weight'?
        wieght: 0.5
        ^
)");
}

TEST_F(LoaderTest, RejectsMissingRequiredFields) {
  EXPECT_EQ(model_error(R"(description: no name
departments: [{name: Ops}]
roles:
  - {id: a}
)"),
            R"(m.yaml:1:1: error: model is missing required field 'name'
    description: no name
    ^
m.yaml:2:15: error: department is missing required field 'id'
    departments: [{name: Ops}]
                  ^
m.yaml:4:5: error: role is missing required field 'department'
      - {id: a}
        ^
)");
  EXPECT_EQ(model_error("name: x\ndepartments: []\n"),
            R"(m.yaml:1:1: error: model is missing required field 'roles'
    name: x
    ^
m.yaml:2:14: error: field 'departments' must not be empty
    departments: []
                 ^
)");
}

TEST_F(LoaderTest, RejectsUnknownReferencesWithAHint) {
  EXPECT_EQ(model_error(R"(name: x
departments: [{id: finance}]
roles:
  - {id: payments, department: finanse}
  - {id: checkout, department: sales}
dependencies:
  - {role: checkout, depends_on: paymnets, weight: 0.5}
)"),
            R"(m.yaml:4:32: error: unknown department 'finanse'; did you mean 'finance'?
      - {id: payments, department: finanse}
                                   ^
m.yaml:5:32: error: unknown department 'sales'
      - {id: checkout, department: sales}
                                   ^
m.yaml:7:34: error: unknown role 'paymnets'; did you mean 'payments'?
      - {role: checkout, depends_on: paymnets, weight: 0.5}
                                     ^
)");
}

TEST_F(LoaderTest, RejectsDuplicateIdsAndDependencies) {
  EXPECT_EQ(model_error(R"(name: x
departments:
  - {id: ops}
  - {id: ops}
roles:
  - {id: payments, department: ops}
  - {id: payments, department: ops}
  - {id: checkout, department: ops}
dependencies:
  - {role: checkout, depends_on: payments, weight: 0.5}
  - {role: checkout, depends_on: payments, weight: 0.2}
  - {role: checkout, depends_on: checkout, weight: 0.2}
)"),
            R"(m.yaml:4:10: error: duplicate department id 'ops' (first defined at line 3)
      - {id: ops}
             ^
m.yaml:7:10: error: duplicate role id 'payments' (first defined at line 6)
      - {id: payments, department: ops}
             ^
m.yaml:11:5: error: duplicate dependency checkout -> payments (first at line 10)
      - {role: checkout, depends_on: payments, weight: 0.2}
        ^
m.yaml:12:34: error: role 'checkout' cannot depend on itself
      - {role: checkout, depends_on: checkout, weight: 0.2}
                                     ^
)");
}

TEST_F(LoaderTest, RejectsBadIds) {
  std::string long_id(257, 'x');
  EXPECT_EQ(model_error("name: x\ndepartments: [{id: d}]\nroles:\n  - {id: '', department: d}\n"
                        "  - {id: \"a\\tb\", department: d}\n  - {id: " +
                        long_id + ", department: d}\n"),
            R"(m.yaml:4:10: error: field 'id' must not be empty
      - {id: '', department: d}
             ^
m.yaml:5:10: error: field 'id' must not contain control characters, got 'a\tb'
      - {id: "a\tb", department: d}
             ^
m.yaml:6:10: error: field 'id' is too long: 257 bytes, at most 256
)");
}

TEST_F(LoaderTest, RejectsListItemsThatAreNotMappings) {
  EXPECT_EQ(model_error("name: x\ndepartments: [{id: d}]\nroles: [web, {id: a, department: d}]\n"),
            R"(m.yaml:3:9: error: each item of 'roles' must be a mapping, got 'web'
    roles: [web, {id: a, department: d}]
            ^
)");
}

// When the roles cannot be read, every dependency would name an unknown role:
// one error is enough.
TEST_F(LoaderTest, DoesNotCascadeFromAnUnreadableList) {
  EXPECT_EQ(model_error(R"(name: x
departments: [{id: d}]
roles: 5
dependencies:
  - {role: a, depends_on: b, weight: 0.5}
)"),
            R"(m.yaml:3:8: error: field 'roles' must be a sequence, got '5'
    roles: 5
           ^
)");
}

TEST_F(LoaderTest, ReportsEveryProblemInFileOrder) {
  try {
    parse_model(R"(roles:
  - {id: a, department: nowhere}
departments: [{id: d, nmae: D}]
name: x
extra: 1
)",
                "m.yaml");
    FAIL() << "no error";
  } catch (const ValidationError& e) {
    std::vector<std::string> got;
    for (const Diagnostic& d : e.diagnostics().items()) {
      got.push_back(d.where.str() + " " + d.message);
    }
    EXPECT_EQ(got, (std::vector<std::string>{
                       "m.yaml:2:25 unknown department 'nowhere'",
                       "m.yaml:3:23 unknown field 'nmae' in department; did you mean 'name'?",
                       "m.yaml:5:1 unknown field 'extra' in model",
                   }));
  }
}

// ---------------------------------------------------------------- scenarios

TEST_F(LoaderTest, ParsesScenario) {
  Scenario s = parse_scenario(R"(name: Slow payments
description: What if payments slow down?
model: model.yaml
steps: 40
failures:
  - {role: payments, degrade: 0.5, from: 2, to: 10}
  - {role: web, degrade: 1}
changes:
  - {role: checkout, depends_on: payments, weight: 0}
  - {role: web, depends_on: payments, weight: 0.3}
  - {role: payments, recovery: 0.5}
  - {role: checkout, touchpoint: 0.2}
initial:
  - {role: web, q: 0.6}
)",
                              "s.yaml", parse_model(kModel, "model.yaml"));
  EXPECT_EQ(s.name, "Slow payments");
  EXPECT_EQ(s.description, "What if payments slow down?");
  EXPECT_EQ(s.file, "s.yaml");
  EXPECT_EQ(s.model.file, "model.yaml");
  EXPECT_EQ(s.steps, 40);
  RoleId web = *s.model.find_role("web");
  RoleId checkout = *s.model.find_role("checkout");
  RoleId payments = *s.model.find_role("payments");

  ASSERT_EQ(s.failures.size(), 2u);
  EXPECT_EQ(s.failures[0].role, payments);
  EXPECT_EQ(s.failures[0].degrade, 0.5);
  EXPECT_EQ(s.failures[0].from, 2);
  EXPECT_EQ(s.failures[0].to, 10);
  EXPECT_EQ(s.failures[0].where.line, 6);
  EXPECT_EQ(s.failures[0].where.column, 5);
  EXPECT_EQ(s.failures[1].from, 0);
  EXPECT_EQ(s.failures[1].to, std::nullopt);

  ASSERT_EQ(s.changes.size(), 4u);
  EXPECT_EQ(s.changes[0].role, checkout);
  EXPECT_EQ(s.changes[0].depends_on, payments);
  EXPECT_EQ(s.changes[0].weight, 0.0);
  EXPECT_EQ(s.changes[0].recovery, std::nullopt);
  EXPECT_EQ(s.changes[1].role, web);
  EXPECT_EQ(s.changes[1].weight, 0.3);
  EXPECT_EQ(s.changes[2].recovery, 0.5);
  EXPECT_EQ(s.changes[2].depends_on, std::nullopt);
  EXPECT_EQ(s.changes[3].touchpoint, 0.2);
  EXPECT_EQ(s.changes[3].where.line, 12);

  ASSERT_EQ(s.initial.size(), 1u);
  EXPECT_EQ(s.initial[0].role, web);
  EXPECT_EQ(s.initial[0].q, 0.6);
  EXPECT_EQ(s.initial[0].where.line, 14);
  ASSERT_NE(s.sources, nullptr);
  EXPECT_EQ(s.sources->line("s.yaml", 4), "steps: 40");
}

TEST_F(LoaderTest, ScenarioDefaults) {
  Scenario s = parse_scenario("name: s\nmodel: m.yaml\nfailures:\n", "s.yaml",
                              parse_model(kModel, "model.yaml"));
  EXPECT_EQ(s.steps, kDefaultSteps);
  EXPECT_TRUE(s.failures.empty());
}

TEST_F(LoaderTest, RejectsBadFailures) {
  EXPECT_EQ(scenario_error(R"(name: s
model: model.yaml
steps: 1.5
failures:
  - {role: paymnets, degrade: 0}
  - {role: web, degrade: 0.5, from: 5, to: 3}
  - {role: web, degrade: 0.5, to: 0}
  - {role: web, degrade: 0.5, from: -1}
  - {role: web}
)"),
            R"(s.yaml:3:8: error: field 'steps' must be an integer, got '1.5'
    steps: 1.5
           ^
s.yaml:5:12: error: unknown role 'paymnets'; did you mean 'payments'?
      - {role: paymnets, degrade: 0}
               ^
s.yaml:5:31: error: degrade must be in (0, 1], got 0
      - {role: paymnets, degrade: 0}
                                  ^
s.yaml:6:44: error: to (3) must be greater than from (5)
      - {role: web, degrade: 0.5, from: 5, to: 3}
                                               ^
s.yaml:7:35: error: to (0) must be greater than from (0)
      - {role: web, degrade: 0.5, to: 0}
                                      ^
s.yaml:8:37: error: from must be at least 0, got -1
      - {role: web, degrade: 0.5, from: -1}
                                        ^
s.yaml:9:5: error: failure is missing required field 'degrade'
      - {role: web}
        ^
)");
  EXPECT_EQ(scenario_error("name: s\nmodel: m\nsteps: 99999999999999999999\nfailures:\n"
                           "  - {role: web, degrade: 1, from: 3000000000}\n"),
            R"(s.yaml:3:8: error: steps must be in [1, 100000], got 99999999999999999999
    steps: 99999999999999999999
           ^
s.yaml:5:35: error: from must be at most 2147483647, got 3000000000
      - {role: web, degrade: 1, from: 3000000000}
                                      ^
)");
  EXPECT_EQ(scenario_error("name: s\nmodel: m\nsteps: 0\n"),
            R"(s.yaml:3:8: error: steps must be in [1, 100000], got 0
    steps: 0
           ^
)");
  EXPECT_EQ(scenario_error("name: s\nsteps: 100001\n"),
            R"(s.yaml:1:1: error: scenario is missing required field 'model'
    name: s
    ^
s.yaml:2:8: error: steps must be in [1, 100000], got 100001
    steps: 100001
           ^
)");
}

TEST_F(LoaderTest, RejectsBadChanges) {
  EXPECT_EQ(
      scenario_error(R"(name: s
model: model.yaml
changes:
  - {role: web}
  - {role: web, recovery: 0.5, touchpoint: 0.2}
  - {role: web, depends_on: payments}
  - {role: web, weight: 0.2}
  - {role: web, depends_on: web, weight: 1.5}
  - {role: web, recovery: 0}
  - {role: web, touchpoint: 2}
)"),
      R"(s.yaml:4:5: error: change must set one of 'depends_on' with 'weight', 'recovery' or 'touchpoint'
      - {role: web}
        ^
s.yaml:5:32: error: change sets more than one of 'depends_on' with 'weight', 'recovery' and 'touchpoint'; write each change as its own item
      - {role: web, recovery: 0.5, touchpoint: 0.2}
                                   ^
s.yaml:6:5: error: change with 'depends_on' is missing required field 'weight'
      - {role: web, depends_on: payments}
        ^
s.yaml:7:5: error: change with 'weight' is missing required field 'depends_on'
      - {role: web, weight: 0.2}
        ^
s.yaml:8:29: error: role 'web' cannot depend on itself
      - {role: web, depends_on: web, weight: 1.5}
                                ^
s.yaml:8:42: error: weight must be in [0, 1], got 1.5
      - {role: web, depends_on: web, weight: 1.5}
                                             ^
s.yaml:9:27: error: recovery must be in (0, 1], got 0
      - {role: web, recovery: 0}
                              ^
s.yaml:10:29: error: touchpoint must be in [0, 1], got 2
      - {role: web, touchpoint: 2}
                                ^
)");
}

TEST_F(LoaderTest, RejectsBadInitialStates) {
  EXPECT_EQ(scenario_error(R"(name: s
model: model.yaml
initial:
  - {role: web, q: 1.5}
  - {role: checkout, q: 0.5}
  - {role: checkout, q: 0.2}
)"),
            R"(s.yaml:4:20: error: q must be in [0, 1], got 1.5
      - {role: web, q: 1.5}
                       ^
s.yaml:6:12: error: duplicate initial state for role 'checkout' (first at line 5)
      - {role: checkout, q: 0.2}
               ^
)");
}

// "did you mean" compares against every name, so it is skipped for huge models.
TEST_F(LoaderTest, SuggestsOnlyAmongAtMost50000Names) {
  OrgGraph g;
  g.add_department({"d", "d", {}});
  Role role;
  for (int i = 0; i < 50'000; ++i) {
    role.id = "role" + std::to_string(i);
    g.add_role(role);
  }
  std::string text = "name: s\nmodel: m\nfailures: [{role: rol7, degrade: 1}]\n";
  auto message = [&](OrgGraph model) {
    try {
      parse_scenario(text, "s.yaml", std::move(model));
    } catch (const ValidationError& e) {
      return e.diagnostics().items().at(0).message;
    }
    return std::string("no error");
  };
  EXPECT_EQ(message(g), "unknown role 'rol7'; did you mean 'role7'?");
  role.id = "one-too-many";
  g.add_role(role);
  EXPECT_EQ(message(g), "unknown role 'rol7'");
}

// ---------------------------------------------------------------- files

TEST_F(LoaderTest, LoadsScenarioAndResolvesTheModelPath) {
  write("models/org.yaml", kModel);
  fs::path path = write("what-if/slow.yaml",
                        "name: slow\nmodel: ../models/./org.yaml\nfailures: [{role: web, "
                        "degrade: 0.5}]\n");
  Scenario s = load_scenario(path);
  EXPECT_EQ(s.file, path.string());
  EXPECT_EQ(s.model.file, (dir_ / "models/org.yaml").string());
  EXPECT_EQ(s.model.name, "Contact center");
  ASSERT_EQ(s.failures.size(), 1u);
  EXPECT_EQ(s.failures[0].role, *s.model.find_role("web"));
  // Both texts are kept, under the names used in messages.
  EXPECT_EQ(s.sources->line(s.model.file, 1), "name: Contact center");
  EXPECT_EQ(s.sources->line(s.file, 1), "name: slow");
}

TEST_F(LoaderTest, ReportsModelAndScenarioProblemsTogether) {
  write("m.yaml", "name: m\ndepartments: [{id: ops}]\nroles: [{id: a, department: op}]\n");
  fs::path path = write("s.yaml", "name: s\nmodel: m.yaml\nfailures: [{role: b, degrade: 1}]\n");
  std::string m = (dir_ / "m.yaml").string();
  std::string s = path.string();
  EXPECT_EQ(load_error(path), m + R"(:3:29: error: unknown department 'op'; did you mean 'ops'?
    roles: [{id: a, department: op}]
                                ^
)" + s + R"(:3:19: error: unknown role 'b'
    failures: [{role: b, degrade: 1}]
                      ^
)");
}

TEST_F(LoaderTest, RejectsAMissingModelFileAtTheModelField) {
  fs::path path = write("s.yaml", "name: s\nmodel:   nowhere.yaml\n");
  EXPECT_EQ(load_error(path), "LoadError: " + path.string() +
                                  ":2:10: error: cannot read model file '" +
                                  (dir_ / "nowhere.yaml").string() +
                                  "': No such file or directory\n    model:   nowhere.yaml\n"
                                  "             ^\n");
}

TEST_F(LoaderTest, RejectsAModelThatIsADirectoryOrTheScenarioItself) {
  fs::create_directories(dir_ / "models");
  fs::path path = write("s.yaml", "name: s\nmodel: models\n");
  EXPECT_EQ(load_error(path), "LoadError: " + path.string() + ":2:8: error: model file '" +
                                  (dir_ / "models").string() +
                                  "' is a directory, expected a YAML file\n    model: models\n"
                                  "           ^\n");
  path = write("self.yaml", "name: s\nmodel: ./self.yaml\n");
  EXPECT_EQ(load_error(path), "LoadError: " + path.string() +
                                  ":2:8: error: model: points to this scenario file itself\n"
                                  "    model: ./self.yaml\n           ^\n");
}

TEST_F(LoaderTest, ModelThatIsAScenarioGetsTheUsualFieldErrors) {
  write("other.yaml", "name: o\nmodel: s.yaml\n");
  fs::path path = write("s.yaml", "name: s\nmodel: other.yaml\n");
  std::string other = (dir_ / "other.yaml").string();
  EXPECT_EQ(load_error(path), other +
                                  ":1:1: error: model is missing required field "
                                  "'departments'\n    name: o\n    ^\n" +
                                  other +
                                  ":1:1: error: model is missing required field 'roles'\n"
                                  "    name: o\n    ^\n" +
                                  other +
                                  ":2:1: error: unknown field 'model' in model\n"
                                  "    model: s.yaml\n    ^\n");
}

TEST_F(LoaderTest, LocatesInvalidYamlInTheModelFile) {
  write("m.yaml", "name: m\nroles: {\n");
  fs::path path = write("s.yaml", "name: s\nmodel: m.yaml\n");
  try {
    load_scenario(path);
    FAIL() << "no error";
  } catch (const LoadError& e) {
    EXPECT_EQ(e.where().str(), (dir_ / "m.yaml").string() + ":3:1");
    EXPECT_EQ(e.message(), "invalid YAML: end of map flow not found");
  }
}

TEST_F(LoaderTest, RejectsMissingFilesAndDirectories) {
  std::string missing = (dir_ / "nope.yaml").string();
  EXPECT_EQ(load_error(missing),
            "LoadError: " + missing + ": error: cannot read file: No such file or directory\n");
  EXPECT_EQ(load_error(dir_),
            "LoadError: " + dir_.string() + ": error: is a directory, expected a YAML file\n");
  EXPECT_THROW(load_model(missing), LoadError);
}

TEST_F(LoaderTest, RefusesFilesOverTheSizeLimit) {
  fs::path model = write("m.yaml", kModel);
  LoadOptions small{.max_input_bytes = 100};
  try {
    load_model(model, small);
    FAIL() << "no error";
  } catch (const LoadError& e) {
    EXPECT_EQ(e.message(), "file is too large: " + std::to_string(kModel.size()) +
                               " bytes, the limit is 100 bytes");
    EXPECT_EQ(e.where().str(), model.string());
  }
  // The model named by a scenario is held to the same limit, reported at `model:`.
  fs::path path = write("s.yaml", "name: s\nmodel: m.yaml\n");
  EXPECT_EQ(load_error(path, small),
            "LoadError: " + path.string() + ":2:8: error: model file '" + model.string() +
                "' is too large: " + std::to_string(kModel.size()) +
                " bytes, the limit is 100 bytes\n    model: m.yaml\n           ^\n");
  EXPECT_NO_THROW(load_model(model, LoadOptions{.max_input_bytes = kModel.size()}));
  // A device has no size to check first: reading stops at the limit.
  try {
    load_model("/dev/zero", small);
    FAIL() << "no error";
  } catch (const LoadError& e) {
    EXPECT_EQ(e.message(), "file is too large: more than the limit of 100 bytes");
  }
}

TEST_F(LoaderTest, LoadModelOrScenarioTellsThemApart) {
  fs::path model = write("m.yaml", kModel);
  Scenario bare = load_model_or_scenario(model);
  EXPECT_EQ(bare.name, "Contact center");
  EXPECT_EQ(bare.file, "");
  EXPECT_EQ(bare.model.file, model.string());
  EXPECT_EQ(bare.model.role_count(), 3u);
  EXPECT_TRUE(bare.failures.empty());
  EXPECT_EQ(bare.steps, kDefaultSteps);
  ASSERT_NE(bare.sources, nullptr);
  EXPECT_EQ(bare.sources->line(model.string(), 1), "name: Contact center");

  fs::path path = write("s.yaml", "name: s\nmodel: m.yaml\nfailures: [{role: web, degrade: 1}]\n");
  Scenario s = load_model_or_scenario(path);
  EXPECT_EQ(s.name, "s");
  EXPECT_EQ(s.file, path.string());
  EXPECT_EQ(s.model.role_count(), 3u);
  EXPECT_EQ(s.failures.size(), 1u);
}

TEST_F(LoaderTest, LoadScenarioWithTakesTheModelFromTheCallback) {
  fs::path model = write("m.yaml", kModel);
  const OrgGraph shared = load_model(model);
  std::vector<fs::path> asked;
  auto model_for = [&](const fs::path& p) -> const OrgGraph& {
    asked.push_back(p);
    return shared;
  };
  fs::path path = write("s.yaml", "name: s\nmodel: m.yaml\nfailures: [{role: web, degrade: 1}]\n");
  Scenario s = load_scenario_with(path, model_for);
  EXPECT_EQ(s.name, "s");
  EXPECT_EQ(s.file, path.string());
  EXPECT_EQ(s.model.role_count(), 3u);
  ASSERT_EQ(s.failures.size(), 1u);
  EXPECT_EQ(asked, std::vector<fs::path>{model});  // relative to the scenario's folder

  // Scenario errors read as with load_scenario.
  fs::path typo = write("t.yaml", "name: t\nmodel: m.yaml\nfailures: [{role: wbe, degrade: 1}]\n");
  const std::string expected = load_error(typo);
  EXPECT_EQ(expected, typo.string() +
                          ":3:19: error: unknown role 'wbe'; did you mean 'web'?\n"
                          "    failures: [{role: wbe, degrade: 1}]\n"
                          "                      ^\n");
  try {
    load_scenario_with(typo, model_for);
    FAIL() << "no error";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.what(), expected);
  }
}

TEST_F(LoaderTest, LoadScenarioWithBlamesAnUnreadableModelAtTheModelKey) {
  fs::path path = write("s.yaml", "name: s\nmodel: missing.yaml\n");
  const std::string missing = (dir_ / "missing.yaml").string();
  auto model_for = [](const fs::path& p) -> const OrgGraph& {
    static const OrgGraph g = load_model(p);  // throws: the file is missing
    return g;
  };
  try {
    load_scenario_with(path, model_for);
    FAIL() << "no error";
  } catch (const LoadError& e) {
    EXPECT_EQ(std::string(e.what()),
              path.string() + ":2:8: error: model file '" + missing +
                  "': cannot read file: No such file or directory\n    model: missing.yaml\n"
                  "           ^\n");
  }
  // A scenario naming itself is refused before the callback is asked.
  fs::path self = write("self.yaml", "name: s\nmodel: self.yaml\n");
  EXPECT_EQ(load_error(self), "LoadError: " + self.string() +
                                  ":2:8: error: model: points to this scenario file itself\n"
                                  "    model: self.yaml\n           ^\n");
  EXPECT_THROW(load_scenario_with(self, model_for), LoadError);
}

}  // namespace
}  // namespace orgsim::model
