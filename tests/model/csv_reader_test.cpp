#include "model/csv_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace orgsim::model {
namespace {

TEST(CsvReaderTest, RecordTextIsTheRecordAsWrittenWithItsLineEnd) {
  const std::string text =
      "\xEF\xBB\xBF"
      "a,b\r\n\n\"x\ny\",\"q\"\"\"\nlast";
  CsvReader reader(text);
  std::vector<CsvField> fields;
  std::string scratch;
  ASSERT_EQ(reader.next(fields), CsvReader::Status::kRecord);
  EXPECT_EQ(reader.record_text(), "a,b\r\n");  // the byte-order mark is not part of it
  ASSERT_EQ(reader.next(fields), CsvReader::Status::kRecord);
  // The empty line before it is skipped; a quoted line break stays inside the record.
  EXPECT_EQ(reader.record_text(), "\"x\ny\",\"q\"\"\"\n");
  EXPECT_EQ(reader.line(), 3);
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(CsvReader::value(fields[0], scratch), "x\ny");
  EXPECT_EQ(CsvReader::value(fields[1], scratch), "q\"");
  ASSERT_EQ(reader.next(fields), CsvReader::Status::kRecord);
  EXPECT_EQ(reader.record_text(), "last");  // the text ended before a line end
  EXPECT_EQ(reader.next(fields), CsvReader::Status::kEnd);
}

TEST(CsvReaderTest, AnOpenQuoteAtTheEndIsAnError) {
  CsvReader reader("a\n\"cut sh");
  std::vector<CsvField> fields;
  ASSERT_EQ(reader.next(fields), CsvReader::Status::kRecord);
  ASSERT_EQ(reader.next(fields), CsvReader::Status::kError);
  EXPECT_EQ(reader.error().message, "quoted field is not closed (a '\"' is missing)");
  EXPECT_EQ(reader.next(fields), CsvReader::Status::kEnd);
}

}  // namespace
}  // namespace orgsim::model
