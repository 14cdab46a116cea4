#pragma once
// What a run of a front end ends with: the process exit codes of `orgsim`, also
// returned by app functions that finish with partial success (run_batch).

namespace orgsim::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;  ///< a bug or an environment fault (disk full)
inline constexpr int kExitInput = 2;     ///< bad input file or option

}  // namespace orgsim::app
