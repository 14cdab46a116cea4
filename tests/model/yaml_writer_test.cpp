#include "model/yaml_writer.hpp"

#include <gtest/gtest.h>

#include <string>

#include "model/loader.hpp"
#include "model/synthetic.hpp"
#include "tests/support/builders.hpp"

namespace orgsim::model {
namespace {

// Every field the file format carries, compared exactly (weights with EXPECT_EQ, so
// bit for bit).
void expect_same_graph(const OrgGraph& a, const OrgGraph& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.cx_baseline, b.cx_baseline);
  ASSERT_EQ(a.departments().size(), b.departments().size());
  for (std::size_t i = 0; i < a.departments().size(); ++i) {
    EXPECT_EQ(a.departments()[i].id, b.departments()[i].id) << "department " << i;
    EXPECT_EQ(a.departments()[i].name, b.departments()[i].name) << "department " << i;
  }
  ASSERT_EQ(a.role_count(), b.role_count());
  for (std::size_t i = 0; i < a.role_count(); ++i) {
    const Role& x = a.roles()[i];
    const Role& y = b.roles()[i];
    EXPECT_EQ(x.id, y.id) << "role " << i;
    EXPECT_EQ(x.name, y.name) << "role " << i;
    EXPECT_EQ(x.department, y.department) << "role " << i;
    EXPECT_EQ(x.recovery, y.recovery) << "role " << i;
    EXPECT_EQ(x.touchpoint, y.touchpoint) << "role " << i;
    EXPECT_EQ(x.description, y.description) << "role " << i;
  }
  ASSERT_EQ(a.dependencies().size(), b.dependencies().size());
  for (std::size_t i = 0; i < a.dependencies().size(); ++i) {
    const Dependency& x = a.dependencies()[i];
    const Dependency& y = b.dependencies()[i];
    EXPECT_EQ(x.role, y.role) << "dependency " << i;
    EXPECT_EQ(x.depends_on, y.depends_on) << "dependency " << i;
    EXPECT_EQ(x.weight, y.weight) << "dependency " << i;
  }
}

// Names that break naive YAML writers: indicators, YAML 1.1 booleans and nulls,
// numbers, escapes, Unicode (including its line breaks), surrounding spaces.
const char* const kHostileNames[] = {
    "say \"hi\"",
    "key: value",
    "# not a comment",
    "- not a list",
    "yes",
    "No",
    "ON",
    "off",
    "y",
    "null",
    "~",
    "123",
    "0x1F",
    "1e5",
    "-3",
    ".inf",
    "a,b",
    "[x]",
    "{x}",
    "back\\slash",
    "caf\xC3\xA9",
    "\xE2\x9C\x93",
    "&anchor",
    "*alias",
    "!tag",
    "|literal",
    ">folded",
    "%directive",
    "@at",
    "`tick`",
    "it's",
    " padded ",
    "line\nbreak",
    "tab\there",
    "nel\xC2\x85x",
    "ls\xE2\x80\xA8x",
    "bom\xEF\xBB\xBFx",
    "",
    "two  spaces",
    "a: b #c",
};

OrgGraph hostile_graph() {
  OrgGraph g;
  g.name = "Hostile: \"org\" # 1";
  g.description = "multi\nline\ttext with \\ and 'quotes'";
  g.cx_baseline = 85.25;
  g.add_department({"yes", "No", {}});
  g.add_department({"123", "", {}});
  std::uint32_t n = 0;
  for (const char* text : kHostileNames) {
    const std::string id = std::string(text).empty() ? "empty" : text;
    if (id.find_first_of("\n\t") != std::string::npos) continue;  // ids: no control chars
    Role r;
    r.id = id;
    r.name = text;
    r.department = DepartmentId(n % 2);
    r.recovery = 0.1 + 0.8 / (n + 3.0);
    r.touchpoint = n % 3 == 0 ? 1.0 / 47.0 : 0.0;
    r.description = n % 4 == 0 ? std::string(text) + "\r\x01" : std::string();
    g.add_role(std::move(r));
    ++n;
  }
  for (std::uint32_t i = 1; i < n; ++i) g.add_dependency({RoleId(i), RoleId(i - 1), 0.3 / i, {}});
  g.add_dependency({RoleId(0), RoleId(n - 1), 0.1, {}});
  return g;
}

// What the loader makes of a role or department written without a name: the id.
OrgGraph with_loader_defaults(const OrgGraph& g) {
  OrgGraph out;
  out.name = g.name;
  out.description = g.description;
  out.cx_baseline = g.cx_baseline;
  for (Department d : g.departments()) {
    if (d.name.empty()) d.name = d.id;
    out.add_department(std::move(d));
  }
  for (Role r : g.roles()) {
    if (r.name.empty()) r.name = r.id;
    out.add_role(std::move(r));
  }
  for (const Dependency& d : g.dependencies()) out.add_dependency(d);
  return out;
}

TEST(YamlWriterTest, SyntheticModelRoundTripsExactly) {
  SyntheticSpec spec;
  spec.roles = 500;
  spec.departments = 20;
  spec.seed = 7;
  const OrgGraph g = make_synthetic(spec);
  expect_same_graph(g, parse_model(to_yaml(g), "model.yaml"));
}

TEST(YamlWriterTest, HostileNamesRoundTripExactly) {
  const OrgGraph g = hostile_graph();
  const std::string text = to_yaml(g);
  expect_same_graph(with_loader_defaults(g), parse_model(text, "model.yaml"));
}

TEST(YamlWriterTest, QuotesEverythingYaml11WouldNotReadAsText) {
  for (const char* word : {"yes", "No", "TRUE", "off", "On", "y", "N", "null", "Null", "~", ""}) {
    EXPECT_EQ(yaml_scalar(word), "\"" + std::string(word) + "\"") << word;
  }
  for (const char* number : {"123", "-3", "+1", "0x1F", "1e5", ".5", ".inf", "1:20", "0o17"}) {
    EXPECT_EQ(yaml_scalar(number), "\"" + std::string(number) + "\"") << number;
  }
  EXPECT_EQ(yaml_scalar("say \"hi\"\\"), "\"say \\\"hi\\\"\\\\\"");
  EXPECT_EQ(yaml_scalar("a\nb\tc\x01"), "\"a\\nb\\tc\\x01\"");
  EXPECT_EQ(yaml_scalar("key: value"), "\"key: value\"");
  EXPECT_EQ(yaml_scalar("- item"), "\"- item\"");
  EXPECT_EQ(yaml_scalar("caf\xC3\xA9"), "\"caf\xC3\xA9\"");
  EXPECT_EQ(yaml_scalar("nel\xC2\x85 ls\xE2\x80\xA8"), "\"nel\\u0085 ls\\u2028\"");
  EXPECT_EQ(yaml_scalar("trailing "), "\"trailing \"");
}

TEST(YamlWriterTest, LeavesPlainTokensUnquoted) {
  EXPECT_EQ(yaml_scalar("payments"), "payments");
  EXPECT_EQ(yaml_scalar("Customer service floor"), "Customer service floor");
  EXPECT_EQ(yaml_scalar("r12"), "r12");
  EXPECT_EQ(yaml_scalar("web-team_2/eu (night)"), "web-team_2/eu (night)");
  EXPECT_EQ(yaml_scalar("yesterday"), "yesterday");
  EXPECT_EQ(yaml_scalar("../model.yaml"), "../model.yaml");
  EXPECT_EQ(yaml_scalar("/srv/org/model.yaml"), "/srv/org/model.yaml");
  EXPECT_EQ(yaml_scalar(".hidden"), "\".hidden\"");
  EXPECT_EQ(yaml_scalar("Finance: payments"), "\"Finance: payments\"");
}

// Numbers as a person typed them (issue 11: a saved what-if held
// `degrade: 0.80000000000000004`), and still as many digits as reading back exactly needs.
TEST(YamlWriterTest, NumbersAreTheShortestTextThatReadsBack) {
  EXPECT_EQ(yaml_number(0.5), "0.5");
  EXPECT_EQ(yaml_number(80.0), "80");
  EXPECT_EQ(yaml_number(0.8), "0.8");
  EXPECT_EQ(yaml_number(0.1), "0.1");
  EXPECT_EQ(yaml_number(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(yaml_number(1e-7), "1.0e-07");  // PyYAML reads "1e-07" as a string
  EXPECT_EQ(yaml_number(2.5e-7), "2.5e-07");
  EXPECT_EQ(yaml_number(0.1 + 0.2), "0.30000000000000004");  // not 0.3: that is another double
}

TEST(YamlWriterTest, WritesCompactFlowItems) {
  const OrgGraph g = test::make_graph("checkout->payments 0.5; checkout*0.25");
  EXPECT_EQ(to_yaml(g),
            "name: test\n"
            "cx:\n"
            "  baseline: 100\n"
            "departments:\n"
            "  - {id: d}\n"
            "roles:\n"
            "  - {id: checkout, department: d, recovery: 0.5, touchpoint: 0.25}\n"
            "  - {id: payments, department: d, recovery: 0.5}\n"
            "dependencies:\n"
            "  - {role: checkout, depends_on: payments, weight: 0.5}\n");
}

TEST(YamlWriterTest, ScenarioRoundTripsExactly) {
  const OrgGraph g = hostile_graph();
  Scenario s;
  s.name = "yes";
  s.description = "What if \"123\" fails?\nTwo lines.";
  s.steps = 40;
  s.failures.push_back({RoleId(11), 0.1, 0, 7, {}});  // "123"
  s.failures.push_back({RoleId(4), 1.0 / 3.0, 5, std::nullopt, {}});
  s.failures.push_back({RoleId(7), 1e-7, 0, 3, {}});  // written 1.0e-07, read back the same
  Change dep;
  dep.role = RoleId(0);
  dep.depends_on = RoleId(5);
  dep.weight = 0.0;
  Change rec;
  rec.role = RoleId(2);
  rec.recovery = 0.7;
  Change tp;
  tp.role = RoleId(3);
  tp.touchpoint = 0.01;
  s.changes = {dep, rec, tp};
  s.initial.push_back({RoleId(6), 0.6, {}});
  s.model = g;

  const std::string text = to_yaml(s, "../my model.yaml");
  EXPECT_NE(text.find("degrade: 1.0e-07,"), std::string::npos) << text;
  const Scenario back = parse_scenario(text, "s.yaml", g);
  EXPECT_EQ(back.name, s.name);
  EXPECT_EQ(back.description, s.description);
  EXPECT_EQ(back.steps, s.steps);
  ASSERT_EQ(back.failures.size(), s.failures.size());
  for (std::size_t i = 0; i < s.failures.size(); ++i) {
    EXPECT_EQ(back.failures[i].role, s.failures[i].role);
    EXPECT_EQ(back.failures[i].degrade, s.failures[i].degrade);
    EXPECT_EQ(back.failures[i].from, s.failures[i].from);
    EXPECT_EQ(back.failures[i].to, s.failures[i].to);
  }
  ASSERT_EQ(back.changes.size(), s.changes.size());
  for (std::size_t i = 0; i < s.changes.size(); ++i) {
    EXPECT_EQ(back.changes[i].role, s.changes[i].role);
    EXPECT_EQ(back.changes[i].depends_on, s.changes[i].depends_on);
    EXPECT_EQ(back.changes[i].weight, s.changes[i].weight);
    EXPECT_EQ(back.changes[i].recovery, s.changes[i].recovery);
    EXPECT_EQ(back.changes[i].touchpoint, s.changes[i].touchpoint);
  }
  ASSERT_EQ(back.initial.size(), 1u);
  EXPECT_EQ(back.initial[0].role, s.initial[0].role);
  EXPECT_EQ(back.initial[0].q, s.initial[0].q);
  EXPECT_NE(text.find("\nmodel: ../my model.yaml\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace orgsim::model
