#include "common/diagnostics.hpp"

namespace orgsim {

std::string SourceLocation::str() const {
  std::string s = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    s += ":" + std::to_string(line);
    if (column > 0) s += ":" + std::to_string(column);
  }
  return s;
}

void Diagnostics::error(SourceLocation where, std::string message) {
  add({Severity::kError, std::move(where), std::move(message)});
}

void Diagnostics::warning(SourceLocation where, std::string message) {
  add({Severity::kWarning, std::move(where), std::move(message)});
}

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::kError) {
    if (listed_errors_ >= kMaxListedErrors) {
      ++unlisted_errors_;
      return;
    }
    ++listed_errors_;
  }
  items_.push_back(std::move(d));
}

void Diagnostics::append(const Diagnostics& other) {
  for (const Diagnostic& d : other.items_) add(d);
  unlisted_errors_ += other.unlisted_errors_;
}

}  // namespace orgsim
