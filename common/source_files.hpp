#pragma once
// The text of the files a scenario was read from, kept so that an error can quote
// the offending line with a caret under the column.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.hpp"

namespace orgsim {

class SourceFiles {
 public:
  void add(std::string path, std::string text);
  /// Line `line` (1-based) of `path`, without its line ending; nullopt if unknown.
  /// Time complexity: O(log files) (line starts are indexed when a file is added).
  std::optional<std::string_view> line(const std::string& path, int line) const;
  /// The whole text of `path` as read, or nullptr if it is not known.
  const std::string* text(const std::string& path) const;

 private:
  struct Text {
    std::string text;
    std::vector<std::size_t> line_starts;  // offset of each line's first byte
  };
  std::map<std::string, Text> texts_;
};

/// "file:line:col: error: message", then the quoted line and a caret when the
/// text is known. `sources` may be null.
std::string format_diagnostic(const Diagnostic& d, const SourceFiles* sources);

/// Every diagnostic, one after another, each ending in a newline.
std::string format_diagnostics(const Diagnostics& ds, const SourceFiles* sources);

}  // namespace orgsim
