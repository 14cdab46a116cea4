#pragma once
// Problems found in input files, each tied to a place in a file.

#include <cstddef>
#include <string>
#include <vector>

namespace orgsim {

/// A place in an input file. Lines and columns are 1-based; 0 means "unknown"
/// (a whole-file problem, or an entity that was generated rather than read).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  /// "file:line:col", "file:line" or "file", depending on what is known.
  std::string str() const;
};

/// A position inside one file, kept per role and dependency (8 bytes rather than a
/// full SourceLocation, so a million-role model does not carry a million file names).
struct TextPos {
  int line = 0;
  int column = 0;
};

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  SourceLocation where;
  std::string message;
};

/// Collects every problem found in a pass, so a user sees all of them at once.
class Diagnostics {
 public:
  void error(SourceLocation where, std::string message);
  void warning(SourceLocation where, std::string message);
  void add(Diagnostic d);
  void append(const Diagnostics& other);

  const std::vector<Diagnostic>& items() const { return items_; }
  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace orgsim
