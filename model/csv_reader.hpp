#pragma once
// An RFC 4180 record reader over text already in memory: comma-separated fields,
// double-quoted fields that may hold commas, line breaks and doubled quotes, LF or
// CRLF line ends, an optional UTF-8 byte-order mark. Fields are views into the text;
// nothing is allocated per record except for fields with doubled quotes.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.hpp"

namespace orgsim::model {

/// One field of a record, as written: `raw` is the text between the commas, or
/// between the quotes of a quoted field (with its doubled quotes still doubled).
struct CsvField {
  std::string_view raw;
  TextPos where;        ///< the field's first character (its opening quote if quoted)
  bool quoted = false;  ///< `raw` may hold doubled quotes ("")
};

/// A syntax error in a record: `where` points at the offending character.
struct CsvSyntaxError {
  TextPos where;
  std::string message;
};

class CsvReader {
 public:
  /// `text` must outlive the reader. A leading UTF-8 byte-order mark is skipped.
  explicit CsvReader(std::string_view text);

  enum class Status { kRecord, kEnd, kError };

  /// Reads the next record into `fields` (reused, so there are no per-record
  /// allocations once it has grown). Lines that are entirely empty are skipped.
  /// kError: error() says what; the rest of that line was skipped, so the caller may
  /// go on reading (after an unclosed quote there is nothing left to read).
  /// Time complexity: O(length of the record).
  Status next(std::vector<CsvField>& fields);

  /// Line of the record next() last returned (where it starts), 1-based.
  int line() const { return record_line_; }
  /// The text of the record next() last returned (kRecord), as written: from its first
  /// byte through its line end, "\n" or "\r\n"; no line end if the text ended first.
  std::string_view record_text() const { return text_.substr(record_start_, at_ - record_start_); }
  const CsvSyntaxError& error() const { return error_; }

  /// The value of `field`: a view of the text, or (when it holds doubled quotes) of
  /// `scratch`, which then holds the unescaped copy.
  static std::string_view value(const CsvField& field, std::string& scratch);

 private:
  TextPos pos(std::size_t offset) const {
    return {line_, static_cast<int>(offset - line_start_) + 1};
  }
  Status fail(std::size_t offset, std::string message);
  void skip_line();

  std::string_view text_;
  std::size_t at_ = 0;          // next unread byte
  std::size_t line_start_ = 0;  // offset of the current line's first byte
  int line_ = 1;
  int record_line_ = 0;
  std::size_t record_start_ = 0;  // offset of the first byte of that record
  CsvSyntaxError error_;
};

}  // namespace orgsim::model
