// One scenario schema (model/scenario_rules.hpp), two readers: the same wrong scenario
// written as a YAML file (model::parse_scenario, then model::validate_scenario) and as
// the server's JSON what-if (what_if_from_json, then to_scenario) gets the same
// messages. Only the location in front differs: "s.yaml:5:31: " against
// "failures[0].degrade: ".

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "model/loader.hpp"
#include "model/scenario_rules.hpp"
#include "model/validate.hpp"
#include "serve/what_if.hpp"
#include "tests/serve/test_model.hpp"

namespace orgsim::serve {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

// The same scenario, twice: the YAML lines after `name:` and `model:`, and the JSON body.
struct Case {
  const char* what;
  std::string yaml;
  std::string json;
  std::vector<std::string> messages;  // what both must say
};

class ScenarioSchemaTest : public ::testing::Test {
 protected:
  model::Scenario start_ = test::serve_start();

  // The error messages of the YAML scenario, without their file:line:col.
  std::vector<std::string> yaml_messages(const std::string& body) {
    std::vector<std::string> out;
    try {
      model::Scenario s =
          model::parse_scenario("name: s\nmodel: test-model.yaml\n" + body, "s.yaml", start_.model);
      const Diagnostics checked = model::validate_scenario(s);
      for (const Diagnostic& d : checked.items()) {
        if (d.severity == Severity::kError) out.push_back(d.message);
      }
    } catch (const ValidationError& e) {
      for (const Diagnostic& d : e.diagnostics().items()) out.push_back(d.message);
    }
    return out;
  }

