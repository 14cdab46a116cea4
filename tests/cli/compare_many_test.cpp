// Tests of `orgsim compare BASE WHATIF...` with more than one what-if (cli/cmd_compare),
// in-process through run_cli: three scenarios of the contact-center demo.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/cli_run.hpp"
#include "tests/support/files.hpp"

namespace orgsim::cli {

namespace {

namespace fs = std::filesystem;

const std::string kBase = "scenarios/contact-center/slow-payments.yaml";
const std::string kBackup = "scenarios/contact-center/slow-payments-with-backup.yaml";
const std::string kPhone = "scenarios/contact-center/phone-line-quality.yaml";

using test::CliResult;
using test::read_file;
using test::run_cli;

class CompareManyCliTest : public test::CliTest {
 protected:
  CompareManyCliTest() : CliTest("compare_many") {}
};

TEST_F(CompareManyCliTest, TableHasOneBlockPerWhatIf) {
  const CliResult r = run_cli({"compare", kBase, kBackup, kPhone});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  // Each block names the base, then its what-if; the blocks follow the command line.
  const std::string base_line = "Base       Slow payment processing  (" + kBase + ")\n";
  const auto first = r.out.find(base_line);
  ASSERT_EQ(first, 0u) << r.out;
  const auto second = r.out.find("\n\n" + base_line, first + 1);
  ASSERT_NE(second, std::string::npos) << r.out;
  const auto backup =
      r.out.find("What-if    Slow payment processing, with a backup provider  (" + kBackup + ")\n");
  const auto phone = r.out.find("What-if    ", second);
  EXPECT_LT(backup, second) << r.out;
  EXPECT_NE(phone, std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(" + kPhone + ")\n", phone), std::string::npos) << r.out;
  // The first block is exactly the two-scenario comparison of the same pair.
  const CliResult pair = run_cli({"compare", kBase, kBackup});
  ASSERT_EQ(pair.code, 0) << pair.err;
  EXPECT_EQ(r.out.substr(0, second + 1), pair.out);
}

TEST_F(CompareManyCliTest, JsonHasOneEntryPerWhatIf) {
  const fs::path file = dir_ / "compare.json";
  const CliResult r = run_cli({"compare", kBase, kBackup, kPhone, "--json", file.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.out.ends_with("\nWrote " + file.string() + "\n")) << r.out;
  const auto j = nlohmann::json::parse(read_file(file));
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_EQ(j["base"]["run_record"]["scenario_file"], kBase);
  // With more than one what-if there is no single "what_if" / "comparison" at the top.
  EXPECT_FALSE(j.contains("what_if"));
  EXPECT_FALSE(j.contains("comparison"));
  const auto& what_ifs = j["what_ifs"];
  ASSERT_EQ(what_ifs.size(), 2u);
  EXPECT_EQ(what_ifs[0]["what_if"]["run_record"]["scenario_file"], kBackup);
  EXPECT_EQ(what_ifs[1]["what_if"]["run_record"]["scenario_file"], kPhone);
  for (const auto& w : what_ifs) {
    // Each comparison is against the base: change = what_if - base, both sides as run.
    const auto& c = w["comparison"];
    EXPECT_EQ(c["cx_min"]["base"], j["base"]["cx"]["min"]);
    EXPECT_EQ(c["cx_min"]["what_if"], w["what_if"]["cx"]["min"]);
    EXPECT_EQ(c["cx_min"]["change"].get<double>(),
              c["cx_min"]["what_if"].get<double>() - c["cx_min"]["base"].get<double>());
  }
}

TEST_F(CompareManyCliTest, JsonOfTwoScenariosAlsoListsTheWhatIf) {
  const CliResult r = run_cli({"compare", kBase, kBackup, "--json", "-"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["what_ifs"].size(), 1u);
  EXPECT_EQ(j["what_ifs"][0]["what_if"], j["what_if"]);
  EXPECT_EQ(j["what_ifs"][0]["comparison"], j["comparison"]);
}

TEST_F(CompareManyCliTest, OneScenarioIsAUsageError) {
  const CliResult r = run_cli({"compare", kBase});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "orgsim: error: WHATIF is required\nRun 'orgsim --help' for usage.\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(CompareManyCliTest, AMissingThirdFileIsAnInputError) {
  const CliResult r = run_cli({"compare", kBase, kBackup, (dir_ / "nope.yaml").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("nope.yaml"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace orgsim::cli
