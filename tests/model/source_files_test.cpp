#include "common/source_files.hpp"

#include <gtest/gtest.h>

namespace orgsim {
namespace {

TEST(SourceFilesTest, QuotesTheLineWithACaretUnderTheColumn) {
  SourceFiles files;
  files.add("m.yaml", "name: x\nroles:\n  - {id: a, weight: 2}\n");
  Diagnostic d{Severity::kError, {"m.yaml", 3, 17}, "weight must be in (0, 1], got 2"};
  EXPECT_EQ(format_diagnostic(d, &files),
            "m.yaml:3:17: error: weight must be in (0, 1], got 2\n"
            "      - {id: a, weight: 2}\n"
            "                    ^\n");
}

// A hostile file must not be able to drive the terminal through an error message:
// escape sequences in the quoted line or in the message become '?'.
TEST(SourceFilesTest, ControlCharactersCannotReachTheTerminal) {
  SourceFiles files;
  files.add("m.yaml", "name: \"\x1b[2J\x1b]0;pwned\x07\"\n");
  Diagnostic d{Severity::kError, {"m.yaml", 1, 7}, "unknown escape character: \x1b"};
  EXPECT_EQ(format_diagnostic(d, &files),
            "m.yaml:1:7: error: unknown escape character: ?\n"
            "    name: \"?[2J?]0;pwned?\"\n"
            "          ^\n");
}

TEST(SourceFilesTest, TabsKeepTheCaretAligned) {
  SourceFiles files;
  files.add("m.yaml", "\tkey: 1\n");
  Diagnostic d{Severity::kWarning, {"m.yaml", 1, 2}, "tab"};
  EXPECT_EQ(format_diagnostic(d, &files), "m.yaml:1:2: warning: tab\n    \tkey: 1\n    \t^\n");
}

}  // namespace
}  // namespace orgsim
