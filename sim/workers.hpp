#pragma once
// The one place sim/ starts threads (rank --exact and Monte Carlo). The WebAssembly
// engine (wasm/) is built by emscripten 3.1.6, whose libc++ has no std::jthread, and a
// page without SharedArrayBuffer has no threads at all: there the work runs on the
// calling thread alone. Callers write their work so that its results do not depend on
// how many copies run (a shared counter hands out the items), so both builds agree.

#include <cstddef>
#include <functional>

namespace orgsim::sim {

/// Worker threads a `jobs` option asks for: `jobs`, or one per hardware thread for 0,
/// at most `items` (and at least 1). Always 1 in the WebAssembly build.
unsigned worker_count(unsigned jobs, std::size_t items);

/// Runs `work` `count` times at once, one of them on the calling thread, and returns
/// when all have returned. count <= 1 (and every count in the WebAssembly build) calls
/// `work` once on the calling thread and starts no thread. `work` must not throw: each
/// copy keeps its own failure for the caller to rethrow (std::terminate otherwise).
void run_workers(unsigned count, const std::function<void()>& work);

}  // namespace orgsim::sim
