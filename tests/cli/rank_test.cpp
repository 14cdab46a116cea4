// Tests of `orgsim rank` (cli/cmd_rank, app/rank_report), calling run_rank in-process.

#include "sim/rank.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "app/rank_report.hpp"
#include "app/run_record.hpp"
#include "app/text.hpp"
#include "cli/commands.hpp"
#include "common/digest.hpp"
#include "common/errors.hpp"
#include "model/loader.hpp"
#include "tests/support/cli_run.hpp"
#include "tests/support/files.hpp"

namespace orgsim::cli {

using namespace orgsim::app;
namespace {

namespace fs = std::filesystem;
using test::read_file;

const std::string kModel = "scenarios/contact-center/model.yaml";

// The version every run record carries (the project version from CMake).
const std::string kVersion = make_run_record(model::Scenario{}).orgsim_version;

// A role name with a comma and quotes; desk depends on back with 0.5.
// degrade 0.5, B = 100: desk 100 x 0.5 x 0.5 = 25, back 100 x 0.5 x (0.5 x 0.5) = 12.5.
const std::string kQuotedModel = R"(name: Quoted
departments:
  - id: ops
    name: Operations
roles:
  - id: desk
    name: 'Pay, "fast" desk'
    department: ops
    touchpoint: 0.5
  - id: back
    department: ops
dependencies:
  - role: desk
    depends_on: back
    weight: 0.5
)";

struct Result {
  int code;
  std::string out, err;
};

Result rank(const RankOptions& options) {
  std::ostringstream out, err;
  const int code = run_rank(options, out, err);
  return {code, out.str(), err.str()};
}

std::size_t count_lines(const std::string& s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

class RankCommandTest : public test::CliTest {
 protected:
  RankCommandTest() : CliTest("rank") {}
};

TEST_F(RankCommandTest, TableStartsWithTheLargestLoss) {
  RankOptions o;
  o.model = kModel;
  const Result r = rank(o);
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const model::OrgGraph g = model::load_model(kModel);
  const auto ranking = sim::rank_roles(g, 0.5);
  const auto& worst = g.role(ranking.front().role);
  const std::string points = format_fixed(ranking.front().cx_points, 2);
  EXPECT_NE(r.out.find("\n   1  " + fit(worst.name, 30) + "  " +
                       fit(g.department(worst.department).name, 22) + "  " +
                       std::string(9 - points.size(), ' ') + points + "          100.0%\n"),
            std::string::npos)
      << r.out;
  // --top 20 of 32 roles.
  EXPECT_NE(r.out.find("\n  20  "), std::string::npos);
  EXPECT_EQ(r.out.find("\n  21  "), std::string::npos);
  EXPECT_NE(r.out.find("... 12 more (--csv or --json lists every role)\n"), std::string::npos);
}

TEST_F(RankCommandTest, CsvListsEveryRole) {
  RankOptions o;
  o.model = kModel;
  o.csv = dir_ / "rank.csv";
  const Result r = rank(o);
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("Wrote " + o.csv->string() + "\n"), std::string::npos);
  const std::string csv = read_file(*o.csv);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "rank,role_id,role_name,department,cx_points,share_of_worst,"
            "orgsim_version,model_sha256,tables_sha256,scenario_sha256,seed,samples");
  EXPECT_EQ(count_lines(csv), 33u);  // header + 32 roles
  // Every row ends with the same run record: version, the model's SHA-256, no scenario,
  // and no seed or samples (rank samples nothing).
  const std::string record = "," + kVersion + "," + sha256_hex(read_file(kModel)) + ",,,,\n";
  std::size_t rows = 0;
  for (std::size_t end = csv.find('\n'); end + 1 < csv.size(); end = csv.find('\n', end + 1)) {
    const std::size_t next = csv.find('\n', end + 1);
    EXPECT_EQ(csv.substr(next + 1 - record.size(), record.size()), record);
    ++rows;
  }
  EXPECT_EQ(rows, 32u);
}

TEST_F(RankCommandTest, CsvQuotesNamesAndGoesToStdout) {
  RankOptions o;
  o.model = write("quoted.yaml", kQuotedModel);
  o.csv = "-";
  const Result r = rank(o);
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const std::string record = kVersion + "," + sha256_hex(kQuotedModel) + ",,,,\n";
  EXPECT_EQ(r.out,
            "rank,role_id,role_name,department,cx_points,share_of_worst,"
            "orgsim_version,model_sha256,tables_sha256,scenario_sha256,seed,samples\n"
            "1,desk,\"Pay, \"\"fast\"\" desk\",ops,25,1," +
                record + "2,back,back,ops,12.5,0.5," + record);
}

