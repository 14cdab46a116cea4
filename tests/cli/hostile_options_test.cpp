// Issue 14, "Crashes and silent losses": command lines and inputs that crashed, were
// misreported or printed raw control characters. Each failed before its fix.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "tests/support/cli_run.hpp"
#include "tests/support/files.hpp"

namespace orgsim::test {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class HostileOptionsTest : public CliTest {
 protected:
  HostileOptionsTest() : CliTest("orgsim_hostile_options") {}
};

// `--samples -1` was reported as 18446744073709551615.
TEST_F(HostileOptionsTest, NegativeSamplesAreRefusedAsWritten) {
  const CliResult run =
      run_cli({"run", "scenarios/contact-center/uncertain-payments.yaml", "--samples", "-1"});
  EXPECT_EQ(run.code, 2);
  EXPECT_THAT(run.err, HasSubstr("--samples: Value -1 not in range 1 to 10000000"));
  EXPECT_THAT(run.err, ::testing::Not(HasSubstr("18446744073709551615")));
  const CliResult batch = run_cli(
      {"batch", "scenarios/contact-center", "-o", (dir_ / "out.csv").string(), "--samples", "-1"});
  EXPECT_EQ(batch.code, 2);
  EXPECT_THAT(batch.err, HasSubstr("--samples: Value -1 not in range 1 to 10000000"));
  EXPECT_FALSE(fs::exists(dir_ / "out.csv"));
}

// `batch` of a named pipe said "no such file".
TEST_F(HostileOptionsTest, BatchOfANamedPipeSaysWhatItIs) {
  const fs::path fifo = dir_ / "pipe.yaml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const CliResult r = run_cli({"batch", fifo.string(), "-o", (dir_ / "out.csv").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("PATH: '" + fifo.string() +
                               "' is not a regular file or folder (a named pipe, device or "
                               "socket); save the scenario to a file"));
}

// A newline in an output path was printed raw, forging a line of output.
TEST_F(HostileOptionsTest, ControlCharactersInAnOutputPathArePrintedEscaped) {
  const fs::path json = dir_ / "a\nWrote b.json";
  const CliResult r =
      run_cli({"run", "scenarios/contact-center/slow-payments.yaml", "--json", json.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(fs::exists(json));
  EXPECT_THAT(r.out, HasSubstr("Wrote " + (dir_ / "a").string() + "\\nWrote b.json\n"));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("\nWrote b.json\n")));
  // ... and in an error message.
  const CliResult bad = run_cli({"run", "scenarios/contact-center/slow-payments.yaml", "--json",
                                 (dir_ / "no\x1b[2Jfolder" / "x.json").string()});
  EXPECT_EQ(bad.code, 1);
  EXPECT_THAT(bad.err, HasSubstr("no\\x1b[2Jfolder"));
  EXPECT_THAT(bad.err, ::testing::Not(HasSubstr("\x1b")));
}

// A CSV roles table with a header and no rows validated "ok: 0 roles"; `run --render`
// then crashed drawing it.
TEST_F(HostileOptionsTest, AnEmptyRolesTableIsRefusedBeforeAnythingIsDrawn) {
  write("m/roles.csv", "id,department,touchpoint\n");
  write("m/dependencies.csv", "role,depends_on,weight\n");
  write("m/model.yaml", "name: M\ntables:\n  roles: roles.csv\n  dependencies: dependencies.csv\n");
  write("m/s.yaml", "name: S\nmodel: model.yaml\n");
  const CliResult v = run_cli({"validate", (dir_ / "m/model.yaml").string()});
  EXPECT_EQ(v.code, 2);
  EXPECT_THAT(v.err,
              HasSubstr("roles.csv: error: the roles table has no rows: a model needs at least "
                        "one role"));
  const CliResult r =
      run_cli({"run", (dir_ / "m/s.yaml").string(), "--render", (dir_ / "impact.svg").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_FALSE(fs::exists(dir_ / "impact.svg"));
}

}  // namespace
}  // namespace orgsim::test
