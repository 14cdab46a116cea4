// app/model_edit: the editor's JSON model checked as `orgsim validate` checks a file, each
// problem tied to the item and field it is about.
#include "app/model_edit.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/errors.hpp"
#include "model/loader.hpp"
#include "model/yaml_writer.hpp"

namespace orgsim::app {
namespace {

using nlohmann::json;

// A valid 3-role model in the editor's JSON.
json shop() {
  return json::parse(R"({
    "name": "Shop", "description": "", "time_unit": "day", "cx_baseline": 90,
    "departments": [{"id": "fin", "name": "Finance"}, {"id": "cs", "name": "Support"}],
    "roles": [
      {"id": "pay", "name": "Payments", "department": "fin", "recovery": 0.25, "touchpoint": 0,
       "description": ""},
      {"id": "agents", "name": "Agents", "department": "cs", "recovery": 0.5, "touchpoint": 0.6,
       "description": "Voice & chat"},
      {"id": "web", "name": "Web <b>team</b>", "department": "cs", "recovery": 0.5,
       "touchpoint": 0.4, "description": ""}],
    "dependencies": [
      {"role": "agents", "depends_on": "pay", "weight": 0.3},
      {"role": "web", "depends_on": "pay", "weight": 0.7}]
  })");
}

struct Found {
  std::string severity, message, kind;
  std::size_t index;
  std::string field;
  bool operator==(const Found&) const = default;
};

void PrintTo(const Found& f, std::ostream* os) {
  *os << f.severity << " " << f.kind << "[" << f.index << "]." << f.field << ": " << f.message;
}

std::vector<Found> found(const EditCheck& check) {
  std::vector<Found> out;
  for (const EditProblem& p : check.problems) {
    out.push_back({p.severity == Severity::kError ? "error" : "warning", p.message, p.element.kind,
                   p.element.index, p.element.field});
  }
  return out;
}

class ModelEditTest : public ::testing::Test {};

TEST_F(ModelEditTest, AValidModelHasNoProblemsAndItsGraph) {
  const EditCheck check = check_edited_model(shop(), "shop.yaml");
  EXPECT_TRUE(check.ok());
  EXPECT_EQ(check.errors, 0u);
  EXPECT_EQ(check.warnings, 0u);
  EXPECT_TRUE(check.problems.empty());
  ASSERT_TRUE(check.graph);
  EXPECT_EQ(check.graph->role_count(), 3u);
  EXPECT_EQ(check.graph->time_unit, "day");
  EXPECT_EQ(check.graph->cx_baseline, 90.0);
}

TEST_F(ModelEditTest, RoundTripsThroughTheModelFile) {
  // editor JSON -> checked -> the file Save writes -> loaded -> editor JSON: the same.
  const EditCheck check = check_edited_model(shop(), "shop.yaml");
  ASSERT_TRUE(check.graph);
  const std::string text = model::to_yaml(*check.graph);
  const json back = edit_model_json(model::parse_model(text, "shop.yaml"));
  EXPECT_EQ(back, shop());
  // And once more: the text is a fixed point.
  const EditCheck again = check_edited_model(back, "shop.yaml");
  ASSERT_TRUE(again.graph);
  EXPECT_EQ(model::to_yaml(*again.graph), text);
}

TEST_F(ModelEditTest, AnEmptyModelSaysWhichListsAreMissing) {
  const EditCheck check = check_edited_model(empty_edit_model("new"), "new.yaml");
  EXPECT_FALSE(check.ok());
  EXPECT_THAT(
      found(check),
      ::testing::ElementsAre(
          Found{"error", "field 'departments' must not be empty", "model", 0, "departments"},
          Found{"error", "field 'roles' must not be empty", "model", 0, "roles"}));
}

TEST_F(ModelEditTest, LoaderErrorsAreOnTheirItemsAndFields) {
  json m = shop();
  m["roles"][0]["recovery"] = "fast";         // text where a number goes
  m["roles"][1]["department"] = "sales";      // no such department
  m["roles"][2]["id"] = "agents";             // a duplicate id
  m["dependencies"][0]["weight"] = 1.5;       // out of range
  m["dependencies"][1]["weight"] = nullptr;   // missing
  m["departments"][1]["name"] = "Bad\tname";  // a control character
  const EditCheck check = check_edited_model(m, "shop.yaml");
  EXPECT_FALSE(check.ok());
  EXPECT_FALSE(check.graph);
  EXPECT_THAT(
      found(check),
      ::testing::UnorderedElementsAre(
          Found{"error", "field 'name' must not contain control characters, got 'Bad\\tname'",
                "department", 1, "name"},
          Found{"error", "field 'recovery' must be a number, got 'fast'", "role", 0, "recovery"},
          Found{"error", "unknown department 'sales'", "role", 1, "department"},
          Found{"error", "duplicate role id 'agents' (first defined in row 2 of the roles)", "role",
                2, "id"},
          Found{"error", "weight must be in (0, 1], got 1.5", "dependency", 0, "weight"},
          Found{"error", "dependency is missing required field 'weight'", "dependency", 1,
                "weight"},
          // The third role is 'agents' now: no role is called 'web'.
          Found{"error", "unknown role 'web'", "dependency", 1, "role"}));
}

TEST_F(ModelEditTest, WholeModelChecksPointAtTheRoleTheyName) {
  json m = shop();
  m["roles"][2]["touchpoint"] = 0.5;  // 0.6 + 0.5 > 1, tipped by the third role
  EditCheck check = check_edited_model(m, "shop.yaml");
  EXPECT_THAT(found(check),
              ::testing::ElementsAre(Found{"error",
                                           "touchpoint weights sum to more than 1 (1.1 after "
                                           "role 'web'): the CX score could fall below 0",
                                           "role", 2, "touchpoint"}));

  // A feedback loop of gain 1: at its first role, the whole item.
  m = shop();
  m["dependencies"].push_back({{"role", "pay"}, {"depends_on", "agents"}, {"weight", 1}});
  m["dependencies"][0]["weight"] = 1;
  check = check_edited_model(m, "shop.yaml");
  ASSERT_EQ(check.problems.size(), 1u);
  EXPECT_EQ(check.problems[0].element.kind, "role");
  EXPECT_EQ(check.problems[0].element.index, 0u);
  EXPECT_EQ(check.problems[0].element.field, "");
  EXPECT_THAT(check.problems[0].message,
              ::testing::StartsWith("feedback loop among 2 roles ('pay', 'agents') has gain"));
}

TEST_F(ModelEditTest, WarningsLeaveTheModelValid) {
  json m = shop();
  m["roles"].push_back({{"id", "payroll"}, {"department", "fin"}, {"recovery", 0.5}});
  const EditCheck check = check_edited_model(m, "shop.yaml");
  EXPECT_TRUE(check.ok());
  EXPECT_TRUE(check.graph);
  EXPECT_EQ(check.warnings, 1u);
  EXPECT_THAT(found(check), ::testing::ElementsAre(Found{
                                "warning",
                                "role 'payroll' has no path to any touchpoint: its failures never "
                                "reach the CX score",
                                "role", 3, ""}));
  EXPECT_EQ(edit_check_json(check),
            json::parse(R"({"ok": true, "errors": 0, "warnings": 1, "problems": [
              {"severity": "warning", "message": "role 'payroll' has no path to any touchpoint: its failures never reach the CX score",
               "element": {"kind": "role", "index": 3, "field": ""}}]})"));
}