TEST_F(RankCommandTest, CsvRunRecordNamesTheScenario) {
  // A scenario's model after its changes: back's dependency removed, so desk alone
  // matters: 100 x 0.5 x 0.5 = 25, back 0.
  write("quoted.yaml", kQuotedModel);
  const std::string scenario =
      "name: No back office\nmodel: quoted.yaml\nchanges:\n"
      "  - {role: desk, depends_on: back, weight: 0}\n";
  RankOptions o;
  o.model = write("scenario.yaml", scenario);
  o.csv = "-";
  const Result r = rank(o);
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const std::string record =
      kVersion + "," + sha256_hex(kQuotedModel) + ",," + sha256_hex(scenario) + ",,\n";
  EXPECT_EQ(r.out,
            "rank,role_id,role_name,department,cx_points,share_of_worst,"
            "orgsim_version,model_sha256,tables_sha256,scenario_sha256,seed,samples\n"
            "1,desk,\"Pay, \"\"fast\"\" desk\",ops,25,1," +
                record + "2,back,back,ops,0,0," + record);
}

TEST_F(RankCommandTest, CsvWithoutRecordHasEmptyRecordFields) {
  const model::OrgGraph g = model::parse_model(kQuotedModel, "quoted.yaml");
  const auto ranking = sim::rank_roles(g, 0.5);
  const RankReport report{g, 0.5, false, ranking, nullptr};
  EXPECT_EQ(rank_csv(report),
            "rank,role_id,role_name,department,cx_points,share_of_worst,"
            "orgsim_version,model_sha256,tables_sha256,scenario_sha256,seed,samples\n"
            "1,desk,\"Pay, \"\"fast\"\" desk\",ops,25,1,,,,,,\n"
            "2,back,back,ops,12.5,0.5,,,,,,\n");
}

TEST_F(RankCommandTest, CsvExactColumns) {
  RankOptions o;
  o.model = write("quoted.yaml", kQuotedModel);
  o.csv = "-";
  o.exact = true;
  o.jobs = 2;
  const Result r = rank(o);
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const std::string record = kVersion + "," + sha256_hex(kQuotedModel) + ",,,,\n";
  EXPECT_EQ(r.out,
            "rank,role_id,role_name,department,cx_points,share_of_worst,exact_cx_points,differs,"
            "orgsim_version,model_sha256,tables_sha256,scenario_sha256,seed,samples\n"
            "1,desk,\"Pay, \"\"fast\"\" desk\",ops,25,1,25,false," +
                record + "2,back,back,ops,12.5,0.5,12.5,false," + record);
}

TEST_F(RankCommandTest, JsonHasEveryRole) {
  RankOptions o;
  o.model = kModel;
  o.json = dir_ / "rank.json";
  o.exact = true;
  const Result r = rank(o);
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const auto j = nlohmann::json::parse(read_file(*o.json));
  EXPECT_EQ(j["degrade"], 0.5);
  EXPECT_EQ(j["exact"], true);
  ASSERT_EQ(j["roles"].size(), 32u);
  std::set<std::string> ids;
  double previous = j["roles"][0]["cx_points"];
  for (std::size_t k = 0; k < 32; ++k) {
    const auto& role = j["roles"][k];
    EXPECT_EQ(role["rank"], k + 1);
    EXPECT_LE(role["cx_points"].get<double>(), previous);
    previous = role["cx_points"];
    EXPECT_TRUE(role.contains("exact_cx_points"));
    EXPECT_TRUE(role.contains("differs"));
    ids.insert(role["role_id"].get<std::string>());
  }
  EXPECT_EQ(ids.size(), 32u);
  EXPECT_EQ(j["roles"][0]["share_of_worst"], 1.0);
}

TEST_F(RankCommandTest, JsonToStdoutIsPureJson) {
  RankOptions o;
  o.model = write("quoted.yaml", kQuotedModel);
  o.json = "-";
  const Result r = rank(o);
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["roles"][0]["role_name"], "Pay, \"fast\" desk");
  EXPECT_EQ(j["roles"][1]["cx_points"], 12.5);
}

TEST_F(RankCommandTest, RejectsBadOptionsBeforeLoading) {
  RankOptions o;
  o.model = dir_ / "missing.yaml";  // not read: the options are checked first
  o.degrade = 1.5;
  try {
    rank(o);
    ADD_FAILURE() << "expected InvalidArgument";
  } catch (const InvalidArgument& e) {
    EXPECT_STREQ(e.what(), "degrade must be in (0, 1], got 1.5");
  }
  o.degrade = 0.5;
  o.jobs = 5000;
  EXPECT_THROW(rank(o), InvalidArgument);
  o.jobs = 0;
  o.csv = "-";
  o.json = "-";
  try {
    rank(o);
    ADD_FAILURE() << "expected InvalidArgument";
  } catch (const InvalidArgument& e) {
    EXPECT_STREQ(e.what(), "--json and --csv cannot be combined");
  }
}

TEST_F(RankCommandTest, CsvFieldQuoting) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field(""), "");
}

}  // namespace
}  // namespace orgsim::cli
