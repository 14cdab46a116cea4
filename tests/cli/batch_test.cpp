// Tests of `orgsim batch` (app/batch, app/batch_run, app/batch_output, app/progress),
// calling run_batch in-process on generated scenarios of the contact-center model.

#include "app/batch.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/progress.hpp"
#include "app/run_record.hpp"
#include "cli/commands.hpp"
#include "common/digest.hpp"
#include "common/errors.hpp"
#include "model/loader.hpp"
#include "sim/engine.hpp"
#include "sim/monte_carlo.hpp"
#include "sim/summary.hpp"
#include "tests/support/cli_run.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"

namespace orgsim::cli {

using namespace orgsim::app;
namespace {

namespace fs = std::filesystem;
using test::read_file;

constexpr int kScenarios = 30;

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string exact(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

const std::string& version() {
  static const std::string v = make_run_record(model::Scenario{}).orgsim_version;
  return v;
}

// The CSV fields of one record (no quoted commas in these tests' rows).
std::vector<std::string> fields(const std::string& row) {
  std::vector<std::string> out(1);
  for (char c : row) {
    if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

// What follows the nominal columns of a row without Monte Carlo: 10 empty Monte Carlo
// columns, the run record without seed and samples, and the runtime.
std::string unsampled_tail(const std::string& model_sha, const std::string& scenario_sha) {
  return ",,,,,,,,,,," + version() + "," + model_sha + ",," + scenario_sha + ",,,0.000";
}

class BatchTest : public test::TempDirTest {
 protected:
  BatchTest() : TempDirTest("orgsim_batch") {}
  void SetUp() override {
    fs::create_directories(dir_ / "in" / "more");
    fs::copy_file(fs::path(ORGSIM_SOURCE_DIR) / "scenarios/contact-center/model.yaml",
                  dir_ / "in" / "model.yaml");
    // 30 variations of a payments failure: 20 next to the model, 10 in a subfolder.
    for (int i = 0; i < kScenarios; ++i) {
      const bool nested = i >= 20;
      char name[32];
      std::snprintf(name, sizeof name, "pay-%02d.yaml", i);
      write((nested ? "in/more/" : "in/") + std::string(name),
            "name: Payments " + std::to_string(i) +
                "\nmodel: " + (nested ? "../model.yaml" : "model.yaml") +
                "\nsteps: 40\nfailures:\n  - {role: payments, degrade: " +
                std::to_string(0.1 + 0.03 * i) + ", from: 0, to: " + std::to_string(5 + i % 7) +
                "}\n");
    }
  }
  // Options for a quiet, reproducible run of the folder `in` (runtimes read 0).
  BatchOptions options(const std::string& output = "out.csv") const {
    BatchOptions o;
    o.paths = {dir_ / "in"};
    o.output = dir_ / output;
    o.jobs = 2;
    o.quiet = true;
    o.clock = [] { return 0.0; };
    return o;
  }

  int run(const BatchOptions& o) {
    out_.str("");
    err_.str("");
    return run_batch(o, out_, err_);
  }

  // The message of the InvalidArgument that `o` raises.
  std::string option_error(const BatchOptions& o) {
    try {
      run(o);
    } catch (const InvalidArgument& e) {
      return e.what();
    }
    return "no error";
  }

  std::ostringstream out_;
  std::ostringstream err_;
};

TEST_F(BatchTest, WritesOneRowPerScenarioOfAFolder) {
  ASSERT_EQ(run(options()), kExitOk);
  EXPECT_EQ(out_.str(), "Wrote " + (dir_ / "out.csv").string() + " (30 scenarios, 0 errors)\n");
  EXPECT_FALSE(fs::exists(dir_ / "out.csv.partial"));
  const auto rows = lines(read_file(dir_ / "out.csv"));
  ASSERT_EQ(rows.size(), kScenarios + 1u);  // the model is not a scenario
  EXPECT_EQ(rows[0],
            "file,name,status,error,cx_baseline,cx_min,cx_min_step,cx_final,recovery_step,"
            "most_degraded_role,top_path,top_path_share,cx_min_mean,cx_min_p5,cx_min_p50,"
            "cx_min_p95,cx_final_mean,cx_final_p5,cx_final_p50,cx_final_p95,threshold,"
            "share_below_threshold,orgsim_version,model_sha256,tables_sha256,scenario_sha256,seed,"
            "samples,"
            "runtime_ms");
  // Sorted by path: in/more/... before in/pay-...
  EXPECT_TRUE(rows[1].starts_with((dir_ / "in/more/pay-20.yaml").string() + ",Payments 20,ok,,"));
  EXPECT_TRUE(rows[11].starts_with((dir_ / "in/pay-00.yaml").string() + ",Payments 0,ok,,"));

  // The figures are those of simulate + summarize, to the last digit.
  const fs::path file = dir_ / "in/pay-00.yaml";
  const model::Scenario s = model::load_scenario(file);
  const sim::Summary sum = sim::summarize(sim::simulate(s), 1);
  const std::string figures = exact(sum.cx_baseline) + "," + exact(sum.cx_min) + "," +
                              std::to_string(sum.cx_min_step) + "," + exact(sum.cx_final) + "," +
                              (sum.recovery_step ? std::to_string(*sum.recovery_step) : "") +
                              ",payments,payments>checkout,";
  EXPECT_EQ(rows[11].substr(0, file.string().size() + 16 + figures.size()),
            file.string() + ",Payments 0,ok,," + figures)
      << rows[11];
  // The run record: the SHA-256 of the model and scenario files, as sha256sum prints them.
  EXPECT_TRUE(rows[11].ends_with(
      unsampled_tail(sha256_hex(read_file(dir_ / "in/model.yaml")), sha256_hex(read_file(file)))))
      << rows[11];
}

TEST_F(BatchTest, AMalformedScenarioIsAnErrorRowAndTheBatchGoesOn) {
  const fs::path bad =
      write("in/bad.yaml",
            "name: Typo\nmodel: model.yaml\nfailures:\n  - {role: paymnets, degrade: 0.5}\n");
  ASSERT_EQ(run(options()), kExitInput);
  EXPECT_EQ(out_.str(), "Wrote " + (dir_ / "out.csv").string() + " (31 scenarios, 1 error)\n");
  const auto rows = lines(read_file(dir_ / "out.csv"));
  ASSERT_EQ(rows.size(), kScenarios + 2u);
  EXPECT_EQ(rows[1], bad.string() + ",,error," + bad.string() +
                         ":4:12: error: unknown role 'paymnets'; did you mean 'payments'?"
                         ",,,,,,,," +
                         unsampled_tail("", ""));
  for (std::size_t i = 2; i < rows.size(); ++i) EXPECT_NE(rows[i].find(",ok,,"), std::string::npos);
}

// A model in CSV tables: its rows name each table's SHA-256 too, so changing roles.csv
// changes the run record (the YAML alone does not say what was run).
TEST_F(BatchTest, RunRecordHashesTheTablesOfACsvModel) {
  const std::string roles = "id,department,touchpoint\na,ops,1\nb,ops,\n";
  const std::string deps = "role,depends_on,weight\na,b,0.5\n";
  write("t/roles.csv", roles);
  write("t/dependencies.csv", deps);
  write("t/model.yaml", "name: T\ntables:\n  roles: roles.csv\n  dependencies: dependencies.csv\n");
  write("t/s.yaml", "name: S\nmodel: model.yaml\nfailures:\n  - {role: b, degrade: 0.5}\n");
  BatchOptions o = options("tables.csv");
  o.paths = {dir_ / "t"};
  ASSERT_EQ(run(o), kExitOk) << err_.str();
  const std::vector<std::string> header = fields(lines(read_file(dir_ / "tables.csv"))[0]);
  const std::vector<std::string> row = fields(lines(read_file(dir_ / "tables.csv"))[1]);
  const auto column = std::find(header.begin(), header.end(), "tables_sha256") - header.begin();
  ASSERT_LT(column, static_cast<std::ptrdiff_t>(row.size()));
  EXPECT_EQ(row[column],
            "roles.csv=" + sha256_hex(roles) + ";dependencies.csv=" + sha256_hex(deps));
}

TEST_F(BatchTest, ABrokenModelFailsEachOfItsScenariosWithTheSameMessage) {
  write("broken/model.yaml", "name: m\nroles: 3\n");
  write("broken/a.yaml", "name: a\nmodel: model.yaml\n");
  write("broken/b.yaml", "name: b\nmodel: model.yaml\n");
  BatchOptions o = options();
  o.paths = {dir_ / "broken"};
  ASSERT_EQ(run(o), kExitInput);
  const auto rows = lines(read_file(dir_ / "out.csv"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].substr(rows[1].find(",error,")), rows[2].substr(rows[2].find(",error,")));
  EXPECT_NE(rows[1].find("broken/model.yaml:"), std::string::npos) << rows[1];
}

TEST_F(BatchTest, RowsAreTheSameForAnyNumberOfJobs) {
  write("in/bad.yaml", "name: Typo\nmodel: model.yaml\nfailures: [{role: x, degrade: 2}]\n");
  BatchOptions one = options("one.csv");
  one.jobs = 1;
  BatchOptions four = options("four.csv");
  four.jobs = 4;
  run(one);
  run(four);
  EXPECT_EQ(read_file(dir_ / "one.csv"), read_file(dir_ / "four.csv"));
}

TEST_F(BatchTest, ResumeRunsOnlyTheMissingScenarios) {
  ASSERT_EQ(run(options("whole.csv")), kExitOk);
  const std::string whole = read_file(dir_ / "whole.csv");
  const auto rows = lines(whole);

  // An interrupted run: some rows in the output of an earlier run, some in .partial
  // (one twice, and the last one cut short by the kill).
  std::string output = rows[0] + "\n";
  for (int i = 21; i <= 25; ++i) output += rows[i] + "\n";
  std::string partial = rows[0] + "\n";
  for (int i = 1; i <= 10; ++i) partial += rows[i] + "\n";
  partial += rows[3] + "\n" + rows[11].substr(0, 40);
  write("out.csv", output);
  write("out.csv.partial", partial);

  BatchOptions o = options();
  o.resume = true;
  o.quiet = false;
  o.terminal = false;
  ASSERT_EQ(run(o), kExitOk);
  EXPECT_EQ(read_file(dir_ / "out.csv"), whole);
  EXPECT_FALSE(fs::exists(dir_ / "out.csv.partial"));
  // 30 - 5 - 10 = 15 run again.
  EXPECT_EQ(lines(err_.str()).back(), "batch: 15/15 done, 0 errors, in 0.0 s");

  // A kept row is taken as written, not run again.
  std::string renamed = rows[5];
  renamed.replace(renamed.find(",Payments "), 10, ",Renamed  ");
  write("out.csv", rows[0] + "\n" + renamed + "\n");
  fs::remove(dir_ / "out.csv.partial");
  o.terminal.reset();
  o.quiet = true;
  ASSERT_EQ(run(o), kExitOk);
  const auto resumed = lines(read_file(dir_ / "out.csv"));
  ASSERT_EQ(resumed.size(), rows.size());
  EXPECT_EQ(resumed[5], renamed);
  EXPECT_EQ(resumed[6], rows[6]);
}

TEST_F(BatchTest, ShardsCoverEveryScenarioExactlyOnce) {
  std::multiset<std::string> seen;
  for (int i = 1; i <= 3; ++i) {
    BatchOptions o = options("shard-" + std::to_string(i) + ".csv");
    o.shard = std::to_string(i) + "/3";
    ASSERT_EQ(run(o), kExitOk);
    const auto rows = lines(read_file(o.output));
    ASSERT_EQ(rows.size(), 11u);
    for (std::size_t r = 1; r < rows.size(); ++r) seen.insert(rows[r].substr(0, rows[r].find(',')));
  }
  const std::vector<fs::path> all = find_scenarios(std::vector<fs::path>{dir_ / "in"});
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kScenarios));
  ASSERT_EQ(seen.size(), all.size());
  for (const fs::path& file : all) EXPECT_EQ(seen.count(file.string()), 1u) << file;
  // Every 3rd of the sorted list, starting at i - 1.
  const std::vector<fs::path> second = shard_of(all, parse_shard("2/3"));
  ASSERT_EQ(second.size(), 10u);
  EXPECT_EQ(second[0], all[1]);
  EXPECT_EQ(second[1], all[4]);
}

TEST_F(BatchTest, JsonLinesHoldOneObjectPerScenario) {
  write("in/bad.yaml", "name: Typo\nmodel: model.yaml\nfailures: [{role: x, degrade: 0.5}]\n");
  BatchOptions o = options("out.jsonl");
  o.format = BatchFormat::kJsonl;
  ASSERT_EQ(run(o), kExitInput);
  const auto rows = lines(read_file(o.output));
  ASSERT_EQ(rows.size(), kScenarios + 1u);
  const auto bad = nlohmann::ordered_json::parse(rows[0]);
  EXPECT_EQ(
      bad.dump(),
      nlohmann::ordered_json::parse(
          R"({"schema_version":1,"file":")" + (dir_ / "in/bad.yaml").string() +
          R"(","name":"","status":"error","error":")" + (dir_ / "in/bad.yaml").string() +
          R"(:3:19: error: unknown role 'x'","cx_baseline":null,"cx_min":null,"cx_min_step":null,"cx_final":null,"recovery_step":null,"most_degraded_role":null,"top_path":null,"top_path_share":null,)"
          R"("cx_min_mean":null,"cx_min_p5":null,"cx_min_p50":null,"cx_min_p95":null,"cx_final_mean":null,"cx_final_p5":null,"cx_final_p50":null,"cx_final_p95":null,"threshold":null,"share_below_threshold":null,)"
          R"("orgsim_version":")" +
          version() +
          R"(","model_sha256":"","tables_sha256":"","scenario_sha256":"","seed":null,"samples":null,"runtime_ms":0.0})")
          .dump());
  const model::Scenario s = model::load_scenario(dir_ / "in/pay-00.yaml");
  const sim::Summary sum = sim::summarize(sim::simulate(s), 1);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto j = nlohmann::json::parse(rows[i]);  // throws if a line is not JSON
    EXPECT_EQ(j.at("status"), "ok");
    EXPECT_EQ(j.at("top_path"), nlohmann::json::array({"payments", "checkout"}));
    if (j.at("file") == (dir_ / "in/pay-00.yaml").string()) {
      EXPECT_EQ(j.at("cx_min").get<double>(), sum.cx_min);  // exactly: full precision
      EXPECT_EQ(j.at("cx_final").get<double>(), sum.cx_final);
    }
  }
}

