#include "serve/what_if.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/serve/test_model.hpp"

namespace orgsim::serve {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;

class WhatIfTest : public ::testing::Test {
 protected:
  model::Scenario start_ = test::serve_start();

  WhatIf read(std::string_view body) {
    return what_if_from_json(parse_json_body(body), start_.model, 20);
  }
  // The RequestError a body raises.
  RequestError error_of(std::string_view body) {
    try {
      read(body);
    } catch (const RequestError& e) {
      return e;
    }
    ADD_FAILURE() << "no error for " << body;
    return RequestError(0, "");
  }
};

TEST_F(WhatIfTest, ReadsFailuresChangesInitialStatesAndSteps) {
  WhatIf w = read(R"({"name": "x", "steps": 12, "static": true,
      "failures": [{"role": "payroll", "degrade": 0.25, "from": 2, "to": 5},
                   {"role": "payments", "degrade": 1}],
      "changes": [{"role": "agents", "depends_on": "payroll", "weight": 0},
                  {"role": "refunds", "recovery": 0.9}, {"role": "agents", "touchpoint": 0.1}],
      "initial": [{"role": "agents", "q": 0.5}]})");
  EXPECT_EQ(w.name, "x");
  EXPECT_EQ(w.steps, 12);
  EXPECT_TRUE(w.static_mode);
  ASSERT_EQ(w.failures.size(), 2u);
  EXPECT_EQ(w.failures[0].role, model::RoleId(1));
  EXPECT_EQ(w.failures[0].degrade, 0.25);
  EXPECT_EQ(w.failures[0].from, 2);
  EXPECT_EQ(w.failures[0].to, 5);
  EXPECT_EQ(w.failures[1].role, model::RoleId(0));
  EXPECT_EQ(w.failures[1].from, 0);
  EXPECT_EQ(w.failures[1].to, std::nullopt);
  ASSERT_EQ(w.changes.size(), 3u);
  EXPECT_EQ(w.changes[0].depends_on, model::RoleId(1));
  EXPECT_EQ(w.changes[0].weight, 0.0);
  EXPECT_EQ(w.changes[1].recovery, 0.9);
  EXPECT_EQ(w.changes[2].touchpoint, 0.1);
  ASSERT_EQ(w.initial.size(), 1u);
  EXPECT_EQ(w.initial[0].q, 0.5);
}

TEST_F(WhatIfTest, AnEmptyObjectIsTheUndisturbedModel) {
  WhatIf w = read("{}");
  EXPECT_TRUE(w.failures.empty());
  EXPECT_EQ(w.steps, 20);
  EXPECT_FALSE(w.static_mode);
}

TEST_F(WhatIfTest, UnknownRoleSuggestsTheClosestId) {
  RequestError e = error_of(R"({"failures": [{"role": "paymnts", "degrade": 0.5}]})");
  EXPECT_EQ(e.status(), 400);
  EXPECT_STREQ(e.what(),
               "invalid what-if: failures[0].role: unknown role 'paymnts'; did you mean "
               "'payments'?");
}

TEST_F(WhatIfTest, CollectsEveryProblemWithItsField) {
  RequestError e = error_of(R"({"steps": 0, "colour": 1,
      "failures": [{"role": "payments", "degrade": 1.5, "from": -1}, {"degrade": 0.1}, 7,
                   {"role": "payments", "degrade": 0.5, "from": 4, "to": 4}],
      "changes": [{"role": "agents"}, {"role": "agents", "recovery": 0.5, "touchpoint": 0.1},
                  {"role": "agents", "depends_on": "agents", "weight": 0.1},
                  {"role": "agents", "weight": 0.1}],
      "initial": [{"role": "agents", "q": 0.1}, {"role": "agents", "q": 0.2}]})");
  EXPECT_STREQ(e.what(), "invalid what-if: 12 problems");
  EXPECT_THAT(
      e.details(),
      ElementsAre(
          "what-if: unknown field 'colour' in what-if", "steps: steps must be in [1, 10000], got 0",
          "failures[0].degrade: degrade must be in (0, 1], got 1.5",
          "failures[0].from: from must be at least 0, got -1",
          "failures[1]: failure is missing required field 'role'",
          "failures[2]: failure must be a JSON object",
          "failures[3].to: to (4) must be greater than from (4)",
          "changes[0]: change must set one of 'depends_on' with 'weight', 'recovery' or "
          "'touchpoint'",
          "changes[1].touchpoint: change sets more than one of 'depends_on' with 'weight', "
          "'recovery' and 'touchpoint'; write each change as its own item",
          "changes[2].depends_on: role 'agents' cannot depend on itself",
          "changes[3]: change with 'weight' is missing required field 'depends_on'",
          "initial[1].role: duplicate initial state for role 'agents' (first at initial[0])"));
}

