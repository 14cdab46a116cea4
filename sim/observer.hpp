#pragma once
// Progress reporting seam: the CLI shows progress on long runs, tests count calls.

namespace orgsim::sim {

struct Observer {
  virtual ~Observer() = default;
  /// Called after state `step` (1..total) has been computed.
  virtual void on_step(int step, int total) = 0;
};

}  // namespace orgsim::sim