TEST_F(BatchTest, RefusesBadOptionsBeforeAnyWork) {
  BatchOptions o = options();
  for (const char* shard : {"0/3", "4/3", "x", "1/", "/3", "1/3/2", "-1/3"}) {
    o.shard = shard;
    EXPECT_EQ(option_error(o),
              std::string("--shard must be i/n with 1 <= i <= n (e.g. 2/8), got '") + shard + "'");
  }
  o = options();
  o.paths = {dir_ / "nowhere"};
  EXPECT_EQ(option_error(o), "PATH: no such file or folder: '" + (dir_ / "nowhere").string() + "'");
  fs::create_directories(dir_ / "empty");
  write("empty/model.yaml", "name: m\n");
  o.paths = {dir_ / "empty"};
  EXPECT_EQ(option_error(o), "PATH: no scenario (a .yaml file with a 'model:' key) in folder '" +
                                 (dir_ / "empty").string() + "'");
  o = options();
  o.output = dir_ / "missing" / "out.csv";
  EXPECT_EQ(option_error(o),
            "-o/--output: folder '" + (dir_ / "missing").string() + "' does not exist");
  o.output = dir_ / "in";
  EXPECT_EQ(option_error(o),
            "-o/--output: '" + (dir_ / "in").string() + "' is a folder, expected a file");
  EXPECT_FALSE(fs::exists(dir_ / "out.csv"));
  EXPECT_FALSE(fs::exists(dir_ / "out.csv.partial"));
}

