// What the command line's outputs may not damage (issue 14): the run's own input files,
// and a failed write to standard output is exit 1, never 0. In-process (run_cli), and
// the real binary (ORGSIM_BINARY) where standard output must be /dev/full.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <sstream>
#include <streambuf>
#include <string>
#include <thread>
#include <vector>

#include "cli/app.hpp"
#include "common/digest.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/cli_run.hpp"
#include "tests/support/files.hpp"

namespace orgsim::cli {
namespace {

namespace fs = std::filesystem;

using test::read_file;
using test::run_cli;

const fs::path kExample = "scenarios/contact-center";

class OutputTest : public test::CliTest {
 protected:
  OutputTest() : CliTest("output") {}

  // The contact-center model and two of its scenarios, copied into dir_.
  void SetUp() override {
    CliTest::SetUp();
    for (const char* name :
         {"model.yaml", "slow-payments.yaml", "slow-payments-with-backup.yaml"}) {
      fs::copy_file(kExample / name, dir_ / name);
    }
    model_ = (dir_ / "model.yaml").string();
    scenario_ = (dir_ / "slow-payments.yaml").string();
    what_if_ = (dir_ / "slow-payments-with-backup.yaml").string();
    digest_ = sha256_hex(read_file(model_)) + sha256_hex(read_file(scenario_));
  }
  // The inputs as copied: nothing overwrote them.
  void expect_inputs_untouched() const {
    EXPECT_EQ(sha256_hex(read_file(model_)) + sha256_hex(read_file(scenario_)), digest_);
  }
  // Exit 2 and exactly this message, the inputs untouched.
  void expect_refused(const test::CliResult& r, const std::string& message) const {
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err, "orgsim: error: " + message + "\n");
    expect_inputs_untouched();
  }

  std::string model_, scenario_, what_if_, digest_;
};

std::string refusal(const std::string& option, const std::string& output, const std::string& what) {
  return option + ": '" + output + "' is an input of this run (" + what + "); choose another file";
}

TEST_F(OutputTest, RunRefusesToWriteJsonOverItsModelOrScenario) {
  expect_refused(run_cli({"run", scenario_, "--json", model_}),
                 refusal("--json", model_, "the model"));
  expect_refused(run_cli({"run", scenario_, "--json", scenario_}),
                 refusal("--json", scenario_, "the scenario"));
  expect_refused(run_cli({"run", model_, "--json", model_}),
                 refusal("--json", model_, "the model"));
}

TEST_F(OutputTest, ARefusedOutputSpeltAnotherWayNamesBothFiles) {
  fs::create_symlink("model.yaml", dir_ / "impact.svg");
  const std::string link = (dir_ / "impact.svg").string();
  expect_refused(run_cli({"run", scenario_, "--render", link}),
                 refusal("--render", link, "the model, '" + model_ + "'"));
  EXPECT_TRUE(fs::is_symlink(link));
}

TEST_F(OutputTest, ReportRankAndCompareRefuseTheirInputs) {
  expect_refused(run_cli({"report", scenario_, "-o", scenario_}),
                 refusal("-o/--output", scenario_, "the scenario"));
  expect_refused(run_cli({"rank", model_, "--csv", model_}), refusal("--csv", model_, "the model"));
  expect_refused(run_cli({"rank", scenario_, "--json", scenario_}),
                 refusal("--json", scenario_, "the scenario"));
  const std::string what_if_before = read_file(what_if_);
  expect_refused(run_cli({"compare", scenario_, what_if_, "--json", what_if_}),
                 refusal("--json", what_if_, "the scenario"));
  EXPECT_EQ(read_file(what_if_), what_if_before);
}

TEST_F(OutputTest, RankRefusesToOverwriteATableOfACsvModel) {
  const fs::path folder = dir_ / "csv";
  ASSERT_EQ(run_cli({"generate", "--roles", "6", "--departments", "2", "--scenarios", "0",
                     "--format", "csv", "-o", folder.string()})
                .code,
            0);
  const std::string roles = (folder / "roles.csv").string();
  const std::string before = read_file(roles);
  const auto r = run_cli({"rank", (folder / "model.yaml").string(), "--csv", roles});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "orgsim: error: " + refusal("--csv", roles, "a table of the model") + "\n");
  EXPECT_EQ(read_file(roles), before);
}

