// Tests of `orgsim batch` (cli/batch, cli/cmd_batch, cli/batch_output, cli/progress),
// calling run_batch in-process on generated scenarios of the contact-center model.

#include "cli/batch.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "model/errors.hpp"
#include "model/loader.hpp"
#include "sim/engine.hpp"
#include "sim/summary.hpp"

namespace orgsim::cli {
namespace {

namespace fs = std::filesystem;

constexpr int kScenarios = 30;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

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

class BatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The pid keeps two build trees running the suite at once apart.
    dir_ = fs::path(::testing::TempDir()) /
           ("orgsim_batch_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
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
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, std::string_view text) {
    fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
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

  fs::path dir_;
  std::ostringstream out_;
  std::ostringstream err_;
};

TEST_F(BatchTest, WritesOneRowPerScenarioOfAFolder) {
  ASSERT_EQ(run(options()), kExitOk);
  EXPECT_EQ(out_.str(), "Wrote " + (dir_ / "out.csv").string() + " (30 scenarios, 0 errors)\n");
  EXPECT_FALSE(fs::exists(dir_ / "out.csv.partial"));
  const auto rows = lines(read(dir_ / "out.csv"));
  ASSERT_EQ(rows.size(), kScenarios + 1u);  // the model is not a scenario
  EXPECT_EQ(rows[0],
            "file,name,status,error,cx_baseline,cx_min,cx_min_step,cx_final,recovery_step,"
            "most_degraded_role,top_path,top_path_share,runtime_ms");
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
  EXPECT_TRUE(rows[11].ends_with(",0.000")) << rows[11];
}

TEST_F(BatchTest, AMalformedScenarioIsAnErrorRowAndTheBatchGoesOn) {
  const fs::path bad =
      write("in/bad.yaml",
            "name: Typo\nmodel: model.yaml\nfailures:\n  - {role: paymnets, degrade: 0.5}\n");
  ASSERT_EQ(run(options()), kExitInput);
  EXPECT_EQ(out_.str(), "Wrote " + (dir_ / "out.csv").string() + " (31 scenarios, 1 error)\n");
  const auto rows = lines(read(dir_ / "out.csv"));
  ASSERT_EQ(rows.size(), kScenarios + 2u);
  EXPECT_EQ(rows[1], bad.string() + ",,error," + bad.string() +
                         ":4:12: error: unknown role 'paymnets'; did you mean 'payments'?"
                         ",,,,,,,,,0.000");
  for (std::size_t i = 2; i < rows.size(); ++i) EXPECT_NE(rows[i].find(",ok,,"), std::string::npos);
}

TEST_F(BatchTest, ABrokenModelFailsEachOfItsScenariosWithTheSameMessage) {
  write("broken/model.yaml", "name: m\nroles: 3\n");
  write("broken/a.yaml", "name: a\nmodel: model.yaml\n");
  write("broken/b.yaml", "name: b\nmodel: model.yaml\n");
  BatchOptions o = options();
  o.paths = {dir_ / "broken"};
  ASSERT_EQ(run(o), kExitInput);
  const auto rows = lines(read(dir_ / "out.csv"));
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
  EXPECT_EQ(read(dir_ / "one.csv"), read(dir_ / "four.csv"));
}

TEST_F(BatchTest, ResumeRunsOnlyTheMissingScenarios) {
  ASSERT_EQ(run(options("whole.csv")), kExitOk);
  const std::string whole = read(dir_ / "whole.csv");
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
  EXPECT_EQ(read(dir_ / "out.csv"), whole);
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
  const auto resumed = lines(read(dir_ / "out.csv"));
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
    const auto rows = lines(read(o.output));
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
  const auto rows = lines(read(o.output));
  ASSERT_EQ(rows.size(), kScenarios + 1u);
  const auto bad = nlohmann::ordered_json::parse(rows[0]);
  EXPECT_EQ(
      bad.dump(),
      nlohmann::ordered_json::parse(
          R"({"file":")" + (dir_ / "in/bad.yaml").string() +
          R"(","name":"","status":"error","error":")" + (dir_ / "in/bad.yaml").string() +
          R"(:3:19: error: unknown role 'x'","cx_baseline":null,"cx_min":null,"cx_min_step":null,"cx_final":null,"recovery_step":null,"most_degraded_role":null,"top_path":null,"top_path_share":null,"runtime_ms":0.0})")
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
            "payments>checkout,0.10000000000000001,0.000\n");
  EXPECT_EQ(format_batch_row(b, BatchFormat::kCsv),
            "b.yaml,,error,b.yaml:1:1: error: bad,,,,,,,,,0.000\n");
}

}  // namespace
}  // namespace orgsim::cli