TEST_F(BatchTest, PrintsProgressLinesWhenNotATerminalAndNothingWhenQuiet) {
  BatchOptions o = options();
  o.jobs = 1;
  o.quiet = false;
  o.terminal = false;
  double now = 0;
  o.clock = [&now] { return now += 1.0; };  // one second per reading
  ASSERT_EQ(run(o), kExitOk);
  const auto printed = lines(err_.str());
  ASSERT_GE(printed.size(), 3u);
  // Every 5 s at most; the clock is read 3 times per scenario (start, end, progress).
  EXPECT_EQ(printed[0], "batch: 2/30 done, 0 errors, 0.3/s, ETA 84 s");
  EXPECT_EQ(printed.back(), "batch: 30/30 done, 0 errors, in 91 s");
  EXPECT_EQ(err_.str().find('\r'), std::string::npos);

  o.terminal = true;
  ASSERT_EQ(run(o), kExitOk);
  EXPECT_TRUE(err_.str().starts_with("\rbatch: 1/30 done, 0 errors, "));
  EXPECT_NE(err_.str().find("\x1b[K\rbatch: 2/30 done"), std::string::npos);
  EXPECT_TRUE(err_.str().ends_with("\rbatch: 30/30 done, 0 errors, in 91 s\x1b[K\n"));

  o.quiet = true;
  ASSERT_EQ(run(o), kExitOk);
  EXPECT_EQ(err_.str(), "");
}

