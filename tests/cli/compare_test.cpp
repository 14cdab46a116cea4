// Tests of `orgsim compare` (cli/cmd_compare), in-process through run_cli.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "common/digest.hpp"
#include "tests/support/cli_run.hpp"
#include "tests/support/files.hpp"

namespace orgsim::cli {

namespace {

namespace fs = std::filesystem;

const std::string kBase = "scenarios/contact-center/slow-payments.yaml";
const std::string kBackup = "scenarios/contact-center/slow-payments-with-backup.yaml";

using test::CliResult;
using test::read_file;
using test::run_cli;

class CompareCliTest : public test::CliTest {
 protected:
  CompareCliTest() : CliTest("compare") {}
};

TEST_F(CompareCliTest, TableShowsTheBackupHelpsCheckoutNotRefunds) {
  const CliResult r = run_cli({"compare", kBase, kBackup});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(r.out.starts_with("Base       Slow payment processing  (" + kBase +
                                ")\nWhat-if    Slow payment processing, with a backup provider  (" +
                                kBackup + ")\n"))
      << r.out;
  EXPECT_NE(r.out.find("  minimum           79.94     81.67     +1.73\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  recovery         day 24    day 24      same\n"), std::string::npos)
      << r.out;
  // Checkout's peak drops most; the checkout path loses share, the refunds path gains.
  EXPECT_NE(r.out.find("   1  Website and online checkout     0.1674   0.0574  -0.1100\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("   1   38.9%    19.3%    -19.7  Payment processing -> Website and "
                       "online checkout -> CX\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("   2   31.3%    45.2%    +13.9  Payment processing -> Refunds -> CX\n"),
            std::string::npos)
      << r.out;
}

TEST_F(CompareCliTest, JsonHasBothRunRecordsAndTheChanges) {
  const fs::path file = dir_ / "compare.json";
  const CliResult r = run_cli({"compare", kBase, kBackup, "--json", file.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.out.ends_with("\nWrote " + file.string() + "\n")) << r.out;
  const auto j = nlohmann::json::parse(read_file(file));
  // Each side is the run document of `orgsim run --json` (docs/schema/run.schema.json).
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_EQ(j["base"]["schema_version"], 1);
  EXPECT_EQ(j["base"]["scenario"]["name"], "Slow payment processing");
  EXPECT_EQ(j["what_if"]["scenario"]["name"], "Slow payment processing, with a backup provider");
  EXPECT_EQ(j["base"]["run_record"]["scenario_file"], kBase);
  EXPECT_EQ(j["what_if"]["run_record"]["scenario_file"], kBackup);
  EXPECT_EQ(j["what_if"]["run_record"]["scenario_sha256"], sha256_hex(read_file(kBackup)));
  EXPECT_EQ(j["base"]["cx"]["trajectory"].size(), 41u);
  const auto& c = j["comparison"];
  // The change is exactly what_if - base, and the headline figures agree.
  EXPECT_EQ(c["cx_min"]["base"], j["base"]["cx"]["min"]);
  EXPECT_EQ(c["cx_min"]["what_if"], j["what_if"]["cx"]["min"]);
  EXPECT_EQ(c["cx_min"]["change"].get<double>(),
            c["cx_min"]["what_if"].get<double>() - c["cx_min"]["base"].get<double>());
  EXPECT_EQ(c["recovery_step"]["change"], 0);
  EXPECT_EQ(c["roles"][0]["id"], "checkout");
  EXPECT_EQ(c["roles"].size(), 10u);
  EXPECT_EQ(c["paths"][0]["ids"], nlohmann::json({"payments", "checkout"}));
  EXPECT_LT(c["paths"][0]["share_change"].get<double>(), -0.19);
}

TEST_F(CompareCliTest, JsonToStdoutIsPureJson) {
  const CliResult r = run_cli({"compare", kBase, kBackup, "--json", "-", "--top", "2"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["comparison"]["roles"].size(), 2u);
}

TEST_F(CompareCliTest, SameScenarioTwiceChangesNothing) {
  const CliResult r = run_cli({"compare", kBase, kBase});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\nNo role's peak inoperability changed.\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\nNo impact path gained or lost share.\n"), std::string::npos) << r.out;
}

TEST_F(CompareCliTest, MissingFileIsAnInputError) {
  const CliResult r = run_cli({"compare", kBase, (dir_ / "nope.yaml").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("nope.yaml"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(CompareCliTest, NeedsTwoScenarios) {
  const CliResult r = run_cli({"compare", kBase});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "orgsim: error: WHATIF is required\nRun 'orgsim --help' for usage.\n");
}

}  // namespace
}  // namespace orgsim::cli
