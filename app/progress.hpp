#pragma once
// The progress line of `orgsim batch` on stderr: redrawn in place on a terminal,
// a plain line every few seconds otherwise (logs of cluster jobs).

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>

namespace orgsim::app {

enum class ProgressMode {
  kOff,       ///< --quiet
  kTerminal,  ///< one line redrawn with '\r'
  kLines,     ///< a new line every `interval_s`
};

/// "batch: 1200/10000 done, 2 errors, 850/s, ETA 10 s".
std::string progress_line(std::size_t done, std::size_t total, std::size_t errors,
                          double elapsed_s);

/// Counts finished scenarios and prints the progress line. Not thread-safe: the
/// caller serializes calls.
class BatchProgress {
 public:
  /// `clock` returns seconds (any origin).
  BatchProgress(std::ostream& err, ProgressMode mode, std::size_t total, double interval_s,
                std::function<double()> clock);
  /// One more scenario finished.
  void done(bool ok);
  /// Prints the closing line: "batch: 30/30 done, 1 error, in 0.2 s".
  void finish();

 private:
  void print(const std::string& line);

  std::ostream& err_;
  ProgressMode mode_;
  std::size_t total_;
  double interval_s_;
  std::function<double()> clock_;
  double start_ = 0.0;
  double last_print_ = 0.0;
  std::size_t done_ = 0;
  std::size_t errors_ = 0;
};

}  // namespace orgsim::app