TEST_F(BatchTest, MonteCarloColumnsAreThoseOfMonteCarloAndTheRunRecordHasSeedAndSamples) {
  const fs::path unc = write("in/unc.yaml",
                             "name: Uncertain\nmodel: model.yaml\nsteps: 20\nfailures:\n"
                             "  - {role: payments, degrade: {triangular: [0.2, 0.5, 0.9]}, to: 8}\n"
                             "changes:\n"
                             "  - {role: refunds, recovery: {uniform: [0.2, 0.6]}}\n");
  BatchOptions o = options();
  o.sampling.samples = 50;
  o.sampling.seed = 9;
  o.sampling.threshold = 82.5;
  ASSERT_EQ(run(o), kExitOk);
  const auto rows = lines(read_file(dir_ / "out.csv"));
  ASSERT_EQ(rows.size(), kScenarios + 2u);
  // in/more/... (10 rows), then in/pay-... (20), then in/unc.yaml.
  const std::vector<std::string> f = fields(rows.back());
  ASSERT_EQ(f.size(), std::size(kBatchColumns));
  EXPECT_EQ(f[0], unc.string());

  sim::MonteCarloParams p;
  p.samples = 50;
  p.seed = 9;
  p.threshold = 82.5;
  const sim::MonteCarloResult mc = sim::monte_carlo(model::load_scenario(unc), p);
  const std::vector<std::string> expected = {exact(mc.cx_min_stats.mean),
                                             exact(mc.cx_min_stats.p5),
                                             exact(mc.cx_min_stats.p50),
                                             exact(mc.cx_min_stats.p95),
                                             exact(mc.cx_final_stats.mean),
                                             exact(mc.cx_final_stats.p5),
                                             exact(mc.cx_final_stats.p50),
                                             exact(mc.cx_final_stats.p95),
                                             "82.5",
                                             exact(mc.share_below),
                                             version(),
                                             sha256_hex(read_file(dir_ / "in/model.yaml")),
                                             "",
                                             sha256_hex(read_file(unc)),
                                             "9",
                                             "50",
                                             "0.000"};
  EXPECT_EQ(std::vector<std::string>(f.begin() + 12, f.end()), expected);
  EXPECT_GT(mc.share_below, 0.0);  // the threshold cuts the samples: a real check
  EXPECT_LT(mc.share_below, 1.0);
  // A scenario without distributions: every sample is the nominal run.
  const std::vector<std::string> plain = fields(rows[11]);
  EXPECT_EQ(plain[14], plain[5]);  // cx_min_p50 == cx_min (the mean may differ by rounding)
  EXPECT_EQ(plain[19], plain[7]);  // cx_final_p95 == cx_final
  EXPECT_EQ(plain[21], "0");       // never below 82.5... (payments 0.1 for 5 days)

  // The same bits with one job, and in JSON lines.
  BatchOptions one = o;
  one.output = dir_ / "one.csv";
  one.jobs = 1;
  ASSERT_EQ(run(one), kExitOk);
  EXPECT_EQ(read_file(dir_ / "one.csv"), read_file(dir_ / "out.csv"));
  BatchOptions json = o;
  json.output = dir_ / "out.jsonl";
  json.format = BatchFormat::kJsonl;
  ASSERT_EQ(run(json), kExitOk);
  const auto j = nlohmann::json::parse(lines(read_file(dir_ / "out.jsonl")).back());
  EXPECT_EQ(j.at("cx_min_p5").get<double>(), mc.cx_min_stats.p5);
  EXPECT_EQ(j.at("share_below_threshold").get<double>(), mc.share_below);
  EXPECT_EQ(j.at("seed"), 9);
  EXPECT_EQ(j.at("samples"), 50);
  EXPECT_EQ(j.at("scenario_sha256"), sha256_hex(read_file(unc)));
}