TEST_F(OutputTest, BatchRefusesToOverwriteAScenarioOrAModelItFound) {
  expect_refused(run_cli({"batch", dir_.string(), "-o", scenario_, "-q"}),
                 refusal("-o/--output", scenario_, "a scenario"));
  expect_refused(run_cli({"batch", dir_.string(), "-o", model_, "-q"}),
                 refusal("-o/--output", model_, "a scenario's model"));
  EXPECT_FALSE(fs::exists(scenario_ + ".partial"));
  // A results file that is no input is written as before.
  const auto ok = run_cli({"batch", dir_.string(), "-o", (dir_ / "results.csv").string(), "-q"});
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_TRUE(fs::exists(dir_ / "results.csv"));
  expect_inputs_untouched();
}

TEST_F(OutputTest, NewOutputsAndStandardOutputAreNotInputs) {
  const auto r = run_cli({"run", scenario_, "--json", "-"});
  EXPECT_EQ(r.code, 0) << r.err;
  const auto file = run_cli({"run", scenario_, "--json", (dir_ / "run.json").string()});
  EXPECT_EQ(file.code, 0) << file.err;
  EXPECT_EQ(read_file(dir_ / "run.json"), r.out);
}

// `orgsim run X --json >(wc -c)`: the shell passes /dev/fd/63, a pipe.
TEST_F(OutputTest, RunWritesJsonToAPipeGivenAsDevFd) {
  int ends[2];
  ASSERT_EQ(::pipe(ends), 0);
  std::string received;
  std::thread reader([&] {
    char buffer[4096];
    for (ssize_t n; (n = ::read(ends[0], buffer, sizeof buffer)) > 0;) received.append(buffer, n);
  });
  const auto r = run_cli({"run", scenario_, "--json", "/dev/fd/" + std::to_string(ends[1])});
  ::close(ends[1]);
  reader.join();
  ::close(ends[0]);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(received, run_cli({"run", scenario_, "--json", "-"}).out);
}

// A stream whose every write fails, as a full disk does.
class FailingBuffer : public std::streambuf {
 protected:
  int_type overflow(int_type) override {
    errno = ENOSPC;
    return traits_type::eof();
  }
  int sync() override {
    errno = ENOSPC;
    return -1;
  }
};

TEST_F(OutputTest, AFailedWriteToStandardOutputIsExitOneInProcess) {
  FailingBuffer buffer;
  std::ostream out(&buffer);
  std::ostringstream err;
  const std::vector<const char*> argv{"orgsim", "validate", model_.c_str()};
  EXPECT_EQ(cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err), 1);
  EXPECT_EQ(err.str(), "orgsim: error: cannot write to standard output: No space left on device\n");
}

// The real binary with standard output on /dev/full: each way of writing to it.
TEST_F(OutputTest, AFailedWriteToStandardOutputIsExitOne) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  const std::vector<std::vector<std::string>> commands{{"run", scenario_, "--json", "-"},
                                                       {"run", scenario_},
                                                       {"rank", model_, "--csv", "-"},
                                                       {"validate", model_},
                                                       {"compare", scenario_, what_if_}};
  for (const auto& args : commands) {
    const fs::path err = dir_ / "stderr.txt";
    const test::ChildExit e =
        test::wait_child(test::start_child(ORGSIM_BINARY, args, "/dev/full", err));
    EXPECT_FALSE(e.signaled) << args[0];
    EXPECT_EQ(e.code, 1) << args[0];
    EXPECT_EQ(read_file(err),
              "orgsim: error: cannot write to standard output: No space left on device\n")
        << args[0];
  }
}

TEST_F(OutputTest, JsonToAFullDeviceIsExitOneAndTheDeviceStays) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  const auto r = run_cli({"run", scenario_, "--json", "/dev/full"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "/dev/full: error: cannot write output: write failed: No space left on device\n");
  EXPECT_TRUE(fs::is_character_file("/dev/full"));
}

}  // namespace
}  // namespace orgsim::cli
