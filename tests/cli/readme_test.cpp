// README.md's console examples, run as written (issue 12): every "$ build/orgsim ..."
// line of a ```console block (and every "build/orgsim ..." line of a ```sh block) runs
// with /bin/sh in a temporary copy of the repository's scenarios/ and docs/, with
// build/orgsim the binary under test. Outputs may differ (paths, times); exit codes
// may not: 2 where the example's output shows an error, else 0.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "tests/support/child_process.hpp"
#include "tests/support/cli_run.hpp"

namespace orgsim {
namespace {

namespace fs = std::filesystem;

struct Example {
  int line = 0;         ///< in README.md, 1-based
  std::string command;  ///< without the "$ " prompt
  int expected_code = 0;
};

// The examples, in order. A command's output runs to the next prompt or the end
// of its block; an error line there ("file:line:col: error: ...") means exit 2.
std::vector<Example> readme_examples(const std::string& readme) {
  std::vector<Example> examples;
  std::istringstream in(readme);
  std::string line, block;  // block: "" outside a fence, else its language
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.rfind("```", 0) == 0) {
      block = block.empty() ? line.substr(3) + " " : "";
      continue;
    }
    if (block == "console " && line.rfind("$ ", 0) == 0) {
      examples.push_back({n, line.substr(2), 0});
    } else if (block == "sh " && line.rfind("build/orgsim ", 0) == 0) {
      examples.push_back({n, line, 0});
    } else if (block == "console " && !examples.empty() &&
               line.find(": error: ") != std::string::npos) {
      examples.back().expected_code = 2;
    }
  }
  std::erase_if(examples,
                [](const Example& e) { return e.command.rfind("build/orgsim ", 0) != 0; });
  return examples;
}

// Minutes of work, not examples of use: a million roles, ten thousand scenarios.
// ORGSIM_README_ALL=1 runs them too.
bool too_slow_for_the_suite(const std::string& command) {
  for (const char* slow : {"--roles 1000000", "million/", "org1k"}) {
    if (command.find(slow) != std::string::npos) return true;
  }
  return false;
}

class ReadmeTest : public test::CliTest {
 protected:
  ReadmeTest() : CliTest("readme") {}
};

TEST_F(ReadmeTest, FindsTheExamples) {
  const auto examples = readme_examples(test::read_file("README.md"));
  ASSERT_GE(examples.size(), 10u);
  bool typo = false;
  for (const auto& e : examples) {
    if (e.command == "build/orgsim validate docs/examples/typo.yaml") {
      typo = true;
      EXPECT_EQ(e.expected_code, 2);
    }
  }
  EXPECT_TRUE(typo) << "the validate example with errors";
}

TEST_F(ReadmeTest, EveryConsoleExampleRunsAsWritten) {
  const fs::path repo = dir_ / "repo";
  fs::create_directories(repo);
  for (const char* part : {"scenarios", "docs"}) {
    fs::copy(part, repo / part, fs::copy_options::recursive);
  }
  fs::copy_file("README.md", repo / "README.md");
  fs::create_directories(repo / "build");
  fs::create_symlink(fs::absolute(ORGSIM_BINARY), repo / "build" / "orgsim");
  const char* all = std::getenv("ORGSIM_README_ALL");
  const bool run_all = all != nullptr && std::string(all) == "1";
  std::size_t ran = 0;
  for (const auto& e : readme_examples(test::read_file("README.md"))) {
    if (!run_all && too_slow_for_the_suite(e.command)) continue;
    auto r = test::run_child("/bin/sh", {"-c", "cd '" + repo.string() + "' && " + e.command}, dir_);
    EXPECT_EQ(r.code, e.expected_code) << "README.md:" << e.line << ": $ " << e.command << "\n"
                                       << r.out << r.err;
    ++ran;
  }
  EXPECT_GE(ran, 10u);
}

}  // namespace
}  // namespace orgsim
