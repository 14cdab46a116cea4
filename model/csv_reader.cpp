#include "model/csv_reader.hpp"

namespace orgsim::model {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.starts_with(kByteOrderMark)) {
    // Columns count from the first character after the mark, which shows as nothing.
    at_ = kByteOrderMark.size();
    line_start_ = at_;
  }
}

CsvReader::Status CsvReader::fail(std::size_t offset, std::string message) {
  error_ = {pos(offset), std::move(message)};
  skip_line();
  return Status::kError;
}

void CsvReader::skip_line() {
  while (at_ < text_.size() && text_[at_] != '\n') ++at_;
  if (at_ < text_.size()) {
    ++at_;
    ++line_;
    line_start_ = at_;
  }
}

CsvReader::Status CsvReader::next(std::vector<CsvField>& fields) {
  fields.clear();
  const std::size_t size = text_.size();
  const char* s = text_.data();
  // Empty lines (LF or CRLF) between records are skipped.
  while (at_ < size &&
         (s[at_] == '\n' || (s[at_] == '\r' && at_ + 1 < size && s[at_ + 1] == '\n'))) {
    at_ += s[at_] == '\r' ? 2 : 1;
    ++line_;
    line_start_ = at_;
  }
  if (at_ >= size) return Status::kEnd;
  record_line_ = line_;
  record_start_ = at_;
  while (true) {
    CsvField field;
    field.where = pos(at_);
    if (at_ < size && s[at_] == '"') {
      field.quoted = true;
      std::size_t begin = ++at_;
      while (true) {
        if (at_ >= size) {
          // Reported at the opening quote; the rest of the file was inside it.
          error_ = {field.where, "quoted field is not closed (a '\"' is missing)"};
          at_ = size;
          return Status::kError;
        }
        char c = s[at_];
        if (c == '"') {
          if (at_ + 1 < size && s[at_ + 1] == '"') {
            at_ += 2;
            continue;
          }
          break;
        }
        if (c == '\n') {
          ++line_;
          line_start_ = at_ + 1;
        }
        ++at_;
      }
      field.raw = text_.substr(begin, at_ - begin);
      ++at_;  // the closing quote
      if (at_ < size && s[at_] != ',' && s[at_] != '\n' &&
          !(s[at_] == '\r' && at_ + 1 < size && s[at_ + 1] == '\n') &&
          !(s[at_] == '\r' && at_ + 1 == size)) {
        return fail(at_,
                    "unexpected character after a closing quote; a '\"' inside a quoted "
                    "field is written twice (\"\")");
      }
    } else {
      std::size_t begin = at_;
      while (at_ < size) {
        char c = s[at_];
        if (c == ',' || c == '\n') break;
        if (c == '\r' && (at_ + 1 == size || s[at_ + 1] == '\n')) break;
        if (c == '"') {
          return fail(at_,
                      "a '\"' inside an unquoted field; quote the whole field and write "
                      "the '\"' twice (\"\")");
        }
        ++at_;
      }
      field.raw = text_.substr(begin, at_ - begin);
    }
    fields.push_back(field);
    if (at_ >= size) return Status::kRecord;
    char c = s[at_];
    if (c == ',') {
      ++at_;
      continue;
    }
    // End of line: LF, CRLF, or a CR that ends the file.
    at_ += c == '\r' ? 2 : 1;
    if (at_ > size) at_ = size;
    ++line_;
    line_start_ = at_;
    return Status::kRecord;
  }
}

std::string_view CsvReader::value(const CsvField& field, std::string& scratch) {
  if (!field.quoted || field.raw.find('"') == std::string_view::npos) return field.raw;
  scratch.clear();
  for (std::size_t i = 0; i < field.raw.size(); ++i) {
    scratch += field.raw[i];
    if (field.raw[i] == '"') ++i;  // the second of a doubled quote
  }
  return scratch;
}

}  // namespace orgsim::model
