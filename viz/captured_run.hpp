#pragma once
// Runs a piece of work with everything it writes to stderr (file descriptor 2)
// captured, either in this process or in a forked child that may crash or hang
// without taking the caller down. The renderer runs Graphviz this way: Graphviz
// 2.42 prints some messages straight to stderr and can abort or loop forever on
// some inputs.

#include <functional>
#include <string>

namespace orgsim::viz {

struct CapturedRun {
  bool ok = false;       ///< the work returned true
  std::string output;    ///< what the work put in its `out` argument
  std::string messages;  ///< everything written to stderr meanwhile
};

struct RunLimits {
  /// Fork a child for the work (copy-on-write; the child exits with _exit).
  bool isolate = true;
  /// With isolate: kill the child after this many seconds.
  int timeout_seconds = 120;
};

/// Runs `work(out)`. Isolated, a child that dies from a signal or runs out of
/// time throws orgsim::Error ("Graphviz crashed (Aborted) ..." / "... did not
/// finish within 120 s ..."), naming `what` (e.g. "drawing the picture as png").
/// In process, fd 2 is redirected to a temporary file for the duration and an
/// exception from `work` propagates after stderr is restored.
/// Not thread-safe: redirects the process's stderr. Call under a lock.
CapturedRun run_captured(const std::function<bool(std::string& out)>& work, const RunLimits& limits,
                         const std::string& what);

}  // namespace orgsim::viz
