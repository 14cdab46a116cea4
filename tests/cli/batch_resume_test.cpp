// Issue 14: `batch --resume` kept rows whose inputs had changed, an output that belonged
// to other scenarios (or was no results file at all) was replaced without a word, and a
// duplicated row silently won. Each case below failed before its fix.

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "app/batch.hpp"
#include "app/exit_codes.hpp"
#include "common/errors.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"

namespace orgsim::app {
namespace {

namespace fs = std::filesystem;
using test::read_file;

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

class BatchResumeTest : public test::TempDirTest {
 protected:
  BatchResumeTest() : TempDirTest("orgsim_batch_resume") {}
  void SetUp() override {
    // A CSV model (so its tables are hashed too) and four scenarios.
    write("in/roles.csv", "id,department,touchpoint\na,ops,1\nb,ops,\nc,ops,\n");
    write("in/dependencies.csv", "role,depends_on,weight\na,b,0.5\nb,c,0.5\n");
    write("in/model.yaml",
          "name: T\ntables:\n  roles: roles.csv\n  dependencies: dependencies.csv\n");
    for (int i = 0; i < 4; ++i) write_scenario(i, 0.2 + 0.1 * i);
  }
  void write_scenario(int i, double degrade) {
    write("in/s" + std::to_string(i) + ".yaml",
          "name: S" + std::to_string(i) + "\nmodel: model.yaml\nsteps: 10\nfailures:\n" +
              "  - {role: c, degrade: " + std::to_string(degrade) + ", to: 3}\n");
  }
  BatchOptions options(const std::string& output = "out.csv") const {
    BatchOptions o;
    o.paths = {dir_ / "in"};
    o.output = dir_ / output;
    o.jobs = 1;
    o.quiet = true;
    o.clock = [] { return 0.0; };
    return o;
  }
  int run(const BatchOptions& o) {
    err_.str("");
    std::ostringstream out;
    return run_batch(o, out, err_);
  }
  std::string option_error(const BatchOptions& o) {
    try {
      run(o);
    } catch (const InvalidArgument& e) {
      return e.what();
    }
    return "no error";
  }
  // Resumes quietly but for progress lines, returning how many scenarios ran again.
  std::string resume() {
    BatchOptions o = options();
    o.resume = true;
    o.quiet = false;
    o.terminal = false;
    EXPECT_EQ(run(o), kExitOk) << err_.str();
    return lines(err_.str()).back();
  }
  std::ostringstream err_;
};

TEST_F(BatchResumeTest, KeepsRowsWhoseInputsAreUnchanged) {
  ASSERT_EQ(run(options()), kExitOk);
  const std::string first = read_file(dir_ / "out.csv");
  EXPECT_EQ(resume(), "batch: 0/0 done, 0 errors, in 0.0 s");
  EXPECT_EQ(read_file(dir_ / "out.csv"), first);
}

TEST_F(BatchResumeTest, RunsAgainARowWhoseScenarioChanged) {
  ASSERT_EQ(run(options()), kExitOk);
  const auto before = lines(read_file(dir_ / "out.csv"));
  write_scenario(2, 0.9);
  EXPECT_EQ(resume(), "batch: 1/1 done, 0 errors, in 0.0 s");
  EXPECT_NE(err_.str().find("batch: running 1 scenario again: the scenario, its model or its "
                            "tables changed since its row was written"),
            std::string::npos)
      << err_.str();
  const auto after = lines(read_file(dir_ / "out.csv"));
  ASSERT_EQ(after.size(), before.size());
  EXPECT_EQ(after[1], before[1]);
  EXPECT_NE(after[3], before[3]) << "s2's row was kept although its scenario changed";
  // Equal to a fresh run of the changed scenarios.
  ASSERT_EQ(run(options("fresh.csv")), kExitOk);
  EXPECT_EQ(read_file(dir_ / "out.csv"), read_file(dir_ / "fresh.csv"));
}

TEST_F(BatchResumeTest, RunsEverythingAgainWhenTheModelOrATableChanged) {
  ASSERT_EQ(run(options()), kExitOk);
  write("in/model.yaml",
        "name: T  # renamed\ntables:\n  roles: roles.csv\n  dependencies: dependencies.csv\n");
  EXPECT_EQ(resume(), "batch: 4/4 done, 0 errors, in 0.0 s");
  write("in/dependencies.csv", "role,depends_on,weight\na,b,0.6\nb,c,0.5\n");
  EXPECT_EQ(resume(), "batch: 4/4 done, 0 errors, in 0.0 s");
  ASSERT_EQ(run(options("fresh.csv")), kExitOk);
  EXPECT_EQ(read_file(dir_ / "out.csv"), read_file(dir_ / "fresh.csv"));
}

// An error row records no hashes: resuming a finished run must change nothing.
TEST_F(BatchResumeTest, KeepsErrorRowsAsWritten) {
  write("in/s1.yaml", "name: S1\nmodel: model.yaml\nfailures:\n  - {role: nobody}\n");
  ASSERT_EQ(run(options()), kExitInput);
  const std::string first = read_file(dir_ / "out.csv");
  BatchOptions o = options();
  o.resume = true;
  EXPECT_EQ(run(o), kExitInput);
  EXPECT_EQ(read_file(dir_ / "out.csv"), first);
}

TEST_F(BatchResumeTest, RefusesAnOutputHoldingOtherScenariosUnlessForced) {
  ASSERT_EQ(run(options()), kExitOk);
  const std::string theirs = read_file(dir_ / "out.csv");
  // Another batch into the same file: the rows of in/ would be lost.
  write("other/model.yaml", read_file(dir_ / "in/model.yaml"));
  fs::copy_file(dir_ / "in/roles.csv", dir_ / "other/roles.csv");
  fs::copy_file(dir_ / "in/dependencies.csv", dir_ / "other/dependencies.csv");
  write("other/x.yaml", read_file(dir_ / "in/s0.yaml"));
  BatchOptions o = options();
  o.paths = {dir_ / "other"};
  EXPECT_EQ(option_error(o), "-o/--output: '" + (dir_ / "out.csv").string() +
                                 "' holds the results of 4 scenarios not in this run (the "
                                 "first: '" +
                                 (dir_ / "in/s0.yaml").string() +
                                 "'), which this run would drop; write to another file, or "
                                 "add --force to replace it");
  o.resume = true;
  EXPECT_NE(option_error(o), "no error") << "--resume would drop them too";
  EXPECT_EQ(read_file(dir_ / "out.csv"), theirs);
  o.resume = false;
  o.force = true;
  ASSERT_EQ(run(o), kExitOk);
  EXPECT_EQ(lines(read_file(dir_ / "out.csv")).size(), 2u);
}

TEST_F(BatchResumeTest, RefusesAnOutputThatIsNotAResultsFileUnlessForced) {
  write("notes.csv", "id,department\nmy,notes\n");
  BatchOptions o = options("notes.csv");
  EXPECT_EQ(option_error(o), "-o/--output: '" + (dir_ / "notes.csv").string() +
                                 "' exists and is not a results file of orgsim batch (its first "
                                 "line is not the CSV header); write to another file, or add "
                                 "--force to replace it");
  EXPECT_EQ(read_file(dir_ / "notes.csv"), "id,department\nmy,notes\n");
  o.format = BatchFormat::kJsonl;
  EXPECT_NE(option_error(o).find("(its first line is not a JSON-lines row)"), std::string::npos);
  // A results file of the other format is not this run's either.
  ASSERT_EQ(run(options("out.csv")), kExitOk);
  BatchOptions jsonl = options("out.csv");
  jsonl.format = BatchFormat::kJsonl;
  EXPECT_NE(option_error(jsonl), "no error");
  // An empty file, or one holding only the header, has nothing to lose.
  write("empty.csv", "");
  EXPECT_EQ(run(options("empty.csv")), kExitOk);
  o.force = true;
  o.format = BatchFormat::kCsv;
  EXPECT_EQ(run(o), kExitOk);
}

TEST_F(BatchResumeTest, ReportsADuplicatedRow) {
  ASSERT_EQ(run(options()), kExitOk);
  const auto rows = lines(read_file(dir_ / "out.csv"));
  write("out.csv", rows[0] + "\n" + rows[1] + "\n" + rows[2] + "\n" + rows[1] + "\n");
  resume();
  EXPECT_NE(err_.str().find("batch: warning: " + (dir_ / "out.csv").string() +
                            ":4: a second row for '" + (dir_ / "in/s0.yaml").string() +
                            "' (the first is at line 2); the later one is used"),
            std::string::npos)
      << err_.str();
}

}  // namespace
}  // namespace orgsim::app
