#include "sim/workers.hpp"

#include <algorithm>
#include <cstddef>

#ifndef __EMSCRIPTEN__
#include <thread>
#include <vector>
#endif

namespace orgsim::sim {

#ifdef __EMSCRIPTEN__

unsigned worker_count(unsigned, std::size_t) { return 1; }

void run_workers(unsigned, const std::function<void()>& work) { work(); }

#else

unsigned worker_count(unsigned jobs, std::size_t items) {
  const unsigned wanted = jobs != 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(wanted, items)));
}

void run_workers(unsigned count, const std::function<void()>& work) {
  std::vector<std::jthread> pool;
  pool.reserve(count > 1 ? count - 1 : 0);
  for (unsigned t = 1; t < count; ++t) pool.emplace_back(work);
  work();
}  // the jthreads join here

#endif

}  // namespace orgsim::sim