TEST_F(WhatIfTest, UnknownFieldsSuggestTheClosestField) {
  RequestError e = error_of(R"({"stpes": 5, "failures": [{"role": "payments", "degrade": 0.5,
      "form": 2}], "changes": [{"role": "agents", "wieght": 0.1, "depends_on": "payroll"}]})");
  EXPECT_THAT(e.details(),
              ElementsAre("what-if: unknown field 'stpes' in what-if; did you mean 'steps'?",
                          "failures[0]: unknown field 'form' in failure; did you mean 'from'?",
                          "changes[0]: unknown field 'wieght' in change; did you mean 'weight'?",
                          "changes[0]: change with 'depends_on' is missing required field "
                          "'weight'"));
}

TEST_F(WhatIfTest, ProblemsOfOneItemComeInTheOrderOfItsFields) {
  // Types are the reader's, ranges and required fields the scenario rules': one list,
  // the item as a whole first, then role, degrade, from, to.
  RequestError e = error_of(R"({"failures": [{"to": "x", "from": -1, "degrade": 2}]})");
  EXPECT_THAT(e.details(), ElementsAre("failures[0]: failure is missing required field 'role'",
                                       "failures[0].degrade: degrade must be in (0, 1], got 2",
                                       "failures[0].from: from must be at least 0, got -1",
                                       "failures[0].to: must be an integer"));
}

TEST_F(WhatIfTest, StepsAreCappedAtTheScenarioMaximum) {
  // A server may allow more steps than its default, never more than a scenario file may hold.
  WhatIfLimits limits;
  limits.max_steps = 1'000'000;
  try {
    what_if_from_json(parse_json_body(R"({"steps": 100001})"), start_.model, 20, limits);
    FAIL() << "no error";
  } catch (const RequestError& e) {
    EXPECT_STREQ(e.what(), "invalid what-if: steps: steps must be in [1, 100000], got 100001");
  }
  EXPECT_EQ(
      what_if_from_json(parse_json_body(R"({"steps": 100000})"), start_.model, 20, limits).steps,
      100000);
}

TEST_F(WhatIfTest, TypesAreChecked) {
  RequestError e = error_of(
      R"({"name": 3, "static": "yes", "steps": 2.5, "failures": {}, "changes": [{"role": 4,
          "recovery": "fast"}]})");
  EXPECT_THAT(e.details(),
              ElementsAre("name: must be a string", "steps: must be an integer",
                          "static: must be true or false", "failures: must be a JSON array",
                          "changes[0].role: must be a role id (a string)",
                          "changes[0].recovery: must be a number"));
}

TEST_F(WhatIfTest, TheBodyMustBeAnObject) {
  RequestError e = error_of("[1, 2]");
  EXPECT_STREQ(e.what(), "invalid what-if: the body must be a JSON object");
  EXPECT_THAT(e.details(), ElementsAre("what-if: a what-if must be a JSON object"));
}

TEST_F(WhatIfTest, MalformedJsonNamesThePosition) {
  RequestError e = error_of(R"({"failures": [}")");
  EXPECT_EQ(e.status(), 400);
  EXPECT_STREQ(e.what(),
               "malformed JSON: parse error at line 1, column 15: syntax error while parsing "
               "value - unexpected '}'; expected '[', '{', or a literal");
}

