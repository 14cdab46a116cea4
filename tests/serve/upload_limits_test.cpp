// What one POST /api/parse may cost (serve/upload_limits.hpp): YAML aliases counted
// before yaml-cpp reads the text, the item limit of a what-if, capped details.
#include "serve/upload_limits.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "serve/api.hpp"
#include "tests/serve/running_server.hpp"
#include "tests/serve/test_model.hpp"

namespace orgsim::serve {
namespace {

using nlohmann::json;
using test_support::RunningServer;
using ::testing::HasSubstr;

TEST(CountYamlAliasesTest, CountsAliasTokensOutsideQuotesAndComments) {
  EXPECT_EQ(count_yaml_aliases("a: *x\nb: [*y, *z]\nc: {k: *w}\n- *v\n"), 5u);
  EXPECT_EQ(count_yaml_aliases("a: '*x'\nb: \"*y \\\" *z\"\nc: 1 # *w\n# *v\n"), 0u);
  EXPECT_EQ(count_yaml_aliases("a: b*c\nb: 2 * 3\nc: &anchor 1\n"), 0u);
  EXPECT_EQ(count_yaml_aliases("*first: 1"), 1u);  // at the very start
}

class ParseLimitsTest : public ::testing::Test {
 protected:
  ApiOptions options() const {
    ApiOptions o = RunningServer::default_api_options();
    o.limits.max_items = 50;
    return o;
  }
  Api api_{test::serve_start(), test_support::test_renderer(), options()};

  static std::string failures(int n) {
    std::string text = "model: test-model.yaml\nname: many\nsteps: 10\nfailures:\n";
    for (int i = 0; i < n; ++i) text += "  - {role: payments, degrade: 0.01}\n";
    return text;
  }
  static std::string aliases(int n) {
    std::string text =
        "model: test-model.yaml\nname: aliases\nsteps: 10\nfailures:\n  - &f {role: payments, "
        "degrade: 0.01}\n";
    for (int i = 0; i < n; ++i) text += "  - *f\n";
    return text;
  }
  static std::string error_of(const ApiResponse& r) {
    EXPECT_EQ(r.status, 400) << r.body;
    return json::parse(r.body)["error"].get<std::string>();
  }
};

TEST_F(ParseLimitsTest, ItemsAreAnExactLimit) {
  EXPECT_EQ(api_.parse(failures(50)).status, 200);
  EXPECT_EQ(error_of(api_.parse(failures(51))),
            "invalid scenario: 51 failures, changes and initial states; at most 50 are allowed");
}

TEST_F(ParseLimitsTest, AliasesAreRefusedBeforeParsing) {
  ApiOptions o = options();
  o.limits.max_items = 10'000;
  Api api(test::serve_start(), test_support::test_renderer(), o);
  EXPECT_EQ(api.parse(aliases(kMaxYamlAliases)).status, 200);
  EXPECT_EQ(error_of(api.parse(aliases(kMaxYamlAliases + 1))),
            "cannot read the scenario: it uses 101 YAML aliases (*name); at most 100 are allowed");
  // The 1 MB of "- *f" lines: 262,125 failures and a 13.9 MB answer before.
  const std::string body = aliases(1 << 20 >> 3).substr(0, 1 << 20);
  const auto begin = std::chrono::steady_clock::now();
  EXPECT_THAT(error_of(api.parse(body)), HasSubstr("YAML aliases (*name); at most 100"));
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count(), 2.0);
}

TEST_F(ParseLimitsTest, DetailsAreCapped) {
  std::string text = "model: test-model.yaml\nname: typos\nsteps: 10\nfailures:\n";
  for (int i = 0; i < 40; ++i)
    text += "  - {role: nobody" + std::to_string(i) + ", degrade: 0.1}\n";
  const json j = json::parse(api_.parse(text).body);
  EXPECT_LE(j["details"].size(), kMaxParseDetails);
  const std::vector<std::string> many(kMaxParseDetails + 20, "x");
  const std::vector<std::string> capped = capped_details(many);
  ASSERT_EQ(capped.size(), kMaxParseDetails);
  EXPECT_EQ(capped.back(), "... and 21 more");
  EXPECT_EQ(capped_details({"a", "b"}), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace orgsim::serve