TEST_F(BatchTest, ResumeKeepsOnlyRowsMadeWithTheSameSampling) {
  BatchOptions o = options();
  o.sampling.samples = 5;
  o.sampling.seed = 1;
  ASSERT_EQ(run(o), kExitOk);
  const std::string first = read_file(dir_ / "out.csv");
  // Resuming with the same settings keeps every row (nothing is run again) ...
  o.resume = true;
  o.quiet = false;
  o.terminal = false;
  ASSERT_EQ(run(o), kExitOk);
  EXPECT_EQ(lines(err_.str()).back(), "batch: 0/0 done, 0 errors, in 0.0 s");
  EXPECT_EQ(read_file(dir_ / "out.csv"), first);
  // ... another seed runs every scenario again, so one file never mixes seeds.
  o.sampling.seed = 2;
  ASSERT_EQ(run(o), kExitOk);
  EXPECT_EQ(lines(err_.str()).back(), "batch: 30/30 done, 0 errors, in 0.0 s");
  for (const std::string& row : lines(read_file(dir_ / "out.csv"))) {
    if (row.starts_with("file,")) continue;
    EXPECT_TRUE(row.ends_with(",2,5,0.000")) << row;
  }
  // Bad settings are refused before any work.
  o.sampling.samples = 0;
  EXPECT_EQ(option_error(o), "samples must be in [1, 10000000], got 0");
  o.sampling.samples.reset();
  o.sampling.threshold = 50;
  EXPECT_EQ(option_error(o), "--threshold needs --samples");
}

