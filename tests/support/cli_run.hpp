#pragma once
// The orgsim command line run in this process (cli::run_cli), as main() runs it, for
// tests that check its exit code and output, and a fixture for such tests. Needs
// orgsim::cli: only tests/cli links it.

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/app.hpp"
#include "tests/support/temp_dir.hpp"

namespace orgsim::test {

/// What one command line gave: its exit code and what it printed.
struct CliResult {
  int code = -1;
  std::string out;  ///< stdout
  std::string err;  ///< stderr
};

/// Runs `orgsim <args...>`, e.g. run_cli({"run", "scenario.yaml", "--json", "-"}).
inline CliResult run_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "orgsim");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  const int code = cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

/// A fixture for tests of the command line on the repository's scenarios: a fresh folder
/// `dir_` (TempDirTest), and a check that the test runs from the repository root, where
/// the scenarios' relative paths hold (ctest runs it there: WORKING_DIRECTORY).
class CliTest : public TempDirTest {
 protected:
  explicit CliTest(std::string_view prefix) : TempDirTest(prefix) {}
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists("scenarios/contact-center/model.yaml"))
        << "run from the repository root";
  }
};

}  // namespace orgsim::test
