// Inputs the fuzzers found (tests/fuzz/regressions/<target>/), each checked here for
// what it must give now. ctest also replays every one of them through its fuzz target
// (fuzz_replay.*); this file states the expected result exactly.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "common/diagnostics.hpp"
#include "common/source_files.hpp"
#include "model/csv_model.hpp"
#include "model/org_graph.hpp"
#include "tests/support/files.hpp"

namespace orgsim::model {
namespace {

std::string read_regression(const std::string& name) {
  const std::filesystem::path path =
      std::string(ORGSIM_SOURCE_DIR) + "/tests/fuzz/regressions/" + name;
  EXPECT_TRUE(std::filesystem::is_regular_file(path)) << "cannot read " << name;
  return test::read_file(path);
}

// fuzz_csv_roles: a header of 100 unknown columns and neither `id` nor `department`
// gave 102 errors, because the header was not capped at kMaxCsvErrors as rows are.
// Now: the first 100 problems listed, the other 2 counted.
TEST(FuzzRegressionTest, CsvHeaderOfManyUnknownColumnsIsCapped) {
  const std::string text = read_regression("fuzz_csv_roles/header-of-many-unknown-columns.csv");
  OrgGraph g;
  Diagnostics d;
  EXPECT_FALSE(read_roles_csv(text, "roles.csv", kDefaultRecovery, DepartmentRule::kCreate, g, d));
  ASSERT_EQ(d.items().size(), kMaxCsvErrors);
  EXPECT_EQ(d.unlisted_errors(), 2u);
  EXPECT_EQ(g.role_count(), 0u);
}

// The same with a readable header: 1,000 unknown columns and the missing `id` give 100
// errors listed and 901 counted, not 1,001 messages.
TEST(FuzzRegressionTest, CsvHeaderOfThousandColumnsIsCapped) {
  std::string header = "c0";
  for (int i = 1; i < 1000; ++i) header += ",c" + std::to_string(i);
  OrgGraph g;
  Diagnostics d;
  EXPECT_FALSE(read_departments_csv(header + "\n", "departments.csv", g, d));
  ASSERT_EQ(d.items().size(), kMaxCsvErrors);
  EXPECT_EQ(d.error_count(), 1001u);
  EXPECT_EQ(d.items().front().message, "unknown column 'c0' (the columns are id,name)");
  // c0..c9 take 3 columns each with their comma, c10..c99 take 4: c99 starts at 31 + 4 x 89.
  EXPECT_EQ(d.items()[99].where.str(), "departments.csv:1:387");
  EXPECT_EQ(format_diagnostics(d, nullptr).substr(format_diagnostics(d, nullptr).rfind("...")),
            "... and 901 more errors (only the first 100 are listed)\n");
}

}  // namespace
}  // namespace orgsim::model