  // The details of the JSON what-if, without their "path: ". The server allows as many
  // steps as a scenario file.
  std::vector<std::string> json_messages(const std::string& body) {
    WhatIfLimits limits;
    limits.max_steps = model::kMaxSteps;
    std::vector<std::string> out;
    try {
      WhatIf w = what_if_from_json(parse_json_body(body), start_.model, 20, limits);
      std::vector<std::string> warnings;
      to_scenario(start_, w, warnings);
    } catch (const RequestError& e) {
      for (const std::string& detail : e.details()) {
        const auto colon = detail.find(": ");
        out.push_back(colon == std::string::npos ? detail : detail.substr(colon + 2));
      }
    }
    return out;
  }
};

TEST_F(ScenarioSchemaTest, YamlAndJsonGiveTheSameMessages) {
  const Case cases[] = {
      {"degrade out of range",
       "failures:\n  - {role: payments, degrade: 1.5}\n",
       R"({"failures": [{"role": "payments", "degrade": 1.5}]})",
       {"degrade must be in (0, 1], got 1.5"}},
      {"degrade zero",
       "failures:\n  - {role: payments, degrade: 0}\n",
       R"({"failures": [{"role": "payments", "degrade": 0}]})",
       {"degrade must be in (0, 1], got 0"}},
      {"unknown role",
       "failures:\n  - {role: paymnts, degrade: 0.5}\n",
       R"({"failures": [{"role": "paymnts", "degrade": 0.5}]})",
       {"unknown role 'paymnts'; did you mean 'payments'?"}},
      {"unknown role, nothing close",
       "failures:\n  - {role: nobody, degrade: 0.5}\n",
       R"({"failures": [{"role": "nobody", "degrade": 0.5}]})",
       {"unknown role 'nobody'"}},
      {"unknown field in a failure",
       "failures:\n  - {role: payments, degrade: 0.5, form: 2}\n",
       R"({"failures": [{"role": "payments", "degrade": 0.5, "form": 2}]})",
       {"unknown field 'form' in failure; did you mean 'from'?"}},
      {"unknown field, nothing close",
       "failures:\n  - {role: payments, degrade: 0.5, colour: red}\n",
       R"({"failures": [{"role": "payments", "degrade": 0.5, "colour": "red"}]})",
       {"unknown field 'colour' in failure"}},
      {"missing role",
       "failures:\n  - {degrade: 0.5}\n",
       R"({"failures": [{"degrade": 0.5}]})",
       {"failure is missing required field 'role'"}},
      {"missing degrade",
       "failures:\n  - {role: payments}\n",
       R"({"failures": [{"role": "payments"}]})",
       {"failure is missing required field 'degrade'"}},
      {"from below 0",
       "failures:\n  - {role: payments, degrade: 0.5, from: -1}\n",
       R"({"failures": [{"role": "payments", "degrade": 0.5, "from": -1}]})",
       {"from must be at least 0, got -1"}},
      {"to not after from",
       "failures:\n  - {role: payments, degrade: 0.5, from: 5, to: 3}\n",
       R"({"failures": [{"role": "payments", "degrade": 0.5, "from": 5, "to": 3}]})",
       {"to (3) must be greater than from (5)"}},
      {"to too large",
       "failures:\n  - {role: payments, degrade: 0.5, to: 2147483648}\n",
       R"({"failures": [{"role": "payments", "degrade": 0.5, "to": 2147483648}]})",
       {"to must be at most 2147483647, got 2147483648"}},
      {"several problems in one item",
       "failures:\n  - {degrade: 2, from: -1}\n",
       R"({"failures": [{"degrade": 2, "from": -1}]})",
       {"failure is missing required field 'role'", "degrade must be in (0, 1], got 2",
        "from must be at least 0, got -1"}},
      {"change with two fields set",
       "changes:\n  - {role: agents, recovery: 0.5, touchpoint: 0.1}\n",
       R"({"changes": [{"role": "agents", "recovery": 0.5, "touchpoint": 0.1}]})",
       {"change sets more than one of 'depends_on' with 'weight', 'recovery' and 'touchpoint'; "
        "write each change as its own item"}},
      {"change with nothing set",
       "changes:\n  - {role: agents}\n",
       R"({"changes": [{"role": "agents"}]})",
       {"change must set one of 'depends_on' with 'weight', 'recovery' or 'touchpoint'"}},
      {"change without weight",
       "changes:\n  - {role: agents, depends_on: payroll}\n",
       R"({"changes": [{"role": "agents", "depends_on": "payroll"}]})",
       {"change with 'depends_on' is missing required field 'weight'"}},
      {"change without depends_on",
       "changes:\n  - {role: agents, weight: 0.2}\n",
       R"({"changes": [{"role": "agents", "weight": 0.2}]})",
       {"change with 'weight' is missing required field 'depends_on'"}},
      {"change without role",
       "changes:\n  - {recovery: 0.5}\n",
       R"({"changes": [{"recovery": 0.5}]})",
       {"change is missing required field 'role'"}},
      {"change on itself",
       "changes:\n  - {role: agents, depends_on: agents, weight: 0.1}\n",
       R"({"changes": [{"role": "agents", "depends_on": "agents", "weight": 0.1}]})",
       {"role 'agents' cannot depend on itself"}},
      {"change to an unknown role",
       "changes:\n  - {role: agents, depends_on: payrol, weight: 0.1}\n",
       R"({"changes": [{"role": "agents", "depends_on": "payrol", "weight": 0.1}]})",
       {"unknown role 'payrol'; did you mean 'payroll'?"}},
      {"change weight out of range",
       "changes:\n  - {role: agents, depends_on: payroll, weight: 1.5}\n",
       R"({"changes": [{"role": "agents", "depends_on": "payroll", "weight": 1.5}]})",
       {"weight must be in [0, 1], got 1.5"}},
      {"change recovery zero",
       "changes:\n  - {role: agents, recovery: 0}\n",
       R"({"changes": [{"role": "agents", "recovery": 0}]})",
       {"recovery must be in (0, 1], got 0"}},
      {"change touchpoint out of range",
       "changes:\n  - {role: agents, touchpoint: -0.5}\n",
       R"({"changes": [{"role": "agents", "touchpoint": -0.5}]})",
       {"touchpoint must be in [0, 1], got -0.5"}},
      {"unknown field in a change",
       "changes:\n  - {role: agents, recovery: 0.5, recover: 1}\n",
       R"({"changes": [{"role": "agents", "recovery": 0.5, "recover": 1}]})",
       {"unknown field 'recover' in change; did you mean 'recovery'?"}},
      {"changed model whose touchpoints sum over 1",
       "changes:\n  - {role: payments, touchpoint: 0.9}\n",
       R"({"changes": [{"role": "payments", "touchpoint": 0.9}]})",
       {"touchpoint weights sum to more than 1 (1.2 after role 'refunds'): the CX score could "
        "fall below 0"}},
      {"steps zero", "steps: 0\n", R"({"steps": 0})", {"steps must be in [1, 100000], got 0"}},
      {"steps too many",
       "steps: 100001\n",
       R"({"steps": 100001})",
       {"steps must be in [1, 100000], got 100001"}},
      {"initial q out of range",
       "initial:\n  - {role: agents, q: 1.5}\n",
       R"({"initial": [{"role": "agents", "q": 1.5}]})",
       {"q must be in [0, 1], got 1.5"}},
      {"initial q below 0",
       "initial:\n  - {role: agents, q: -0.5}\n",
       R"({"initial": [{"role": "agents", "q": -0.5}]})",
       {"q must be in [0, 1], got -0.5"}},
      {"initial without q",
       "initial:\n  - {role: agents}\n",
       R"({"initial": [{"role": "agents"}]})",
       {"initial state is missing required field 'q'"}},
      {"initial of an unknown role",
       "initial:\n  - {role: agent, q: 0.5}\n",
       R"({"initial": [{"role": "agent", "q": 0.5}]})",
       {"unknown role 'agent'; did you mean 'agents'?"}},
      {"unknown field in an initial state",
       "initial:\n  - {role: agents, q: 0.5, qq: 1}\n",
       R"({"initial": [{"role": "agents", "q": 0.5, "qq": 1}]})",
       {"unknown field 'qq' in initial state; did you mean 'q'?"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    EXPECT_THAT(yaml_messages(c.yaml), ElementsAreArray(c.messages));
    EXPECT_THAT(json_messages(c.json), ElementsAreArray(c.messages));
  }
}

TEST_F(ScenarioSchemaTest, DuplicateInitialStatesNameTheFirstInEachReadersTerms) {
  // The rule and its words are shared; where the first one is, is each reader's.
  EXPECT_THAT(yaml_messages("initial:\n  - {role: agents, q: 0.1}\n  - {role: agents, q: 0.2}\n"),
              ElementsAre("duplicate initial state for role 'agents' (first at line 4)"));
  EXPECT_THAT(
      json_messages(R"({"initial": [{"role": "agents", "q": 0.1}, {"role": "agents", "q": 0.2}]})"),
      ElementsAre("duplicate initial state for role 'agents' (first at initial[0])"));
}

TEST_F(ScenarioSchemaTest, BothReadersAcceptTheSameScenario) {
  model::Scenario s = model::parse_scenario(R"(name: s
model: test-model.yaml
steps: 12
failures:
  - {role: payroll, degrade: 0.25, from: 2, to: 5}
changes:
  - {role: agents, depends_on: payroll, weight: 0}
  - {role: refunds, recovery: 0.9}
initial:
  - {role: agents, q: 0.5}
)",
                                            "s.yaml", start_.model);
  WhatIf w = what_if_from_json(parse_json_body(R"({"steps": 12,
      "failures": [{"role": "payroll", "degrade": 0.25, "from": 2, "to": 5}],
      "changes": [{"role": "agents", "depends_on": "payroll", "weight": 0},
                  {"role": "refunds", "recovery": 0.9}],
      "initial": [{"role": "agents", "q": 0.5}]})"),
                               start_.model, 20);
  // The same what-if (the key leaves out positions, which JSON has none of).
  s.name.clear();
  EXPECT_EQ(canonical_key(what_if_of(s)), canonical_key(w));
}

}  // namespace
}  // namespace orgsim::serve