TEST_F(WhatIfTest, DeepNestingIsRefusedBeforeParsing) {
  const std::string deep(100000, '[');
  RequestError e = error_of(deep);
  EXPECT_STREQ(e.what(), "malformed JSON: nested deeper than 16 levels at byte 17");
  // Brackets inside strings do not count.
  EXPECT_NO_THROW(parse_json_body(R"({"name": "[[[[[[[[[[[[[[[[[[[[[[[[[[\"[[[["})"));
}

TEST_F(WhatIfTest, HugeNumbersAreRefused) {
  RequestError e = error_of(R"({"steps": 1e400})");
  EXPECT_STREQ(e.what(), "malformed JSON: number overflow parsing '1e400'");
  e = error_of(R"({"steps": 99999999999999999999})");
  EXPECT_STREQ(e.what(), "invalid what-if: steps: must be an integer");
  e = error_of(R"({"steps": 9223372036854775807})");
  EXPECT_STREQ(e.what(),
               "invalid what-if: steps: steps must be in [1, 10000], got 9223372036854775807");
}

TEST_F(WhatIfTest, ToScenarioRefusesAChangeThatMakesTheModelDiverge) {
  // refunds <-> payments at 0.6 x 1.0: a loop of gain 0.6 is fine; touchpoints over 1 are not.
  WhatIf w = read(R"({"changes": [{"role": "payments", "touchpoint": 0.9}]})");
  std::vector<std::string> warnings;
  try {
    to_scenario(start_, w, warnings);
    FAIL() << "no error";
  } catch (const RequestError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_THAT(e.what(),
                ::testing::StartsWith("invalid what-if: changes[0].touchpoint: touchpoint weights "
                                      "sum to more than 1 (1.2 after role 'refunds')"));
  }
}

// The page puts an error of the changed model beside the field that caused it: only a
// raised touchpoint weight can push the sum over 1, only a raised or added dependency
// weight can make a loop diverge.
TEST_F(WhatIfTest, ToScenarioNamesTheChangesThatBreakTheModel) {
  auto details = [&](std::string_view body) {
    std::vector<std::string> warnings;
    try {
      to_scenario(start_, read(body), warnings);
    } catch (const RequestError& e) {
      std::vector<std::string> paths;
      for (const auto& d : e.details()) paths.push_back(d.substr(0, d.find(": ")));
      return paths;
    }
    return std::vector<std::string>{"no error"};
  };
  EXPECT_THAT(details(R"({"changes": [{"role": "refunds", "touchpoint": 0.1},
                                      {"role": "payments", "recovery": 0.9},
                                      {"role": "payments", "touchpoint": 0.9}]})"),
              ElementsAre("changes[2].touchpoint"));
  // A loop payments <-> refunds of gain 1: both weights are raised (one is new).
  EXPECT_THAT(details(R"({"changes": [{"role": "agents", "depends_on": "payroll", "weight": 0},
                                      {"role": "payments", "depends_on": "refunds", "weight": 1},
                                      {"role": "refunds", "depends_on": "payments", "weight": 1}]})"),
              ElementsAre("changes[1].weight", "changes[2].weight"));
}

TEST_F(WhatIfTest, ToScenarioWarnsAboutAFailureAfterTheEnd) {
  WhatIf w = read(R"({"steps": 5, "failures": [{"role": "payments", "degrade": 0.5, "from": 7}]})");
  std::vector<std::string> warnings;
  model::Scenario s = to_scenario(start_, w, warnings);
  EXPECT_EQ(s.steps, 5);
  EXPECT_EQ(s.name, "Slow payments");
  EXPECT_THAT(warnings, ElementsAre("failure of 'payments' starts at step 7, after the last step "
                                    "of the run (steps: 5); it has no effect"));
}

TEST_F(WhatIfTest, JsonRoundTrip) {
  const std::string body =
      R"({"changes":[{"depends_on":"payroll","role":"agents","weight":0.0}],)"
      R"("failures":[{"degrade":0.25,"from":2,"role":"payroll","to":5},)"
      R"({"degrade":1.0,"from":0,"role":"payments","to":null}],)"
      R"("initial":[{"q":0.5,"role":"agents"}],"name":"x","static":false,"steps":12})";
  EXPECT_EQ(what_if_to_json(read(body), start_.model).dump(), body);
}

TEST_F(WhatIfTest, CanonicalKeySeparatesWhatIfsThatDiffer) {
  const std::string a = canonical_key(read(R"({"failures":[{"role":"payroll","degrade":0.25}]})"));
  EXPECT_EQ(a, "0:|20|d|f1,0.25,0,-");
  EXPECT_EQ(a,
            canonical_key(read(R"({"failures":[{"degrade":0.25,"role":"payroll","to":null}]})")));
  EXPECT_NE(a, canonical_key(read(R"({"failures":[{"role":"payroll","degrade":0.2500001}]})")));
  EXPECT_NE(
      a, canonical_key(read(R"({"static":true,"failures":[{"role":"payroll","degrade":0.25}]})")));
}

}  // namespace
}  // namespace orgsim::serve