TEST_F(ModelEditTest, ModelFieldsAreTheModels) {
  json m = shop();
  m["name"] = "";
  m["cx_baseline"] = 0;
  const EditCheck check = check_edited_model(m, "shop.yaml");
  std::vector<std::string> fields;
  for (const EditProblem& p : check.problems) {
    EXPECT_EQ(p.element.kind, "model") << p.message;
    fields.push_back(p.element.field);
  }
  EXPECT_THAT(fields, ::testing::ElementsAre("name", "cx_baseline"));
}

TEST_F(ModelEditTest, RefusesJsonOfAnotherShapeNamingThePath) {
  auto message = [](const json& m) {
    try {
      check_edited_model(m, "x.yaml");
    } catch (const InvalidArgument& e) {
      return std::string(e.what());
    }
    return std::string("no exception");
  };
  EXPECT_EQ(message(json::array()), "model: expected an object");
  json m = shop();
  m["roles"] = "none";
  EXPECT_EQ(message(m), "model.roles: expected a list");
  m = shop();
  m["roles"][1]["id"] = 7;
  EXPECT_EQ(message(m), "model.roles[1].id: expected text");
  m = shop();
  m["dependencies"][0]["weight"] = json::array();
  EXPECT_EQ(message(m), "model.dependencies[0].weight: expected a number or text");
  m = shop();
  m["departments"][0] = 3;
  EXPECT_EQ(message(m), "model.departments[0]: expected an object");
}

TEST_F(ModelEditTest, TextThatLooksLikeYamlStaysText) {
  // Names with YAML's own characters, quotes and a newline-free "key: value" stay names.
  json m = shop();
  m["roles"][0]["name"] = "a: b, {c} [d] # e \"f\" 'g'";
  m["departments"][0]["id"] = "yes";
  m["roles"][0]["department"] = "yes";
  const EditCheck check = check_edited_model(m, "shop.yaml");
  ASSERT_TRUE(check.graph) << check.text;
  EXPECT_EQ(check.graph->roles()[0].name, "a: b, {c} [d] # e \"f\" 'g'");
  EXPECT_EQ(check.graph->departments()[0].id, "yes");
}

}  // namespace
}  // namespace orgsim::app
