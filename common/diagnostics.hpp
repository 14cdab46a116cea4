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

/// Collects every problem found in a pass, so a user sees all of them at once, up to
/// kMaxListedErrors errors: later ones are only counted, so an input with 100,000 bad
/// lines costs no more memory or terminal than one with 100. Warnings are not capped
/// here (their producers cap them by kind).
class Diagnostics {
 public:
  static constexpr std::size_t kMaxListedErrors = 100;

  void error(SourceLocation where, std::string message);
  void warning(SourceLocation where, std::string message);
  void add(Diagnostic d);
  void append(const Diagnostics& other);
  /// Counts `n` more errors that were found but not kept (a reader with a cap of its own).
  void count_unlisted(std::size_t n) { unlisted_errors_ += n; }

  const std::vector<Diagnostic>& items() const { return items_; }
  /// Every error found, listed or not.
  std::size_t error_count() const { return listed_errors_ + unlisted_errors_; }
  std::size_t warning_count() const { return items_.size() - listed_errors_; }
  /// Errors found beyond kMaxListedErrors: counted, not in items().
  std::size_t unlisted_errors() const { return unlisted_errors_; }
  bool has_errors() const { return error_count() > 0; }

 private:
  std::vector<Diagnostic> items_;
  std::size_t listed_errors_ = 0;
  std::size_t unlisted_errors_ = 0;
};

}  // namespace orgsim