TEST_F(BatchTest, CommandLineTakesSamplesSeedAndThresholdForRunAndBatch) {
  auto cli = [&](std::vector<std::string> args) {
    const test::CliResult r = test::run_cli(std::move(args));
    out_.str(r.out);
    err_.str(r.err);
    return r.code;
  };
  const std::string scenario = (dir_ / "in/pay-03.yaml").string();
  ASSERT_EQ(cli({"batch", scenario, "-o", (dir_ / "one.csv").string(), "-q", "--samples", "4",
                 "--seed", "77", "--threshold", "84"}),
            kExitOk);
  const std::vector<std::string> row = fields(lines(read_file(dir_ / "one.csv"))[1]);
  ASSERT_EQ(row.size(), std::size(kBatchColumns));
  EXPECT_EQ(row[20], "84");  // threshold
  EXPECT_EQ(row[26], "77");  // seed
  EXPECT_EQ(row[27], "4");   // samples
  // run: the block and the run record in the JSON.
  ASSERT_EQ(cli({"run", scenario, "--samples", "3", "--seed", "5", "--jobs", "2", "--json", "-"}),
            kExitOk);
  const auto j = nlohmann::json::parse(out_.str());
  EXPECT_EQ(j.at("run_record").at("seed"), 5);
  EXPECT_EQ(j.at("run_record").at("samples"), 3);
  EXPECT_EQ(j.at("monte_carlo").at("per_sample").at("cx_min").size(), 3u);
  // --seed alone and a --samples out of range are refused by the parser (exit 2 both).
  EXPECT_EQ(cli({"run", scenario, "--seed", "5"}), kExitInput);
  EXPECT_EQ(err_.str(),
            "orgsim: error: --seed requires --samples\nRun 'orgsim --help' for usage.\n");
  EXPECT_EQ(cli({"run", scenario, "--samples", "0"}), kExitInput);
  EXPECT_EQ(err_.str(),
            "orgsim: error: --samples: Value 0 not in range 1 to 10000000\nRun 'orgsim --help' "
            "for usage.\n");
  EXPECT_EQ(cli({"batch", scenario, "-o", (dir_ / "two.csv").string(), "--threshold", "3"}),
            kExitInput);
  EXPECT_EQ(err_.str(),
            "orgsim: error: --threshold requires --samples\nRun 'orgsim --help' for usage.\n");
}

