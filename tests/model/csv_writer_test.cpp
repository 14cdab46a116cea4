#include "model/csv_writer.hpp"

#include <gtest/gtest.h>

#include <string>

namespace orgsim::model {
namespace {

TEST(CsvWriterTest, CsvFieldQuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\r"), "\"cr\r\"");
  // A spreadsheet may trim unquoted spaces at either end.
  EXPECT_EQ(csv_field(" lead"), "\" lead\"");
  EXPECT_EQ(csv_field("trail "), "\"trail \"");
  EXPECT_EQ(csv_field("in side"), "in side");
}

TEST(CsvWriterTest, AppendCsvFieldAppends) {
  std::string out = "id,";
  append_csv_field(out, "x,y");
  EXPECT_EQ(out, "id,\"x,y\"");
}

}  // namespace
}  // namespace orgsim::model