TEST(BatchProgressTest, LineShowsDoneErrorsRateAndEta) {
  EXPECT_EQ(progress_line(1200, 10000, 2, 1200.0 / 850),
            "batch: 1200/10000 done, 2 errors, 850/s, ETA 10 s");
  EXPECT_EQ(progress_line(1, 3, 1, 4.0), "batch: 1/3 done, 1 error, 0.2/s, ETA 8.0 s");
  EXPECT_EQ(progress_line(0, 3, 0, 4.0), "batch: 0/3 done, 0 errors");
  EXPECT_EQ(progress_line(10, 100000, 0, 10.0),
            "batch: 10/100000 done, 0 errors, 1.0/s, ETA 27.8 h");
}

TEST(BatchOutputTest, ReadsBackQuotedRowsAndDropsARowCutShort) {
  BatchRow a;
  a.file = "a, \"odd\".yaml";
  a.name = "Pay, \"fast\"\ndesk";  // a comma, quotes and a newline: one quoted CSV field
  a.top_path = {"payments", "checkout"};
  a.top_path_share = 0.1;
  BatchRow b;
  b.file = "b.yaml";
  b.ok = false;
  b.error = "b.yaml:1:1: error: bad";
  for (BatchFormat format : {BatchFormat::kCsv, BatchFormat::kJsonl}) {
    const std::string ta = format_batch_row(a, format);
    const std::string tb = format_batch_row(b, format);
    const std::string text = batch_header(format) + ta + tb + ta.substr(0, ta.size() - 3);
    const std::vector<StoredRow> rows = read_batch_rows(text, format);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].file, a.file);
    EXPECT_TRUE(rows[0].ok);
    EXPECT_EQ(rows[0].text, ta);
    EXPECT_EQ(rows[1].file, "b.yaml");
    EXPECT_FALSE(rows[1].ok);
    EXPECT_EQ(rows[1].text, tb);
  }
  EXPECT_EQ(format_batch_row(a, BatchFormat::kCsv),
            "\"a, \"\"odd\"\".yaml\",\"Pay, \"\"fast\"\"\ndesk\",ok,,0,0,0,0,,,"
            "payments>checkout,0.10000000000000001,,,,,,,,,,,,,,,,,0.000\n");
  EXPECT_EQ(format_batch_row(b, BatchFormat::kCsv),
            "b.yaml,,error,b.yaml:1:1: error: bad,,,,,,,,,,,,,,,,,,,,,,,,,0.000\n");
}

}  // namespace
}  // namespace orgsim::cli
